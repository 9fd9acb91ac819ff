#include "analysis/phases.h"

#include <algorithm>

namespace tela {

std::vector<Phase> compute_phases(const Problem& problem, const std::vector<Section>& sections,
                                  const std::vector<SectionSpan>& spans) {
  // Sweep the sections: a new phase starts at section i when every buffer seen so far ends by
  // then. phase_of_section[i] numbers them.
  std::vector<int32_t> reach(sections.size() + 1, 0);  // furthest `last` of spans starting at i
  for (const SectionSpan& s : spans) reach[size_t(s.first)] = std::max(reach[size_t(s.first)], s.last);
  std::vector<int32_t> phase_of_section(sections.size(), 0);
  std::vector<Phase> phases;
  int32_t furthest = 0;
  for (size_t i = 0; i < sections.size(); ++i) {
    if (i == 0 || int32_t(i) >= furthest) {
      phases.push_back({sections[i].lower, sections[i].upper, {}});
    }
    furthest = std::max(furthest, reach[i]);
    phases.back().upper = sections[i].upper;
    phase_of_section[i] = int32_t(phases.size()) - 1;
  }
  for (size_t b = 0; b < problem.buffers.size(); ++b)
    phases[size_t(phase_of_section[size_t(spans[b].first)])].buffers.push_back(BufferIndex(b));
  return phases;
}

}  // namespace tela
