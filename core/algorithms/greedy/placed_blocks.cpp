#include "algorithms/greedy/placed_blocks.h"

#include <bit>

namespace tela {

PlacedBlocks::PlacedBlocks(size_t ranks)
    : leaves_(std::bit_ceil(std::max<size_t>(ranks, 1))),
      levels_(std::countr_zero(leaves_)),
      own_(2 * leaves_),
      sub_(2 * leaves_) {}

// The bottom-up decomposition of a range in a segment tree; the proper ancestors of its pieces
// are the nodes above either end whose span starts left of lo or ends right of hi (AtCoder
// Library's lazy segment tree walks the same nodes).
template <typename Visit>
void PlacedBlocks::nodes_of(int32_t lo, int32_t hi, Visit&& visit) const {
  const size_t l = size_t(lo) + leaves_, r = size_t(hi) + leaves_;
  for (size_t a = l, b = r; a < b; a >>= 1, b >>= 1) {
    if (a & 1) visit(a++, true);
    if (b & 1) visit(--b, true);
  }
  for (int i = 1; i <= levels_; ++i) {
    const bool left = ((l >> i) << i) != l, right = ((r >> i) << i) != r;
    if (left) visit(l >> i, false);
    if (right && (!left || (l >> i) != ((r - 1) >> i))) visit((r - 1) >> i, false);
  }
}

void PlacedBlocks::add(int32_t lo, int32_t hi, Occupied block) {
  nodes_of(lo, hi, [&](size_t node, bool piece) {
    if (piece) own_[node].add(block);
    sub_[node].add(block);
  });
}

Offset PlacedBlocks::lowest_fit(int32_t lo, int32_t hi, Size size, Size alignment) {
  constexpr Offset kEnd = int64_t{1} << 62;
  checked_.clear();
  nodes_of(lo, hi, [&](size_t node, bool piece) {
    const AddressUnion& u = piece ? sub_[node] : own_[node];
    if (!u.empty()) checked_.push_back(&u);
  });
  // Each union in turn raises x to its own lowest fit at or above x, until every union has
  // found x clear in a row: x never passes the answer (a spot clear in all is clear in each),
  // so this ends on it.
  Offset x = 0;
  const size_t n = checked_.size();
  for (size_t i = 0, clear = 0; clear < n && x + size <= kEnd; i = i + 1 == n ? 0 : i + 1) {
    const Offset y = checked_[i]->first_fit(x, size, alignment);
    clear = y == x ? clear + 1 : 1;
    x = y;
  }
  return x + size <= kEnd ? x : -1;
}

}  // namespace tela
