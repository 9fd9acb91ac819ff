// The exact solver: a complete depth-first search in the style of MiniMalloc (Moffitt, ASPLOS
// 2023), with a few rules of its own. It finds an allocation whenever one exists and proves
// infeasibility when its search space is exhausted.
//
//  - Canonical solutions: buffers go in order of offset (ties: in rank order), each at the
//    lowest aligned offset its placed neighbours allow. Any allocation, pushed down as far as it
//    goes, is reached this way, so no offset is ever enumerated.
//  - Section inference: in every section, the lowest offset anything left can take plus the
//    load left must fit the capacity.
//  - Dominance: a buffer is never placed at or above the top some other buffer left would have
//    at its lowest offset (that one could be moved down below it).
//  - Tight spots (beyond MiniMalloc): where the lowest section has no slack, its lowest free
//    byte must be used, so only buffers that sit exactly there may go next; none: a dead end.
//  - Fewest fits (beyond MiniMalloc): on a part with no slack in any section (a perfect
//    packing), a tight spot may instead branch only on the buffers that can fill the lowest
//    free byte of one tight section, the one with the fewest of them (exactly one fills it in
//    any allocation, so the branches share nothing and the bar of ranks stays as it was). The
//    restarts run each ordering both ways, in turn (without restarts: this way only).
//  - Buffers without a hat (beyond MiniMalloc): a buffer that nothing left overlaps in time can
//    go where it is tried in any solution, so when it fails no later choice can succeed.
//  - Interchangeable buffers (same life, size, alignment) go in file order.
//  - Decomposition: when no buffer left crosses some time, the two sides are independent and
//    are solved one after the other; a failure on one side never retries the other.
//  - Nogoods: a part of the problem (buffers left, how high each may start, lowest offset) that
//    was searched to the end without success is remembered, and met again, under any ordering,
//    it fails at once.
//  - Restarts: several static orderings break ties between candidates at the same offset; each
//    runs with a node limit that doubles every round.
//
// Each rule but the first can be switched off (SolveOptions::exact, ExactParams in
// model/run.h), to measure what it buys: `tela bench --ablation`.
#pragma once

#include "model/run.h"

namespace tela {

SolveResult exact(const Problem& problem, const SolveOptions& options);

}  // namespace tela
