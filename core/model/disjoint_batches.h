// A fast proof that no two buffers live at the same time share an address, for traces where
// many buffers start at each time (thousands live at once, in batches).
//
// Two buffers overlap in time exactly when both are live at the later one's start, so it is
// enough that, at every distinct start time, the buffers live then are disjoint in address;
// and a set of ranges sorted by address is disjoint when each is clear of the next. At each
// start the buffers starting then are sorted and merged into the live ones (kept sorted), each
// checked against the one merged before it: a few linear passes where a balanced tree would
// take one chain of cache misses per buffer.
#pragma once

#include <span>

#include "model/problem.h"

namespace tela {

// True when the buffers of `order` (positive sizes only, sorted by start time) never collide
// at their offsets in `offsets` (all placed, >= 0). False when two collide, and also when
// this way would not pay: fewer than 8 buffers start at each time on average, or the live
// buffers, merged once per distinct start, would cost more than `work_per_buffer` times the
// buffers' count. The caller then checks another way (and names the collision).
bool disjoint_by_start_batches(const Problem& problem, std::span<const Offset> offsets,
                               std::span<const BufferIndex> order, size_t work_per_buffer = 24);

}  // namespace tela
