#include "algorithms/greedy/segment_sweeps.h"

#include <algorithm>
#include <limits>

#include "algorithms/best_fit/best_fit.h"
#include "io/csv.h"  // kMaxValue
#include "model/deadline.h"  // now_seconds

namespace tela {
namespace {

constexpr int32_t kPinned = -1;

// The segment of each buffer (how many cuts lie before it; no cut lies within its life), or
// kPinned for a pre-placed one.
std::vector<int32_t> segments_of(const Problem& pinned, std::span<const TimeValue> cuts) {
  std::vector<int32_t> segment(pinned.buffers.size(), kPinned);
  for (size_t i = 0; i < pinned.buffers.size(); ++i) {
    const Buffer& b = pinned.buffers[i];
    if (!b.fixed_offset) segment[i] = int32_t(std::lower_bound(cuts.begin(), cuts.end(), b.lower) - cuts.begin());
  }
  return segment;
}

// One segment as a problem of its own: its buffers and the pre-placed ones that may meet them
// (ids left out: nothing reads them). `rows` maps the sub-problem's buffers back to `pinned`'s.
Problem segment_problem(const Problem& pinned, const std::vector<int32_t>& segment, std::span<const TimeValue> cuts,
                        int32_t s, std::vector<BufferIndex>& rows) {
  const TimeValue after = s > 0 ? cuts[size_t(s) - 1] : std::numeric_limits<TimeValue>::min();
  const TimeValue before = size_t(s) < cuts.size() ? cuts[size_t(s)] : std::numeric_limits<TimeValue>::max();
  Problem sub;
  sub.capacity = kMaxValue;
  rows.clear();
  for (size_t i = 0; i < pinned.buffers.size(); ++i) {
    const Buffer& b = pinned.buffers[i];
    const bool beside = segment[i] == kPinned && b.lower < before && b.upper > after;
    if (segment[i] != s && !beside) continue;
    sub.buffers.push_back({.lower = b.lower, .upper = b.upper, .size = b.size, .alignment = b.alignment,
                           .fixed_offset = b.fixed_offset});
    rows.push_back(BufferIndex(i));
  }
  return sub;
}

// Time reversed, so that best-fit's forward sweep walks the segment backward from its right.
void reverse_time(Problem& sub) {
  for (Buffer& b : sub.buffers) std::tie(b.lower, b.upper) = std::pair(-b.upper, -b.lower);  // far from 2^63
}

// The highest address the segment's own buffers reach (the pinned ones are everyone's).
Size segment_peak(const Problem& pinned, const std::vector<int32_t>& segment, int32_t s,
                  std::span<const BufferIndex> rows, const Solution& offsets) {
  Size peak = 0;
  for (size_t r = 0; r < rows.size(); ++r) {
    const size_t i = size_t(rows[r]);
    if (segment[i] == s) peak = std::max(peak, offsets.offsets[r] + pinned.buffers[i].size);
  }
  return peak;
}

struct Won {
  std::vector<BufferIndex> rows;  // sub-problem buffer -> pinned's
  Trace trace;
  bool backward = false;
};

// The sweep's events about the segment's own buffers, in `pinned`'s numbering and time.
void append_sweep(const Won& won, const std::vector<int32_t>& segment, int32_t s, Trace& out) {
  std::vector<BufferIndex> causes;
  for (size_t e = 0; e < won.trace.events.size(); ++e) {
    TraceEvent event = won.trace.events[e];
    if (event.buffer >= 0) {
      event.buffer = won.rows[size_t(event.buffer)];
      if (segment[size_t(event.buffer)] != s) continue;  // pinned: greedy's events told it
    }
    if (won.backward) std::tie(event.time_lower, event.time_upper) = std::pair(-event.time_upper, -event.time_lower);
    causes.clear();
    for (BufferIndex c : won.trace.causes_of(e)) causes.push_back(won.rows[size_t(c)]);
    out.on_event(event, causes);
  }
}

}  // namespace

Status sweep_segments(const Problem& pinned, std::span<const TimeValue> cuts, const SolveOptions& options, double end,
                    Solution& solution, Trace* trace) {
  const std::vector<int32_t> segment = segments_of(pinned, cuts);
  std::vector<Won> won(cuts.size() + 1);
  std::vector<bool> replaced(cuts.size() + 1, false);
  SolveOptions o = options;
  o.progress = {};  // a sweep's counts are of its segment, not of the problem (and it is quick)
  Status stopped = Status::kSolved;  // kTimeout or kCancelled: no sweep starts after that
  for (int32_t s = 0; s <= int32_t(cuts.size()) && stopped == Status::kSolved; ++s) {
    std::vector<BufferIndex> rows;
    Problem sub = segment_problem(pinned, segment, cuts, s, rows);
    if (std::none_of(rows.begin(), rows.end(), [&](BufferIndex i) { return segment[size_t(i)] == s; })) continue;
    Solution greedy{std::vector<Offset>(rows.size())};
    for (size_t r = 0; r < rows.size(); ++r) greedy.offsets[r] = solution.offsets[size_t(rows[r])];
    Size best = segment_peak(pinned, segment, s, rows, greedy);
    for (const bool backward : {false, true}) {
      if (backward ? size_t(s) == cuts.size() : s == 0) continue;  // sweeps start at a stack
      if (end < std::numeric_limits<double>::infinity()) {
        o.timeout_seconds = end - now_seconds(options);
        if (o.timeout_seconds <= 0) stopped = Status::kTimeout;
      }
      if (options.cancel && options.cancel->load()) stopped = Status::kCancelled;
      if (stopped != Status::kSolved) break;
      if (backward) reverse_time(sub);
      Trace events;
      o.observer = trace ? &events : nullptr;
      const SolveResult r = best_fit(sub, o);
      if (r.status == Status::kTimeout || r.status == Status::kCancelled) {
        stopped = r.status;
        break;
      }
      if (r.status != Status::kSolved) continue;  // e.g. sizes near 2^62 overflow: greedy's stays
      const Size peak = segment_peak(pinned, segment, s, rows, r.solution);
      if (peak >= best) continue;
      best = peak;
      replaced[size_t(s)] = true;
      for (size_t k = 0; k < rows.size(); ++k)
        if (segment[size_t(rows[k])] == s) solution.offsets[size_t(rows[k])] = r.solution.offsets[k];
      won[size_t(s)] = {.rows = rows, .trace = std::move(events), .backward = backward};
    }
  }
  if (!trace || std::none_of(replaced.begin(), replaced.end(), [](bool b) { return b; })) return stopped;
  Trace merged;
  for (size_t e = 0; e < trace->events.size(); ++e) {
    const BufferIndex b = trace->events[e].buffer;
    if (b < 0 || segment[size_t(b)] == kPinned || !replaced[size_t(segment[size_t(b)])])
      merged.on_event(trace->events[e], trace->causes_of(e));
  }
  for (int32_t s = 0; s <= int32_t(cuts.size()); ++s)
    if (replaced[size_t(s)]) append_sweep(won[size_t(s)], segment, s, merged);
  *trace = std::move(merged);
  return stopped;
}

}  // namespace tela
