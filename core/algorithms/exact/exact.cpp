#include "algorithms/exact/exact.h"

#include <algorithm>
#include <deque>
#include <bit>
#include <limits>

#include "algorithms/exact/model.h"
#include "algorithms/exact/nogoods.h"
#include "algorithms/exact/range_min.h"
#include "algorithms/exact/valleys.h"
#include "analysis/proofs.h"
#include "model/deadline.h"

namespace tela {
namespace {

constexpr Offset kNone = std::numeric_limits<Offset>::max();
constexpr size_t kMaxEvents = 100000;  // a trace past this is summarised in the result
// The undo logs (raises, ranks) and the candidate lists of the open nodes are kept while they
// hold fewer entries than this, plus a few per buffer; past it, what a log would restore is
// computed again when it is needed (the same values, more slowly). Nodes nest as deep as a
// part has buffers, each holding up to a part's worth of entries: kept whole, that is
// quadratic in the part, gigabytes for parts of 10^4-10^5 buffers.
constexpr size_t kLogSlack = size_t(1) << 20;
constexpr size_t kLogPerBuffer = 8;
// A split undone merges its parts back one by one (each merge reads them all), up to this many;
// more are sorted together.
constexpr size_t kMostMerged = 8;

class ExactSearch {
 public:
  ExactSearch(const Problem& problem, const SolveOptions& options);
  SolveResult run();

 private:
  // kOpened: a node was set up and pushed on frames_; its outcome comes later.
  enum class Outcome { kFound, kFailed, kStopped, kOpened };
  // A set of buffers left that no other buffer left meets in time: members_[begin, end), living
  // in sections [first, last).
  struct Part {
    size_t begin, end;
    int32_t first, last;
    int64_t length = 0;  // the sections its members span, summed over them
  };
  struct Candidate {
    Offset offset;
    int32_t rank;
    BufferIndex buffer;
    bool operator<(const Candidate& o) const { return offset < o.offset || (offset == o.offset && rank < o.rank); }
  };
  struct Placement {
    BufferIndex buffer;
    size_t floors, raised;  // floor_log_ and raise_log_ sizes before it
    bool logged = true;     // its raises are in raise_log_ (else undone by refloor())
  };
  // An open node: what a recursive search keeps in a call frame, kept on frames_ instead, so
  // that a part of any size is searched to its full depth (one node per buffer placed).
  struct Frame {
    Part part;
    Offset x_last;
    int32_t rank_last;
    int64_t nodes_before;
    PartKey key;
    Size max_load;
    size_t first, count;  // its candidates, candidates_[first, first + count) when kept
    bool kept;            // else gathered again each time one is taken (same list)
    bool by_cell = false; // its candidates are the buffers that can fill one tight section
    size_t next = 0;      // the candidate being tried
    // The candidate being tried (set when the node opens: the first) and what undoes it.
    Candidate tried{};
    bool hatless = false, split = false;
    size_t mark = 0, ranks_mark = 0, rankings_mark = 0;
    size_t moved_from = 0;                // its place in the part's members before it moved last
    size_t parts_begin = 0, parts_end = 0, current = 0;  // its independent parts, in parts_
  };
  // Ranks given to members_[begin, end) when `placements` buffers were placed; `logged`: the
  // ranks they replaced are in rank_log_ (else computed again, see rerank()).
  struct Ranking {
    size_t begin, end, placements;
    bool logged;
  };

  Outcome search(const Part& root);
  Outcome open(const Part& part, Offset x_last, int32_t rank_last);
  Outcome gather(const Part& part, Offset x_last, int32_t rank_last, Offset low, Offset min_end,
                 Size& max_load, bool& by_cell, bool count_work);
  int32_t fewest_fits_section(const Part& part, Offset x_last, Offset low) const;
  int32_t rank_after(const Frame& f) const;
  bool no_slack(const Part& part) const;
  bool gather_again(const Frame& f);
  Outcome resume(Outcome outcome);
  Outcome try_candidates(size_t top);
  Outcome open_first_part(Frame& f);
  Outcome next_part(size_t top, Outcome outcome);
  bool end_candidate(Frame& f, Outcome outcome);
  Outcome close(Outcome outcome);
  bool position(const Part& part, Offset x_last, int32_t rank_last, Offset& low, Offset& min_end);
  bool infer(const Part& part, Offset x_last, Offset low, bool& tight, int32_t& rank_bound, Size& max_load);
  bool overfull(const Part& part, Offset x, Size max_load) const;
  bool valleys_fillable(const Part& part, Offset x_last);
  bool allowed(BufferIndex b, Offset x_last, int32_t rank_last, Offset min_end) const;
  bool place(BufferIndex b, Offset x);
  void raise_neighbours(const Part& part, BufferIndex b, Offset x);
  void undo_to(size_t placements, const Part& part);
  void refloor(const Part& part);
  void save_deepest();
  void split(const Part& part, size_t end);
  void split_after(Frame& f);
  void restore_members(const Frame& f);
  void merge(std::vector<Part>& parts);
  Outcome solve_root_part(Part part);
  PartKey key_of(const Part& part, Offset x_last, int32_t rank_last) const;
  Outcome check_limits(size_t work);
  // Counts `work` (buffers or sections looked at) and reads the clock every ~2^13 of them.
  // Inline, the clock read apart: gather() calls it for every member.
  bool out_of_time(size_t work) {
    work_ += work;
    return work_ >= (size_t{1} << 13) && read_clock();
  }
  bool read_clock();
  void conflict_section(int32_t s, Offset room, Size needed, Reason reason);
  void conflict_buffer(BufferIndex b, Reason reason);
  void note(const TraceEvent& e);
  SolveResult finish(Status status, std::string detail);
  Progress progress() const {
    // (deepest_ is -1 until the first placement)
    return {.placed = placed_, .buffers = int64_t(problem_.buffers.size()),
            .deepest = std::max(deepest_, placed_),
            .minor_backtracks = backtracks_};
  }
  int32_t rank(BufferIndex b) const { return rank_[size_t(b)]; }
  void rank_members(const Part& part);
  void sort_by_ordering(size_t begin, size_t end);
  void restore_ranks(const Frame& f);
  void rerank(const Ranking& ranking);
  bool is_placed(BufferIndex b) const { return offset_[size_t(b)] != kUnplaced; }

  const Problem& problem_;
  const ExactParams rules_;  // which pruning rules are on
  TraceObserver* observer_;
  Deadline deadline_;
  ExactModel model_;
  Nogoods nogoods_;
  std::vector<uint64_t> buffer_keys_;
  size_t log_budget_ = 0;  // entries each log and candidates_ may hold (kLogSlack)
  // Ties between candidates at one offset are broken by rank, computed afresh for each part
  // with the ordering the current restart uses (one of kOrderings).
  static constexpr size_t kOrderings = 6;
  size_t ordering_ = 0;
  // Whether tight spots branch on the section the fewest buffers can fill (fewest_fits) in
  // this round, else on the buffers at the lowest offset in rank order.
  bool by_cell_ = false;
  uint64_t round_seed_ = 0;  // the shuffle's (ordering 5), new every round
  std::vector<int32_t> rank_;
  struct RankChange {
    BufferIndex buffer;
    int32_t rank;
  };
  std::vector<RankChange> rank_log_;
  std::vector<Ranking> rankings_;  // those in force, the latest last
  struct RankKey {
    int64_t k[3];
    BufferIndex buffer;
    bool operator<(const RankKey& o) const {
      return std::lexicographical_compare(k, k + 3, o.k, o.k + 3) ||
             (std::equal(k, k + 3, o.k) && buffer < o.buffer);
    }
  };
  std::vector<RankKey> rank_keys_;

  // The search state, kept incrementally with an undo log.
  std::vector<Offset> offset_;  // per buffer; kUnplaced while left
  std::vector<Offset> floor_;   // per section: the top of what is placed there
  std::vector<Size> load_;      // per section: the size of what is left there
  std::vector<int32_t> cross_;  // per boundary s|s+1: buffers left living on both sides
  std::vector<Placement> placements_;
  struct FloorChange {
    int32_t section;
    Offset floor;
  };
  std::vector<FloorChange> floor_log_;
  // Per buffer: the top of what is placed beside it (the highest floor of its sections), kept
  // up to date for the buffers left, since reading every section of every buffer at every
  // node cost more than the rest of the node together.
  std::vector<Offset> floor_of_;
  struct Raise {
    BufferIndex buffer;
    Offset floor;
  };
  // A deque: one placement can add an entry per buffer, and a deque grows in blocks where a
  // vector's doubling copies the whole log at once, a pause no time-limit check interrupts.
  std::deque<Raise> raise_log_;

  // The open nodes, the root's first, and the independent parts of the candidates they try.
  std::vector<Frame> frames_;
  std::vector<Part> parts_;
  // The buffers of every open part. A part's members are a range of its parent's, reordered
  // in place (the buffer placed moved to the end, the rest grouped by independent part), so
  // that memory stays linear in the buffers however deep the search goes. With decomposition,
  // every range is in file order until a placement in it reorders it; undone, it is again.
  std::vector<BufferIndex> members_;
  std::vector<BufferIndex> scratch_members_;  // split()'s copy of the range it reorders
  std::vector<BufferIndex> root_members_;     // a root part's members, as a restart needs them

  // Scratch, reused by every node (stack-like: each node pushes and pops its own part).
  // Per buffer, what position() reads of it, packed: the problem's Buffer is 80 bytes with its
  // id, and position() reads every member at every node (on a 30,000-buffer part the load of
  // fixed_offset's flag was a quarter of the search's time).
  struct Shape {
    Size size;
    Size alignment;
    Offset fixed;  // kUnplaced: free
  };
  std::vector<Shape> shapes_;
  std::vector<Offset> candidate_offset_;  // per buffer, valid during one node's setup
  std::vector<Offset> lowest_in_;         // per section: lowest candidate offset there
  RangeMin<Offset> range_min_;            // computes lowest_in_
  std::vector<Size> crowd_tree_;          // sort_by_ordering's max tree over load_
  ValleyCheck valleys_;
  std::vector<int32_t> top_rank_in_;      // per section: highest rank that may fill its floor
  std::vector<int32_t> fits_in_;          // per section: how many candidates may fill its floor
  std::vector<int32_t> component_of_;     // per section, while splitting
  std::vector<size_t> component_count_;   // per component, while splitting
  std::vector<Candidate> candidates_;     // the candidates of every open node kept

  size_t work_ = 0;  // buffers looked at since the clock was last read
  int64_t nodes_ = 0, node_limit_ = 0, backtracks_ = 0, placed_ = 0, deepest_ = -1;
  Status stop_status_ = Status::kSolved;  // kTimeout/kCancelled (deadline)
  // The allocation with the most buffers placed so far: offset_ itself until a placement is
  // undone (copied only then, not at every new depth: a copy per depth is quadratic).
  std::vector<Offset> deepest_offsets_;
  bool deepest_saved_ = true;
  size_t events_ = 0;
};

ExactSearch::ExactSearch(const Problem& problem, const SolveOptions& options)
    : problem_(problem),
      rules_(options.exact),
      observer_(options.observer),
      deadline_(options),
      // Building the model reads the clock; what progress it reports does not matter yet.
      model_(problem, [this] { return deadline_.check([] { return Progress{}; }) != Status::kSolved; }),
      // (Not allocated when the time ran out building the model: zeroing the table would only
      // take the run further past its time limit.)
      nogoods_(model_.complete ? std::min<size_t>(size_t(1) << 20, problem.buffers.size() * 256) : 0) {
  if (!model_.complete) return;  // run() reports it at once
  const size_t n = problem.buffers.size(), sections = model_.sections.size();
  offset_.assign(n, kUnplaced);
  rank_.assign(n, 0);
  floor_.assign(sections, 0);
  load_.assign(sections, 0);
  cross_.assign(sections, 0);
  candidate_offset_.assign(n, 0);
  floor_of_.assign(n, 0);
  lowest_in_.assign(sections, kNone);
  top_rank_in_.assign(sections, -1);
  fits_in_.assign(sections, 0);
  component_of_.assign(sections, -1);
  for (size_t i = 0; i < n; ++i) buffer_keys_.push_back(mix64(i * 0x632BE59BD9B4E019ull + 7));
  for (const Buffer& b : problem.buffers)
    shapes_.push_back({b.size, b.alignment, b.fixed_offset.value_or(kUnplaced)});
  for (size_t i = 0; i < n; ++i)
    if (problem.buffers[i].size == 0)  // occupies nothing: anywhere will do
      offset_[i] = problem.buffers[i].fixed_offset.value_or(0);
  // By differences, then summed: O(buffers + sections), where adding each buffer to each of
  // its sections cost the sum of their lives in sections (10^6 buffers, 50,000 live at once:
  // ~25 s before the search could read its clock).
  for (BufferIndex b : model_.searched) {
    const SectionSpan span = model_.spans[size_t(b)];
    load_[size_t(span.first)] += problem.buffers[size_t(b)].size;
    if (size_t(span.last) < sections) load_[size_t(span.last)] -= problem.buffers[size_t(b)].size;
    if (span.first + 1 < span.last) {
      ++cross_[size_t(span.first)];
      if (size_t(span.last - 1) < sections) --cross_[size_t(span.last - 1)];
    }
  }
  for (size_t s = 1; s < sections; ++s) load_[s] += load_[s - 1], cross_[s] += cross_[s - 1];
  placed_ = int64_t(n - model_.searched.size());
  log_budget_ = kLogSlack + kLogPerBuffer * model_.searched.size();
  frames_.reserve(model_.searched.size() + 1);  // one per buffer placed, and the top one
}

// Whether members whose lives sum to `length` sections, over `sections` in all, are better
// visited section by section through a structure of O(sections log sections) (blocks, a tree)
// than one by one along their lives.
bool lives_long_against(uint64_t length, size_t sections) {
  return length > 3 * sections * size_t(std::bit_width(sections));
}

// Sets each member's candidate offset (where it would go now) and the lowest offset anything
// may take, `low`, and the lowest top a free member could have, `min_end`. False: a member can
// never be placed.
bool ExactSearch::position(const Part& part, Offset x_last, int32_t rank_last, Offset& low,
                           Offset& min_end) {
  low = kNone;
  min_end = kNone;
  // Lowering each member's sections one by one costs part.length; by blocks, about
  // 3 n log n for n sections.
  const size_t sections = size_t(part.last - part.first);
  const bool by_blocks = lives_long_against(uint64_t(part.length), sections);
  if (by_blocks)
    range_min_.reset(sections, kNone);
  else
    std::fill(lowest_in_.begin() + part.first, lowest_in_.begin() + part.last, kNone);
  for (size_t i = part.begin; i < part.end; ++i) {
    const BufferIndex b = members_[i];
    const Shape buffer = shapes_[size_t(b)];
    const SectionSpan span = model_.spans[size_t(b)];
    const Offset floor = floor_of_[size_t(b)];
    Offset x;
    if (buffer.fixed != kUnplaced) {
      x = buffer.fixed;
      if (floor > x || x < x_last || (rules_.tie_order && x == x_last && rank(b) < rank_last)) {
        conflict_buffer(b, Reason::kFixed);
        return false;
      }
    } else {
      x = align_up(floor, buffer.alignment);
      if (x + buffer.size > problem_.capacity) {
        conflict_buffer(b, Reason::kCapacityExceeded);
        return false;
      }
      min_end = std::min(min_end, x + buffer.size);
    }
    candidate_offset_[size_t(b)] = x;
    if (by_blocks)
      range_min_.lower(size_t(span.first - part.first), size_t(span.last - part.first), x);
    else
      for (int32_t s = span.first; s < span.last; ++s) lowest_in_[size_t(s)] = std::min(lowest_in_[size_t(s)], x);
    low = std::min(low, std::max(x, x_last));
  }
  if (by_blocks) range_min_.finish(&lowest_in_[size_t(part.first)]);
  return true;
}

// Whether b may go next: at or after the last placement in (offset, rank) order, after its
// interchangeable twin, clear of the pre-placed buffers still to come, below every other
// buffer's lowest top.
bool ExactSearch::allowed(BufferIndex b, Offset x_last, int32_t rank_last, Offset min_end) const {
  const Offset x = candidate_offset_[size_t(b)];
  if (x < x_last) return false;
  if (rules_.tie_order && x == x_last && rank(b) <= rank_last) return false;
  if (rules_.dominance && x >= min_end) return false;
  if (const BufferIndex twin = model_.twin_before[size_t(b)];
      rules_.twins && twin >= 0 && !is_placed(twin))
    return false;
  const Size size = shapes_[size_t(b)].size;
  for (BufferIndex f : model_.fixed_alongside(b))
    if (!is_placed(f) && shapes_[size_t(f)].fixed < x + size) return false;
  return true;
}

// Section inference: in each section, what is left must fit between the lowest offset it can
// take and the capacity. Where it fits exactly at the lowest point of all (`low`), that point
// must be filled now: `rank_bound` is the highest rank that may go next (the candidate
// that fills it, or one before it in (offset, rank) order). False: a dead end.
bool ExactSearch::infer(const Part& part, Offset x_last, Offset low, bool& tight,
                        int32_t& rank_bound, Size& max_load) {
  tight = false;
  rank_bound = std::numeric_limits<int32_t>::max();
  max_load = 0;
  for (int32_t s = part.first; s < part.last; ++s) {
    const Size load = load_[size_t(s)];
    if (load == 0) continue;
    max_load = std::max(max_load, load);
    const Offset from = std::max(x_last, lowest_in_[size_t(s)]);
    if (rules_.section_inference && from + load > problem_.capacity) {
      conflict_section(s, problem_.capacity - from, load, Reason::kSectionFull);
      return false;
    }
    if (!rules_.tight_spots || from != low || from + load != problem_.capacity) continue;
    if (top_rank_in_[size_t(s)] < 0) {  // no buffer may fill it
      conflict_section(s, problem_.capacity - from, load, Reason::kUnfillable);
      return false;
    }
    tight = true;
    rank_bound = std::min(rank_bound, top_rank_in_[size_t(s)]);
  }
  return true;
}

// Section inference for the node a placement at x would open, before it is opened (most such
// nodes would fail on it, and setting one up costs far more): every buffer left goes at x or
// above, and above what is placed under it. `max_load`: the most left in any section before
// the placement; below x + max_load nothing can overflow.
bool ExactSearch::overfull(const Part& part, Offset x, Size max_load) const {
  if (!rules_.lookahead || x + max_load <= problem_.capacity) return false;
  for (int32_t s = part.first; s < part.last; ++s) {
    const Size load = load_[size_t(s)];
    if (load != 0 && std::max(x, floor_[size_t(s)]) + load > problem_.capacity) return true;
  }
  return false;
}

// Whether every valley of the floor with a section without slack can be covered along its
// floor by lives of buffers left (algorithms/exact/valleys.h). Nothing goes below x_last.
bool ExactSearch::valleys_fillable(const Part& part, Offset x_last) {
  valleys_.reset(part.first, part.last);
  for (int32_t s = part.first; s < part.last; ++s) {
    const Offset floor = std::max(x_last, floor_[size_t(s)]);
    const Size load = load_[size_t(s)];
    valleys_.section(floor, load > 0 && floor + load == problem_.capacity);
  }
  for (const Valley& v : valleys_.valleys()) {
    valleys_.open(v);
    // (The buffers left that start in the part's sections are the part's.)
    for (int32_t s = v.begin; s < v.end; ++s) {
      for (const BufferIndex b : model_.starting_in(s)) {
        if (is_placed(b)) continue;
        const Buffer& buffer = problem_.buffers[size_t(b)];
        const bool fits = buffer.fixed_offset ? *buffer.fixed_offset == v.floor
                                              : v.floor % buffer.alignment == 0 &&
                                                    v.floor + buffer.size <= problem_.capacity;
        if (fits) valleys_.add(s, model_.spans[size_t(b)].last);
      }
    }
    if (valleys_.covered()) continue;
    if (observer_)
      note({EventKind::kConflict, Reason::kValley, -1, 0, 0, model_.sections[size_t(v.begin)].lower,
            model_.sections[size_t(v.end - 1)].upper});
    return false;
  }
  return true;
}

// `work`: the buffers this node looks at. The clock is read every ~2^13 buffers looked at, so
// nodes over a few hundred buffers check it every 40 or so, and nodes over 10^4 at each one.
ExactSearch::Outcome ExactSearch::check_limits(size_t work) {
  if (++nodes_ > node_limit_) return Outcome::kStopped;
  return out_of_time(work) ? Outcome::kStopped : Outcome::kFound;
}

// out_of_time's clock read, once ~2^13 buffers were looked at: true once the run must stop.
bool ExactSearch::read_clock() {
  work_ = 0;
  const Status s = deadline_.check([&] { return progress(); });
  if (s == Status::kSolved) return false;
  stop_status_ = s;
  return true;
}

// The depth-first search of a root part, without recursion: each open node is a Frame on
// frames_, the root's first; the top one tries its candidates in turn, opening a node above
// it for each, and closes with its outcome, which the node below it takes on.
ExactSearch::Outcome ExactSearch::search(const Part& root) {
  Outcome outcome = open(root, 0, -1);
  while (!frames_.empty()) outcome = resume(outcome);
  return outcome;
}

// Sets up the node of `part` after a placement at (x_last, rank_last): kOpened when it is
// pushed on frames_ with its candidates, else what it came to at once.
ExactSearch::Outcome ExactSearch::open(const Part& part, Offset x_last, int32_t rank_last) {
  if (part.begin == part.end) return Outcome::kFound;
  if (check_limits(part.end - part.begin) == Outcome::kStopped) return Outcome::kStopped;
  const int64_t nodes_before = nodes_;
  Offset low, min_end;
  if (!position(part, x_last, rank_last, low, min_end)) return Outcome::kFailed;
  // Each stage of a node reads all of the part's buffers, so on a large part one node is long:
  // the clock is read between its stages too, so that the time limit holds within a node.
  if (out_of_time(part.end - part.begin)) return Outcome::kStopped;
  const PartKey key = rules_.nogoods ? key_of(part, x_last, rank_last) : PartKey{};
  if (rules_.nogoods && nogoods_.contains(key)) {
    if (observer_) note({EventKind::kConflict, Reason::kKnownFailure, -1, 0, 0,
                         model_.sections[size_t(part.first)].lower,
                         model_.sections[size_t(part.last - 1)].upper});
    return Outcome::kFailed;
  }
  const size_t first = candidates_.size();
  Size max_load;
  bool by_cell;
  const Outcome gathered = gather(part, x_last, rank_last, low, min_end, max_load, by_cell, true);
  if (gathered == Outcome::kFailed && rules_.nogoods) nogoods_.add(key, nodes_ - nodes_before);
  if (gathered != Outcome::kFound) return gathered;
  if (out_of_time(part.end - part.begin)) {
    candidates_.resize(first);
    return Outcome::kStopped;
  }
  const size_t count = candidates_.size() - first;
  const bool kept = candidates_.size() <= log_budget_;
  // (Not kept, the first candidate is taken now: most nodes never need a second.)
  const Candidate first_one = count > 0 ? candidates_[first] : Candidate{};
  if (!kept) candidates_.resize(first);
  frames_.push_back({.part = part, .x_last = x_last, .rank_last = rank_last, .nodes_before = nodes_before,
                     .key = key, .max_load = max_load, .first = first, .count = count, .kept = kept,
                     .by_cell = by_cell, .tried = first_one});
  return Outcome::kOpened;
}

// Appends the node's candidates to candidates_, in the order they are tried (kFound), or
// finds it a dead end (kFailed) or out of time (kStopped; only when `count_work`).
ExactSearch::Outcome ExactSearch::gather(const Part& part, Offset x_last, int32_t rank_last, Offset low,
                                         Offset min_end, Size& max_load, bool& by_cell, bool count_work) {
  by_cell = false;
  // The highest rank of a buffer that may go next at `low`, and how many may, per section.
  for (int32_t s = part.first; s < part.last; ++s) {
    top_rank_in_[size_t(s)] = -1;
    fits_in_[size_t(s)] = 0;
  }
  const size_t first = candidates_.size();
  for (size_t i = part.begin; i < part.end; ++i) {
    const BufferIndex b = members_[i];
    // allowed() steps over b's pre-placed neighbours, which may be thousands: the loop counts
    // them as work, so the time limit is checked in proportion to what it does.
    if (count_work && out_of_time(1 + model_.fixed_alongside(b).size())) {
      candidates_.resize(first);
      return Outcome::kStopped;
    }
    if (!allowed(b, x_last, rank_last, min_end)) continue;
    const Offset x = candidate_offset_[size_t(b)];
    candidates_.push_back({x, rank(b), b});
    if (x != low) continue;
    for (int32_t s = model_.spans[size_t(b)].first; s < model_.spans[size_t(b)].last; ++s) {
      top_rank_in_[size_t(s)] = std::max(top_rank_in_[size_t(s)], rank(b));
      ++fits_in_[size_t(s)];
    }
  }
  bool tight;
  int32_t rank_bound;
  if (!infer(part, x_last, low, tight, rank_bound, max_load)) {
    candidates_.resize(first);
    return Outcome::kFailed;
  }
  if (rules_.valleys && !valleys_fillable(part, x_last)) {
    candidates_.resize(first);
    return Outcome::kFailed;
  }
  if (tight && by_cell_) {
    // Only what may fill the tight section with the fewest such buffers: its lowest free byte
    // is filled by exactly one of them in any allocation from here, so these branches share
    // none, and no order among the buffers at `low` need be imposed (see rank_after()).
    const int32_t cell = fewest_fits_section(part, x_last, low);
    candidates_.erase(std::remove_if(candidates_.begin() + std::ptrdiff_t(first), candidates_.end(),
                                     [&](const Candidate& c) {
                                       const SectionSpan span = model_.spans[size_t(c.buffer)];
                                       return c.offset != low || cell < span.first || span.last <= cell;
                                     }),
                      candidates_.end());
    by_cell = true;
  } else if (tight) {  // only what may fill the tight spot, or go before it
    candidates_.erase(std::remove_if(candidates_.begin() + std::ptrdiff_t(first), candidates_.end(),
                                     [&](const Candidate& c) { return c.offset != low || c.rank > rank_bound; }),
                      candidates_.end());
  }
  std::sort(candidates_.begin() + std::ptrdiff_t(first), candidates_.end());
  return Outcome::kFound;
}

// The tight section at `low` (no slack, its lowest free byte at `low`) that the fewest
// candidates can fill, the first of those; fail-first: a forced choice is made at once, and a
// wrong one is found out before other choices multiply it. (Every tight section has one at
// least: infer() fails the node otherwise.)
int32_t ExactSearch::fewest_fits_section(const Part& part, Offset x_last, Offset low) const {
  int32_t best = -1;
  for (int32_t s = part.first; s < part.last; ++s) {
    const Size load = load_[size_t(s)];
    const Offset from = std::max(x_last, lowest_in_[size_t(s)]);
    if (load == 0 || from != low || from + load != problem_.capacity) continue;
    if (best < 0 || fits_in_[size_t(s)] < fits_in_[size_t(best)]) best = s;
  }
  return best;
}

// The rank the node after f's candidate starts from (buffers at its offset of that rank or
// lower may not go next). After a choice of what fills a tight section, the bar stays where
// it was: every other buffer allowed at that offset before still is (the branches are told
// apart by which buffer fills the section, not by an order), while the bar of f's own node
// holds on only if f's node was at that same offset.
int32_t ExactSearch::rank_after(const Frame& f) const {
  if (!f.by_cell) return f.tried.rank;
  return f.x_last == f.tried.offset ? f.rank_last : -1;
}

// A node whose candidates were not kept gathers them again, the same list: everything it
// reads was put back as it was when the node was opened. False: out of time.
bool ExactSearch::gather_again(const Frame& f) {
  Offset low, min_end;
  Size max_load;
  bool by_cell;
  position(f.part, f.x_last, f.rank_last, low, min_end);
  gather(f.part, f.x_last, f.rank_last, low, min_end, max_load, by_cell, false);
  return !out_of_time(f.part.end - f.part.begin);
}

// Takes the top node on with `outcome`, what its candidate's part came to (kOpened: it has
// just been opened). Returns kOpened when it opened a node above it, else it closes with its
// own outcome.
ExactSearch::Outcome ExactSearch::resume(Outcome outcome) {
  const size_t top = frames_.size() - 1;
  if (outcome != Outcome::kOpened) {
    outcome = next_part(top, outcome);
    if (outcome == Outcome::kOpened) return outcome;
    if (!end_candidate(frames_[top], outcome)) return close(outcome);
    ++frames_[top].next;
  }
  return try_candidates(top);
}

// Tries the top node's candidates from the current one on: places it, splits what is left
// into independent parts and opens the first of them.
ExactSearch::Outcome ExactSearch::try_candidates(size_t top) {
  for (;; ++frames_[top].next) {
    Frame& f = frames_[top];
    if (f.next == f.count) return close(Outcome::kFailed);
    if (f.kept) {
      f.tried = candidates_[f.first + f.next];
    } else if (f.next > 0) {
      if (!gather_again(f)) {
        candidates_.resize(f.first);
        return close(Outcome::kStopped);
      }
      f.tried = candidates_[f.first + f.next];
      candidates_.resize(f.first);
    }
    const Candidate c = f.tried;
    if (observer_) note({EventKind::kConsider, Reason::kLowestFirst, c.buffer});
    f.mark = placements_.size();
    f.hatless = place(c.buffer, c.offset);
    if (overfull(f.part, c.offset, f.max_load)) {
      undo_to(f.mark, f.part);
      ++backtracks_;
      // A node with thousands of candidates may fail them all here: the clock is read.
      if (out_of_time(size_t(f.part.last - f.part.first))) return close(Outcome::kStopped);
      if (f.hatless && rules_.hatless) return close(Outcome::kFailed);
      continue;
    }
    raise_neighbours(f.part, c.buffer, c.offset);
    split_after(f);
    f.ranks_mark = rank_log_.size();
    f.rankings_mark = rankings_.size();
    Outcome outcome = open_first_part(f);
    if (outcome != Outcome::kOpened) outcome = next_part(top, outcome);
    if (outcome == Outcome::kOpened) return outcome;
    if (!end_candidate(frames_[top], outcome)) return close(outcome);
  }
}

// One part left: it goes on from the candidate's (offset, rank). Several: each is ranked
// afresh, and the order of offsets goes on from the candidate's (any rank may come next
// there, the ranks being new).
ExactSearch::Outcome ExactSearch::open_first_part(Frame& f) {
  f.current = f.parts_begin;
  if (f.parts_end == f.parts_begin) return Outcome::kFound;
  if (f.parts_end - f.parts_begin == 1) return open(parts_[f.current], f.tried.offset, rank_after(f));
  rank_members(parts_[f.current]);
  return open(parts_[f.current], f.tried.offset, -1);
}

// The candidate's parts are searched one after the other while each is solved (a failure on
// one never retries another): opens the next one, or returns what they came to.
ExactSearch::Outcome ExactSearch::next_part(size_t top, Outcome outcome) {
  Frame& f = frames_[top];
  while (outcome == Outcome::kFound && ++f.current < f.parts_end) {
    rank_members(parts_[f.current]);
    outcome = open(parts_[f.current], f.tried.offset, -1);
  }
  return outcome;
}

// Ends the candidate tried; true when the node goes on to its next one. Only a failure is
// undone: a solved candidate's node closes solved, and so on down to the root or to a node
// whose next part then fails (its undo puts back what every node above it changed); a
// stopped search is dropped, or restarted from the root, which sets members and ranks afresh.
bool ExactSearch::end_candidate(Frame& f, Outcome outcome) {
  if (outcome != Outcome::kFailed) {
    parts_.resize(f.parts_begin);
    return false;
  }
  restore_ranks(f);
  restore_members(f);  // (reads f's parts)
  parts_.resize(f.parts_begin);
  undo_to(f.mark, f.part);
  ++backtracks_;
  // Nothing left meets a hatless buffer: it goes there in any allocation from here.
  return !(f.hatless && rules_.hatless);
}

// Closes the top node with `outcome`.
ExactSearch::Outcome ExactSearch::close(Outcome outcome) {
  const Frame& f = frames_.back();
  candidates_.resize(f.first);
  if (outcome == Outcome::kFailed && rules_.nogoods) nogoods_.add(f.key, nodes_ - f.nodes_before);
  frames_.pop_back();
  return outcome;
}

// Places b at x (the sections only: see raise_neighbours); true when no buffer left lives
// alongside it.
bool ExactSearch::place(BufferIndex b, Offset x) {
  const Shape buffer = shapes_[size_t(b)];
  const SectionSpan span = model_.spans[size_t(b)];
  placements_.push_back({b, floor_log_.size(), raise_log_.size()});
  offset_[size_t(b)] = x;
  bool hatless = true;
  for (int32_t s = span.first; s < span.last; ++s) {
    floor_log_.push_back({s, floor_[size_t(s)]});
    floor_[size_t(s)] = x + buffer.size;
    hatless &= (load_[size_t(s)] -= buffer.size) == 0;
  }
  for (int32_t s = span.first; s + 1 < span.last; ++s) --cross_[size_t(s)];
  if (++placed_ > deepest_) {
    deepest_ = placed_;
    deepest_saved_ = false;
  }
  if (observer_) note({EventKind::kPlace, Reason::kCanonicalFit, b, x});
  return hatless;
}

// Raises the floor of the members of `part` living alongside b, just placed at x (only they
// can: the other parts are apart in time). Apart from place(), as most placements are undone
// at once by overfull(), which needs only the sections.
void ExactSearch::raise_neighbours(const Part& part, BufferIndex b, Offset x) {
  const SectionSpan span = model_.spans[size_t(b)];
  const Offset top = x + shapes_[size_t(b)].size;
  const bool log = raise_log_.size() < log_budget_;
  placements_.back().logged = log;
  for (size_t i = part.begin; i < part.end; ++i) {
    const BufferIndex o = members_[i];
    const SectionSpan other = model_.spans[size_t(o)];
    if (o == b || other.last <= span.first || span.last <= other.first || floor_of_[size_t(o)] >= top) continue;
    if (log) raise_log_.push_back({o, floor_of_[size_t(o)]});
    floor_of_[size_t(o)] = top;
  }
}

// Undoes the placements after the first `mark`, all of them in `part`.
void ExactSearch::undo_to(size_t mark, const Part& part) {
  if (placements_.size() > mark) save_deepest();
  bool unlogged = false;
  while (placements_.size() > mark) {
    const Placement p = placements_.back();
    placements_.pop_back();
    const Buffer& buffer = problem_.buffers[size_t(p.buffer)];
    const SectionSpan span = model_.spans[size_t(p.buffer)];
    for (size_t i = floor_log_.size(); i-- > p.floors;)
      floor_[size_t(floor_log_[i].section)] = floor_log_[i].floor;
    floor_log_.resize(p.floors);
    for (size_t i = raise_log_.size(); i-- > p.raised;)
      floor_of_[size_t(raise_log_[i].buffer)] = raise_log_[i].floor;
    raise_log_.resize(p.raised);
    unlogged |= !p.logged;
    for (int32_t s = span.first; s < span.last; ++s) load_[size_t(s)] += buffer.size;
    for (int32_t s = span.first; s + 1 < span.last; ++s) ++cross_[size_t(s)];
    if (observer_) note({EventKind::kMinorBacktrack, Reason::kRetry, p.buffer, offset_[size_t(p.buffer)]});
    offset_[size_t(p.buffer)] = kUnplaced;
    --placed_;
  }
  if (unlogged) refloor(part);
}

// Sets the floor of every member of `part` left from the sections (what raise_log_ would
// have restored, for placements it had no room for).
void ExactSearch::refloor(const Part& part) {
  for (size_t i = part.begin; i < part.end; ++i) {
    const BufferIndex b = members_[i];
    if (is_placed(b)) continue;
    const SectionSpan span = model_.spans[size_t(b)];
    Offset floor = 0;
    for (int32_t s = span.first; s < span.last; ++s) floor = std::max(floor, floor_[size_t(s)]);
    floor_of_[size_t(b)] = floor;
  }
}

// The allocation is about to lose buffers: if it is the deepest yet, it is kept.
void ExactSearch::save_deepest() {
  if (deepest_saved_) return;
  deepest_offsets_ = offset_;
  deepest_saved_ = true;
}

// Splits the part of f's node after its candidate was placed: the candidate moves to the end
// of the part's members, and what is left becomes f's parts. Usually no time in the part is
// left uncrossed by that placement, and what is left stays one part, over the same sections
// (some may hold nothing now): no need to look at the sections.
void ExactSearch::split_after(Frame& f) {
  const Part& part = f.part;
  const BufferIndex placed = f.tried.buffer;
  const SectionSpan span = model_.spans[size_t(placed)];
  size_t at = part.begin;
  while (members_[at] != placed) ++at;
  std::rotate(members_.begin() + std::ptrdiff_t(at), members_.begin() + std::ptrdiff_t(at + 1),
              members_.begin() + std::ptrdiff_t(part.end));
  f.moved_from = at;
  f.parts_begin = parts_.size();
  f.split = false;
  for (int32_t s = span.first; rules_.decomposition && s + 1 < span.last && !f.split; ++s)
    f.split = cross_[size_t(s)] == 0;
  if (f.split)
    split(part, part.end - 1);
  else if (part.end - part.begin > 1)
    parts_.push_back({part.begin, part.end - 1, part.first, part.last, part.length - (span.last - span.first)});
  f.parts_end = parts_.size();
}

// Puts the members of f's part back in the order they had before its candidate was placed.
// A split grouped them by part: with decomposition every part's range is in file order
// (split() keeps the order, and only decomposition splits), so merging the parts back
// restores it. A part solved before a later one failed is left reordered: it is sorted first.
void ExactSearch::restore_members(const Frame& f) {
  const auto at = [&](size_t i) { return members_.begin() + std::ptrdiff_t(i); };
  if (!f.split) {
    std::rotate(at(f.moved_from), at(f.part.end - 1), at(f.part.end));
    return;
  }
  if (f.parts_end - f.parts_begin > kMostMerged) {
    std::sort(at(f.part.begin), at(f.part.end));
    return;
  }
  for (size_t i = f.parts_begin; i < f.parts_end; ++i) {
    const Part& p = parts_[i];
    if (!std::is_sorted(at(p.begin), at(p.end))) std::sort(at(p.begin), at(p.end));
    std::inplace_merge(at(f.part.begin), at(p.begin), at(p.end));
  }
  std::inplace_merge(at(f.part.begin), at(f.part.end - 1), at(f.part.end));  // the buffer placed
}

// Groups members_[part.begin, end), the unplaced members of `part`, in place into parts no
// buffer left joins in time (each in the order they had), appended to parts_.
void ExactSearch::split(const Part& part, size_t end) {
  int32_t components = 0;
  for (int32_t s = part.first; s < part.last; ++s) {
    component_of_[size_t(s)] = components;
    if (s + 1 < part.last && cross_[size_t(s)] == 0) ++components;
  }
  component_count_.assign(size_t(components) + 1, 0);
  for (size_t i = part.begin; i < end; ++i)
    ++component_count_[size_t(component_of_[size_t(model_.spans[size_t(members_[i])].first)])];
  const size_t base = parts_.size();
  size_t next = part.begin;  // each component's members go to a range of their own
  for (size_t c = 0; c < component_count_.size(); ++c) {
    parts_.push_back({next, next, part.last, part.first, 0});
    next += component_count_[c];
  }
  scratch_members_.assign(members_.begin() + std::ptrdiff_t(part.begin), members_.begin() + std::ptrdiff_t(end));
  for (const BufferIndex b : scratch_members_) {
    const SectionSpan span = model_.spans[size_t(b)];
    Part& p = parts_[base + size_t(component_of_[size_t(span.first)])];
    members_[p.end++] = b;
    p.length += span.last - span.first;
    p.first = std::min(p.first, span.first);
    p.last = std::max(p.last, span.last);
  }
  parts_.erase(std::remove_if(parts_.begin() + std::ptrdiff_t(base), parts_.end(),
                              [](const Part& p) { return p.begin == p.end; }),
               parts_.end());
}

// Joins parts made by split(), which lie side by side in members_, into one.
void ExactSearch::merge(std::vector<Part>& parts) {
  if (parts.size() < 2) return;
  Part all{parts.front().begin, parts.back().end, parts.front().first, parts.front().last, 0};
  for (const Part& p : parts) {
    all.first = std::min(all.first, p.first);
    all.last = std::max(all.last, p.last);
    all.length += p.length;
  }
  parts.assign(1, all);
}

// Ranks the members of a part with the current ordering (see sort_by_ordering), logging the
// ranks they replace while the log has room.
void ExactSearch::rank_members(const Part& part) {
  const bool log = rank_log_.size() + (part.end - part.begin) <= log_budget_;
  rankings_.push_back({part.begin, part.end, placements_.size(), log});
  sort_by_ordering(part.begin, part.end);
  for (size_t i = 0; i < rank_keys_.size(); ++i) {
    const BufferIndex b = rank_keys_[i].buffer;
    if (log) rank_log_.push_back({b, rank_[size_t(b)]});
    rank_[size_t(b)] = int32_t(i);
  }
}

// Sorts members_[begin, end) into rank_keys_ with the current ordering: longest-lived, largest
// area, most crowded (the highest load left in its sections) first, in one of three rotations
// (after MiniMalloc's WAT, TAW, TWA); by start or by end (sweeps); or shuffled, differently
// every round (so that the long rounds of heavy-tailed searches do not all repeat one order).
void ExactSearch::sort_by_ordering(size_t begin, size_t end) {
  rank_keys_.clear();
  // The most crowded section of each member's life (orderings 0-2 only): by scanning its
  // sections, or, where the lives are long against the sections the part spans (thousands
  // live at once), by a max tree over them: O(n log sections), not the sum of the lives.
  const bool crowded = ordering_ <= 2;
  int32_t first = INT32_MAX, last = INT32_MIN;
  uint64_t length = 0;
  for (size_t i = begin; i < end && crowded; ++i) {
    const SectionSpan span = model_.spans[size_t(members_[i])];
    first = std::min(first, span.first), last = std::max(last, span.last);
    length += uint64_t(span.last - span.first);
  }
  const size_t sections = first < last ? size_t(last - first) : 0;
  const bool by_tree = crowded && lives_long_against(length, sections);
  if (by_tree) {
    crowd_tree_.assign(2 * sections, 0);
    std::copy(load_.begin() + first, load_.begin() + last, crowd_tree_.begin() + std::ptrdiff_t(sections));
    for (size_t k = sections; k-- > 1;) crowd_tree_[k] = std::max(crowd_tree_[2 * k], crowd_tree_[2 * k + 1]);
  }
  const auto most_crowded = [&](SectionSpan span) {
    Size crowd = 0;
    if (!by_tree) {
      for (int32_t s = span.first; s < span.last; ++s) crowd = std::max(crowd, load_[size_t(s)]);
      return crowd;
    }
    for (size_t l = size_t(span.first - first) + sections, r = size_t(span.last - first) + sections; l < r;
         l >>= 1, r >>= 1) {
      if (l & 1) crowd = std::max(crowd, crowd_tree_[l++]);
      if (r & 1) crowd = std::max(crowd, crowd_tree_[--r]);
    }
    return crowd;
  };
  for (size_t i = begin; i < end; ++i) {
    const BufferIndex b = members_[i];
    const Buffer& x = problem_.buffers[size_t(b)];
    const Size crowd = crowded ? most_crowded(model_.spans[size_t(b)]) : 0;
    // Saturated: with times at +-2^62 a life is up to 2^63 and an area far more (sort keys only).
    const uint64_t life = lifetime(x);
    const int64_t width = int64_t(std::min<uint64_t>(life, INT64_MAX));
    const int64_t area = life != 0 && uint64_t(x.size) > uint64_t(INT64_MAX) / life
                             ? INT64_MAX : int64_t(uint64_t(x.size) * life);
    const int64_t w = -width, a = -area, t = -crowd;
    rank_keys_.push_back(ordering_ == 0   ? RankKey{{w, a, t}, b}
                         : ordering_ == 1 ? RankKey{{t, a, w}, b}
                         : ordering_ == 2 ? RankKey{{t, w, a}, b}
                         : ordering_ == 3 ? RankKey{{x.lower, w, a}, b}
                         : ordering_ == 4 ? RankKey{{-x.upper, w, a}, b}
                                          : RankKey{{int64_t(mix64(uint64_t(b) ^ round_seed_) >> 1), 0, 0}, b});
  }
  std::sort(rank_keys_.begin(), rank_keys_.end());
}

// Gives the members of f's part back the ranks they had before its candidate was placed.
void ExactSearch::restore_ranks(const Frame& f) {
  bool unlogged = false;
  for (size_t i = f.rankings_mark; i < rankings_.size(); ++i) unlogged |= !rankings_[i].logged;
  rankings_.resize(f.rankings_mark);
  if (!unlogged)
    for (size_t i = rank_log_.size(); i-- > f.ranks_mark;) rank_[size_t(rank_log_[i].buffer)] = rank_log_[i].rank;
  rank_log_.resize(f.ranks_mark);
  if (unlogged) rerank(rankings_.back());
}

// Ranks the members of `ranking` again as they were ranked then: the same ordering, with the
// loads of that time (those of the buffers placed since added back for the while).
void ExactSearch::rerank(const Ranking& ranking) {
  const auto add_back = [&](int sign) {
    for (size_t i = ranking.placements; i < placements_.size(); ++i) {
      const BufferIndex b = placements_[i].buffer;
      const SectionSpan span = model_.spans[size_t(b)];
      for (int32_t s = span.first; s < span.last; ++s) load_[size_t(s)] += sign * problem_.buffers[size_t(b)].size;
    }
  };
  add_back(1);
  sort_by_ordering(ranking.begin, ranking.end);
  add_back(-1);
  for (size_t i = 0; i < rank_keys_.size(); ++i) rank_[size_t(rank_keys_[i].buffer)] = int32_t(i);
}

// What decides a part's search: its members, the top of what is placed beside each (their
// candidate offsets follow from it), the lowest offset allowed, and which members the order
// of ranks bars from that offset. Not the ranks otherwise: the allocations a search can reach
// (each buffer at the lowest offset the buffers below it allow, none under another's lowest
// top, twins in file order) do not depend on how ties at one offset are broken, so a part
// that failed under one ordering fails under every other, and the restarts share what they
// learn.
PartKey ExactSearch::key_of(const Part& part, Offset x_last, int32_t rank_last) const {
  PartKey key{mix64(uint64_t(x_last)), mix64(uint64_t(x_last) * 31 + 0x51ED2701ull)};
  for (size_t i = part.begin; i < part.end; ++i) {
    const BufferIndex b = members_[i];
    uint64_t k = mix64(buffer_keys_[size_t(b)] ^ (uint64_t(floor_of_[size_t(b)]) * 0x9E3779B97F4A7C15ull));
    // Barred from x_last by the order of ranks: the one thing ranks change about this part.
    if (candidate_offset_[size_t(b)] == x_last && rank(b) <= rank_last) k = mix64(k ^ 0xB4B82E6D1A3C5F07ull);
    key.a ^= k;
    key.b += mix64(k + 0xA0761D6478BD642Full);
  }
  key.a |= 1;  // 0 marks an empty slot
  return key;
}

void ExactSearch::note(const TraceEvent& e) {
  if (events_++ < kMaxEvents) emit(observer_, e);
}

void ExactSearch::conflict_section(int32_t s, Offset room, Size needed, Reason reason) {
  if (!observer_) return;
  const Section& section = model_.sections[size_t(s)];
  note({EventKind::kConflict, reason, -1, room, needed, section.lower, section.upper});
}

void ExactSearch::conflict_buffer(BufferIndex b, Reason reason) {
  if (!observer_) return;
  const Buffer& buffer = problem_.buffers[size_t(b)];
  note({EventKind::kConflict, reason, b, 0, 0, buffer.lower, buffer.upper});
}

// Whether what is left of `part` fills every one of its sections to the capacity exactly (a
// perfect packing, as `tela generate --kind packing` makes at its bound).
bool ExactSearch::no_slack(const Part& part) const {
  for (int32_t s = part.first; s < part.last; ++s)
    if (floor_[size_t(s)] + load_[size_t(s)] != problem_.capacity) return false;
  return true;
}

// A part with nothing left to join it: restarts over the orderings, with a node limit that
// doubles every round, until it is solved, proven infeasible or time runs out.
ExactSearch::Outcome ExactSearch::solve_root_part(Part part) {
  const size_t mark = placements_.size();
  const auto start_round = [&] {
    rank_log_.clear();  // (each round ranks every member afresh: no rank before it is read)
    rankings_.clear();
    rank_members(part);
  };
  // Branching differs only at tight spots, which are every node where there is no slack but
  // rarer elsewhere: there the second way would mostly repeat the first, and the rounds that
  // find an allocation would come later.
  by_cell_ = rules_.fewest_fits && no_slack(part);
  if (!rules_.restarts) {  // one ordering, searched to the end
    ordering_ = 0;
    start_round();
    node_limit_ = std::numeric_limits<int64_t>::max();
    const Outcome outcome = search(part);
    if (outcome == Outcome::kFailed) undo_to(mark, part);
    return outcome;
  }
  // A round stopped at its node limit leaves the members reordered (see end_candidate()).
  root_members_.assign(members_.begin() + std::ptrdiff_t(part.begin), members_.begin() + std::ptrdiff_t(part.end));
  // Small limits first: a lucky ordering often finishes at once, and heavy-tailed runs are cut.
  // With fewest_fits, on a part without slack, each ordering runs twice per round, branching
  // on tight spots in rank order, then by the section the fewest buffers can fill: on
  // zero-slack packings the two solve different problems (neither alone solves what both do),
  // and a failure either one proves is a nogood for the other (what a part's search can reach
  // does not depend on how it branches).
  const size_t ways = by_cell_ ? 2 : 1;
  for (int64_t limit = 2 * int64_t(part.end - part.begin);; limit *= 2)
    for (size_t o = 0; o < kOrderings * ways; ++o) {
      ordering_ = (o / ways + rules_.first_ordering) % kOrderings;
      by_cell_ = o % ways == 1;
      round_seed_ = mix64(uint64_t(limit));
      start_round();
      node_limit_ = nodes_ + limit;
      const Outcome outcome = search(part);
      if (outcome == Outcome::kFound) return outcome;
      // Out of time or cancelled: the state is dropped, so no undo (undoing a deep search costs
      // about what making it did, all of it past the time limit).
      if (stop_status_ != Status::kSolved) return outcome;
      undo_to(mark, part);
      std::copy(root_members_.begin(), root_members_.end(), members_.begin() + std::ptrdiff_t(part.begin));
      if (outcome == Outcome::kFailed) return outcome;
      if (observer_) note({EventKind::kPhase, Reason::kRestart, -1, Offset((o + 1) / ways + rules_.first_ordering) % Offset(kOrderings)});
    }
}

SolveResult ExactSearch::run() {
  if (!model_.complete) {  // the time ran out, or a cancel came, while the model was built
    const Status s = deadline_.check([] { return Progress{}; });
    return finish(s == Status::kSolved ? Status::kTimeout : s, "stopped before the search began");
  }
  if (std::optional<std::string> proof = prove_infeasible(problem_, model_.sections))
    return finish(Status::kInfeasible, *proof);
  members_ = model_.searched;
  split({0, members_.size(), 0, int32_t(model_.sections.size())}, members_.size());
  std::vector<Part> roots;
  roots.swap(parts_);
  if (!rules_.decomposition) merge(roots);
  for (size_t i = 0; i < roots.size(); ++i) {
    if (observer_)
      note({EventKind::kPhase, Reason::kNone, -1, Offset(i), 0,
            model_.sections[size_t(roots[i].first)].lower,
            model_.sections[size_t(roots[i].last - 1)].upper});
    const Outcome outcome = solve_root_part(roots[i]);
    if (outcome == Outcome::kFailed)
      return finish(Status::kInfeasible,
                    "a complete search of the buffers live during [" +
                        std::to_string(model_.sections[size_t(roots[i].first)].lower) + ", " +
                        std::to_string(model_.sections[size_t(roots[i].last - 1)].upper) +
                        ") found no allocation after " + std::to_string(nodes_) + " nodes");
    if (outcome == Outcome::kStopped)
      return finish(stop_status_, "stopped after " + std::to_string(nodes_) + " nodes and " +
                                      std::to_string(backtracks_) +
                                      " backtracks; the deepest partial allocation placed " +
                                      std::to_string(deepest_) + " of " +
                                      std::to_string(problem_.buffers.size()) + " buffers");
  }
  return finish(Status::kSolved, "");
}

SolveResult ExactSearch::finish(Status status, std::string detail) {
  SolveResult result;
  result.status = status;
  const bool deepest_now = deepest_ < 0 || !deepest_saved_;  // nothing undone since it was reached
  result.solution.offsets = status == Status::kSolved || deepest_now ? offset_ : deepest_offsets_;
  if (events_ > kMaxEvents) {
    if (!detail.empty()) detail += "; ";
    detail += "the trace holds the first " + std::to_string(kMaxEvents) + " of " +
              std::to_string(events_) + " events";
  }
  result.detail = std::move(detail);
  return result;
}

}  // namespace

SolveResult exact(const Problem& problem, const SolveOptions& options) {
  return ExactSearch(problem, options).run();
}

}  // namespace tela
