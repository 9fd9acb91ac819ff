#include "algorithms/greedy/anchored.h"

#include <algorithm>

#include "algorithms/greedy/greedy.h"
#include "analysis/sections.h"
#include "model/checked_math.h"

namespace tela {
namespace {

// Sizes and alignments stay below 2^62 (io/csv.h), so a stack top below this can take one more.
constexpr Offset kLargestStack = Offset{1} << 62;

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
// those that are; false when none is left to pin or the stack would pass 2^62.
bool pin_stack_at(Problem& pinned, TimeValue time, AnchorOrder order) {
  std::vector<BufferIndex> stack;
  for (size_t i = 0; i < pinned.buffers.size(); ++i) {
    const Buffer& b = pinned.buffers[i];
    if (b.lower <= time && time < b.upper && !b.fixed_offset) stack.push_back(BufferIndex(i));
  }
  if (stack.empty()) return false;
  sort_stack(pinned, order, stack);
  const std::vector<BufferIndex> fixed = fixed_beside(pinned, stack);
  Offset top = 0;
  for (BufferIndex i : stack) {
    const std::optional<Offset> at = lowest_clear_of(pinned, fixed, pinned.buffers[size_t(i)], top);
    if (!at) return false;
    pinned.buffers[size_t(i)].fixed_offset = *at;
    top = saturating_add(*at, pinned.buffers[size_t(i)].size);
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

std::optional<SolveResult> anchored_greedy(const Problem& problem, AnchorOrder order, const SolveOptions& options,
                                           int rounds) {
  const std::vector<Section> sections = compute_sections(problem);
  if (sections.empty()) return std::nullopt;
  const std::vector<SectionSpan> spans = compute_section_spans(problem, sections);
  Problem pinned = problem;  // stacks become pre-placed: greedy places them first, as they are
  TimeValue time = busiest_in(sections, {0, int32_t(sections.size())});
  std::optional<SolveResult> best;
  for (int round = 0; round < rounds; ++round) {
    if (!pin_stack_at(pinned, time, order)) break;
    if (options.cancel && options.cancel->load()) break;
    SolveResult r = greedy_by_size(pinned, options);
    r.peak = peak_of(problem, r.solution);
    if (r.status != Status::kSolved) break;
    const BufferIndex top = highest(problem, r.solution);
    if (!best || r.peak < best->peak) best = std::move(r);
    if (top < 0) break;
    time = busiest_in(sections, spans[size_t(top)]);  // where the peak stands: pin it next
  }
  return best;
}

}  // namespace tela
