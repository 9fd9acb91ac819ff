// Small random problems for property tests, small enough for brute_force.h: up to 8 buffers,
// sizes up to 5, some aligned, now and then a pinned one, at a capacity near the lower bound
// (so some fit and some do not). One generator; a SmallMix says which kind of problem. The same
// numbers on every platform (random.h).
#pragma once

#include <string>

#include "analysis/sections.h"
#include "model/problem.h"
#include "random.h"

namespace tela::test {

struct SmallMix {
  int min_buffers = 1;
  int max_buffers = 8;
  TimeValue start_span = 6;     // each buffer starts in [0, start_span) and lives 1 to 4
  Size min_size = 1;            // sizes from min_size to 5 (0: zero-sized buffers too)
  bool at_lower_bound = false;  // capacity exactly the lower bound, else it or one more
  bool copies = false;          // now and then a copy of the buffer before (interchangeable)
  bool align_to_4 = false;      // an aligned buffer takes 2 or 4, else 2
  uint64_t stream = 1;          // each stream gives its own problems for the same seeds
};

// The default mix: 1 to 8 buffers, sizes 1..5, starts in [0, 6).
inline constexpr SmallMix kSmallMix{};

// 5 to 8 buffers crowded into a shorter time at exactly the lower bound, where most infeasible
// problems have no quick proof (no time's load exceeds the capacity), and sizes from 0
// (zero-sized buffers, aligned or not, must never stand in the way).
inline constexpr SmallMix kDenseMix{.min_buffers = 5, .start_span = 4, .min_size = 0, .at_lower_bound = true};

// For the exact search and what is built on it: 1 to `max_buffers` buffers, aligned to 2 or 4,
// now and then a copy of the one before (interchangeable buffers).
inline constexpr SmallMix mix_with_copies(int max_buffers = 8) {
  return {.max_buffers = max_buffers, .copies = true, .align_to_4 = true, .stream = 12345};
}

namespace detail {

inline constexpr Size kMaxSmallSize = 5;

inline Buffer small_buffer(Random& random, const SmallMix& mix, int index) {
  const TimeValue lower = random.below(mix.start_span);
  Buffer b{.id = "b" + std::to_string(index), .lower = lower, .upper = lower + 1 + random.below(4),
           .size = mix.min_size + random.below(kMaxSmallSize - mix.min_size + 1)};
  if (random.below(5) == 0) b.alignment = mix.align_to_4 && random.below(2) == 0 ? 4 : 2;
  return b;
}

// Now and then one buffer pinned somewhere inside the capacity.
inline void maybe_pin_one(Random& random, Problem& p) {
  if (random.below(6) != 0) return;
  Buffer& b = p.buffers[size_t(random.below(int64_t(p.buffers.size())))];
  if (b.size <= p.capacity) b.fixed_offset = (random.below(p.capacity - b.size + 1) / b.alignment) * b.alignment;
}

}  // namespace detail

inline Problem small_problem(uint64_t seed, const SmallMix& mix = kSmallMix) {
  Random random(seed * 0x9E3779B97F4A7C15ull + mix.stream);
  Problem p;
  const int count = mix.min_buffers + random.below(mix.max_buffers - mix.min_buffers + 1);
  for (int i = 0; i < count; ++i) {
    if (mix.copies && i > 0 && random.below(8) == 0) {
      p.buffers.push_back(p.buffers.back());
      p.buffers.back().id = "b" + std::to_string(i);
    } else {
      p.buffers.push_back(detail::small_buffer(random, mix, i));
    }
  }
  p.capacity = lower_bound(compute_sections(p)) + (mix.at_lower_bound ? 0 : random.below(2));
  detail::maybe_pin_one(random, p);
  return p;
}

}  // namespace tela::test
