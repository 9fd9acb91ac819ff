// A cache-friendly reordering of a priority list of buffers that changes no result.
//
// Greedy allocators place buffers in a priority order (greedy by size: largest first), each at
// a spot that depends only on the buffers placed before it that overlap it in time. Any order
// that keeps every time-overlapping pair in its priority order therefore gives exactly the same
// placement. Priority order jumps at random through time, so on a million buffers each
// placement's neighbourhood is a cache miss; this order walks forward through time instead.
//
// How: the list is cut into windows of consecutive priorities; within a window, a buffer is
// ready once every higher-priority buffer of the window overlapping it is placed, and the ready
// buffer that starts earliest goes next (Kahn's algorithm with a heap on start time). Windows
// keep the overlap graph small; a window whose graph is too dense (everything overlapping
// everything) is kept in priority order.
#pragma once

#include <vector>

#include "model/problem.h"

namespace tela {

struct TimeLocalOrderOptions {
  // Buffers per window; 0: a sixteenth of the list, within [1,024, 65,536]. A window spread
  // over the whole time span has about 1/16 of the problem's overlaps per buffer.
  size_t window = 0;
  size_t edges_per_buffer = 32;     // above this many overlaps per buffer, a window stays as is
};

// A permutation of `order` in which every pair of buffers overlapping in time keeps its
// relative order.
std::vector<BufferIndex> time_local_order(const Problem& problem,
                                          const std::vector<BufferIndex>& order,
                                          const TimeLocalOrderOptions& options = {});

}  // namespace tela
