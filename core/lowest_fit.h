// The lowest offset at which a block fits between blocks already in place.
#pragma once

#include <span>

#include "model.h"

namespace tela {

// Address range [lower, upper) in use.
struct Occupied {
  Offset lower = 0;
  Offset upper = 0;
};

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

}  // namespace tela
