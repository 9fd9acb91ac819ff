// What the canvas draws besides the blocks: per section, the skyline (the top of what is
// placed there) and the placed and total load, for the contention plot under the canvas.
#pragma once

#include <vector>

#include "analysis/sections.h"

namespace tela::viz {

struct StepProfile {
  std::vector<Size> skyline;      // per section: highest address used by a placed buffer
  std::vector<Size> placed_load;  // per section: bytes of placed buffers live there
};

// Recomputed when the step changes: O(sum of the buffers' section spans).
void compute_step_profile(const Problem& problem, const std::vector<SectionSpan>& spans,
                          const std::vector<Offset>& offsets, size_t sections,
                          StepProfile& out);

}  // namespace tela::viz
