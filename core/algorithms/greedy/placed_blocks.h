// The blocks greedy has placed, by time and address, answering "the lowest offset free during
// these times" without visiting every buffer live then.
//
// Time is cut at the problem's distinct start times only: two buffers overlap in time exactly
// when both are live at the later one's start, so a buffer is recorded at each start time
// within its life ("ranks" [lo, hi)). A segment tree over the ranks keeps, per node, the union
// of the blocks live at any of its ranks (address_union.h). A search splits [lo, hi) into
// O(log ranks) nodes and asks each in turn for its lowest fit at or above the best offset so
// far, until all agree; a placement adds its block to every node its ranks meet. Both start
// where the node's last one stopped (address_union.h): greedy fills each node's lowest gaps in
// turn, so that is mostly where the next one goes, and a search and an addition then read a
// cache line or two of each node instead of a binary search's worth.
//
// Why nodes that hold all of their ranks' blocks, and not only per rank, or per node only the
// blocks that span it: unions whose blocks interleave (short-lived buffers in one, long-lived
// ones in another, or the short-lived ones of neighbouring ranks) each leave wide gaps where
// their intersection leaves narrow ones, and a search then leapfrogs between them for hundreds
// of steps (measured: 33 rounds over 10 ranks per placement on a 50,000-live trace).
#pragma once

#include <cstdint>
#include <vector>

#include "algorithms/greedy/address_union.h"
#include "model/problem.h"

namespace tela {

// A buffer's live range as ranks among the problem's distinct start times: [lo, hi) holds the
// starts within [lower, upper). Two buffers overlap in time exactly when theirs meet.
struct RankRange {
  int32_t lo = 0, hi = 0;
};
struct StartRanks {
  std::vector<RankRange> of;  // per buffer
  size_t count = 0;           // distinct start times
};
StartRanks start_ranks(const Problem& problem);

// Whether PlacedBlocks is expected to beat scanning each buffer's neighbours: from the
// neighbours a scan would read (the buffers live at each start) against the unions a
// placement adds to (about two per rank it spans, plus its ancestors), weighed 32 to 1. Where
// the two meet, measured on 3*10^5-buffer ml traces: at 18 to 1 (--density 40, 2,745 live at
// most) the tree took 1.4x the scan's time, at 64 to 1 (--density 150, 7,768 live) 0.26x.
bool placed_blocks_pay_off(const StartRanks& ranks);

class PlacedBlocks {
 public:
  explicit PlacedBlocks(size_t ranks);

  // Records `block` (non-empty) as used during ranks [lo, hi).
  void add(int32_t lo, int32_t hi, Occupied block);

  // The lowest multiple x of `alignment` such that [x, x + size) meets no block recorded for a
  // rank of [lo, hi) and x + size <= 2^62; -1 when there is none. The same answer as
  // lowest_fit (lowest_fit.h) over those blocks sorted.
  Offset lowest_fit(int32_t lo, int32_t hi, Size size, Size alignment);

 private:
  size_t leaves_ = 1;                         // a power of two >= ranks
  std::vector<AddressUnion> nodes_;           // root 1; the children of k are 2k and 2k + 1
  std::vector<AddressUnion*> pieces_;         // scratch for lowest_fit
  std::vector<AddressUnion::Cursor> cursors_; // per piece, the same
};

}  // namespace tela
