// Sums and products of sizes, offsets, alignments and times that may leave int64_t.
//
// Files hold values within +-2^62 and the reader keeps the sizes plus alignments of a problem
// within 2^62 (csv.h), so one offset plus one size or alignment, or one time minus another,
// always fits in int64_t. Anything that adds more terms than that (totals, stacks of buffers,
// a capacity plus a slack) goes through these: a claim, above all a proof of infeasibility,
// must never rest on a number that wrapped around.
#pragma once

#include <cstdint>
#include <limits>

namespace tela {

// a + b, clamped to int64_t's range instead of wrapping.
inline int64_t saturating_add(int64_t a, int64_t b) {
  int64_t sum = 0;
  if (!__builtin_add_overflow(a, b, &sum)) return sum;
  return b > 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
}

// a * b, clamped to int64_t's range instead of wrapping.
inline int64_t saturating_mul(int64_t a, int64_t b) {
  int64_t product = 0;
  if (!__builtin_mul_overflow(a, b, &product)) return product;
  return (a < 0) == (b < 0) ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
}

}  // namespace tela
