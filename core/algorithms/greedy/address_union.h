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
//
// On a dense trace (10^6 buffers, thousands live at once) most operations land where the
// node's previous one did, three times in five within one range of it: additions search
// outward from there, and searches start from a remembered address below which no window of
// the size is left (dense_end), so each reads a cache line or two, not a binary search's
// worth (measured with the summary beside the ranges: greedy 1.2x to 1.35x faster there).
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

  // Where a search stands: chunk `chunk`, range `range` of it. Every range before it ends at
  // or below the offset searched from.
  struct Cursor {
    size_t chunk = 0, range = 0;
  };
  // The same, resuming at `at` (which must hold for x) and leaving it where the answer is:
  // a search asked again from a higher x, with nothing added in between, steps on from there
  // instead of searching from the start.
  Offset first_fit(Offset x, Size size, Size alignment, Cursor& at) const;

  // An address below which no free window of `size` bytes starts (the lowest fit of that size
  // is at or above it), with a cursor that holds for it. Remembered and pushed on from call to
  // call: additions only narrow the free space, so an end found for a size stays one for it
  // and for larger sizes; a smaller size starts again from 0. Greedy asks a node of the tree
  // for sizes that never grow (every buffer covering the node's times is live at its first
  // one, so they are placed largest first), so each size's ranges are stepped over once, not
  // once per search.
  Offset dense_end(Size size, Cursor& at);

 private:
  static constexpr size_t kMaxChunk = 128;
  struct Summary {
    Offset lower = 0, upper = 0;  // the chunk's first address and its end
    Size widest_gap = 0;          // the widest gap between two of its ranges
  };

  size_t chunk_ending_after(Offset x) const;  // the first chunk with upper > x, or size()
  size_t chunk_ending_after(Offset x, size_t hint) const;  // the same, trying `hint` first
  void merge_into_next(size_t c, size_t at);  // range `at` of chunk c swallows what it touches
  void summarise(size_t c);  // exactly
  void split_if_full(size_t c);

  struct Chunk {
    std::vector<Occupied> ranges;  // never empty
    Summary summary;               // beside the ranges' address: read together
  };
  std::vector<Chunk> chunks_;
  Cursor last_add_;                    // where the last addition went: a guess for the next
  Size dense_size_ = 0;                // dense_end's memory: none yet while 0
  Offset dense_end_ = 0;
  Cursor dense_at_;                    // a guess for dense_end_'s cursor
};

}  // namespace tela
