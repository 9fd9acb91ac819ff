// Lower bounds on the capacity a problem needs, each with the argument that proves it.
//
// The quick bounds are the load at the busiest time, a pre-placed buffer's top, and the load
// with sizes rounded up where every buffer live is aligned. A stronger one rests on this: a
// part of the problem never needs more than the whole, and relaxing a part (clipping its
// buffers' lives to a window of time, pre-placed buffers kept where they are) only removes
// conflicts. So when the exact search proves the buffers live in a window, clipped to it,
// infeasible at a capacity C, the whole problem needs at least C + 1. The windows are grown
// around the busiest times while the search still settles them within a small budget.
#pragma once

#include <cstdint>
#include <string>

#include "model/run.h"

namespace tela {

struct LowerBound {
  Size value = 0;        // no allocation of the problem has a smaller peak
  std::string argument;  // in plain words, why: "the load at time 812", ...
};

// How much the stronger bound may try. The budgets are in reads of the clock that the exact
// search takes every ~8000 buffers it looks at (a few tens of microseconds), so that without a
// time limit the result depends on the problem alone, never on the machine.
struct BoundLimits {
  int64_t probe_reads = 64;      // one exact search of one window at one capacity
  int64_t total_reads = 4096;    // every search together
  int32_t windows_per_time = 12;  // windows grown around each busy time at most
  int32_t busy_times = 8;        // the busiest sections windows are grown around
  int32_t max_buffers = 400;     // buffers in a window at most
};

// The highest of: the load at the busiest time; the highest pre-placed top; where every buffer
// live at a time is aligned to at least g, their sizes rounded up to g but for the highest one
// (the aligned load). 0 for no buffers. O(n log n), no search.
LowerBound quick_lower_bound(const Problem& problem);

// At least quick_lower_bound, raised where the exact search proves a window of the problem
// needs more (the argument then names the window). `problem.capacity` is ignored. Honours
// options.timeout_seconds, cancel and clock (a stop only leaves the bound lower); observer and
// progress are not used. O(n log n), a pass over the buffers per busy time, and the searches,
// whose problems hold at most limits.max_buffers buffers.
LowerBound stronger_lower_bound(const Problem& problem, const SolveOptions& options,
                                const BoundLimits& limits = {});

}  // namespace tela
