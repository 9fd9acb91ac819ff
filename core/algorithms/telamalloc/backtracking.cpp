// Backtracking: minor (the next candidate), major (back to what a conflict's explanation
// names, its buffers prioritised), and the rounds that alternate them with a complete search.
#include <algorithm>

#include "algorithms/telamalloc/search.h"

namespace tela::telamalloc_internal {

void Search::note_conflict(const std::vector<BufferIndex>& victims, BufferIndex blamed) {
  last_explanation_ = sky_.support_chain(blamed);
  last_victims_ = victims;
}

std::vector<BufferIndex> Search::unplaced_in(int32_t section) const {
  std::vector<BufferIndex> found;
  for (BufferIndex b : left_)  // (not the buffer being tried, placed but not yet accepted)
    if (!sky_.placed(b) && covers(b, section)) found.push_back(b);
  return found;
}

void Search::undo_level(Level& level, EventKind kind, Reason reason, Offset conflict_step,
                        std::span<const BufferIndex> blamed) {
  if (level.placed < 0) return;
  if (deepest_is_current_) {
    deepest_offsets_ = sky_.offsets();
    deepest_is_current_ = false;
  }
  const BufferIndex b = level.placed;
  const Offset x = sky_.offsets()[size_t(b)];
  sky_.undo();
  if (observer_) emit(observer_, {kind, reason, b, x, conflict_step}, blamed);
  level_of_[size_t(b)] = -1;
  level.placed = -1;
  put_back(b);
}

// The top level has no candidate left: undo the level before it, or fail the phase.
Search::Step Search::exhausted() {
  const bool had_candidates = !levels_.back().candidates.empty();
  pop_level();
  if (levels_.size() == phase_start_) {
    // Phases do not interact, so nothing before this phase can help.
    if (majors_ > 0) {
      restart_complete();
      return Step::kGoOn;
    }
    return Step::kFailed;
  }
  Level& previous = levels_.back();
  undo_level(previous, EventKind::kMinorBacktrack,
             had_candidates ? Reason::kExhausted : Reason::kDeadEnd);
  ++previous.next;
  after_minor_backtrack();
  return Step::kGoOn;
}

void Search::after_minor_backtrack() {
  ++minor_total_;
  ++minors_in_a_row_;
  if (!majors_enabled_) {
    if (placements_ >= complete_until_) restart_with_majors();
    return;
  }
  if (minors_in_a_row_ <= options_.telamalloc.minor_backtracks) return;
  if (majors_ >= round_majors_) {
    restart_complete();
    return;
  }
  major_backtrack();
}

// Jump back to the earliest placement the latest conflict's explanation names, and put the
// buffers it names first from now on. Every placement after that one goes too: each lifted
// block's event says which of the two it is, and names the conflict and what it blames.
void Search::major_backtrack() {
  ++majors_;
  ++major_total_;
  minors_in_a_row_ = 0;
  size_t target = levels_.size() - 1;
  for (BufferIndex b : last_explanation_)
    if (level_of_[size_t(b)] >= int64_t(phase_start_)) target = std::min(target, size_t(level_of_[size_t(b)]));
  for (BufferIndex b : last_victims_) ++priority_[size_t(b)];
  // For the events: the placement jumped back to, then the explanation (none: the top level,
  // which has nothing placed, is only ranked again).
  std::vector<BufferIndex> blamed;
  if (observer_ && levels_[target].placed >= 0) {
    blamed.push_back(levels_[target].placed);
    blamed.insert(blamed.end(), last_explanation_.begin(), last_explanation_.end());
  }
  const Offset step = last_conflict_step_;
  // A jump that lifts nothing (the conflict blames nothing placed in this phase) still gets an
  // event, with no buffer: a replay counts the jumps the summary counts.
  if (observer_ && levels_.size() == target + 1 && levels_[target].placed < 0)
    emit(observer_, {EventKind::kMajorBacktrack, Reason::kExplanation, -1, 0, step}, last_explanation_);
  while (levels_.size() > target + 1) {
    undo_level(levels_.back(), EventKind::kMajorBacktrack, why_lifted(levels_.back().placed), step,
               blamed);
    pop_level();
  }
  undo_level(levels_.back(), EventKind::kMajorBacktrack, Reason::kExplanation, step, blamed);
  pop_level();  // rebuilt with the new priorities (ranking reads the level below)
  levels_.push_back(new_level());
}

// Why a major backtrack lifts b: the conflict blames it, or it was placed after one it blames.
Reason Search::why_lifted(BufferIndex b) const {
  const bool named = std::find(last_explanation_.begin(), last_explanation_.end(), b) !=
                     last_explanation_.end();
  return named ? Reason::kExplanation : Reason::kAfterBlamed;
}

// Start the phase over with chronological backtracking only: complete, so exhausting it
// proves the phase (and so the problem) infeasible. It gets as many placements as the round
// with major backtracks before it took. From the first one on, levels are thorough, and the
// priorities learnt with the weaker inference are dropped (kept, they lead the thorough search
// astray on hard problems).
// Each complete round switches the order of ties, for itself and the round after it.
void Search::restart_complete() {
  if (!thorough_) {  // (set up only now: most runs never need them)
    std::fill(priority_.begin(), priority_.end(), 0);
    life_rank_ = life_ranks();
    at_.assign(problem_.buffers.size(), 0);
    floor_.assign(sections_.size(), 0);
  }
  thorough_ = true;
  order_ = order_ == &size_rank_ ? &life_rank_ : &size_rank_;
  majors_enabled_ = false;
  majors_ = 0;
  complete_until_ = placements_ + std::max<int64_t>(placements_ - round_start_, 1000);
  undo_phase(Reason::kRestart);
}

// A complete round ran out of placements: start the phase over with major backtracks again,
// twice as many of them, and the priorities learnt so far: a round's major backtracks are soon
// spent, and a chronological search alone can stay stuck deep in a hard problem for the rest
// of the time limit, so the two kinds of round alternate, each with a growing budget.
void Search::restart_with_majors() {
  majors_enabled_ = true;
  majors_ = minors_in_a_row_ = 0;
  round_majors_ = std::min<int64_t>(round_majors_, int64_t{1} << 40) * 2;
  round_start_ = placements_;
  // The priorities halved, so that recent conflicts count most and the rounds differ.
  for (int64_t& p : priority_) p /= 2;
  undo_phase(Reason::kRestartWithMajors);
}

void Search::undo_phase(Reason reason) {
  while (levels_.size() > phase_start_) {
    undo_level(levels_.back(), EventKind::kMajorBacktrack, reason);
    pop_level();
  }
}

}  // namespace tela::telamalloc_internal
