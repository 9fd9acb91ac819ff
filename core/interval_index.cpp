#include "interval_index.h"

#include <algorithm>

namespace tela {

IntervalIndex::IntervalIndex(const Problem& problem, const std::vector<BufferIndex>& buffers) {
  std::vector<Range> ranges;
  ranges.reserve(buffers.size());
  for (BufferIndex i : buffers) {
    const Buffer& b = problem.buffers[size_t(i)];
    ranges.push_back({b.lower, b.upper, i});
  }
  by_start_ = ranges;
  std::stable_sort(by_start_.begin(), by_start_.end(),
                   [](const Range& a, const Range& b) { return a.lower < b.lower; });
  ascending_.resize(ranges.size());
  descending_.resize(ranges.size());
  nodes_.reserve(ranges.size() / 2 + 1);
  build(ranges, 0, ranges.size());
}

// Builds the subtree over ranges[begin, end) and returns its node, or -1 when empty. The centre
// is the median start, so each side gets at most half the ranges: depth O(log n).
int32_t IntervalIndex::build(std::vector<Range>& ranges, size_t begin, size_t end) {
  if (begin == end) return -1;
  auto first = ranges.begin() + std::ptrdiff_t(begin), last = ranges.begin() + std::ptrdiff_t(end);
  auto middle = first + (last - first) / 2;
  std::nth_element(first, middle, last,
                   [](const Range& a, const Range& b) { return a.lower < b.lower; });
  const TimeValue center = middle->lower;
  // [first, left_end): entirely before the centre; [left_end, here_end): containing it; rest after.
  auto left_end = std::partition(first, last, [&](const Range& r) { return r.upper <= center; });
  auto here_end = std::partition(left_end, last, [&](const Range& r) { return r.lower <= center; });

  const int32_t id = int32_t(nodes_.size());
  nodes_.push_back({center});
  const uint32_t node_begin = uint32_t(left_end - ranges.begin());
  const uint32_t node_end = uint32_t(here_end - ranges.begin());
  std::copy(left_end, here_end, ascending_.begin() + node_begin);
  std::copy(left_end, here_end, descending_.begin() + node_begin);
  std::sort(ascending_.begin() + node_begin, ascending_.begin() + node_end,
            [](const Range& a, const Range& b) { return a.lower < b.lower; });
  std::sort(descending_.begin() + node_begin, descending_.begin() + node_end,
            [](const Range& a, const Range& b) { return a.upper > b.upper; });
  nodes_[size_t(id)].begin = node_begin;
  nodes_[size_t(id)].end = node_end;
  const int32_t left = build(ranges, begin, size_t(left_end - ranges.begin()));
  const int32_t right = build(ranges, node_end, end);
  nodes_[size_t(id)].left = left;
  nodes_[size_t(id)].right = right;
  return id;
}

}  // namespace tela
