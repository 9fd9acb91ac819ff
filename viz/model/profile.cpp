#include "viz/model/profile.h"

#include <algorithm>
#include <cmath>

namespace tela::viz {

void compute_step_profile(const Problem& problem, const std::vector<SectionSpan>& spans,
                          const std::vector<Offset>& offsets, size_t sections,
                          StepProfile& out) {
  out.placed_load.assign(sections + 1, 0);
  // Loads add up, so a difference array does them in O(n + sections).
  for (size_t b = 0; b < problem.buffers.size(); ++b) {
    if (offsets[b] == kUnplaced) continue;
    const Size size = problem.buffers[b].size;
    out.placed_load[size_t(spans[b].first)] += size;
    out.placed_load[size_t(spans[b].last)] -= size;
  }
  for (size_t i = 1; i <= sections; ++i) out.placed_load[i] += out.placed_load[i - 1];
  out.placed_load.resize(sections);
}

std::vector<double> skyline_columns(const TimeIndex& index, const std::vector<Offset>& offsets,
                                    double time_lower, double time_upper, double width,
                                    double busy_lower, double busy_upper) {
  const int columns = std::max(1, int(width));
  std::vector<double> sky(size_t(columns), -1.0);
  const double per_time = std::max(width, 1.0) / std::max(time_upper - time_lower, 1e-300);
  // The columns [first, last] that times [lower, upper) touch, clamped to the view.
  const auto span = [&](double lower, double upper, int& first, int& last) {
    const double x0 = (lower - time_lower) * per_time, x1 = (upper - time_lower) * per_time;
    first = int(std::clamp(std::floor(x0), 0.0, double(columns - 1)));
    last = int(std::clamp(std::ceil(x1) - 1, double(first), double(columns - 1)));
  };
  if (busy_upper > time_lower && busy_lower < time_upper) {
    int first = 0, last = 0;
    span(std::max(busy_lower, time_lower), std::min(busy_upper, time_upper), first, last);
    std::fill(sky.begin() + first, sky.begin() + last + 1, 0.0);
  }
  for_each_live_between(index, time_lower, time_upper, [&](const TimeIndex::Entry& b) {
    const Offset at = offsets[size_t(b.buffer)];
    if (at == kUnplaced) return;
    int first = 0, last = 0;
    span(double(b.lower), double(b.upper), first, last);
    const double top = double(at + b.size);
    for (int c = first; c <= last; ++c) sky[size_t(c)] = std::max(sky[size_t(c)], top);
  });
  return sky;
}

}  // namespace tela::viz
