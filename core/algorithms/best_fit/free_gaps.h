// The free address ranges of a heap at one moment, found by size (for best fit) and by address
// (to merge neighbours when a block is released). The topmost gap is unbounded: the heap can
// always grow.
#pragma once

#include "algorithms/best_fit/sorted_blocks.h"
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
    for (auto p = by_size_.lower_bound({size, -1}); !by_size_.at_end(p); p = by_size_.next(p)) {
      const SizedGap& gap = by_size_.at(p);
      const Offset found = try_gap(gap.start, gap.start + gap.length);
      if (found >= 0) {
        found_ = p;
        found_valid_ = true;
        return found;
      }
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
  struct Gap {
    Offset start, end;
  };
  struct ByStart {
    bool operator()(const Gap& a, const Gap& b) const { return a.start < b.start; }
  };
  struct SizedGap {
    Size length;
    Offset start;
  };
  struct BySize {  // smallest first, lowest address on ties
    bool operator()(const SizedGap& a, const SizedGap& b) const {
      return a.length != b.length ? a.length < b.length : a.start < b.start;
    }
  };

  void insert(Offset start, Offset end);
  void erase_by_size(const Gap& gap);
  // The gap with the highest start at or below `offset`, or by_start_.end().
  SortedBlocks<Gap, ByStart>::Position gap_at_or_below(Offset offset) const {
    return by_start_.last_not_after({offset, offset});
  }

  // Where first_fit_by_size last found a gap, while nothing has changed since: best fit takes
  // from that gap at once, and take() then finds it by size without a search.
  mutable SortedBlocks<SizedGap, BySize>::Position found_{};
  mutable bool found_valid_ = false;

  SortedBlocks<Gap, ByStart> by_start_;
  SortedBlocks<SizedGap, BySize> by_size_;
};

}  // namespace tela
