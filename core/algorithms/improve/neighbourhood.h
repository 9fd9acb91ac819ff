// One move of the improvement (improve.h): the buffers to free around a buffer that reaches
// above the ceiling, and the small problem that places them again below it with every other
// buffer where it is.
//
// The freed buffers are the top slab of a time window: those live in it at or above an address
// `floor`, with the violator, and whatever reaches above the ceiling beside them. Everything else stays; what of it lies above the floor and meets a freed
// buffer in time becomes a pre-placed block of the small problem, cut off at the floor, whose
// addresses are counted from the floor and whose capacity is ceiling - floor. So any answer to
// the small problem, lifted by the floor, fits beside everything that stayed.
#pragma once

#include <optional>
#include <vector>

#include "analysis/interval_index.h"
#include "model/problem.h"

namespace tela {

struct Neighbourhood {
  std::vector<BufferIndex> freed;  // buffers of the problem, placed anew
  Offset floor = 0;                // they go at or above it (a multiple of their alignments)
  Problem sub;                     // freed buffers first, in the order of `freed`, then the
                                   // pre-placed blocks; addresses less `floor`
};

struct Window {
  TimeValue lower = 0, upper = 0;  // buffers live in [lower, upper) may be freed
  size_t want = 0;                 // about this many: the highest placed of them
  size_t most = 0;                 // never more than this many freed (after adding blockers)
  uint64_t longest = 0;            // only buffers living at most this long (0: any)
};

// The time in [lower, upper) at which the buffers live then need the most bytes (the first
// such): where a peak is hardest to lower.
TimeValue busiest_time_in(const Problem& problem, const IntervalIndex& index, TimeValue lower, TimeValue upper);

// The neighbourhood of `violator` (which must be live in the window) for placing everything
// below `ceiling`; nullopt when more than window.most buffers would have to be freed, or a
// pre-placed buffer of the problem reaches above the ceiling beside them. `index` covers every
// buffer; `offsets` is a full allocation.
std::optional<Neighbourhood> neighbourhood_of(const Problem& problem, const std::vector<Offset>& offsets,
                                              const IntervalIndex& index, BufferIndex violator,
                                              const Window& window, Size ceiling);

}  // namespace tela
