#include "telamalloc.h"

#include <algorithm>
#include <tuple>

#include "analysis.h"
#include "deadline.h"
#include "phases.h"
#include "proofs.h"
#include "skyline.h"

namespace tela {
namespace {

class Search {
 public:
  Search(const Problem& problem, const SolveOptions& options)
      : problem_(problem),
        options_(options),
        observer_(options.observer),
        deadline_(options),
        sections_(compute_sections(problem)),
        spans_(compute_section_spans(problem, sections_)),
        phases_(compute_phases(problem, sections_, spans_)),
        sky_(problem, sections_, spans_),
        priority_(problem.buffers.size(), 0),
        level_of_(problem.buffers.size(), -1),
        size_rank_(size_ranks()),
        deepest_offsets_(sky_.offsets()) {}

  SolveResult run();

 private:
  // One decision: the buffers that may go next, best first, and which one is placed.
  // A candidate's rank: lower is tried first.
  using Rank = std::tuple<Offset, int64_t, bool, BufferIndex>;
  struct Candidate {
    Rank rank;
    BufferIndex buffer;
    bool operator<(const Candidate& other) const { return rank < other.rank; }
  };
  // One decision: the buffers that may go next and which one is placed. Candidates are put in
  // order lazily, one selection per try: the first one usually succeeds, so sorting them all
  // would be wasted (it was most of the time on 100-buffer problems).
  // On large problems a level keeps only its best kKept candidates (`more`: others exist):
  // keeping all of them cost O(depth x buffers) memory (1.4 GB after 2 s on 20,000 buffers).
  // When those run out the level ranks again, without the ones it tried.
  struct Level {
    std::vector<Candidate> candidates;  // [0, next) tried, in rank order; the rest unordered
    size_t next = 0;
    BufferIndex placed = -1;
    bool more = false;
    BufferIndex select_next() {
      std::iter_swap(candidates.begin() + std::ptrdiff_t(next),
                     std::min_element(candidates.begin() + std::ptrdiff_t(next), candidates.end()));
      return candidates[next].buffer;
    }
  };
  enum class Step { kGoOn, kDone, kFailed };

  bool start_phase(size_t phase);
  std::vector<Candidate> rank_candidates();
  void pop_level();
  static constexpr size_t kKept = 64;
  Level new_level();
  void refill(Level& level);
  std::vector<BufferIndex> size_ranks() const;
  Step try_next(Level& level);
  Step reject(Level& level, BufferIndex c, Offset x, const TraceEvent& conflict);
  Step reject_section(Level& level, BufferIndex c, Offset x, int32_t section, Offset room,
                      Size needed);
  void accept(Level& level, BufferIndex c);
  Step exhausted();
  void undo_level(Level& level, EventKind kind, Reason reason);
  void note_conflict(const std::vector<BufferIndex>& victims, BufferIndex blamed);
  std::vector<BufferIndex> unplaced_in(int32_t section) const;
  void after_minor_backtrack();
  void major_backtrack();
  void restart_complete();
  SolveResult finish(Status status, std::string detail);
  // Counts one unit of work (a step, a candidate ranked) and checks the time limit and the
  // cancel flag every kWorkPerCheck units; true, with stopped_ set, once the run must stop.
  // Counting candidates, not only steps: on a large problem one ranking can take seconds
  // (100,000 candidates each stepping around 2,000 pre-placed blocks took 0.8 s a step, and
  // a check every 64 steps let a 0.5 s limit run 53 s; see tests/unit/time_limit_test.cpp).
  bool out_of_time() {
    if (stopped_ != Status::kSolved) return true;
    if (++work_ < kWorkPerCheck) return false;
    work_ = 0;
    stopped_ = deadline_.check([&] { return progress(); });
    return stopped_ != Status::kSolved;
  }
  Progress progress() const {
    return {.placed = int64_t(sky_.depth()), .buffers = int64_t(problem_.buffers.size()),
            .deepest = int64_t(deepest_), .minor_backtracks = minor_total_,
            .major_backtracks = major_total_};
  }

  const Problem& problem_;
  const SolveOptions& options_;
  TraceObserver* observer_;
  Deadline deadline_;
  std::vector<Section> sections_;
  std::vector<SectionSpan> spans_;
  std::vector<Phase> phases_;
  Skyline sky_;

  std::vector<Level> levels_;
  // Candidate lists of popped levels, kept for their memory: a fresh list per level was a
  // tenth of the time on 100-buffer problems.
  std::vector<std::vector<Candidate>> spare_;
  std::vector<int64_t> priority_;    // major backtracks each buffer took part in
  std::vector<int64_t> level_of_;    // the level a placed buffer was placed at
  std::vector<BufferIndex> size_rank_;  // static tie-break: larger, then longer-lived
  Size most_contention_ = 0;  // the highest contention at the last ranking (it only falls)
  size_t phase_ = 0;                 // the phase being solved
  size_t phase_start_ = 0;           // its first level
  size_t phase_left_ = 0;            // its buffers still to place
  int32_t phase_sections_[2] = {0, 0};
  bool majors_enabled_ = true;       // per phase; off once the major budget is spent
  int64_t majors_ = 0, minors_in_a_row_ = 0;
  int64_t placements_ = 0, minor_total_ = 0, major_total_ = 0;
  std::vector<BufferIndex> last_explanation_;  // the latest conflict's culprits
  std::vector<BufferIndex> last_victims_;      // and what it left without room
  size_t deepest_ = 0;
  bool deepest_is_current_ = false;  // the deepest partial allocation is the current state
  std::vector<Offset> deepest_offsets_;
  static constexpr int64_t kWorkPerCheck = 256;
  int64_t work_ = kWorkPerCheck;         // due at once: the first step checks
  Status stopped_ = Status::kSolved;     // kTimeout or kCancelled once out_of_time() said so
};

// Sets up phase `phase` (skipping phases with nothing to place); false when all are done.
bool Search::start_phase(size_t phase) {
  for (phase_ = phase; phase_ < phases_.size(); ++phase_) {
    phase_left_ = 0;
    for (BufferIndex b : phases_[phase_].buffers) phase_left_ += !sky_.placed(b);
    if (phase_left_ > 0) break;
  }
  if (phase_ >= phases_.size()) return false;
  const Phase& p = phases_[phase_];
  phase_start_ = levels_.size();
  majors_enabled_ = true;
  majors_ = minors_in_a_row_ = 0;
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

// The current phase's buffers that may go next, best first: those that would sit lowest (the
// lowest point of the skyline is filled first), then prioritised ones, then those live in the
// most contended section, then larger, then longer-lived, then in file order.
// Blocks settle bottom-up: a buffer may go next only if it would sit at or above the last one
// placed. Any allocation, compacted downwards, is reached this way by placing its buffers in
// order of offset, so the restriction loses no solution while it spares the search from trying
// the same packing in every order.
std::vector<Search::Candidate> Search::rank_candidates() {
  const Offset last_offset =
      levels_.size() > phase_start_ ? sky_.offsets()[size_t(levels_.back().placed)] : 0;
  // The lowest section with something left to place, and the most contended (earliest on ties).
  const auto [hot, lowest] = sky_.extremes(phase_sections_[0], phase_sections_[1]);
  most_contention_ = sky_.contention(hot);  // only falls as buffers are placed
  // Where the lowest section has no slack, its lowest free byte must be used, and only a
  // buffer that sits exactly there can use it (its placement is at least that height, and
  // anything covering that byte starts there): the next buffer is one of those (any allocation
  // has one there, and it is the lowest block left, so placing it next loses nothing). This
  // spares zero-slack problems from trying the bottom row in every order.
  // (With pre-placed blocks the lowest free byte may sit above one of them: not used then.)
  const bool tight = lowest >= 0 && !sky_.has_fixed() &&
                     sky_.room(lowest, sky_.height(lowest)) == sky_.contention(lowest);
  std::vector<Candidate> ranked;
  if (!spare_.empty()) {
    ranked = std::move(spare_.back());
    spare_.pop_back();
    ranked.clear();
  }
  ranked.reserve(phase_left_);
  for (BufferIndex b : phases_[phase_].buffers) {
    if (sky_.placed(b)) continue;
    if (out_of_time()) return {};  // the caller stops
    const Offset at = sky_.placement(b);
    if (at < 0) return {};  // it can never be placed: nothing below this point can succeed
    if (at < last_offset) continue;
    if (tight && (at != sky_.height(lowest) || spans_[size_t(b)].first > lowest ||
                  spans_[size_t(b)].last <= lowest))
      continue;
    const bool in_hot = spans_[size_t(b)].first <= hot && hot < spans_[size_t(b)].last;
    ranked.push_back({{at, -priority_[size_t(b)], !in_hot, size_rank_[size_t(b)]}, b});
  }
  return ranked;
}

namespace {

// Keeps the best `kept` of `candidates` (in no order), when there are many more; true if some
// were left out.
template <typename Candidate>
bool keep_best(std::vector<Candidate>& candidates, size_t kept) {
  if (candidates.size() <= 4 * kept) return false;
  std::nth_element(candidates.begin(), candidates.begin() + std::ptrdiff_t(kept), candidates.end());
  candidates.resize(kept);
  candidates.shrink_to_fit();
  return true;
}

}  // namespace

void Search::pop_level() {
  spare_.push_back(std::move(levels_.back().candidates));
  levels_.pop_back();
}

Search::Level Search::new_level() {
  Level level{rank_candidates()};
  level.more = keep_best(level.candidates, kKept);
  return level;
}

// The level's kept candidates are all tried: rank again (the state is the level's own, its
// placement undone) and keep the best of those not tried yet.
void Search::refill(Level& level) {
  Level current = std::move(level);
  levels_.pop_back();  // ranking reads the level below
  std::vector<Candidate> ranked = rank_candidates();
  levels_.push_back(std::move(current));
  Level& refilled = levels_.back();
  std::vector<uint8_t> tried(problem_.buffers.size(), 0);
  for (const Candidate& c : refilled.candidates) tried[size_t(c.buffer)] = 1;
  std::erase_if(ranked, [&](const Candidate& c) { return tried[size_t(c.buffer)] != 0; });
  refilled.more = keep_best(ranked, kKept);
  refilled.candidates.insert(refilled.candidates.end(), ranked.begin(), ranked.end());
}

// Each buffer's place in the order larger first, then longer-lived, then file order.
std::vector<BufferIndex> Search::size_ranks() const {
  std::vector<BufferIndex> order = all_buffers(problem_);
  auto key = [&](BufferIndex b) {
    const Buffer& x = problem_.buffers[size_t(b)];
    return std::make_tuple(-x.size, UINT64_MAX - lifetime(x), b);  // longer-lived first
  };
  std::sort(order.begin(), order.end(), [&](BufferIndex a, BufferIndex b) { return key(a) < key(b); });
  std::vector<BufferIndex> rank(order.size());
  for (size_t i = 0; i < order.size(); ++i) rank[size_t(order[i])] = BufferIndex(i);
  return rank;
}

void Search::note_conflict(const std::vector<BufferIndex>& victims, BufferIndex blamed) {
  last_explanation_ = sky_.support_chain(blamed);
  last_victims_ = victims;
}

Search::Step Search::try_next(Level& level) {
  const BufferIndex c = level.select_next();
  if (observer_) {
    const Reason why = priority_[size_t(c)] > 0 ? Reason::kPrioritised
                       : level.next == 0        ? Reason::kContention
                                                : Reason::kSizeOrder;
    emit(observer_, {EventKind::kConsider, why, c});
  }
  const Buffer& buffer = problem_.buffers[size_t(c)];
  const Offset x = sky_.placement(c);
  if (x < 0) {  // no offset left for c itself
    note_conflict({c}, sky_.support_of(c));
    return reject(level, c, -1, {EventKind::kConflict, Reason::kCapacityExceeded, c, 0, 0,
                                 buffer.lower, buffer.upper});
  }
  ++placements_;
  if (observer_) emit(observer_, {EventKind::kPlace, Reason::kSkylineFit, c, x});
  if (const std::optional<Conflict> conflict = sky_.place(c, x, observer_)) {
    if (conflict->buffer >= 0) {
      const Buffer& victim = problem_.buffers[size_t(conflict->buffer)];
      note_conflict({conflict->buffer}, conflict->blamed);
      return reject(level, c, x, {EventKind::kConflict, Reason::kCapacityExceeded, conflict->buffer,
                                  0, 0, victim.lower, victim.upper});
    }
    return reject_section(level, c, x, conflict->section, conflict->room, conflict->needed);
  }
  // Bottom-up order means nothing will go below x any more: wherever the skyline is lower,
  // the space up to x is lost, and what remains to place there must fit above x. (Skipped when
  // even the most contended section's load fits above x and nothing is pre-placed.)
  if (sky_.has_fixed()) {
    for (int32_t s = phase_sections_[0]; s < phase_sections_[1]; ++s) {
      if (sky_.height(s) >= x || sky_.contention(s) == 0) continue;
      if (const Offset left = sky_.room(s, x); left < sky_.contention(s))
        return reject_section(level, c, x, s, left, sky_.contention(s));
    }
  } else if (x + most_contention_ > problem_.capacity) {
    // Without pre-placed blocks the room above x is the same everywhere: capacity - x.
    const Offset left = problem_.capacity - x;
    if (const int32_t s = sky_.first_short(phase_sections_[0], phase_sections_[1], x, left); s >= 0)
      return reject_section(level, c, x, s, left, sky_.contention(s));
  }
  accept(level, c);
  if (--phase_left_ == 0 && !start_phase(phase_ + 1)) return Step::kDone;
  return Step::kGoOn;
}

// A try failed: report the conflict, lift c out if it was placed (x >= 0), move on to the
// next candidate.
Search::Step Search::reject(Level& level, BufferIndex c, Offset x, const TraceEvent& conflict) {
  if (observer_) emit(observer_, conflict, last_explanation_);
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
                                    Offset room, Size needed) {
  note_conflict(unplaced_in(section), c);
  const Section& s = sections_[size_t(section)];
  return reject(level, c, x,
                {EventKind::kConflict, Reason::kSectionFull, -1, room, needed, s.lower, s.upper});
}

void Search::accept(Level& level, BufferIndex c) {
  level.placed = c;
  level_of_[size_t(c)] = int64_t(levels_.size()) - 1;
  if (sky_.depth() > deepest_) {
    deepest_ = sky_.depth();
    deepest_is_current_ = true;  // copied only when the search leaves it (see undo_level)
    minors_in_a_row_ = 0;
  }
}

std::vector<BufferIndex> Search::unplaced_in(int32_t section) const {
  std::vector<BufferIndex> found;
  for (BufferIndex b : phases_[phase_].buffers)
    if (!sky_.placed(b) && spans_[size_t(b)].first <= section && section < spans_[size_t(b)].last)
      found.push_back(b);
  return found;
}

void Search::undo_level(Level& level, EventKind kind, Reason reason) {
  if (level.placed < 0) return;
  if (deepest_is_current_) {
    deepest_offsets_ = sky_.offsets();
    deepest_is_current_ = false;
  }
  const BufferIndex b = level.placed;
  const Offset x = sky_.offsets()[size_t(b)];
  sky_.undo();
  if (observer_) emit(observer_, {kind, reason, b, x});
  level_of_[size_t(b)] = -1;
  level.placed = -1;
  ++phase_left_;
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
  if (!majors_enabled_ || minors_in_a_row_ <= options_.telamalloc.minor_backtracks) return;
  if (majors_ >= options_.telamalloc.major_backtracks) {
    restart_complete();
    return;
  }
  major_backtrack();
}

// Jump back to the earliest placement the latest conflict's explanation names, and put the
// buffers it names first from now on.
void Search::major_backtrack() {
  ++majors_;
  ++major_total_;
  minors_in_a_row_ = 0;
  size_t target = levels_.size() - 1;
  for (BufferIndex b : last_explanation_)
    if (level_of_[size_t(b)] >= int64_t(phase_start_)) target = std::min(target, size_t(level_of_[size_t(b)]));
  for (BufferIndex b : last_victims_) ++priority_[size_t(b)];
  while (levels_.size() > target + 1) {
    undo_level(levels_.back(), EventKind::kMajorBacktrack, Reason::kExplanation);
    pop_level();
  }
  undo_level(levels_.back(), EventKind::kMajorBacktrack, Reason::kExplanation);
  pop_level();  // rebuilt with the new priorities (ranking reads the level below)
  levels_.push_back(new_level());
}

// Start the phase over with chronological backtracking only: complete, so exhausting it
// proves the phase (and so the problem) infeasible.
void Search::restart_complete() {
  majors_enabled_ = false;
  majors_ = 0;
  while (levels_.size() > phase_start_) {
    undo_level(levels_.back(), EventKind::kMajorBacktrack, Reason::kRestart);
    pop_level();
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

}  // namespace

SolveResult telamalloc(const Problem& problem, const SolveOptions& options) {
  return Search(problem, options).run();
}

}  // namespace tela
