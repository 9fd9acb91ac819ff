// Trace playback: the state of an allocation after any number of a recorded run's events.
// The visualizer only ever reads a run through this; it never calls into an algorithm. Seeking
// is instant on long traces: snapshots of the offsets are kept every `stride` events, so a
// seek replays at most `stride` events from the nearest one (never from zero).
#pragma once

#include <cstdint>
#include <vector>

#include "io/trace_io.h"

namespace tela::viz {

// Running totals up to (and including) an event, for the statistics panel.
struct StepCounts {
  int32_t placed = 0;           // buffers placed after the event
  int32_t minor_backtracks = 0;
  int32_t major_backtracks = 0;
  int32_t conflicts = 0;
  Size peak = 0;                // highest address in use after the event
};

// Where each buffer is before any step: its fixed offset if pre-placed, else kUnplaced.
std::vector<Offset> pre_placed_offsets(const Problem& problem);

// Where each buffer is after the trace's last step: what the player draws there (a trace
// without steps: the result).
std::vector<Offset> offsets_at_end(const RecordedRun& run);

class Player {
 public:
  explicit Player(const RecordedRun* run = nullptr);

  int64_t steps() const;            // events in the trace
  int64_t step() const { return step_; }  // events applied so far, 0..steps()
  // Moves to the state after `step` events (clamped to [0, steps()]).
  void seek(int64_t step);

  // Offsets of the current state; kUnplaced for buffers not placed at this step.
  const std::vector<Offset>& offsets() const { return offsets_; }
  StepCounts counts() const;  // totals after the current step
  StepCounts final_counts() const;  // at the last step, wherever the player is
  // The first step after which `placed` buffers are placed, or -1 when none is.
  int64_t first_step_placing(int64_t placed) const;
  // The event that produced the current state (the last one applied); nullptr at step 0.
  const TraceEvent* current_event() const;

  // The next/previous step (1-based event number) after/before `from` (default: the step
  // shown) whose event kind is one of `kinds`, or -1 when there is none.
  int64_t find_next(std::initializer_list<EventKind> kinds) const { return find_next(kinds, step_); }
  int64_t find_previous(std::initializer_list<EventKind> kinds) const { return find_previous(kinds, step_); }
  int64_t find_next(std::initializer_list<EventKind> kinds, int64_t from) const;
  int64_t find_previous(std::initializer_list<EventKind> kinds, int64_t from) const;

  // The domain [lowest, highest] of `buffer`, not placed at this step, from the last
  // propagation at or before the current step; false when placed or no propagation named it.
  bool domain_of(BufferIndex buffer, Offset& lowest, Offset& highest) const;
  // The step at which `buffer` was last placed or lifted (0 when never).
  int64_t last_change_of(BufferIndex buffer) const;

 private:
  void apply(const TraceEvent& event, int64_t step);
  void index_run();

  const RecordedRun* run_ = nullptr;
  int64_t step_ = 0;
  int64_t stride_ = 256;
  std::vector<Offset> offsets_;
  std::vector<int64_t> changed_at_;                 // per buffer: step of its last change
  std::vector<std::vector<Offset>> snapshots_;      // offsets after k * stride_ events
  std::vector<std::vector<int64_t>> snapshot_changes_;
  std::vector<StepCounts> counts_;                  // after each event (counts_[0]: none)
  // By count: the first step after which that many are placed. An event places or lifts one
  // buffer at most, so the count first reaches n when it first exceeds n - 1.
  std::vector<int64_t> first_placing_;
};

}  // namespace tela::viz
