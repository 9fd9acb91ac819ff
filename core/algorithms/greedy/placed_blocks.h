// The blocks greedy has placed, by time and address, answering "the lowest offset free during
// these times" without visiting every buffer live then.
//
// Times are ranks (0 .. ranks-1; a buffer lives over ranks [lo, hi)). A segment tree over the
// ranks keeps, per node, two unions of address ranges:
//   own: the blocks of buffers whose live range covers the node and not its parent (the node
//        is one of the O(log) pieces the range splits into);
//   sub: own's union over the node's whole subtree.
// The blocks live at some time of [lo, hi) are then exactly sub of [lo, hi)'s pieces together
// with own of those pieces' ancestors (buffers covering an ancestor cover the piece), so a
// search checks O(log ranks) unions, each a binary search, and a placement adds to O(log
// ranks) of them: on a trace with 50,000 buffers live at once, against a scan of all of them.
// Merged ranges lose which buffer is where, which greedy never asks.
#pragma once

#include <cstdint>
#include <vector>

#include "algorithms/greedy/address_union.h"

namespace tela {

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
  // Calls visit(piece, is_piece) for the pieces [lo, hi) splits into (is_piece) and for each
  // of their proper ancestors once (not is_piece).
  template <typename Visit>
  void nodes_of(int32_t lo, int32_t hi, Visit&& visit) const;

  size_t leaves_ = 1;  // a power of two >= ranks
  int levels_ = 0;     // log2(leaves_)
  std::vector<AddressUnion> own_, sub_;  // per node: root 1, children of k are 2k and 2k+1
  std::vector<const AddressUnion*> checked_;  // scratch for lowest_fit
};

}  // namespace tela
