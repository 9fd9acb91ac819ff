// TelaMalloc (Maas, Beaugnon, Chauhan, Ilbeyi, ASPLOS 2023): a contention heuristic choosing
// which buffer to place next, in lock step with a solver that propagates each placement
// (core/skyline.h), with minor and major backtracking.
//
//  - Heuristic: contention at a time is the total size of the buffers still to place there.
//    The next buffer comes from the most contended section (then the larger, then the
//    longer-lived); buffers that took part in major backtracks go first. Each is placed at the
//    lowest offset its domain and the skyline allow.
//  - Minor backtrack: a placement that leads to a conflict is undone and the next candidate
//    at that level is tried; a level with no candidate left undoes the one before it.
//  - Major backtrack: after too many minor backtracks without progress, the search jumps back
//    to the earliest placement the latest conflict's explanation names, and the buffers in that
//    explanation are prioritised on the next descent.
//  - Phases: groups of buffers that never interact are solved one after another.
//  - Rounds: major backtracks skip parts of the search, so when their budget is spent the
//    search restarts without them, as a complete search, for as many placements as the round
//    before took; then again with major backtracks (twice the budget), and so on. Only a
//    complete round can prove infeasibility.
//  - Thorough levels, from the first complete round on: stronger inference before each choice
//    (sections against the lowest offset their buffers can take, dominance, one order of
//    buffers at the same offset; core/section_inference.h) and ties broken by life, then by
//    size, in alternate rounds. Problems solved within the first round never pay for them.
#pragma once

#include "model/run.h"

namespace tela {

SolveResult telamalloc(const Problem& problem, const SolveOptions& options);

}  // namespace tela
