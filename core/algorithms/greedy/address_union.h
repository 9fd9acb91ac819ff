// A union of address ranges that only grows, answering "the lowest free spot of this size at
// or above x" without stepping over every used range below it.
//
// Greedy needs only whether [x, x + size) is clear of every block placed, never which block is
// in the way, so touching and overlapping blocks merge into one range. The ranges (disjoint,
// not touching, by address) are kept in chunks of at most kMaxChunk, each summarised by its
// first address, its end and its widest inner gap: a search skips a whole chunk whose gaps are
// all too narrow, and an insertion moves at most one chunk's ranges. Adding only narrows gaps,
// so the widest is found again only when an addition narrowed that one (rescanning the chunk
// on every addition took most of greedy's time; a bound left stale made searches scan chunks
// with no gap wide enough).
#pragma once

#include <vector>

#include "analysis/lowest_fit.h"  // Occupied

namespace tela {

class AddressUnion {
 public:
  bool empty() const { return chunks_.empty(); }

  // Adds [block.lower, block.upper) (non-empty), merging the ranges it meets or touches.
  void add(Occupied block);

  // The lowest multiple y of `alignment` with y >= x (x aligned) such that [y, y + size) meets
  // no range. Always exists: above the last range everything is free.
  Offset first_fit(Offset x, Size size, Size alignment) const;

 private:
  static constexpr size_t kMaxChunk = 128;
  struct Summary {
    Offset lower = 0, upper = 0;  // the chunk's first address and its end
    Size widest_gap = 0;          // the widest gap between two of its ranges
  };

  size_t chunk_ending_after(Offset x) const;  // the first chunk with upper > x, or size()
  void merge_into_next(size_t c, size_t at);  // range `at` of chunk c swallows what it touches
  void summarise(size_t c);  // exactly
  void split_if_full(size_t c);

  std::vector<std::vector<Occupied>> chunks_;  // each non-empty
  std::vector<Summary> summaries_;     // per chunk, searched without touching chunks
};

}  // namespace tela
