// TelaMalloc's search (core/telamalloc.h), in three files: telamalloc.cpp (phases and the
// placement loop), telamalloc_ranking.cpp (which buffer may go next: levels and candidates) and
// telamalloc_backtracking.cpp (minor and major backtracks, rounds, restarts). Internal: not
// part of the library's interface.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "algorithms/telamalloc/section_inference.h"
#include "algorithms/telamalloc/skyline.h"
#include "analysis/phases.h"
#include "analysis/sections.h"
#include "model/deadline.h"
#include "model/run.h"
#include "model/trace.h"

namespace tela::telamalloc_internal {

class Search {
 public:
  Search(const Problem& problem, const SolveOptions& options)
      : problem_(problem),
        options_(options),
        counter_(options.observer),
        observer_(options.observer ? &counter_ : nullptr),
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
  // would be mostly wasted work.
  // On large problems a level keeps only its best kKept candidates (`more`: others exist):
  // keeping all of them costs O(depth x buffers) memory, more than a deep search can hold.
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
                      Size needed, Reason reason);
  Offset top_of(BufferIndex b) const {  // (0 for none: the bottom)
    return b < 0 ? 0 : sky_.offsets()[size_t(b)] + problem_.buffers[size_t(b)].size;
  }
  void accept(Level& level, BufferIndex c);
  Step exhausted();
  void undo_level(Level& level, EventKind kind, Reason reason, Offset conflict_step = 0,
                  std::span<const BufferIndex> blamed = {});
  Reason why_lifted(BufferIndex b) const;
  void note_conflict(const std::vector<BufferIndex>& victims, BufferIndex blamed);
  std::vector<BufferIndex> unplaced_in(int32_t section) const;
  // The phase's list of buffers left, kept in O(1) per placement (inline: the loop's hottest).
  void take_left(BufferIndex b) {
    const int32_t slot = left_slot_[size_t(b)];
    left_[size_t(slot)] = left_.back();
    left_slot_[size_t(left_.back())] = slot;
    left_.pop_back();
    left_slot_[size_t(b)] = -1;
  }
  void put_back(BufferIndex b) {
    left_slot_[size_t(b)] = int32_t(left_.size());
    left_.push_back(b);
  }
  void after_minor_backtrack();
  void major_backtrack();
  void restart_complete();
  void restart_with_majors();
  void undo_phase(Reason reason);
  SolveResult finish(Status status, std::string detail);
  // Counts one unit of work (a step, a candidate ranked) and checks the time limit and the
  // cancel flag every kWorkPerCheck units; true, with stopped_ set, once the run must stop.
  // Counting candidates, not only steps: on a large problem one ranking steps every candidate
  // around its pre-placed neighbours, so one step can be long, and checks counted in steps alone
  // would let a run go far past its limit (tests/unit/time_limit_test.cpp holds it).
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
  // The caller's observer, counted so that a major backtrack can name the step of the conflict
  // it follows; observer_ is null when the caller has none.
  CountingObserver counter_;
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
  int64_t last_conflict_step_ = 0;             // its step in the trace (with an observer)
  size_t deepest_ = 0;
  bool deepest_is_current_ = false;  // the deepest partial allocation is the current state
  std::vector<Offset> deepest_offsets_;
  static constexpr int64_t kWorkPerCheck = 256;
  int64_t work_ = kWorkPerCheck;         // due at once: the first step checks
  Status stopped_ = Status::kSolved;     // kTimeout or kCancelled once out_of_time() said so
};

}  // namespace tela::telamalloc_internal
