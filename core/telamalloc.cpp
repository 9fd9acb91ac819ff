#include "telamalloc.h"

#include <algorithm>
#include <tuple>

#include "analysis.h"
#include "deadline.h"
#include "phases.h"
#include "proofs.h"
#include "section_inference.h"
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
        left_slot_(problem.buffers.size(), -1),
        deepest_offsets_(sky_.offsets()) {}

  SolveResult run();

 private:
  // A candidate's rank: lower is tried first. In order: where it would go, then more
  // priority, then (rank_candidates) living in the most contended section, then a static rank;
  // all but the offset packed in one word, as comparing them is much of the search's time.
  struct Candidate {
    Offset at;
    uint64_t key;
    BufferIndex buffer;
    bool operator<(const Candidate& other) const {
      return at != other.at ? at < other.at : key < other.key;
    }
    BufferIndex static_rank() const { return BufferIndex(key & 0x7FFFFFFF); }
  };
  // The key: 32 bits of priority (more first; saturated, which no run reaches), a bit for not
  // being in the hottest section, 31 bits of static rank.
  static uint64_t key_of(int64_t priority, bool not_hot, BufferIndex rank) {
    const uint64_t p = uint64_t(std::min<int64_t>(priority, 0xFFFFFFFF));
    return (0xFFFFFFFF - p) << 32 | uint64_t(not_hot) << 31 | uint64_t(rank);
  }
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
  std::vector<Candidate> rank_thoroughly();
  int32_t tight_rank_bound(const std::vector<Candidate>& ranked, const SectionInference& inference) const;
  void section_dead_end(int32_t section, Offset room, Reason reason);
  std::vector<Candidate> spare_list();
  bool position_all(Offset& lowest_top);
  bool covers(BufferIndex b, int32_t section) const {
    return spans_[size_t(b)].first <= section && section < spans_[size_t(b)].last;
  }
  void pop_level();
  static constexpr size_t kKept = 64;
  Level new_level();
  void refill(Level& level);
  std::vector<BufferIndex> size_ranks() const;
  std::vector<BufferIndex> life_ranks() const;
  Step try_next(Level& level);
  Step reject(Level& level, BufferIndex c, Offset x, const TraceEvent& conflict);
  Step reject_section(Level& level, BufferIndex c, Offset x, int32_t section, Offset room,
                      Size needed);
  void accept(Level& level, BufferIndex c);
  Step exhausted();
  void undo_level(Level& level, EventKind kind, Reason reason);
  void note_conflict(const std::vector<BufferIndex>& victims, BufferIndex blamed);
  std::vector<BufferIndex> unplaced_in(int32_t section) const;
  void take_left(BufferIndex b);
  void put_back(BufferIndex b);
  void after_minor_backtrack();
  void major_backtrack();
  void restart_complete();
  void restart_with_majors();
  void undo_phase(Reason reason);
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
  std::vector<BufferIndex> life_rank_;  // longer-lived, then larger area
  // Once thorough, the tie-break and the order of buffers at the same offset: life_rank_ and
  // size_rank_ in turn, switched at each complete round (see restart_complete).
  const std::vector<BufferIndex>* order_ = &size_rank_;
  // Thorough levels: section inference (core/section_inference.h), dominance and one order of
  // buffers at the same offset. They cost O(sections + spans) per level, so they start with
  // the first complete round: problems solved before it (most ML traces, the teaching cases)
  // are spared them, and their traces are TelaMalloc's plain one.
  bool thorough_ = false;
  std::vector<Offset> at_;     // per buffer left: where it would go (thorough only)
  std::vector<Offset> floor_;  // per section: the lowest of those among its buffers left
  Size most_contention_ = 0;  // the highest contention at the last ranking (it only falls)
  size_t phase_ = 0;                 // the phase being solved
  size_t phase_start_ = 0;           // its first level
  // Its buffers still to place, in no particular order (rankings read them all, at every
  // level: iterating over the whole phase, placed ones too, was a tenth of the time on ML
  // traces), and where each one is in that list.
  std::vector<BufferIndex> left_;
  std::vector<int32_t> left_slot_;
  int32_t phase_sections_[2] = {0, 0};
  // Per phase, the search alternates rounds: one with major backtracks (round_majors_ of
  // them, doubling every round), then a complete one (until complete_until_ placements, as
  // many as the round before took). Only a complete round can prove infeasibility.
  bool majors_enabled_ = true;
  int64_t majors_ = 0, minors_in_a_row_ = 0;
  int64_t round_majors_ = 0, round_start_ = 0, complete_until_ = INT64_MAX;
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

// The current phase's buffers that may go next, best first: those that would sit lowest (the
// lowest point of the skyline is filled first), then prioritised ones, then those live in the
// most contended section, then larger, then longer-lived, then in file order.
// Blocks settle bottom-up: a buffer may go next only if it would sit at or above the last one
// placed. Any allocation, compacted downwards, is reached this way by placing its buffers in
// order of offset, so the restriction loses no solution while it spares the search from trying
// the same packing in every order.
std::vector<Search::Candidate> Search::rank_candidates() {
  if (thorough_) return rank_thoroughly();
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
  std::vector<Candidate> ranked = spare_list();
  ranked.reserve(left_.size());
  for (BufferIndex b : left_) {
    if (out_of_time()) return {};  // the caller stops
    const Offset at = sky_.placement(b);
    if (at < 0) return {};  // it can never be placed: nothing below this point can succeed
    if (at < last_offset) continue;
    if (tight && (at != sky_.height(lowest) || !covers(b, lowest))) continue;
    ranked.push_back({at, key_of(priority_[size_t(b)], !covers(b, hot), size_rank_[size_t(b)]), b});
  }
  return ranked;
}

// The same with section inference (core/section_inference.h), dominance, and buffers at the
// same offset in one order only.
std::vector<Search::Candidate> Search::rank_thoroughly() {
  const Level* below = levels_.size() > phase_start_ ? &levels_.back() : nullptr;
  const Offset last_offset = below ? sky_.offsets()[size_t(below->placed)] : 0;
  // Buffers at the same offset live at different times and commute: they go in order_.
  // (Every level of the phase obeys this: the phase starts over when the search turns
  // thorough, or switches order_, as the tight-spot rule of rank_candidates does not allow
  // for it.)
  const BufferIndex last_rank = below ? (*order_)[size_t(below->placed)] : -1;
  const int32_t hot = sky_.extremes(phase_sections_[0], phase_sections_[1]).hot;
  most_contention_ = sky_.contention(hot);
  std::vector<Candidate> ranked = spare_list();
  Offset lowest_top = 0;
  if (!position_all(lowest_top)) return ranked;
  const SectionInference inference =
      infer_sections(sky_, floor_, phase_sections_[0], phase_sections_[1], last_offset);
  if (inference.full >= 0) {
    section_dead_end(inference.full, inference.room, Reason::kSectionFull);
    return ranked;
  }
  for (BufferIndex b : left_) {
    const Offset at = at_[size_t(b)];
    // Dominance (as in MiniMalloc): a buffer placed at or above the top another buffer left
    // could have need not be tried: everything placed from then on sits at or above it, so
    // that other buffer could be moved down below it, into an allocation that places it first.
    if (at < last_offset || at >= lowest_top) continue;
    if (at == last_offset && (*order_)[size_t(b)] < last_rank) continue;
    // Ties between buffers at the same offset, prioritised alike: in order_ (longer-lived
    // first, as MiniMalloc does, in alternate rounds). Not by contention, as rank_candidates
    // does: with that tie-break first and unlimited major backtracks, A, G, H, J and K of the
    // challenging suite were all unsolved after 3 s; without it, A, H and J took milliseconds.
    ranked.push_back({at, key_of(priority_[size_t(b)], false, (*order_)[size_t(b)]), b});
  }
  if (inference.tight < 0) return ranked;
  const int32_t bound = tight_rank_bound(ranked, inference);
  if (bound < 0) {
    section_dead_end(inference.tight, sky_.room(inference.tight, inference.low), Reason::kUnfillable);
    ranked.clear();
  }
  std::erase_if(ranked, [&](const Candidate& c) {
    return c.at != inference.low || c.static_rank() > bound;
  });
  return ranked;
}

// The tight section's lowest free byte must be used, by a buffer sitting at `low`. Buffers at
// `low` go in order_, so the next one is that buffer or one before it: the highest rank among
// the candidates there that could (-1: none, a dead end).
int32_t Search::tight_rank_bound(const std::vector<Candidate>& ranked,
                                 const SectionInference& inference) const {
  int32_t bound = -1;
  for (const Candidate& c : ranked)
    if (c.at == inference.low && covers(c.buffer, inference.tight))
      bound = std::max(bound, c.static_rank());
  return bound;
}

std::vector<Search::Candidate> Search::spare_list() {
  std::vector<Candidate> list;
  if (!spare_.empty()) {
    list = std::move(spare_.back());
    spare_.pop_back();
    list.clear();
  }
  return list;
}

// Where each buffer left would go (at_), the lowest top any could have, and per section the
// lowest offset its buffers left can take (floor_). False: one can never be placed (or time
// is up).
bool Search::position_all(Offset& lowest_top) {
  lowest_top = INT64_MAX;
  for (int32_t s = phase_sections_[0]; s < phase_sections_[1]; ++s) floor_[size_t(s)] = INT64_MAX;
  for (BufferIndex b : left_) {
    if (out_of_time()) return false;
    const Offset at = sky_.placement(b);
    if (at < 0) return false;
    at_[size_t(b)] = at;
    lowest_top = std::min(lowest_top, at + problem_.buffers[size_t(b)].size);
    for (int32_t s = spans_[size_t(b)].first; s < spans_[size_t(b)].last; ++s)
      floor_[size_t(s)] = std::min(floor_[size_t(s)], at);
  }
  return true;
}

// A level with no candidate because a section cannot hold what is left: say so, and blame
// the last placement (its support chain) for the major backtrack that may follow.
void Search::section_dead_end(int32_t section, Offset room, Reason reason) {
  const BufferIndex last = levels_.size() > phase_start_ ? levels_.back().placed : -1;
  note_conflict(unplaced_in(section), last);
  if (!observer_) return;
  const Section& s = sections_[size_t(section)];
  emit(observer_, {EventKind::kConflict, reason, -1, room, sky_.contention(section),
                   s.lower, s.upper}, last_explanation_);
}

namespace {

// Each buffer's place in the order of `key` (a key per buffer, all distinct).
template <typename Key>
std::vector<BufferIndex> ranks_by(const Problem& problem, Key key) {
  std::vector<BufferIndex> order = all_buffers(problem);
  std::sort(order.begin(), order.end(), [&](BufferIndex a, BufferIndex b) { return key(a) < key(b); });
  std::vector<BufferIndex> rank(order.size());
  for (size_t i = 0; i < order.size(); ++i) rank[size_t(order[i])] = BufferIndex(i);
  return rank;
}

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
  return ranks_by(problem_, [&](BufferIndex b) {
    const Buffer& x = problem_.buffers[size_t(b)];
    return std::make_tuple(-x.size, UINT64_MAX - lifetime(x), b);  // longer-lived first
  });
}

// Each buffer's place in the order longer-lived first, then larger area, then file order.
std::vector<BufferIndex> Search::life_ranks() const {
  return ranks_by(problem_, [&](BufferIndex b) {
    const Buffer& x = problem_.buffers[size_t(b)];
    const uint64_t life = lifetime(x);
    // Saturated: with times at +-2^62 the area overflows (it is only a sort key).
    const uint64_t area = life != 0 && uint64_t(x.size) > UINT64_MAX / life ? UINT64_MAX
                                                                            : uint64_t(x.size) * life;
    return std::make_tuple(UINT64_MAX - life, UINT64_MAX - area, b);
  });
}

void Search::note_conflict(const std::vector<BufferIndex>& victims, BufferIndex blamed) {
  last_explanation_ = sky_.support_chain(blamed);
  last_victims_ = victims;
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
  if (left_.empty() && !start_phase(phase_ + 1)) return Step::kDone;
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
  take_left(c);
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
  for (BufferIndex b : left_)  // (not the buffer being tried, placed but not yet accepted)
    if (!sky_.placed(b) && covers(b, section)) found.push_back(b);
  return found;
}

void Search::take_left(BufferIndex b) {
  const int32_t slot = left_slot_[size_t(b)];
  left_[size_t(slot)] = left_.back();
  left_slot_[size_t(left_.back())] = slot;
  left_.pop_back();
  left_slot_[size_t(b)] = -1;
}

void Search::put_back(BufferIndex b) {
  left_slot_[size_t(b)] = int32_t(left_.size());
  left_.push_back(b);
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
// proves the phase (and so the problem) infeasible. It gets as many placements as the round
// with major backtracks before it took. From the first one on, levels are thorough, and the
// priorities learnt with the weaker inference are dropped (kept, they led the search astray:
// A of the challenging suite went from unsolved in 3 s to solved in 27 ms without them).
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
// twice as many of them, and the priorities learnt so far. (The search used to spend its
// major backtracks in well under a second on the challenging suite and then search
// chronologically for the rest of the time limit, 50 to 150 buffers deep, solving none.)
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
