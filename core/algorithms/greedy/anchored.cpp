#include "algorithms/greedy/anchored.h"

#include <algorithm>

#include "algorithms/greedy/greedy.h"
#include "analysis/sections.h"
#include "model/checked_math.h"

namespace tela {
namespace {

// Sizes and alignments stay below 2^62 (io/csv.h), so a stack top below this can take one more.
constexpr Offset kLargestStack = Offset{1} << 62;

// The buffers live at the first time the load is highest, or none if a pre-placed one is.
std::optional<std::vector<BufferIndex>> live_at_busiest(const Problem& problem) {
  const TimeValue busiest = compute_stats(problem).peak_time;
  std::vector<BufferIndex> live;
  for (size_t i = 0; i < problem.buffers.size(); ++i) {
    const Buffer& b = problem.buffers[i];
    if (b.lower > busiest || b.upper <= busiest) continue;
    if (b.fixed_offset) return std::nullopt;
    live.push_back(BufferIndex(i));
  }
  return live;
}

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
// stack steps over pre-placed buffers live beside its members. nullopt near 2^63.
std::optional<Offset> lowest_clear_of(const Problem& problem, const std::vector<BufferIndex>& fixed,
                                      const Buffer& b, Offset from) {
  if (from > kLargestStack) return std::nullopt;  // no room to align or add
  Offset x = align_up(from, b.alignment);
  for (BufferIndex f : fixed) {
    const Buffer& other = problem.buffers[size_t(f)];
    const Offset at = *other.fixed_offset;
    if (at >= x + b.size) break;  // by offset: every later one starts above `b` too
    if (b.size > 0 && at < x + b.size && x < at + other.size && other.lower < b.upper && b.lower < other.upper) {
      if (at + other.size > kLargestStack) return std::nullopt;
      x = align_up(at + other.size, b.alignment);
    }
  }
  return x;
}

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

}  // namespace

const char* name_of(AnchorOrder order) {
  switch (order) {
    case AnchorOrder::kLatestEndFirst: return "latest-end";
    case AnchorOrder::kEarliestStartFirst: return "earliest-start";
    case AnchorOrder::kLongestFirst: return "longest";
  }
  return "?";
}

std::optional<SolveResult> anchored_greedy(const Problem& problem, AnchorOrder order, const SolveOptions& options) {
  std::optional<std::vector<BufferIndex>> stack = live_at_busiest(problem);
  if (!stack || stack->empty()) return std::nullopt;
  sort_stack(problem, order, *stack);
  const std::vector<BufferIndex> fixed = fixed_beside(problem, *stack);
  Problem pinned = problem;  // the stack becomes pre-placed: greedy places it first, as it is
  Offset top = 0;
  for (BufferIndex i : *stack) {
    Buffer& b = pinned.buffers[size_t(i)];
    const std::optional<Offset> at = lowest_clear_of(problem, fixed, b, top);
    if (!at) return std::nullopt;
    b.fixed_offset = *at;
    top = saturating_add(*at, b.size);
  }
  std::optional<SolveResult> r = greedy_by_size(pinned, options);
  r->peak = peak_of(problem, r->solution);
  return r;
}

}  // namespace tela
