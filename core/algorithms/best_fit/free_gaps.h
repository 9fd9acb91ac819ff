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
  void insert(Offset start, Offset end);
  void erase(std::map<Offset, Offset>::iterator gap);

  std::map<Offset, Offset> by_start_;         // start -> end
  std::set<std::pair<Size, Offset>> by_size_;  // (length, start)
};

}  // namespace tela
