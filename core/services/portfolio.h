// `auto`: the algorithms in order of cost, the first valid allocation wins. Best-fit and greedy
// take microseconds and often fit; greedy anchored at the busiest time (algorithms/greedy/
// anchored.h) a few greedy runs; on problems past kExactSettlesUpTo buffers the improvement
// lowers the lowest of them, for a budget of work; TelaMalloc gets a budget of placements (the same on every
// machine, so the answer is too, unless the time limit strikes); the exact search gets the
// rest of the time limit and alone can prove that nothing fits (besides the quick proofs tried
// first). The result names the algorithm that produced it, as "auto (exact)"; the trace is the
// winning algorithm's.
#pragma once

#include "services/registry.h"

namespace tela {

// Up to about this many buffers the exact search may settle a whole problem in the time a run
// gets; past it, `auto` and `minimize` first lower a heuristic's allocation by the
// improvement. (Once the exact search's depth limit; it has none since issue 16, but past this
// its nodes each read thousands of buffers: measured on 10,000-buffer ML and packing files.)
inline constexpr size_t kExactSettlesUpTo = 1200;

// The improvement's work in `auto` when the caller sets none (ImproveParams::work 0), in units
// of ~8,000 buffers looked at: a budget of work, not of time, so that `auto` gives the same
// answer on every machine. Measured with `tela solve --algo auto`: ml 30,000 buffers
// (--density 20 and 200) and a 10,000-piece packing ended their improvement with less.
inline constexpr int64_t kAutoImproveWork = 10000;

SolveResult auto_solve(const Problem& problem, const SolveOptions& options);

}  // namespace tela
