// The trace: every step an algorithm takes, reported to an observer as it happens.
// Algorithms call `emit` only when an observer is attached, so with none the cost is one
// predictable branch per step. Events are fixed-size records; the buffers a conflict names are
// passed alongside, so a recorded trace stays compact even with 10^6 events.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "model/problem.h"

namespace tela {

enum class EventKind : uint8_t {
  kPhase,           // a phase (group of buffers solved together) begins
  kConsider,        // the algorithm picks the next buffer to place
  kPlace,           // a buffer is placed at `offset`
  kMinorBacktrack,  // the last placement is undone to try the next candidate
  kMajorBacktrack,  // a placement is undone by a jump back several levels
  kPropagate,       // a buffer's domain of offsets shrinks to [offset, limit]
  kConflict,        // a buffer has no offset left; `causes` are the placements to blame
  kSkyline,         // the skyline over [time_lower, time_upper) moves to height `offset`
};
// The kinds' names in trace files and on screen, in enum order; the count follows from them.
inline constexpr auto kEventKindNames = std::to_array<const char*>(
    {"phase", "consider", "place", "minor-backtrack", "major-backtrack", "propagate", "conflict",
     "skyline"});
constexpr int kEventKindCount = int(kEventKindNames.size());
static_assert(int(EventKind::kSkyline) + 1 == kEventKindCount, "a name for every event kind");

// Why a step was taken; an event's plain-words text is built from it and the event's fields.
enum class Reason : uint8_t {
  kNone,
  kStartOrder,       // considered next: it starts earliest
  kSizeOrder,        // considered next: it is the largest left
  kFixed,            // placed at its pre-set offset
  kBestFitGap,       // placed in the smallest free gap that holds it over its whole life
  kLowestFit,        // placed at the lowest offset clear of every buffer live alongside
  kAboveAll,         // placed above everything: no gap below holds it
  kOverlapsPlaced,   // a domain shrinks because a placed buffer overlaps it in time
  kCapacityExceeded, // no offset keeps the buffer under the capacity
  kContention,       // considered next: it sits in the most contended time
  kExplanation,      // major backtrack: undone because the conflict it follows blames it
  kRetry,            // undone to try the next candidate
  kPrioritised,      // considered next: it was involved in a major backtrack
  kSkylineFit,       // placed at the lowest offset the skyline allows over its life
  kSectionFull,      // a time's room above the lowest offset what is left there can take
                     // (the last placement's, or higher) is less than what remains to place
  kExhausted,        // undone because every candidate after it failed
  kRestart,          // undone because the search starts over, complete this time
  kDeadEnd,          // undone because no buffer may follow it
  kLowestFirst,      // considered next: it can go lowest of those left (exact search)
  kCanonicalFit,     // placed at the lowest offset its placed neighbours allow, in offset order
  kUnfillable,       // a section's lowest free byte must be used, but no buffer can sit there
  kKnownFailure,     // this arrangement of what is left was already searched without success
  kLargestAlongside, // considered next: every larger buffer live alongside it is placed (greedy
                     // takes size order in time order on large problems)
  kRestartWithMajors,  // undone because the search starts over with major backtracks again
  kAfterBlamed,      // major backtrack: undone because it was placed after the earliest
                     // placement the conflict blames, and the search jumps back before that one
  kRoomAboveBlock,   // a time's room above the block just placed there is less than what
                     // remains to place there
  kRoomAboveLast,    // a time's room above the offset of the block just placed (elsewhere:
                     // blocks settle bottom-up) is less than what remains to place there
  kAnchored,         // placed in a stack without gaps of the buffers live at one time (the
                     // busiest, or where an earlier answer peaked), before the rest
  kValley,           // a valley of the floor without slack cannot be covered along its floor
                     // by the lives of the buffers left that fit there
  kImproved,         // moved lower by the improvement: a window around a buffer above the
                     // ceiling was solved again below it, everything else where it was
  kAnswer,           // where the answer has it: a trace cut short (its first events only)
                     // ends with these, so that its last step shows the allocation found
};
// The reasons' names in trace files and on screen, in enum order; the count follows from them.
inline constexpr auto kReasonNames = std::to_array<const char*>(
    {"none", "start-order", "size-order", "fixed", "best-fit-gap", "lowest-fit", "above-all",
     "overlaps-placed", "capacity-exceeded", "contention", "explanation", "retry", "prioritised",
     "skyline-fit", "section-full", "exhausted", "restart", "dead-end", "lowest-first",
     "canonical-fit", "unfillable", "known-failure", "largest-alongside", "restart-with-majors",
     "after-blamed", "room-above-block", "room-above-last", "anchored", "valley", "improved",
     "answer"});
constexpr int kReasonCount = int(kReasonNames.size());
static_assert(int(Reason::kAnswer) + 1 == kReasonCount, "a name for every reason");

struct TraceEvent {
  EventKind kind = EventKind::kConsider;
  Reason reason = Reason::kNone;
  BufferIndex buffer = -1;   // the buffer the step is about; -1 for none (phase, skyline, a
                             // major backtrack that lifts nothing)
  Offset offset = 0;         // place/backtrack: the offset; propagate: lowest offset left;
                             // skyline: new height; phase: the phase's number;
                             // conflict of a time (buffer -1): the room left there;
                             // conflict of a buffer with causes: the lowest offset it may take
                             // (the top of causes[0], the block it would rest on)
  Offset limit = 0;          // propagate: highest offset left; conflict of a time: the bytes
                             // still to place there; major backtrack (explanation,
                             // after-blamed): the step (1-based event number) of the conflict
                             // it follows, 0 if unknown
  TimeValue time_lower = 0;  // skyline, phase, conflict: the time span concerned
  TimeValue time_upper = 0;
};

class TraceObserver {
 public:
  virtual ~TraceObserver() = default;
  // `causes`: the buffers a conflict blames (its explanation: the block to blame, then the
  // blocks it rests on); for a propagation, the block that caused it; for a major backtrack
  // (explanation, after-blamed), the earliest placement the conflict it follows blames (the
  // search jumps back to before it), then that conflict's explanation. Valid during the call.
  virtual void on_event(const TraceEvent& event, std::span<const BufferIndex> causes) = 0;
};

// Sends an event to the observer, if there is one. Build the event inside the `if` at call
// sites that are hot, so nothing is computed for nobody.
inline void emit(TraceObserver* observer, const TraceEvent& event,
                 std::span<const BufferIndex> causes = {}) {
  if (observer) observer->on_event(event, causes);
}

// A recorded trace: the events in order, with the causes of each in one shared array.
struct Trace : TraceObserver {
  std::vector<TraceEvent> events;
  std::vector<uint32_t> cause_begin{0};  // events.size() + 1 entries: event i's causes start at [i]
  std::vector<BufferIndex> causes;

  void on_event(const TraceEvent& event, std::span<const BufferIndex> event_causes) override {
    events.push_back(event);
    causes.insert(causes.end(), event_causes.begin(), event_causes.end());
    cause_begin.push_back(uint32_t(causes.size()));
  }
  std::span<const BufferIndex> causes_of(size_t event) const {
    return {causes.data() + cause_begin[event], causes.data() + cause_begin[event + 1]};
  }
  // Sends the recorded events on, in order: a stage records, and only the run that wins is
  // told to the caller.
  void replay_to(TraceObserver& observer) const {
    for (size_t i = 0; i < events.size(); ++i) observer.on_event(events[i], causes_of(i));
  }
};

// Forwards events and counts them, so an algorithm can name an earlier step ("the conflict at
// step 16") by its number: the count after an event is its 1-based step.
struct CountingObserver : TraceObserver {
  TraceObserver* next = nullptr;
  int64_t events = 0;
  explicit CountingObserver(TraceObserver* forward_to) : next(forward_to) {}
  void on_event(const TraceEvent& event, std::span<const BufferIndex> causes) override {
    ++events;
    next->on_event(event, causes);
  }
};

// Passes the first `limit` events on to a trace (a `Trace`, or a packed one) and counts the
// rest: a long search emits tens of millions of events, more than a page's memory holds.
struct CappedTrace : TraceObserver {
  TraceObserver& trace;
  int64_t limit;
  int64_t kept = 0;
  int64_t dropped = 0;
  CappedTrace(TraceObserver& keeper, int64_t max_events) : trace(keeper), limit(max_events) {}
  void on_event(const TraceEvent& event, std::span<const BufferIndex> causes) override {
    if (kept < limit) ++kept, trace.on_event(event, causes);
    else ++dropped;
  }
  // For a result's detail: "the trace keeps the first N events; M more were not recorded".
  std::string summary() const;
};

// Stable names used in trace files and on screen: "place", "minor-backtrack", "best-fit-gap".
const char* name_of(EventKind kind);
const char* name_of(Reason reason);
bool event_kind_from_name(const std::string& name, EventKind& kind);
bool reason_from_name(const std::string& name, Reason& reason);

// One sentence a student can read: "b17 placed at 4096: the smallest free gap that holds it
// during [12, 40)".
std::string describe(const Problem& problem, const TraceEvent& event,
                     std::span<const BufferIndex> causes);
// The same sentence appended to `text` (a writer reuses one string for every event).
void describe_into(std::string& text, const Problem& problem, const TraceEvent& event,
                   std::span<const BufferIndex> causes);

}  // namespace tela
