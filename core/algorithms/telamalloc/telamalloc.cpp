#include "algorithms/telamalloc/telamalloc.h"

#include <string>

#include "analysis/proofs.h"
#include "algorithms/telamalloc/search.h"

namespace tela::telamalloc_internal {

// Sets up phase `phase` (skipping phases with nothing to place); false when all are done.
bool Search::start_phase(size_t phase) {
  for (phase_ = phase; phase_ < phases_.size(); ++phase_) {
    left_.clear();
    for (BufferIndex b : phases_[phase_].buffers)
      if (!sky_.placed(b)) put_back(b);
    if (!left_.empty()) break;
  }
  if (phase_ >= phases_.size()) return false;
  const Phase& p = phases_[phase_];
  phase_start_ = levels_.size();
  majors_enabled_ = options_.telamalloc.major_backtracks > 0;  // 0: complete from the start
  majors_ = minors_in_a_row_ = 0;
  round_majors_ = options_.telamalloc.major_backtracks;
  round_start_ = placements_;
  complete_until_ = INT64_MAX;
  phase_sections_[0] = spans_[size_t(p.buffers.front())].first;
  phase_sections_[1] = spans_[size_t(p.buffers.front())].last;
  for (BufferIndex b : p.buffers) {  // (buffers are in file order, not time order)
    phase_sections_[0] = std::min(phase_sections_[0], spans_[size_t(b)].first);
    phase_sections_[1] = std::max(phase_sections_[1], spans_[size_t(b)].last);
  }
  if (observer_)
    emit(observer_, {EventKind::kPhase, Reason::kNone, -1, Offset(phase_), 0, p.lower, p.upper});
  return true;
}

Search::Step Search::try_next(Level& level) {
  const BufferIndex c = level.select_next();
  if (observer_) {
    // (Thorough levels break ties by life or size, not by contention: lowest first is all
    // there is to say.)
    const Reason why = priority_[size_t(c)] > 0 ? Reason::kPrioritised
                       : thorough_              ? Reason::kLowestFirst
                       : level.next == 0        ? Reason::kContention
                                                : Reason::kSizeOrder;
    emit(observer_, {EventKind::kConsider, why, c});
  }
  const Buffer& buffer = problem_.buffers[size_t(c)];
  const Offset x = sky_.placement(c);
  if (x < 0) {  // no offset left for c itself
    note_conflict({c}, sky_.support_of(c));
    return reject(level, c, -1, {EventKind::kConflict, Reason::kCapacityExceeded, c,
                                 top_of(sky_.support_of(c)), 0, buffer.lower, buffer.upper});
  }
  ++placements_;
  if (observer_) emit(observer_, {EventKind::kPlace, Reason::kSkylineFit, c, x});
  if (const std::optional<Conflict> conflict = sky_.place(c, x, observer_)) {
    if (conflict->buffer >= 0) {
      const Buffer& victim = problem_.buffers[size_t(conflict->buffer)];
      note_conflict({conflict->buffer}, conflict->blamed);
      return reject(level, c, x, {EventKind::kConflict, Reason::kCapacityExceeded, conflict->buffer,
                                  top_of(conflict->blamed), 0, victim.lower, victim.upper});
    }
    // (c now tops the skyline in every section it covers, the one without room among them.)
    return reject_section(level, c, x, conflict->section, conflict->room, conflict->needed,
                          Reason::kRoomAboveBlock);
  }
  // Bottom-up order means nothing will go below x any more: wherever the skyline is lower,
  // the space up to x is lost, and what remains to place there must fit above x. (Skipped when
  // even the most contended section's load fits above x and nothing is pre-placed.)
  if (sky_.has_fixed()) {
    for (int32_t s = phase_sections_[0]; s < phase_sections_[1]; ++s) {
      if (sky_.height(s) >= x || sky_.contention(s) == 0) continue;
      if (const Offset left = sky_.room(s, x); left < sky_.contention(s))
        return reject_section(level, c, x, s, left, sky_.contention(s), Reason::kRoomAboveLast);
    }
  } else if (x + most_contention_ > problem_.capacity) {
    // Without pre-placed blocks the room above x is the same everywhere: capacity - x.
    const Offset left = problem_.capacity - x;
    if (const int32_t s = sky_.first_short(phase_sections_[0], phase_sections_[1], x, left); s >= 0)
      return reject_section(level, c, x, s, left, sky_.contention(s), Reason::kRoomAboveLast);
  }
  accept(level, c);
  if (left_.empty() && !start_phase(phase_ + 1)) return Step::kDone;
  return Step::kGoOn;
}

// A try failed: report the conflict, lift c out if it was placed (x >= 0), move on to the
// next candidate.
Search::Step Search::reject(Level& level, BufferIndex c, Offset x, const TraceEvent& conflict) {
  if (observer_) {
    emit(observer_, conflict, last_explanation_);
    last_conflict_step_ = counter_.events;
  }
  if (x >= 0) {
    sky_.undo();
    if (observer_) emit(observer_, {EventKind::kMinorBacktrack, Reason::kRetry, c, x});
  }
  ++level.next;
  after_minor_backtrack();
  return Step::kGoOn;
}

// The same for a section left with less room than what remains to place in it.
Search::Step Search::reject_section(Level& level, BufferIndex c, Offset x, int32_t section,
                                    Offset room, Size needed, Reason reason) {
  note_conflict(unplaced_in(section), c);
  const Section& s = sections_[size_t(section)];
  return reject(level, c, x, {EventKind::kConflict, reason, -1, room, needed, s.lower, s.upper});
}

void Search::accept(Level& level, BufferIndex c) {
  take_left(c);
  level.placed = c;
  level_of_[size_t(c)] = int64_t(levels_.size()) - 1;
  if (sky_.depth() > deepest_) {
    deepest_ = sky_.depth();
    deepest_is_current_ = true;  // copied only when the search leaves it (see undo_level)
    minors_in_a_row_ = 0;
  }
}

SolveResult Search::finish(Status status, std::string detail) {
  SolveResult result;
  result.status = status;
  result.solution.offsets =
      status == Status::kSolved || deepest_is_current_ ? sky_.offsets() : deepest_offsets_;
  result.detail = std::move(detail);
  return result;
}

SolveResult Search::run() {
  if (std::optional<std::string> proof = prove_infeasible(problem_, sections_))
    return finish(Status::kInfeasible, *proof);
  if (!start_phase(0)) return finish(Status::kSolved, "");
  while (true) {
    if (out_of_time())
      return finish(stopped_, "stopped after " + std::to_string(placements_) + " placements, " +
                                  std::to_string(minor_total_) + " minor and " +
                                  std::to_string(major_total_) + " major backtracks; the deepest " +
                                  "partial allocation placed " + std::to_string(deepest_) + " of " +
                                  std::to_string(problem_.buffers.size()) + " buffers");
    if (levels_.empty() || levels_.back().placed >= 0) levels_.push_back(new_level());
    if (stopped_ != Status::kSolved) continue;  // the ranking ran out of time: stop above
    if (levels_.back().next == levels_.back().candidates.size() && levels_.back().more)
      refill(levels_.back());
    if (stopped_ != Status::kSolved) continue;
    Level& level = levels_.back();
    const Step step_result = level.next < level.candidates.size() ? try_next(level) : exhausted();
    if (step_result == Step::kDone) return finish(Status::kSolved, "");
    if (step_result == Step::kFailed)
      return finish(Status::kInfeasible,
                    "a complete search of phase " + std::to_string(phase_) + " (time [" +
                        std::to_string(phases_[phase_].lower) + ", " +
                        std::to_string(phases_[phase_].upper) + ")) found no allocation after " +
                        std::to_string(placements_) + " placements");
  }
}

}  // namespace tela::telamalloc_internal

namespace tela {

SolveResult telamalloc(const Problem& problem, const SolveOptions& options) {
  return telamalloc_internal::Search(problem, options).run();
}

}  // namespace tela
