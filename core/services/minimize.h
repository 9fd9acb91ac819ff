// The smallest capacity that works: heuristics give an upper bound (their peak with no limit),
// the load at the busiest time a lower bound (raised where exact searches of windows around it
// prove more is needed, services/bounds.h), and the exact search (through `auto`) probes the
// capacities between: first the lower bound itself (often the answer), then by bisection. A
// probe that proves a capacity infeasible proves every smaller one infeasible too.
#pragma once

#include <functional>
#include <span>
#include <string>

#include "algorithms/improve/improve.h"
#include "services/registry.h"

namespace tela {

struct MinimizeResult {
  Status status = Status::kNotFound;  // kSolved: an allocation at `capacity` (in `solution`);
                                      // kInfeasible: pre-placed buffers collide, no capacity
                                      // helps; kTimeout/kCancelled: stopped before any answer
  Size capacity = 0;                  // the smallest capacity an allocation was found for
  Size lower_bound = 0;               // no allocation needs less: the load, pre-placed tops, or
                                      // a window the exact search proves needs more
                                      // (services/bounds.h); `bound_argument` says which
  std::string bound_argument;         // the argument that proves lower_bound, in plain words
  bool proven_minimal = false;        // capacity is the lower bound, or capacity - 1 is
                                      // proven infeasible
  Solution solution;
  std::string algorithm;              // what found the allocation at `capacity`
  std::string detail;                 // plain words: how it went
  double seconds = 0;
};

// A point of minimize's progress, for people watching a long one: the two bounds closing in.
struct MinimizeStep {
  double seconds = 0;     // since minimize started
  Size capacity = 0;      // the smallest capacity an allocation was found for so far
  Size proven_below = 0;  // every capacity below this is proven to hold no allocation
  std::string found_by;   // what found `capacity`: "best-fit", "improve (from greedy)", ...
  int64_t moves = 0;      // the improvement's moves so far
  // The allocation at `capacity` on the steps that lower it (the heuristics' answer, the
  // improvement's and each probe's; empty on steps that only raise the bound), so a caller that
  // stops minimize early can keep it. Valid only during the call.
  std::span<const Offset> offsets;
};

// `problem.capacity` is ignored. Probes share options.timeout_seconds (0: no limit). Before
// the probes, the heuristics' best allocation is brought down by the improvement (improve.h,
// with options.improve). `on_step` hears each change of either bound: the lower of best-fit's
// and greedy's answers as soon as both ran, each anchored start's that is lower, each lower
// peak the improvement reaches, each probe that finds a lower capacity or proves a higher one
// infeasible.
MinimizeResult minimize(const Problem& problem, const SolveOptions& options,
                        const std::function<void(const MinimizeStep&)>& on_step = {});

}  // namespace tela
