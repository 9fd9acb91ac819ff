// The references the exact solver and the services built on it are checked against: an
// exhaustive search over every offset of every buffer, and random small problems to feed it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis.h"
#include "model.h"

namespace tela::test {

// Whether some allocation exists, trying every aligned offset of every buffer in file order.
inline bool brute_force_fits(const Problem& p, std::vector<Offset>& offsets, size_t i = 0) {
  if (i == p.buffers.size()) return true;
  const Buffer& b = p.buffers[i];
  auto clear_at = [&](Offset x) {
    for (size_t j = 0; j < i; ++j)
      if (overlap_in_time(b, p.buffers[j]) && overlap_in_space(x, b.size, offsets[j], p.buffers[j].size))
        return false;
    return true;
  };
  if (b.fixed_offset) {
    offsets[i] = *b.fixed_offset;
    return offsets[i] + b.size <= p.capacity && clear_at(offsets[i]) && brute_force_fits(p, offsets, i + 1);
  }
  for (Offset x = 0; x + b.size <= p.capacity; x += b.alignment) {
    if (!clear_at(x)) continue;
    offsets[i] = x;
    if (brute_force_fits(p, offsets, i + 1)) return true;
  }
  return false;
}

inline bool brute_force_fits(const Problem& p) {
  std::vector<Offset> offsets(p.buffers.size());
  return brute_force_fits(p, offsets);
}

// The smallest capacity with an allocation, by trying each one up from the lower bound.
inline Size brute_force_minimum(Problem p) {
  for (p.capacity = lower_bound(compute_sections(p));; ++p.capacity)
    if (brute_force_fits(p)) return p.capacity;
}

// A random problem of 1 to `max_buffers` buffers: sizes 1..5, lives within [0, 10), some
// aligned to 2 or 4, some identical, now and then a pre-placed one, at a capacity near the
// lower bound (so that some fit and some do not).
inline Problem small_problem(uint64_t seed, int max_buffers = 8) {
  uint64_t state = seed * 0x9E3779B97F4A7C15ull + 12345;
  auto next = [&](int64_t n) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return int64_t((state >> 33) % uint64_t(n));
  };
  Problem p;
  const int count = 1 + int(next(max_buffers));
  for (int i = 0; i < count; ++i) {
    if (i > 0 && next(8) == 0) {  // a copy of the one before: interchangeable buffers
      p.buffers.push_back(p.buffers.back());
      p.buffers.back().id = "b" + std::to_string(i);
      continue;
    }
    const TimeValue lower = next(6);
    Buffer b{.id = "b" + std::to_string(i), .lower = lower, .upper = lower + 1 + next(4),
             .size = 1 + next(5)};
    if (next(5) == 0) b.alignment = next(2) ? 2 : 4;
    p.buffers.push_back(b);
  }
  p.capacity = lower_bound(compute_sections(p)) + next(2);
  if (next(6) == 0) {  // pin one buffer somewhere inside the capacity
    Buffer& b = p.buffers[size_t(next(count))];
    if (b.size <= p.capacity) b.fixed_offset = (next(p.capacity - b.size + 1) / b.alignment) * b.alignment;
  }
  return p;
}

}  // namespace tela::test
