// Improvement for problems too large to search whole: start from an allocation and lower its
// peak step by step, by large-neighbourhood search.
//
// A step sets a ceiling below the peak and moves every buffer that reaches above it: each move
// frees the top slab of a time window around such a buffer (neighbourhood.h) and places it
// again below the ceiling with the exact search, everything else fixed. When no buffer is left
// above the ceiling the peak has come down, and the next step aims lower by as much again; a
// step that fails (some buffer cannot be moved under the ceiling) halves how far the next aims.
// Moves that succeeded in a failed step stay: they only moved buffers down, below the peak.
//
// The exact search of each move is limited by its work, not by the clock, so for a given seed
// and work budget the result is the same on every machine (the time limit only stops it early).
//
// Trace: each buffer a move puts elsewhere is one placement event (Reason::kImproved) for
// options.observer, a move's buffers one after the other: until its last, a block may still
// overlap the old place of one that has yet to move.
#pragma once

#include <functional>
#include <span>

#include "model/run.h"

namespace tela {

// A point of the improvement's progress: the peak it has reached, and when.
struct ImproveStep {
  double seconds = 0;  // since the improvement started
  Size peak = 0;
  int64_t moves = 0;   // tried so far
  std::span<const Offset> offsets;  // the allocation at `peak`; valid only during the call
};

struct ImproveResult {
  Solution solution;      // never higher than the start, always a valid allocation if it was
  Size peak = 0;
  int64_t moves = 0;      // neighbourhoods searched
  int64_t improved = 0;   // steps that lowered the peak
  Status stopped = Status::kSolved;  // kSolved: it reached `lowest` or could go no lower;
                                     // kTimeout / kCancelled: stopped by the options
  std::string detail;     // plain words: how it went
};

// Lowers `start`'s peak towards `lowest` (no allocation of the problem is below it: the lower
// bound), with options.improve's parameters, options.exact's rules for the moves, and their
// time limit and cancel flag. `on_step` hears each lower peak. The problem's capacity is not
// read: the improvement only ever lowers the peak. It stops as soon as the peak is at most
// `good_enough` (auto: the capacity), and aims below it meanwhile: its steps are sized by the
// distance to `lowest` (aiming only just under the peak, it gave up after a few bytes where
// larger steps that failed had moved enough buffers to let the next ones through).
ImproveResult improve(const Problem& problem, const Solution& start, Size lowest, const SolveOptions& options,
                      const std::function<void(const ImproveStep&)>& on_step = {}, Size good_enough = 0);

}  // namespace tela
