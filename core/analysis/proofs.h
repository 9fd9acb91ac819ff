// Quick proofs that a problem has no allocation at its capacity.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/sections.h"
#include "model/problem.h"

namespace tela {

// A reason in plain words when the problem is certainly infeasible: the load at some time
// exceeds the capacity, a buffer is larger than the capacity, or two pre-placed buffers
// collide. nullopt means none of these holds (which is no proof of feasibility).
std::optional<std::string> prove_infeasible(const Problem& problem);
// The same, reusing the problem's sections when the caller has them.
std::optional<std::string> prove_infeasible(const Problem& problem,
                                            const std::vector<Section>& sections);

}  // namespace tela
