// Checks a solution against its problem and says exactly what is wrong with it.
#pragma once

#include <string>
#include <vector>

#include "model/problem.h"

namespace tela {

// Why a solution is rejected; the first failure found is reported.
enum class Verdict {
  kValid,             // every buffer placed, inside the capacity, aligned, no two collide
  kWrongCount,        // the solution has a different number of offsets than there are buffers
  kUnplaced,          // a buffer has no offset
  kNegativeOffset,    // a buffer starts below address 0
  kOverCapacity,      // a buffer ends above the capacity
  kMisaligned,        // an offset is not a multiple of the buffer's alignment
  kFixedOffsetMoved,  // a pre-placed buffer is not at its fixed offset
  kOverlap,           // two buffers live at the same time share an address
};

struct Validation {
  Verdict verdict = Verdict::kValid;
  BufferIndex buffer = -1;  // the buffer at fault (for kOverlap, the one placed later in time)
  BufferIndex other = -1;   // kOverlap: the buffer it collides with
  Offset offset = 0;        // the offset the solution gives `buffer`
  TimeValue time_lower = 0, time_upper = 0;  // kOverlap: when both are live
  Offset address_lower = 0, address_upper = 0;  // kOverlap: the bytes both use

  bool ok() const { return verdict == Verdict::kValid; }
};

// Every check, in this order: count, then per buffer (placed, range, alignment, fixed offset),
// then overlaps by a sweep over time. O(n log n).
Validation validate(const Problem& problem, const Solution& solution);

// Every colliding pair, up to `limit` of them (for showing all conflicts, not just the first).
std::vector<Validation> find_overlaps(const Problem& problem, const Solution& solution,
                                      size_t limit);

// Stable names for verdicts: "valid", "wrong-count", "unplaced", "negative-offset",
// "over-capacity", "misaligned", "fixed-offset-moved", "overlap".
const char* name_of(Verdict verdict);

// Plain words, naming the buffers by id: "b3 [0, 8) at 4..12 overlaps b7 ...".
std::string describe(const Problem& problem, const Validation& validation);

}  // namespace tela
