// The free address ranges of a heap at one moment, found by size (for best fit) and by address
// (to merge neighbours when a block is released). The topmost gap is unbounded: the heap can
// always grow.
#pragma once

#include <map>
#include <set>
#include <utility>

#include "model/problem.h"

namespace tela {

class FreeGaps {
 public:
  static constexpr Offset kTop = int64_t{1} << 62;  // "unbounded": past any reachable address

  FreeGaps() { insert(0, kTop); }

  // Calls try_gap(start, end) on each gap of at least `size` bytes, smallest first (lowest
  // address on ties), until it returns an offset >= 0; returns that offset, or -1.
  template <typename TryGap>
  Offset first_fit_by_size(Size size, TryGap&& try_gap) const {
    for (auto it = by_size_.lower_bound({size, -1}); it != by_size_.end(); ++it) {
      const Offset found = try_gap(it->second, it->second + it->first);
      if (found >= 0) return found;
    }
    return -1;
  }

  // Marks [offset, offset + size) as used; it must lie inside one gap.
  void take(Offset offset, Size size);
  // Returns [offset, offset + size) to the free space, merging it with adjacent gaps.
  void give_back(Offset offset, Size size);
  // Whether [offset, offset + size) lies inside one free gap.
  bool is_free(Offset offset, Size size) const;

 private:
  using ByStart = std::map<Offset, Offset>;
  using BySize = std::set<std::pair<Size, Offset>>;
  // A gap's two tree nodes, out of their trees: a gap that goes re-enters as another through
  // them, where erasing and inserting freed and allocated two nodes each time (on 10^6
  // buffers, malloc and free were a sixth of best fit's instructions).
  struct Nodes {
    ByStart::node_type start;
    BySize::node_type size;
  };

  void insert(Offset start, Offset end, Nodes* reuse = nullptr);
  Nodes extract(ByStart::iterator gap);

  ByStart by_start_;  // start -> end
  BySize by_size_;    // (length, start)
};

}  // namespace tela
