// Best-fit, as XLA's heap simulator does it: walk the buffers in order of start time, as a
// program would allocate them, freeing those that have ended, and put each one into the
// smallest free gap that holds it (lowest address on ties), or on top of the heap when no gap
// does. O(n log n). No backtracking: it fails when its peak exceeds the capacity.
#pragma once

#include "model/run.h"

namespace tela {

SolveResult best_fit(const Problem& problem, const SolveOptions& options);

}  // namespace tela
