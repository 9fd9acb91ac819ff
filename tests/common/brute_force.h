// Exhaustive search over every aligned offset of every buffer: the obviously correct reference
// that the algorithms are checked against on tiny problems (<= 8 buffers, small capacities).
// Header-only and free of test frameworks, so the unit tests and the fuzzers share it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <limits>
#include <optional>
#include <vector>

#include "model/problem.h"

namespace tela::test {

namespace detail {

// The earlier buffer (j < i) that buffer i at offset x collides with, or -1.
inline ptrdiff_t collision_with_earlier(const Problem& p, const std::vector<Offset>& offsets,
                                        size_t i, Offset x) {
  for (size_t j = 0; j < i; ++j)
    if (overlap_in_time(p.buffers[i], p.buffers[j]) &&
        overlap_in_space(x, p.buffers[i].size, offsets[j], p.buffers[j].size))
      return ptrdiff_t(j);
  return -1;
}

// `budget`: offsets left to try; at 0 the search gives up (and returns false).
inline bool fits_from(const Problem& p, std::vector<Offset>& offsets, size_t i, int64_t& budget) {
  if (i == p.buffers.size()) return true;
  if (--budget < 0) return false;
  const Buffer& b = p.buffers[i];
  if (b.fixed_offset) {
    offsets[i] = *b.fixed_offset;
    return b.size <= p.capacity - offsets[i] && collision_with_earlier(p, offsets, i, offsets[i]) < 0 &&
           fits_from(p, offsets, i + 1, budget);
  }
  for (Offset x = 0; b.size <= p.capacity - x;) {
    if (--budget < 0) return false;
    if (const ptrdiff_t j = collision_with_earlier(p, offsets, i, x); j >= 0) {
      // Every offset from x up to the top of j collides with j too: skip them.
      x = align_up(offsets[size_t(j)] + p.buffers[size_t(j)].size, b.alignment);
      continue;
    }
    offsets[i] = x;
    if (fits_from(p, offsets, i + 1, budget)) return true;
    x += b.alignment;
  }
  return false;
}

}  // namespace detail

// Whether any allocation fits the capacity; when one does, `offsets` holds it. nullopt when
// more than `budget` offsets would have to be tried to know (the search space grows as
// capacity^buffers: fuzzed problems can be out of reach).
inline std::optional<bool> brute_force_fits(const Problem& p, std::vector<Offset>& offsets,
                                            int64_t budget) {
  offsets.assign(p.buffers.size(), kUnplaced);
  const bool fits = detail::fits_from(p, offsets, 0, budget);
  if (budget < 0) return std::nullopt;
  return fits;
}

// The same without a budget, for problems known to be small.
inline bool brute_force_fits(const Problem& p, std::vector<Offset>& offsets) {
  return *brute_force_fits(p, offsets, std::numeric_limits<int64_t>::max());
}

inline bool brute_force_fits(const Problem& p) {
  std::vector<Offset> offsets;
  return brute_force_fits(p, offsets);
}

// No allocation needs less, computed here rather than by tela (whose lower bound is under
// test): the largest pre-placed top, and the most bytes live at any one buffer's start.
inline Size own_lower_bound(const Problem& p) {
  Size bound = 0;
  for (const Buffer& b : p.buffers) {
    if (b.fixed_offset) bound = std::max(bound, *b.fixed_offset + b.size);
    Size live = 0;
    for (const Buffer& other : p.buffers)
      if (other.lower <= b.lower && b.lower < other.upper) live += other.size;
    bound = std::max(bound, live);
  }
  return bound;
}

// The smallest capacity with an allocation, trying each one up from own_lower_bound().
inline Size brute_force_minimum(Problem p) {
  for (p.capacity = own_lower_bound(p);; ++p.capacity)
    if (brute_force_fits(p)) return p.capacity;
}

}  // namespace tela::test
