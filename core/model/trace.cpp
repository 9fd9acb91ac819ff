#include "model/trace.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <string_view>

namespace tela {
namespace {

// (A choice between two literals as string_views: as `const char*` its length would be
// counted at run time, at every event.)
using namespace std::string_view_literals;

template <typename Enum, size_t N>
bool from_name(const std::array<const char*, N>& names, const std::string& name, Enum& out) {
  for (size_t i = 0; i < N; ++i)
    if (name == names[i]) {
      out = Enum(i);
      return true;
    }
  return false;
}

// Sentences are appended to one string: built from chained `+`, each part a temporary string of
// its own, they cost ~1 us an event, and a trace file of a long search holds millions. The
// string is the caller's, so a writer can reuse one for every event.
class Text {
 public:
  explicit Text(std::string& text) : text_(text) {}
  Text& operator<<(std::string_view part) {
    text_ += part;
    return *this;
  }
  Text& operator<<(int64_t n) {
    char digits[24];
    text_.append(digits, std::to_chars(digits, digits + sizeof digits, n).ptr);
    return *this;
  }
  Text& operator<<(int32_t n) { return *this << int64_t(n); }
  Text& operator<<(char) = delete;  // (would print as a number)

 private:
  std::string& text_;
};

void bytes(Text& t, int64_t n) { t << n << (n == 1 ? " byte"sv : " bytes"sv); }

void span_text(Text& t, int64_t lower, int64_t upper) { t << "[" << lower << ", " << upper << ")"; }

// Whether `because` has something to say for this reason.
bool says_why(Reason reason) {
  return reason != Reason::kNone && reason != Reason::kExplanation && reason != Reason::kAfterBlamed;
}

// What a valley conflict says after naming where the floor is.
constexpr const char* kValleyWithoutPath =
    " has no slack and higher walls on both sides, but the lives of the buffers left that fit there cannot "
    "cover it from wall to wall";

// Why a buffer was considered or placed, as the end of a sentence.
void because(Text& t, const Problem& problem, const TraceEvent& e) {
  const Buffer& b = problem.buffers[size_t(e.buffer)];
  const auto life = [&] { span_text(t, b.lower, b.upper); };
  switch (e.reason) {
    case Reason::kStartOrder: t << "it is the next to start, at " << b.lower; return;
    case Reason::kSizeOrder:
      t << "it is the largest left (", bytes(t, b.size), t << ")";
      return;
    case Reason::kLargestAlongside:
      t << "every larger buffer live during ", life(), t << " is placed (", bytes(t, b.size), t << ")";
      return;
    case Reason::kContention: t << "it lives in the most contended time"; return;
    case Reason::kFixed: t << "it is pre-placed there"; return;
    case Reason::kAnchored:
      t << "stacked without gaps with every buffer live at one time (the busiest, or where an earlier "
           "answer peaked), before the rest";
      return;
    case Reason::kImproved:
      t << "the improvement moved it lower: the buffers around one above the peak's ceiling were placed "
           "again below it";
      return;
    case Reason::kAnswer:
      t << "that is where the answer has it (the trace keeps the search's first events only; these last "
           "steps place each buffer as the answer does)";
      return;
    case Reason::kBestFitGap: t << "the smallest free gap that holds it during ", life(); return;
    case Reason::kLowestFit: t << "the lowest offset clear of every buffer live during ", life(); return;
    case Reason::kAboveAll: t << "the top of the heap; no free gap below holds it during ", life(); return;
    case Reason::kOverlapsPlaced: t << "placed buffers overlap it in time"; return;
    case Reason::kCapacityExceeded: t << "no offset keeps it under the capacity"; return;
    case Reason::kExplanation:  // (described with the conflict it follows: see lifted_by_major)
    case Reason::kAfterBlamed: return;
    case Reason::kRetry: t << "to try the next candidate"; return;
    case Reason::kPrioritised: t << "it was involved in a major backtrack, so it goes first"; return;
    case Reason::kSkylineFit: t << "the lowest offset the skyline allows during ", life(); return;
    case Reason::kSectionFull:
    case Reason::kRoomAboveBlock:
    case Reason::kRoomAboveLast: t << "the space left is too small for what remains"; return;
    case Reason::kExhausted: t << "every choice after it failed"; return;
    case Reason::kRestart: t << "the search starts over without major backtracks, so that it is complete"; return;
    case Reason::kDeadEnd:
      t << "no buffer may follow it (each would sit lower, off the lowest point, or has no room)";
      return;
    case Reason::kLowestFirst: t << "it can go lowest of the buffers left"; return;
    case Reason::kCanonicalFit:
      t << "the lowest offset its placed neighbours allow during ", life(),
          t << " (buffers go in order of offset)";
      return;
    case Reason::kUnfillable: t << "the lowest free space there must be used, but nothing fits it"; return;
    case Reason::kValley: t << "the floor there" << kValleyWithoutPath; return;
    case Reason::kKnownFailure: t << "the same arrangement of what is left already failed"; return;
    case Reason::kRestartWithMajors:
      t << "the complete search used its share of the time: the search starts over with major "
           "backtracks, putting first the buffers they involved so far";
      return;
    case Reason::kNone: return;
  }
}

// ": why", when there is something to say.
void tail(Text& t, const Problem& problem, const TraceEvent& e) {
  if (e.buffer >= 0 && says_why(e.reason)) t << ": ", because(t, problem, e);
}

void names(Text& t, const Problem& problem, std::span<const BufferIndex> buffers) {
  for (size_t i = 0; i < buffers.size(); ++i) {
    if (i) t << (i + 1 == buffers.size() ? " and "sv : ", "sv);
    t << problem.buffers[size_t(buffers[i])].id;
  }
}

const std::string& id_of(const Problem& problem, BufferIndex b) { return problem.buffers[size_t(b)].id; }

// "e and the blocks it rests on, d and a": a conflict's explanation, which is the block to
// blame followed by its support chain (each resting on the next).
void chain(Text& t, const Problem& problem, std::span<const BufferIndex> causes) {
  t << id_of(problem, causes[0]);
  if (causes.size() > 1) {
    t << " and the " << (causes.size() > 2 ? "blocks"sv : "block"sv) << " it rests on, ";
    names(t, problem, causes.subspan(1));
  }
}
void blamed(Text& t, const Problem& problem, std::span<const BufferIndex> causes) {
  if (!causes.empty()) t << "; blamed: ", chain(t, problem, causes);
}

// A buffer without an offset: causes[0] (its support) reaches up to e.offset beside it, and from
// there up nothing fits (the capacity, or pre-placed blocks in the way).
void no_offset_left(Text& t, const Problem& problem, const TraceEvent& e,
                    std::span<const BufferIndex> causes) {
  const Buffer& b = problem.buffers[size_t(e.buffer)];
  const Buffer& support = problem.buffers[size_t(causes[0])];
  t << b.id << " has no offset left: " << support.id << " reaches up to " << e.offset
    << " beside it during ";
  span_text(t, std::max(b.lower, support.lower), std::min(b.upper, support.upper));
  t << ", and from " << e.offset << " up";
  if (b.alignment > 1) t << " (aligned to " << b.alignment << ")";
  const bool passes = align_up(e.offset, b.alignment) + b.size > problem.capacity;
  if (passes) t << " its ", bytes(t, b.size), t << " pass the capacity, " << problem.capacity;
  else t << " every offset under the capacity overlaps a pre-placed block";
  blamed(t, problem, causes);
}

// A time without room for what remains to place there; what the room is measured from depends
// on the reason.
void no_room(Text& t, const Problem& problem, const TraceEvent& e,
             std::span<const BufferIndex> causes) {
  const auto left = [&] { bytes(t, e.offset), t << (e.offset == 1 ? " is"sv : " are"sv) << " left"; };
  const auto rest = [&] { t << " for ", bytes(t, e.limit), t << " still to place"; };
  t << "no room during ", span_text(t, e.time_lower, e.time_upper), t << ": ";
  if (e.reason == Reason::kRoomAboveBlock && !causes.empty()) {
    left(), t << " above " << id_of(problem, causes[0]), rest(), blamed(t, problem, causes);
  } else if (e.reason == Reason::kRoomAboveLast && !causes.empty()) {
    t << "blocks settle bottom-up, so nothing goes below " << id_of(problem, causes[0])
      << ", just placed; ";
    left(), t << " above its offset", rest(), blamed(t, problem, causes);
  } else if (e.reason == Reason::kSectionFull) {
    t << "above the lowest offset what is left there can take, ", left(), rest();
    if (!causes.empty()) t << "; blamed: the last placement, ", chain(t, problem, causes);
  } else {
    left(), rest();
  }
}

// A major backtrack follows a conflict, which blames causes[1...]; the search jumps back to
// before the earliest of those placements, causes[0], lifting it and all placed after it.
// A major backtrack whose conflict blames nothing placed in its phase (or that follows no
// conflict: a run of minor backtracks): nothing to lift; the search ranks what is left again,
// the buffers that found no room first.
void nothing_lifted(Text& t, const Problem& problem, const TraceEvent& e, std::span<const BufferIndex> causes) {
  t << "major backtrack: ";
  if (e.limit > 0) t << "the conflict at step " << e.limit << " blames ";
  else t << "no conflict blames ";
  if (causes.empty()) t << "anything placed in this phase";
  else names(t, problem, causes), t << ", none of them placed in this phase";
  t << ", so nothing is lifted; the search ranks what is left again, the buffers that found no room first";
}

void lifted_by_major(Text& t, const Problem& problem, const TraceEvent& e,
                     std::span<const BufferIndex> causes) {
  const auto conflict = [&] {
    if (e.limit > 0) t << "the conflict at step " << e.limit;
    else t << "the latest conflict";
  };
  // (Traces written before events named their conflict: say only what is certain.)
  if (causes.size() < 2) {
    t << "the search jumps back to before the earliest placement a conflict blames (which "
         "one, this trace does not say)";
    return;
  }
  const std::string& earliest = id_of(problem, causes[0]);
  const auto all = [&] { names(t, problem, causes.subspan(1)); };
  if (e.reason == Reason::kAfterBlamed) {
    t << "it was placed after " << earliest << ", and ", conflict(), t << " blames ", all();
    t << ", so the search jumps back to before " << earliest << ", the earliest of them";
  } else if (e.buffer == causes[0]) {
    conflict(), t << " blames ", all();
    t << "; " << earliest << " is the earliest of them, and the search jumps back to before it";
  } else {
    conflict(), t << " blames ", all();
    t << ", and the search jumps back to before " << earliest << ", the earliest of them";
  }
}

}  // namespace

const char* name_of(EventKind kind) { return kEventKindNames[size_t(kind)]; }
const char* name_of(Reason reason) { return kReasonNames[size_t(reason)]; }
bool event_kind_from_name(const std::string& name, EventKind& kind) {
  return from_name(kEventKindNames, name, kind);
}
bool reason_from_name(const std::string& name, Reason& reason) {
  return from_name(kReasonNames, name, reason);
}

std::string describe(const Problem& problem, const TraceEvent& e,
                     std::span<const BufferIndex> causes) {
  std::string text;
  describe_into(text, problem, e, causes);
  return text;
}

void describe_into(std::string& text, const Problem& problem, const TraceEvent& e,
                   std::span<const BufferIndex> causes) {
  Text t(text);
  const auto id = [&]() -> std::string_view {
    return e.buffer >= 0 ? std::string_view(problem.buffers[size_t(e.buffer)].id) : "";
  };
  switch (e.kind) {
    case EventKind::kPhase:
      if (e.reason == Reason::kRestart)
        t << "the search starts over, breaking ties with ordering " << e.offset
          << " and a larger node limit";
      else
        t << "phase " << e.offset << " begins, covering time ", span_text(t, e.time_lower, e.time_upper);
      break;
    case EventKind::kConsider: t << "consider " << id(), tail(t, problem, e); break;
    case EventKind::kPlace: t << id() << " placed at " << e.offset, tail(t, problem, e); break;
    case EventKind::kMinorBacktrack:
      t << id() << " lifted out of " << e.offset << " (minor backtrack)", tail(t, problem, e);
      break;
    case EventKind::kMajorBacktrack:
      if (e.buffer < 0) {
        nothing_lifted(t, problem, e, causes);
        break;
      }
      t << id() << " lifted out of " << e.offset << " (major backtrack)";
      if (e.reason == Reason::kExplanation || e.reason == Reason::kAfterBlamed)
        t << ": ", lifted_by_major(t, problem, e, causes);
      else
        tail(t, problem, e);
      break;
    case EventKind::kPropagate:
      if (causes.size() == 1 && e.time_upper > e.time_lower) {
        t << id() << " cannot go below " << e.offset << ": ", names(t, problem, causes);
        t << " reaches up to " << e.offset << " during ", span_text(t, e.time_lower, e.time_upper);
      } else {
        t << id() << " can now only go at offsets " << e.offset << ".." << e.limit;
        if (causes.empty()) tail(t, problem, e);
        else t << ": ", names(t, problem, causes), t << " overlap it in time";
      }
      break;
    case EventKind::kConflict:
      if (e.buffer < 0 && e.reason == Reason::kKnownFailure) {
        t << "what is left during ", span_text(t, e.time_lower, e.time_upper);
        t << " was already searched in this arrangement without success";
      } else if (e.buffer < 0 && e.reason == Reason::kUnfillable) {
        t << "no slack during ", span_text(t, e.time_lower, e.time_upper), t << " (";
        bytes(t, e.offset), t << " left for ", bytes(t, e.limit);
        t << "), so its lowest free byte must be used, but no buffer that may go next sits there";
      } else if (e.buffer < 0 && e.reason == Reason::kValley) {
        t << "the floor during ", span_text(t, e.time_lower, e.time_upper), t << kValleyWithoutPath;
      } else if (e.buffer < 0) {
        no_room(t, problem, e, causes);
      } else if (causes.empty()) {
        t << id() << " has no offset left", tail(t, problem, e);
      } else {
        no_offset_left(t, problem, e, causes);
      }
      break;
    case EventKind::kSkyline:
      t << "the skyline over ", span_text(t, e.time_lower, e.time_upper);
      t << " rises to " << e.offset;
      break;
  }
}

std::string CappedTrace::summary() const {
  return "the trace keeps the first " + std::to_string(limit) + " events; " +
         std::to_string(dropped) + " more were not recorded";
}

}  // namespace tela
