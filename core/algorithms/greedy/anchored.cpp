#include "algorithms/greedy/anchored.h"

#include <algorithm>
#include <limits>
#include <span>

#include "algorithms/best_fit/best_fit.h"
#include "algorithms/greedy/greedy.h"
#include "algorithms/greedy/segment_sweeps.h"
#include "analysis/sections.h"
#include "io/csv.h"  // kMaxValue
#include "model/checked_math.h"
#include "model/deadline.h"  // now_seconds

namespace tela {
namespace {

// auto's stage runs four rounds of each order up to this many buffers, one beyond (each round
// is a greedy run: ~0.1 s at 10^5 buffers, ~2 s at 10^6).
constexpr size_t kFourRoundsUpTo = 200000;

constexpr double kNoEnd = std::numeric_limits<double>::infinity();  // no time limit (as sweep_segments takes it)

// The pre-placed buffers live at some time one of `stack` is, by offset.
std::vector<BufferIndex> fixed_beside(const Problem& problem, const std::vector<BufferIndex>& stack) {
  TimeValue lower = problem.buffers[size_t(stack[0])].lower, upper = problem.buffers[size_t(stack[0])].upper;
  for (BufferIndex i : stack) {
    lower = std::min(lower, problem.buffers[size_t(i)].lower);
    upper = std::max(upper, problem.buffers[size_t(i)].upper);
  }
  std::vector<BufferIndex> fixed;
  for (size_t i = 0; i < problem.buffers.size(); ++i) {
    const Buffer& b = problem.buffers[i];
    if (b.fixed_offset && b.size > 0 && b.lower < upper && lower < b.upper) fixed.push_back(BufferIndex(i));
  }
  std::sort(fixed.begin(), fixed.end(), [&](BufferIndex a, BufferIndex b) {
    return *problem.buffers[size_t(a)].fixed_offset < *problem.buffers[size_t(b)].fixed_offset;
  });
  return fixed;
}

// The lowest aligned offset from `from` up where `b` meets none of `fixed` (by offset): the
// stack steps over pre-placed buffers live beside its members. nullopt once `b` would reach
// past the largest capacity (2^62): such a stack helps no allocation, and no sum overflows.
std::optional<Offset> lowest_clear_of(const Problem& problem, const std::vector<BufferIndex>& fixed,
                                      const Buffer& b, Offset from) {
  const Offset last = kMaxValue - b.size;  // the highest offset `b` may take (sizes <= 2^62)
  if (from > last) return std::nullopt;
  Offset x = align_up(from, b.alignment);  // <= 2^62 + alignment: no overflow
  for (BufferIndex f : fixed) {
    if (x > last) return std::nullopt;
    const Buffer& other = problem.buffers[size_t(f)];
    const Offset at = *other.fixed_offset;
    if (at >= x + b.size) break;  // by offset: every later one starts above `b` too
    const Offset top = saturating_add(at, other.size);
    if (b.size > 0 && x < top && other.lower < b.upper && b.lower < other.upper) {  // they meet
      if (top > last) return std::nullopt;
      x = align_up(top, b.alignment);
    }
  }
  if (x > last) return std::nullopt;
  return x;
}

// The first time the load is highest among `span`'s sections.
TimeValue busiest_in(const std::vector<Section>& sections, SectionSpan span) {
  int32_t best = span.first;
  for (int32_t i = span.first; i < span.last; ++i)
    if (sections[size_t(i)].load > sections[size_t(best)].load) best = i;
  return sections[size_t(best)].lower;
}

// The buffer reaching highest (the first on ties), -1 if none is placed.
BufferIndex highest(const Problem& problem, const Solution& solution) {
  BufferIndex top = -1;
  Offset reach = -1;
  for (size_t i = 0; i < problem.buffers.size(); ++i) {
    const Offset o = solution.offsets[i];
    if (o != kUnplaced && o + problem.buffers[i].size > reach) reach = o + problem.buffers[i].size, top = BufferIndex(i);
  }
  return top;
}

// Greedy's events with the stacked buffers' placements told as what they are: greedy sees
// them as pre-placed.
struct AnchoredEvents : TraceObserver {
  const Problem& problem;
  TraceObserver* next;
  AnchoredEvents(const Problem& original, TraceObserver* forward_to) : problem(original), next(forward_to) {}
  void on_event(const TraceEvent& event, std::span<const BufferIndex> causes) override {
    if (!next) return;
    TraceEvent e = event;
    if (e.reason == Reason::kFixed && e.buffer >= 0 && !problem.buffers[size_t(e.buffer)].fixed_offset)
      e.reason = Reason::kAnchored;
    next->on_event(e, causes);
  }
};

void sort_stack(const Problem& problem, AnchorOrder order, std::vector<BufferIndex>& stack) {
  const auto key = [&](BufferIndex i) {
    const Buffer& b = problem.buffers[size_t(i)];
    switch (order) {
      case AnchorOrder::kLatestEndFirst: return -b.upper;
      case AnchorOrder::kEarliestStartFirst: return b.lower;
      case AnchorOrder::kLongestFirst: return b.lower - b.upper;
    }
    return TimeValue{0};
  };
  std::stable_sort(stack.begin(), stack.end(), [&](BufferIndex a, BufferIndex b) { return key(a) < key(b); });
}

// Pre-places the buffers live at `time` that are not yet, stacked from 0 in `order` over
// those that are; false when none is left to pin or the stack would pass 2^62. With nothing
// pre-placed beside them, the stack has no gap; else each goes at the lowest offset clear of
// the pre-placed and of those stacked before it, so that later ones fill the holes between
// pre-placed buffers. (Stacking each above the last left those holes empty: on ml 30,000
// --density 200, a second round's stack at time 125 reached 731 MB over a load of 702 MB and
// the rounds after the first never went lower; now it reaches 702 MB and four rounds reach the
// lower bound.)
bool pin_stack_at(Problem& pinned, TimeValue time, AnchorOrder order) {
  std::vector<BufferIndex> stack;
  for (size_t i = 0; i < pinned.buffers.size(); ++i) {
    const Buffer& b = pinned.buffers[i];
    if (b.lower <= time && time < b.upper && !b.fixed_offset) stack.push_back(BufferIndex(i));
  }
  if (stack.empty()) return false;
  sort_stack(pinned, order, stack);
  std::vector<BufferIndex> fixed = fixed_beside(pinned, stack);
  const bool around_pinned = !fixed.empty();
  Offset top = 0;
  for (BufferIndex i : stack) {
    const std::optional<Offset> at = lowest_clear_of(pinned, fixed, pinned.buffers[size_t(i)], around_pinned ? 0 : top);
    if (!at) return false;
    pinned.buffers[size_t(i)].fixed_offset = *at;
    top = saturating_add(*at, pinned.buffers[size_t(i)].size);
    if (around_pinned)
      fixed.insert(std::upper_bound(fixed.begin(), fixed.end(), *at, [&](Offset o, BufferIndex f) {
        return o < *pinned.buffers[size_t(f)].fixed_offset; }), i);
  }
  return true;
}

}  // namespace

const char* name_of(AnchorOrder order) {
  switch (order) {
    case AnchorOrder::kLatestEndFirst: return "latest-end";
    case AnchorOrder::kEarliestStartFirst: return "earliest-start";
    case AnchorOrder::kLongestFirst: return "longest";
  }
  return "?";
}

namespace {

// anchored_greedy's rounds, with the time limit as a time on the options' clock (`end`,
// infinite for none): one clock read a round, so a caller running several orders adds none.
std::optional<SolveResult> anchored_rounds(const Problem& problem, AnchorOrder order, const SolveOptions& options,
                                           int rounds, Size good_enough, double end,
                                           AnchorFill fill = AnchorFill::kGreedy) {
  const std::vector<Section> sections = compute_sections(problem);
  if (sections.empty()) return std::nullopt;
  const std::vector<SectionSpan> spans = compute_section_spans(problem, sections);
  Problem pinned = problem;  // stacks become pre-placed: greedy places them first, as they are
  pinned.capacity = kMaxValue;  // every round places everything; the capacity is judged after
  TimeValue time = busiest_in(sections, {0, int32_t(sections.size())});
  std::optional<SolveResult> best;
  Trace best_trace;
  Status stopped = Status::kSolved;  // kTimeout or kCancelled when a round could not finish
  std::vector<TimeValue> cuts;  // the times stacked so far, in order: every buffer there is pinned
  for (int round = 0; round < rounds && !(best && best->peak <= good_enough); ++round) {
    if (!pin_stack_at(pinned, time, order)) break;
    cuts.insert(std::upper_bound(cuts.begin(), cuts.end(), time), time);
    SolveOptions o = options;
    if (end < kNoEnd) o.timeout_seconds = end - now_seconds(options);
    if (end < kNoEnd && o.timeout_seconds <= 0) {
      stopped = Status::kTimeout;
      if (!best) return SolveResult{.status = stopped, .solution = {std::vector<Offset>(problem.buffers.size(), kUnplaced)},
                                    .peak = 0, .algorithm = "", .detail = "the time ran out", .seconds = 0};
      break;
    }
    Trace trace;  // kept for the caller only if this round is the lowest
    AnchoredEvents relabel(problem, options.observer ? &trace : nullptr);
    o.observer = options.observer ? &relabel : nullptr;
    SolveResult r = fill == AnchorFill::kGreedy ? greedy_by_size(pinned, o) : best_fit(pinned, o);
    if (r.status != Status::kSolved) {  // out of time or cancelled
      stopped = r.status;
      if (!best) return r;
      break;
    }
    const Status swept = sweep_segments(pinned, cuts, options, end, r.solution, options.observer ? &trace : nullptr);
    r.peak = peak_of(problem, r.solution);
    const BufferIndex top = highest(problem, r.solution);
    if (!best || r.peak < best->peak) best = std::move(r), best_trace = std::move(trace);
    if (swept != Status::kSolved) {
      stopped = swept;
      break;
    }
    if (top < 0) break;
    time = busiest_in(sections, spans[size_t(top)]);  // where the peak stands: pin it next
  }
  if (!best) return std::nullopt;
  if (best->peak > problem.capacity) {  // what stopped it, if anything, says more than the peak
    best->status = stopped == Status::kSolved ? Status::kNotFound : stopped;
    best->detail = "its peak " + std::to_string(best->peak) + " exceeds the capacity " + std::to_string(problem.capacity);
  }
  if (options.observer) best_trace.replay_to(*options.observer);
  return best;
}

double end_of(const SolveOptions& options) {
  return options.timeout_seconds > 0 ? now_seconds(options) + options.timeout_seconds : kNoEnd;
}

}  // namespace

std::optional<SolveResult> anchored_greedy(const Problem& problem, AnchorOrder order, const SolveOptions& options,
                                           int rounds, Size good_enough, AnchorFill fill) {
  return anchored_rounds(problem, order, options, rounds, good_enough, end_of(options), fill);
}

SolveResult anchored_greedy_stage(const Problem& problem, const SolveOptions& options) {
  const int rounds = problem.buffers.size() <= kFourRoundsUpTo ? 4 : 1;
  std::optional<SolveResult> best;
  Trace best_trace;  // only the answer's events go on: each order's would overlap the others'
  const double end = end_of(options);  // the orders share the stage's time
  for (AnchorOrder order : kAnchorOrders) {
    Trace trace;
    SolveOptions o = options;
    o.observer = options.observer ? &trace : nullptr;
    std::optional<SolveResult> r = anchored_rounds(problem, order, o, rounds, problem.capacity, end);
    if (!r) continue;
    r->algorithm = std::string("anchored greedy (") + name_of(order) + ")";
    const Status status = r->status;
    if (!best || r->peak < best->peak || status == Status::kTimeout || status == Status::kCancelled)
      best = std::move(r), best_trace = std::move(trace);
    if (status != Status::kNotFound) break;  // it fits, or the time is up, or cancelled
  }
  if (!best) return {.status = Status::kNotFound, .solution = {std::vector<Offset>(problem.buffers.size(), kUnplaced)},
                     .algorithm = "anchored greedy", .detail = "no buffer to stack at the busiest time"};
  if (options.observer) best_trace.replay_to(*options.observer);
  return *best;
}

}  // namespace tela
