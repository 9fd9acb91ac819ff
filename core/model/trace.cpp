#include "model/trace.h"

#include <algorithm>
#include <array>

namespace tela {
namespace {

constexpr std::array<const char*, kEventKindCount> kKindNames = {
    "phase", "consider", "place", "minor-backtrack", "major-backtrack",
    "propagate", "conflict", "skyline"};
constexpr std::array<const char*, kReasonCount> kReasonNames = {
    "none", "start-order", "size-order", "fixed", "best-fit-gap", "lowest-fit",
    "above-all", "overlaps-placed", "capacity-exceeded", "contention", "explanation", "retry",
    "prioritised", "skyline-fit", "section-full", "exhausted", "restart", "dead-end",
    "lowest-first", "canonical-fit", "unfillable", "known-failure", "largest-alongside",
    "restart-with-majors", "after-blamed", "room-above-block", "room-above-last"};

template <typename Enum, size_t N>
bool from_name(const std::array<const char*, N>& names, const std::string& name, Enum& out) {
  for (size_t i = 0; i < N; ++i)
    if (name == names[i]) {
      out = Enum(i);
      return true;
    }
  return false;
}

std::string bytes(int64_t n) { return std::to_string(n) + (n == 1 ? " byte" : " bytes"); }

std::string span_text(int64_t lower, int64_t upper) {
  return "[" + std::to_string(lower) + ", " + std::to_string(upper) + ")";
}

// Why a buffer was considered or placed, as the end of a sentence.
std::string because(const Problem& problem, const TraceEvent& e) {
  const Buffer& b = problem.buffers[size_t(e.buffer)];
  const std::string life = span_text(b.lower, b.upper);
  switch (e.reason) {
    case Reason::kStartOrder: return "it is the next to start, at " + std::to_string(b.lower);
    case Reason::kSizeOrder: return "it is the largest left (" + bytes(b.size) + ")";
    case Reason::kLargestAlongside:
      return "every larger buffer live during " + life + " is placed (" + bytes(b.size) + ")";
    case Reason::kContention: return "it lives in the most contended time";
    case Reason::kFixed: return "it is pre-placed there";
    case Reason::kBestFitGap: return "the smallest free gap that holds it during " + life;
    case Reason::kLowestFit: return "the lowest offset clear of every buffer live during " + life;
    case Reason::kAboveAll: return "the top of the heap; no free gap below holds it during " + life;
    case Reason::kOverlapsPlaced: return "placed buffers overlap it in time";
    case Reason::kCapacityExceeded: return "no offset keeps it under the capacity";
    case Reason::kExplanation:  // (described with the conflict it follows: see lifted_by_major)
    case Reason::kAfterBlamed: break;
    case Reason::kRetry: return "to try the next candidate";
    case Reason::kPrioritised: return "it was involved in a major backtrack, so it goes first";
    case Reason::kSkylineFit: return "the lowest offset the skyline allows during " + life;
    case Reason::kSectionFull:
    case Reason::kRoomAboveBlock:
    case Reason::kRoomAboveLast: return "the space left is too small for what remains";
    case Reason::kExhausted: return "every choice after it failed";
    case Reason::kRestart: return "the search starts over without major backtracks, so that it is complete";
    case Reason::kDeadEnd:
      return "no buffer may follow it (each would sit lower, off the lowest point, or has no room)";
    case Reason::kLowestFirst: return "it can go lowest of the buffers left";
    case Reason::kCanonicalFit:
      return "the lowest offset its placed neighbours allow during " + life +
             " (buffers go in order of offset)";
    case Reason::kUnfillable: return "the lowest free space there must be used, but nothing fits it";
    case Reason::kKnownFailure: return "the same arrangement of what is left already failed";
    case Reason::kRestartWithMajors:
      return "the complete search used its share of the time: the search starts over with major "
             "backtracks, putting first the buffers they involved so far";
    case Reason::kNone: break;
  }
  return "";
}

std::string names(const Problem& problem, std::span<const BufferIndex> buffers) {
  std::string text;
  for (size_t i = 0; i < buffers.size(); ++i) {
    if (i) text += i + 1 == buffers.size() ? " and " : ", ";
    text += problem.buffers[size_t(buffers[i])].id;
  }
  return text;
}

std::string id_of(const Problem& problem, BufferIndex b) { return problem.buffers[size_t(b)].id; }

// "e and the blocks it rests on, d and a": a conflict's explanation, which is the block to
// blame followed by its support chain (each resting on the next).
std::string chain(const Problem& problem, std::span<const BufferIndex> causes) {
  std::string text = id_of(problem, causes[0]);
  if (causes.size() > 1)
    text += std::string(" and the ") + (causes.size() > 2 ? "blocks" : "block") + " it rests on, " +
            names(problem, causes.subspan(1));
  return text;
}
std::string blamed(const Problem& problem, std::span<const BufferIndex> causes) {
  return causes.empty() ? "" : "; blamed: " + chain(problem, causes);
}

// A buffer without an offset: causes[0] (its support) reaches up to e.offset beside it, and from
// there up nothing fits (the capacity, or pre-placed blocks in the way).
std::string no_offset_left(const Problem& problem, const TraceEvent& e,
                           std::span<const BufferIndex> causes) {
  const Buffer& b = problem.buffers[size_t(e.buffer)];
  const Buffer& support = problem.buffers[size_t(causes[0])];
  const std::string from = std::to_string(e.offset);
  std::string text = b.id + " has no offset left: " + support.id + " reaches up to " + from +
                     " beside it during " +
                     span_text(std::max(b.lower, support.lower), std::min(b.upper, support.upper)) +
                     ", and from " + from + " up" +
                     (b.alignment > 1 ? " (aligned to " + std::to_string(b.alignment) + ")" : "");
  const bool passes = align_up(e.offset, b.alignment) + b.size > problem.capacity;
  text += passes ? " its " + bytes(b.size) + " pass the capacity, " + std::to_string(problem.capacity)
                 : " every offset under the capacity overlaps a pre-placed block";
  return text + blamed(problem, causes);
}

// A time without room for what remains to place there; what the room is measured from depends
// on the reason.
std::string no_room(const Problem& problem, const TraceEvent& e,
                    std::span<const BufferIndex> causes) {
  const std::string left = bytes(e.offset) + (e.offset == 1 ? " is" : " are") + " left";
  const std::string rest = " for " + bytes(e.limit) + " still to place";
  std::string text = "no room during " + span_text(e.time_lower, e.time_upper) + ": ";
  if (e.reason == Reason::kRoomAboveBlock && !causes.empty())
    return text + left + " above " + id_of(problem, causes[0]) + rest + blamed(problem, causes);
  if (e.reason == Reason::kRoomAboveLast && !causes.empty())
    return text + "blocks settle bottom-up, so nothing goes below " + id_of(problem, causes[0]) +
           ", just placed; " + left + " above its offset" + rest + blamed(problem, causes);
  if (e.reason == Reason::kSectionFull) {
    text += "above the lowest offset what is left there can take, " + left + rest;
    if (!causes.empty()) text += "; blamed: the last placement, " + chain(problem, causes);
    return text;
  }
  return text + left + rest;
}

// A major backtrack follows a conflict, which blames causes[1...]; the search jumps back to
// before the earliest of those placements, causes[0], lifting it and all placed after it.
std::string lifted_by_major(const Problem& problem, const TraceEvent& e,
                            std::span<const BufferIndex> causes) {
  const std::string conflict =
      e.limit > 0 ? "the conflict at step " + std::to_string(e.limit) : "the latest conflict";
  // (Traces written before events named their conflict: say only what is certain.)
  if (causes.size() < 2)
    return "the search jumps back to before the earliest placement a conflict blames (which "
           "one, this trace does not say)";
  const std::string earliest = id_of(problem, causes[0]);
  const std::string all = names(problem, causes.subspan(1));
  if (e.reason == Reason::kAfterBlamed)
    return "it was placed after " + earliest + ", and " + conflict + " blames " + all +
           ", so the search jumps back to before " + earliest + ", the earliest of them";
  if (e.buffer == causes[0])
    return conflict + " blames " + all + "; " + earliest +
           " is the earliest of them, and the search jumps back to before it";
  return conflict + " blames " + all + ", and the search jumps back to before " + earliest +
         ", the earliest of them";
}

}  // namespace

const char* name_of(EventKind kind) { return kKindNames[size_t(kind)]; }
const char* name_of(Reason reason) { return kReasonNames[size_t(reason)]; }
bool event_kind_from_name(const std::string& name, EventKind& kind) {
  return from_name(kKindNames, name, kind);
}
bool reason_from_name(const std::string& name, Reason& reason) {
  return from_name(kReasonNames, name, reason);
}

std::string describe(const Problem& problem, const TraceEvent& e,
                     std::span<const BufferIndex> causes) {
  const std::string id = e.buffer >= 0 ? problem.buffers[size_t(e.buffer)].id : "";
  const std::string why = e.buffer >= 0 ? because(problem, e) : "";
  const std::string tail = why.empty() ? "" : ": " + why;
  switch (e.kind) {
    case EventKind::kPhase:
      if (e.reason == Reason::kRestart)
        return "the search starts over, breaking ties with ordering " + std::to_string(e.offset) +
               " and a larger node limit";
      return "phase " + std::to_string(e.offset) + " begins, covering time " +
             span_text(e.time_lower, e.time_upper);
    case EventKind::kConsider: return "consider " + id + tail;
    case EventKind::kPlace:
      return id + " placed at " + std::to_string(e.offset) + tail;
    case EventKind::kMinorBacktrack:
      return id + " lifted out of " + std::to_string(e.offset) + " (minor backtrack)" + tail;
    case EventKind::kMajorBacktrack:
      if (e.reason == Reason::kExplanation || e.reason == Reason::kAfterBlamed)
        return id + " lifted out of " + std::to_string(e.offset) +
               " (major backtrack): " + lifted_by_major(problem, e, causes);
      return id + " lifted out of " + std::to_string(e.offset) + " (major backtrack)" + tail;
    case EventKind::kPropagate:
      if (causes.size() == 1 && e.time_upper > e.time_lower)
        return id + " cannot go below " + std::to_string(e.offset) + ": " + names(problem, causes) +
               " reaches up to " + std::to_string(e.offset) + " during " +
               span_text(e.time_lower, e.time_upper);
      return id + " can now only go at offsets " + std::to_string(e.offset) + ".." +
             std::to_string(e.limit) + (causes.empty() ? tail : ": " + names(problem, causes) +
                                        " overlap it in time");
    case EventKind::kConflict:
      if (e.buffer < 0 && e.reason == Reason::kKnownFailure)
        return "what is left during " + span_text(e.time_lower, e.time_upper) +
               " was already searched in this arrangement without success";
      if (e.buffer < 0 && e.reason == Reason::kUnfillable)
        return "no slack during " + span_text(e.time_lower, e.time_upper) + " (" +
               bytes(e.offset) + " left for " + bytes(e.limit) +
               "), so its lowest free byte must be used, but no buffer that may go next sits there";
      if (e.buffer < 0) return no_room(problem, e, causes);
      return causes.empty() ? id + " has no offset left" + tail
                            : no_offset_left(problem, e, causes);
    case EventKind::kSkyline:
      return "the skyline over " + span_text(e.time_lower, e.time_upper) + " rises to " +
             std::to_string(e.offset);
  }
  return "";
}

std::string CappedTrace::summary() const {
  return "the trace keeps the first " + std::to_string(limit) + " events; " +
         std::to_string(dropped) + " more were not recorded";
}

}  // namespace tela
