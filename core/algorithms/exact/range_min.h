// The minimum, at every position of [0, n), of the values given to the ranges that cover it.
// A range is recorded in O(1), at the two blocks of the largest power of two that fit in it
// (they overlap, which a minimum does not mind), and the blocks are pushed down to positions
// once, level by level, at the end: O(ranges + n log n) in all, where lowering every position
// of every range costs the sum of their lengths (the exact search does this at every node,
// for the lowest offset a buffer left can take in each section).
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <vector>

namespace tela {

template <typename T>
class RangeMin {
 public:
  // Starts over on positions [0, n), each at `none`.
  void reset(size_t n, T none) {
    n_ = n;
    levels_ = n == 0 ? 0 : size_t(std::bit_width(n));
    cells_.assign(levels_ * n, none);
  }
  // Lowers [begin, end) to x (begin < end <= n).
  void lower(size_t begin, size_t end, T x) {
    const size_t k = size_t(std::bit_width(end - begin)) - 1;
    T* level = &cells_[k * n_];
    level[begin] = std::min(level[begin], x);
    level[end - (size_t{1} << k)] = std::min(level[end - (size_t{1} << k)], x);
  }
  // Writes the n minimums to out[0, n).
  void finish(T* out) {
    for (size_t k = levels_; k-- > 1;) {
      const T* level = &cells_[k * n_];
      T* below = &cells_[(k - 1) * n_];
      const size_t half = size_t{1} << (k - 1);
      for (size_t i = 0; i + 2 * half <= n_; ++i) {
        below[i] = std::min(below[i], level[i]);
        below[i + half] = std::min(below[i + half], level[i]);
      }
    }
    std::copy(cells_.begin(), cells_.begin() + std::ptrdiff_t(n_), out);
  }

 private:
  size_t n_ = 0, levels_ = 0;
  std::vector<T> cells_;  // levels_ levels of n_ cells: level k, cell i covers [i, i + 2^k)
};

}  // namespace tela
