// Small random problems for property tests: up to 8 buffers, sizes 1..5, some aligned, now and
// then a pinned one, at a capacity near the lower bound (so some fit and some do not). Small
// enough for brute_force.h. The same numbers on every platform (its own generator).
// `dense`: 5 to 8 buffers crowded into a shorter time at exactly the lower bound, where most
// infeasible problems have no quick proof (no time's load exceeds the capacity), and sizes
// from 0 (zero-sized buffers, aligned or not, must never stand in the way).
#pragma once

#include <string>

#include "analysis/sections.h"
#include "model/problem.h"

namespace tela::test {

inline Problem small_problem(uint64_t seed, bool dense = false) {
  uint64_t state = seed * 0x9E3779B97F4A7C15ull + 1;
  auto next = [&](int64_t n) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return int64_t((state >> 33) % uint64_t(n));
  };
  Problem p;
  const int count = dense ? 5 + int(next(4)) : 1 + int(next(8));
  for (int i = 0; i < count; ++i) {
    const TimeValue lower = next(dense ? 4 : 6);
    Buffer b{.id = "b" + std::to_string(i), .lower = lower, .upper = lower + 1 + next(4), .size = dense ? next(6) : 1 + next(5)};
    if (next(5) == 0) b.alignment = 2;
    p.buffers.push_back(b);
  }
  const Size lower_bound_size = lower_bound(compute_sections(p));
  p.capacity = lower_bound_size + (dense ? 0 : next(2));
  if (next(6) == 0) {  // pin one buffer somewhere inside the capacity
    Buffer& b = p.buffers[size_t(next(count))];
    if (b.size <= p.capacity) b.fixed_offset = (next(p.capacity - b.size + 1) / b.alignment) * b.alignment;
  }
  return p;
}

// Another mix, for the exact search and what is built on it: 1 to `max_buffers` buffers,
// sizes 1..5, lives within [0, 10), some aligned to 2 or 4, now and then a copy of the one
// before (interchangeable buffers) or a pre-placed one, at a capacity near the lower bound.
inline Problem small_problem_with_copies(uint64_t seed, int max_buffers = 8) {
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
