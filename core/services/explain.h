// Why a problem does not fit: a minimal infeasible subset of its buffers (no allocation holds
// them all at the capacity, but removing any one of them lets the rest fit), found with a
// deletion filter over the exact search, and the times where they collide.
#pragma once

#include <string>
#include <vector>

#include "analysis/sections.h"
#include "services/registry.h"

namespace tela {

struct Explanation {
  Status status = Status::kNotFound;  // kInfeasible: `buffers` cannot fit together;
                                      // kSolved: the whole problem fits (see `solution`);
                                      // kTimeout/kCancelled: undecided
  std::vector<BufferIndex> buffers;   // the subset, in problem order
  bool minimal = false;               // each one-removed subset was shown to fit
  std::vector<Section> collisions;    // the times two or more of them are live, with their load
  Solution solution;                  // kSolved: an allocation of the whole problem
  std::string detail;                 // plain words: the proof, or why it stopped
};

Explanation explain(const Problem& problem, const SolveOptions& options);

}  // namespace tela
