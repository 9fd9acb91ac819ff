// Greedy by size, as TFLite's memory planner does it: the largest buffer first (then the
// longest-lived), each at the lowest offset clear of every already-placed buffer live at the
// same time. Pre-placed buffers go first, where they are fixed. No backtracking.
#pragma once

#include "model/run.h"

namespace tela {

SolveResult greedy_by_size(const Problem& problem, const SolveOptions& options);

}  // namespace tela
