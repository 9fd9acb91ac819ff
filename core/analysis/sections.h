// What can be known about a problem before solving it: sections, load, the lower bound.
#pragma once

#include <vector>

#include "model/problem.h"

namespace tela {

// A maximal time interval [lower, upper) over which the set of live buffers does not change.
// Intervals where nothing is live are not sections.
struct Section {
  TimeValue lower = 0;
  TimeValue upper = 0;
  Size load = 0;     // total size of the buffers live in it
  int32_t live = 0;  // how many buffers are live in it
};

// Sections in time order. O(n log n).
std::vector<Section> compute_sections(const Problem& problem);

// The contention profile of some of the buffers (say, those not yet placed): the sections of
// the problem restricted to them, whose loads are TelaMalloc's contention over time.
std::vector<Section> compute_sections(const Problem& problem, const std::vector<BufferIndex>& only);

// The section indices [first, last) each buffer is live in; sections as returned above.
struct SectionSpan {
  int32_t first = 0;
  int32_t last = 0;
};
std::vector<SectionSpan> compute_section_spans(const Problem& problem,
                                               const std::vector<Section>& sections);

// The load at the busiest time: no allocation can have a smaller peak.
Size lower_bound(const std::vector<Section>& sections);

struct ProblemStats {
  size_t buffers = 0;
  TimeValue time_lower = 0, time_upper = 0;  // the span covered by all live ranges
  Size lower_bound = 0;
  TimeValue peak_time = 0;         // first time the load reaches lower_bound
  int32_t peak_live = 0;           // buffers live at that time
  size_t sections = 0;
  BufferIndex largest = -1;        // the largest buffer (first one on ties)
  BufferIndex longest = -1;        // the longest-lived buffer (first one on ties)
  Size total_size = 0;
  size_t fixed = 0;                // pre-placed buffers
};

ProblemStats compute_stats(const Problem& problem);

}  // namespace tela
