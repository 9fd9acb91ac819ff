// A static index over the live ranges of a set of buffers, answering "which of them are live
// at time t" and "which overlap [lower, upper)" in O(log n + answers). A centered interval tree
// in flat arrays: each node keeps the ranges that contain its centre, sorted both ways.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "model.h"

namespace tela {

class IntervalIndex {
 public:
  // Indexes the given buffers of `problem`.
  IntervalIndex(const Problem& problem, const std::vector<BufferIndex>& buffers);

  // Calls visit(i) for each indexed buffer live at `time` (lower <= time < upper).
  template <typename Visit>
  void live_at(TimeValue time, Visit&& visit) const;

  // Calls visit(i) for each indexed buffer whose live range meets [lower, upper), once each.
  template <typename Visit>
  void overlapping(TimeValue lower, TimeValue upper, Visit&& visit) const;

  size_t size() const { return by_start_.size(); }

 private:
  struct Range {
    TimeValue lower, upper;
    BufferIndex buffer;
  };
  struct Node {
    TimeValue center;
    int32_t left = -1, right = -1;  // child nodes, -1 for none
    uint32_t begin = 0, end = 0;    // this node's ranges in ascending_ / descending_
  };
  int32_t build(std::vector<Range>& ranges, size_t begin, size_t end);

  std::vector<Node> nodes_;
  std::vector<Range> ascending_;   // per node: its ranges by lower, ascending
  std::vector<Range> descending_;  // per node: its ranges by upper, descending
  std::vector<Range> by_start_;    // every range, by lower
};

template <typename Visit>
void IntervalIndex::live_at(TimeValue time, Visit&& visit) const {
  int32_t n = nodes_.empty() ? -1 : 0;
  while (n >= 0) {
    const Node& node = nodes_[size_t(n)];
    if (time < node.center) {
      // Every range here contains the centre, so it contains `time` iff it starts by then.
      for (uint32_t i = node.begin; i < node.end && ascending_[i].lower <= time; ++i)
        visit(ascending_[i].buffer);
      n = node.left;
    } else {
      for (uint32_t i = node.begin; i < node.end && descending_[i].upper > time; ++i)
        visit(descending_[i].buffer);
      n = node.right;
    }
  }
}

template <typename Visit>
void IntervalIndex::overlapping(TimeValue lower, TimeValue upper, Visit&& visit) const {
  // Ranges that start by `lower` meet [lower, upper) iff they are live at `lower`; the others
  // meet it iff they start before `upper`.
  live_at(lower, visit);
  auto first = std::upper_bound(by_start_.begin(), by_start_.end(), lower,
                                [](TimeValue t, const Range& r) { return t < r.lower; });
  for (; first != by_start_.end() && first->lower < upper; ++first) visit(first->buffer);
}

}  // namespace tela
