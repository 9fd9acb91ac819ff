// Phases: groups of buffers that never interact. A phase boundary is a time that no buffer's
// live range crosses, so placements on one side never constrain the other, and an allocator
// can solve the groups one after the other.
#pragma once

#include <vector>

#include "analysis/sections.h"
#include "model/problem.h"

namespace tela {

struct Phase {
  TimeValue lower = 0, upper = 0;    // the time the phase covers
  std::vector<BufferIndex> buffers;  // in problem order
};

// Phases in time order; every buffer is in exactly one.
std::vector<Phase> compute_phases(const Problem& problem, const std::vector<Section>& sections,
                                  const std::vector<SectionSpan>& spans);

}  // namespace tela
