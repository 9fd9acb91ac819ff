// Greedy around the busiest time: the buffers live when the load is highest are stacked from
// offset 0 without gaps, so that time wastes nothing, and greedy places the rest around them.
// Which order the stack takes decides what the times beside it can reuse: the buffers that
// live on the longest after that time at the bottom frees the top first as time runs on, the
// ones that started first at the bottom does the same looking back. On ML-like traces one of
// the orders often reaches the lower bound where plain greedy ends percents above it
// (`minimize` tries each as a start for the improvement; README, "Measured").
#pragma once

#include <optional>

#include "model/run.h"

namespace tela {

enum class AnchorOrder {
  kLatestEndFirst,      // bottom to top: the last to end first
  kEarliestStartFirst,  // bottom to top: the first to start first
  kLongestFirst,        // bottom to top: the longest-lived first
};
inline constexpr AnchorOrder kAnchorOrders[] = {AnchorOrder::kLatestEndFirst, AnchorOrder::kEarliestStartFirst,
                                                AnchorOrder::kLongestFirst};
// "latest-end", "earliest-start", "longest": for what found an allocation.
const char* name_of(AnchorOrder order);

// What places the buffers around the stacks, before the sweeps between them
// (segment_sweeps.h): greedy by size, or best-fit in time order, which is much quicker on
// large traces (ml 10^6 --density 3700: 0.5 s, where greedy takes 5-7 s) and which the
// sweeps then improve on their own.
enum class AnchorFill { kGreedy, kBestFit };

// The allocation, or nullopt where no stack can be built (nothing but pre-placed buffers live
// then, or past 2^62). Stacks step over pre-placed buffers. With more `rounds`, the time
// where the last allocation reached its peak is stacked as well (the buffers not yet pinned
// there), and greedy runs again: the lowest of the rounds is returned.
// Rounds stop early once a peak is at most `good_enough` (the lower bound for minimize, the
// capacity for a solve). The answer's status is kSolved when it fits problem.capacity, else
// kNotFound; the observer hears the events of the round returned, stacked buffers placed for
// Reason::kAnchored. The time limit is shared by the rounds.
std::optional<SolveResult> anchored_greedy(const Problem& problem, AnchorOrder order, const SolveOptions& options,
                                           int rounds = 1, Size good_enough = 0,
                                           AnchorFill fill = AnchorFill::kGreedy);

// `auto`'s stage: each order in turn (four rounds each up to 200,000 buffers, one beyond)
// until one fits the capacity; else the lowest, kNotFound.
SolveResult anchored_greedy_stage(const Problem& problem, const SolveOptions& options);

}  // namespace tela
