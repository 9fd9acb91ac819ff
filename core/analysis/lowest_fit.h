// The lowest offset at which a block fits between blocks already in place.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "io/input_error.h"  // printable
#include "model/problem.h"

namespace tela {

// Address range [lower, upper) in use.
struct Occupied {
  Offset lower = 0;
  Offset upper = 0;
};

// Sorts blocks by lower address (>= 0). An LSD radix sort over only the bits in which the keys
// differ, in as few passes of at most 8 bits as cover them: it has no branches that depend on
// the keys, where std::sort's comparisons mispredict on random offsets, and offsets that share
// their low bits (sizes in pages) take two passes, not four.
// `scratch` is reused storage.
inline void sort_by_lower(std::vector<Occupied>& blocks, std::vector<Occupied>& scratch) {
  if (blocks.size() < 32) {
    std::sort(blocks.begin(), blocks.end(),
              [](const Occupied& x, const Occupied& y) { return x.lower < y.lower; });
    return;
  }
  uint64_t any = 0, all = ~uint64_t{0};
  for (const Occupied& b : blocks) {
    any |= uint64_t(b.lower);
    all &= uint64_t(b.lower);
  }
  const uint64_t differing = any ^ all;
  if (differing == 0) return;
  const int low = std::countr_zero(differing), span = std::bit_width(differing) - low;
  const int passes = (span + 7) / 8, width = (span + passes - 1) / passes;
  const uint64_t mask = (uint64_t{1} << width) - 1;
  scratch.resize(blocks.size());
  for (int shift = low; shift < low + span; shift += width) {
    uint32_t start[257] = {};
    for (const Occupied& b : blocks) ++start[((uint64_t(b.lower) >> shift) & mask) + 1];
    for (uint64_t digit = 0; digit < mask; ++digit) start[digit + 1] += start[digit];
    for (const Occupied& b : blocks) scratch[start[(uint64_t(b.lower) >> shift) & mask]++] = b;
    blocks.swap(scratch);
  }
}

// The lowest multiple of `alignment` x >= start such that [x, x + size) meets none of `used`
// (sorted by lower) and x + size <= end; -1 when there is none. O(used.size()).
inline Offset lowest_fit(std::span<const Occupied> used, Offset start, Offset end, Size size,
                         Size alignment) {
  Offset x = align_up(start, alignment);
  for (const Occupied& u : used) {
    if (u.upper <= x || u.lower == u.upper) continue;
    if (u.lower >= x + size) break;  // sorted: every later block starts even higher
    x = align_up(u.upper, alignment);
  }
  return x + size <= end ? x : -1;
}

// Why a heuristic stopped when lowest_fit found no offset for `b` below 2^62: the heap is
// unbounded in principle, but addresses stop at 2^62 (csv.h's kMaxValue), and huge buffers or
// pre-placed ones near the top can leave no room under it (found by fuzzing: the offset -1 was
// once kept, and a "solved" result held a negative offset).
inline std::string no_room_text(const Buffer& b) {
  return "'" + printable(b.id) + "' (" + std::to_string(b.size) +
         " bytes) fits nowhere below 2^62, the highest address tela handles, clear of the "
         "buffers live alongside";
}

}  // namespace tela
