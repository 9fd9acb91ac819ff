// What the canvas draws besides the blocks: the placed load per section (the contention plot
// under the canvas), and the skyline (the top of what is placed) per pixel column of a view.
#pragma once

#include <vector>

#include "analysis/sections.h"
#include "viz/model/time_index.h"

namespace tela::viz {

struct StepProfile {
  std::vector<Size> placed_load;  // per section: bytes of placed buffers live there
};

// Recomputed when the step changes: O(buffers + sections).
void compute_step_profile(const Problem& problem, const std::vector<SectionSpan>& spans,
                          const std::vector<Offset>& offsets, size_t sections,
                          StepProfile& out);

// The skyline at a view's resolution: [time_lower, time_upper) drawn `width` pixels wide (a
// fraction of a pixel is possible in the page), one column per whole pixel, each the highest
// top (offset + size) among the placed buffers live in it; 0 where none is but the time is
// within [busy_lower, busy_upper) (the problem's times), -1 outside.
// Only the buffers live in the view are visited (O(those + the columns they cover)), so a
// step or a view costs what is on screen, not the sum of every life's sections.
std::vector<double> skyline_columns(const TimeIndex& index, const std::vector<Offset>& offsets,
                                    double time_lower, double time_upper, double width,
                                    double busy_lower, double busy_upper);

}  // namespace tela::viz
