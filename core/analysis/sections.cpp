#include "analysis/sections.h"

#include <algorithm>

namespace tela {
namespace {

// A change of the load at a time: +size when a buffer starts, -size when it ends.
struct LoadStep {
  TimeValue time;
  Size delta;
  int32_t count;  // +1 or -1
};

// Sorted by time, without an order among steps at the same time (callers group them). Starts
// and ends are sorted apart and merged: problems usually list buffers by start, so the starts
// need no sort, which halves the work on a million buffers.
std::vector<LoadStep> load_steps(const Problem& problem, const std::vector<BufferIndex>& only) {
  std::vector<LoadStep> starts, ends;
  starts.reserve(only.size());
  ends.reserve(only.size());
  for (BufferIndex i : only) {
    const Buffer& b = problem.buffers[size_t(i)];
    starts.push_back({b.lower, b.size, 1});
    ends.push_back({b.upper, -b.size, -1});
  }
  const auto earlier = [](const LoadStep& a, const LoadStep& b) { return a.time < b.time; };
  for (std::vector<LoadStep>* v : {&starts, &ends})
    if (!std::is_sorted(v->begin(), v->end(), earlier)) std::sort(v->begin(), v->end(), earlier);
  std::vector<LoadStep> steps(only.size() * 2);
  std::merge(starts.begin(), starts.end(), ends.begin(), ends.end(), steps.begin(), earlier);
  return steps;
}

// Sections from the steps counted per time, when the times span little more than there are
// buffers (compiler traces: one step per op): no sort, one pass over the buffers and one over
// the times. The same sections as from sorted steps; empty when the span is too wide.
std::vector<Section> sections_by_time(const Problem& problem, const std::vector<BufferIndex>& only) {
  std::vector<Section> sections;
  if (only.empty()) return sections;
  TimeValue first = problem.buffers[size_t(only[0])].lower, last = first;
  for (BufferIndex i : only) {
    first = std::min(first, problem.buffers[size_t(i)].lower);
    last = std::max(last, problem.buffers[size_t(i)].upper);
  }
  // (Spans up to 2^63 must not overflow: compared as unsigned.)
  const uint64_t span = uint64_t(last) - uint64_t(first) + 1;
  if (span > 2 * uint64_t(only.size()) + 1024) return sections;
  struct Change {
    Size delta = 0;
    int32_t count = 0;
    bool step = false;  // a start or an end is here (their deltas may cancel)
  };
  std::vector<Change> at(static_cast<size_t>(span));
  for (BufferIndex i : only) {
    const Buffer& b = problem.buffers[size_t(i)];
    Change& start = at[size_t(b.lower - first)];
    start.delta += b.size, start.count += 1, start.step = true;
    Change& end = at[size_t(b.upper - first)];
    end.delta -= b.size, end.count -= 1, end.step = true;
  }
  Size load = 0;
  int32_t live = 0;
  size_t open = 0;  // the time the current section starts at
  for (size_t t = 0; t < at.size(); ++t) {
    if (!at[t].step) continue;
    if (live > 0) sections.push_back({first + TimeValue(open), first + TimeValue(t), load, live});
    load += at[t].delta;
    live += at[t].count;
    open = t;
  }
  return sections;
}

}  // namespace

std::vector<Section> compute_sections(const Problem& problem, const std::vector<BufferIndex>& only) {
  if (std::vector<Section> sections = sections_by_time(problem, only); !sections.empty())
    return sections;  // (empty only when the span is too wide: any buffer makes a section)
  const std::vector<LoadStep> steps = load_steps(problem, only);
  std::vector<Section> sections;
  Size load = 0;
  int32_t live = 0;
  for (size_t i = 0; i < steps.size();) {
    const TimeValue time = steps[i].time;
    for (; i < steps.size() && steps[i].time == time; ++i) {
      load += steps[i].delta;
      live += steps[i].count;
    }
    if (live > 0 && i < steps.size()) sections.push_back({time, steps[i].time, load, live});
  }
  return sections;
}

std::vector<Section> compute_sections(const Problem& problem) {
  return compute_sections(problem, all_buffers(problem));
}

std::vector<SectionSpan> compute_section_spans(const Problem& problem,
                                               const std::vector<Section>& sections) {
  std::vector<SectionSpan> spans;
  spans.reserve(problem.buffers.size());
  auto first_ending_after = [&](TimeValue t) {
    return int32_t(std::upper_bound(sections.begin(), sections.end(), t,
                                    [](TimeValue v, const Section& s) { return v < s.upper; }) -
                   sections.begin());
  };
  for (const Buffer& b : problem.buffers)
    spans.push_back({first_ending_after(b.lower), first_ending_after(b.upper - 1)});
  for (SectionSpan& s : spans) s.last = std::max(s.last + 1, s.first + 1);
  return spans;
}

Size lower_bound(const std::vector<Section>& sections) {
  Size best = 0;
  for (const Section& s : sections) best = std::max(best, s.load);
  return best;
}

ProblemStats compute_stats(const Problem& problem) {
  ProblemStats stats;
  stats.buffers = problem.buffers.size();
  const std::vector<Section> sections = compute_sections(problem);
  stats.sections = sections.size();
  for (const Section& s : sections)
    if (s.load > stats.lower_bound || stats.peak_live == 0) {
      stats.lower_bound = s.load;
      stats.peak_time = s.lower;
      stats.peak_live = s.live;
    }
  for (size_t i = 0; i < problem.buffers.size(); ++i) {
    const Buffer& b = problem.buffers[i];
    if (i == 0 || b.lower < stats.time_lower) stats.time_lower = b.lower;
    if (i == 0 || b.upper > stats.time_upper) stats.time_upper = b.upper;
    if (stats.largest < 0 || b.size > problem.buffers[size_t(stats.largest)].size)
      stats.largest = BufferIndex(i);
    const Buffer* longest = stats.longest < 0 ? nullptr : &problem.buffers[size_t(stats.longest)];
    if (!longest || lifetime(b) > lifetime(*longest)) stats.longest = BufferIndex(i);
    stats.total_size += b.size;
    stats.fixed += b.fixed_offset.has_value();
  }
  return stats;
}

}  // namespace tela
