// `auto`: the algorithms in order of cost, the first valid allocation wins. Best-fit and greedy
// take microseconds and often fit; greedy anchored at the busiest time (algorithms/greedy/
// anchored.h) a few greedy runs; TelaMalloc gets a budget of placements (the same on every
// machine, so the answer is too, unless the time limit strikes); the exact search gets the
// rest of the time limit and alone can prove that nothing fits (besides the quick proofs tried
// first). The result names the algorithm that produced it, as "auto (exact)"; the trace is the
// winning algorithm's.
#pragma once

#include "services/registry.h"

namespace tela {

SolveResult auto_solve(const Problem& problem, const SolveOptions& options);

}  // namespace tela
