#include "viz/model/profile.h"

#include <algorithm>

namespace tela::viz {

void compute_step_profile(const Problem& problem, const std::vector<SectionSpan>& spans,
                          const std::vector<Offset>& offsets, size_t sections,
                          StepProfile& out) {
  out.skyline.assign(sections, 0);
  out.placed_load.assign(sections + 1, 0);
  // Loads add up, so a difference array does them in O(n + sections); the skyline is a
  // maximum and needs each buffer's span.
  for (size_t b = 0; b < problem.buffers.size(); ++b) {
    if (offsets[b] == kUnplaced) continue;
    const Size size = problem.buffers[b].size;
    const SectionSpan s = spans[b];
    out.placed_load[size_t(s.first)] += size;
    out.placed_load[size_t(s.last)] -= size;
    const Size top = offsets[b] + size;
    for (int32_t i = s.first; i < s.last; ++i) out.skyline[size_t(i)] = std::max(out.skyline[size_t(i)], top);
  }
  for (size_t i = 1; i <= sections; ++i) out.placed_load[i] += out.placed_load[i - 1];
  out.placed_load.resize(sections);
}

}  // namespace tela::viz
