// Exhaustive search over every aligned offset of every buffer: the obviously correct reference
// that the algorithms are checked against on tiny problems (<= 8 buffers, small capacities).
// Header-only and free of test frameworks, so the unit tests and the fuzzers share it.
#pragma once

#include <vector>

#include "model.h"

namespace tela::test {

namespace detail {

inline bool clear_of_earlier(const Problem& p, const std::vector<Offset>& offsets, size_t i,
                             Offset x) {
  for (size_t j = 0; j < i; ++j)
    if (overlap_in_time(p.buffers[i], p.buffers[j]) &&
        overlap_in_space(x, p.buffers[i].size, offsets[j], p.buffers[j].size))
      return false;
  return true;
}

inline bool fits_from(const Problem& p, std::vector<Offset>& offsets, size_t i) {
  if (i == p.buffers.size()) return true;
  const Buffer& b = p.buffers[i];
  if (b.fixed_offset) {
    offsets[i] = *b.fixed_offset;
    return b.size <= p.capacity - offsets[i] && clear_of_earlier(p, offsets, i, offsets[i]) &&
           fits_from(p, offsets, i + 1);
  }
  for (Offset x = 0; b.size <= p.capacity - x; x += b.alignment) {
    if (!clear_of_earlier(p, offsets, i, x)) continue;
    offsets[i] = x;
    if (fits_from(p, offsets, i + 1)) return true;
  }
  return false;
}

}  // namespace detail

// Whether any allocation fits the capacity; when one does, `offsets` holds it.
inline bool brute_force_fits(const Problem& p, std::vector<Offset>& offsets) {
  offsets.assign(p.buffers.size(), kUnplaced);
  return detail::fits_from(p, offsets, 0);
}

inline bool brute_force_fits(const Problem& p) {
  std::vector<Offset> offsets;
  return brute_force_fits(p, offsets);
}

}  // namespace tela::test
