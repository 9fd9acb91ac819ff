#include "algorithms/exact/exact.h"

#include <algorithm>
#include <deque>
#include <bit>
#include <limits>

#include "algorithms/exact/model.h"
#include "algorithms/exact/nogoods.h"
#include "algorithms/exact/range_min.h"
#include "analysis/proofs.h"
#include "model/deadline.h"

namespace tela {
namespace {

constexpr Offset kNone = std::numeric_limits<Offset>::max();
constexpr size_t kMaxEvents = 100000;  // a trace past this is summarised in the result
// The search recurses once per placement within a part: deeper than this, it gives up rather
// than overflow the stack. AddressSanitizer's frames are several kilobytes: less there.
#if defined(__SANITIZE_ADDRESS__)
constexpr size_t kMaxDepth = 600;
#else
constexpr size_t kMaxDepth = 1200;
#endif

class ExactSearch {
 public:
  ExactSearch(const Problem& problem, const SolveOptions& options);
  SolveResult run();

 private:
  enum class Outcome { kFound, kFailed, kStopped };
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
  };

  Outcome search(const Part& part, Offset x_last, int32_t rank_last);
  bool position(const Part& part, Offset x_last, int32_t rank_last, Offset& low, Offset& min_end);
  bool infer(const Part& part, Offset x_last, Offset low, bool& tight, int32_t& rank_bound, Size& max_load);
  bool overfull(const Part& part, Offset x, Size max_load) const;
  bool allowed(BufferIndex b, Offset x_last, int32_t rank_last, Offset min_end) const;
  Outcome try_candidates(const Part& part, size_t first, size_t last, Size max_load);
  bool place(BufferIndex b, Offset x);
  void raise_neighbours(const Part& part, BufferIndex b, Offset x);
  void undo_to(size_t placements);
  void split(const Part& part, std::vector<Part>& parts);
  void split_after(const Part& part, BufferIndex placed, std::vector<Part>& parts);
  void merge(std::vector<Part>& parts);
  Outcome solve_root_part(Part part);
  PartKey key_of(const Part& part, Offset x_last, int32_t rank_last) const;
  Outcome check_limits(size_t work);
  bool out_of_time(size_t work);
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
  void restore_ranks(size_t mark);
  bool is_placed(BufferIndex b) const { return offset_[size_t(b)] != kUnplaced; }

  const Problem& problem_;
  const ExactParams rules_;  // which pruning rules are on
  TraceObserver* observer_;
  Deadline deadline_;
  ExactModel model_;
  Nogoods nogoods_;
  std::vector<uint64_t> buffer_keys_;
  // Ties between candidates at one offset are broken by rank, computed afresh for each part
  // with the ordering the current restart uses (one of kOrderings).
  static constexpr size_t kOrderings = 6;
  size_t ordering_ = 0;
  uint64_t round_seed_ = 0;  // the shuffle's (ordering 5), new every round
  std::vector<int32_t> rank_;
  struct RankChange {
    BufferIndex buffer;
    int32_t rank;
  };
  std::vector<RankChange> rank_log_;
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

  // Scratch, reused by every node (stack-like: each node pushes and pops its own part).
  std::vector<Offset> candidate_offset_;  // per buffer, valid during one node's setup
  std::vector<Offset> lowest_in_;         // per section: lowest candidate offset there
  RangeMin<Offset> range_min_;            // computes lowest_in_
  std::vector<int32_t> top_rank_in_;      // per section: highest rank that may fill its floor
  std::vector<int32_t> component_of_;     // per section, while splitting
  std::vector<size_t> component_count_;   // per component, while splitting
  std::vector<BufferIndex> members_;      // the buffers of every open part
  std::vector<Candidate> candidates_;     // the candidates of every open node
  std::vector<std::vector<Part>> parts_by_depth_;
  size_t depth_ = 0;

  size_t work_ = 0;  // buffers looked at since the clock was last read
  int64_t nodes_ = 0, node_limit_ = 0, backtracks_ = 0, placed_ = 0, deepest_ = -1;
  Status stop_status_ = Status::kSolved;  // kTimeout/kCancelled (deadline), kNotFound (too deep)
  std::vector<Offset> deepest_offsets_;
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
  component_of_.assign(sections, -1);
  for (size_t i = 0; i < n; ++i) buffer_keys_.push_back(mix64(i * 0x632BE59BD9B4E019ull + 7));
  for (size_t i = 0; i < n; ++i)
    if (problem.buffers[i].size == 0)  // occupies nothing: anywhere will do
      offset_[i] = problem.buffers[i].fixed_offset.value_or(0);
  for (BufferIndex b : model_.searched) {
    const SectionSpan span = model_.spans[size_t(b)];
    for (int32_t s = span.first; s < span.last; ++s) load_[size_t(s)] += problem.buffers[size_t(b)].size;
    for (int32_t s = span.first; s + 1 < span.last; ++s) ++cross_[size_t(s)];
  }
  placed_ = int64_t(n - model_.searched.size());
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
  const bool by_blocks = uint64_t(part.length) > 3 * sections * size_t(std::bit_width(sections));
  if (by_blocks)
    range_min_.reset(sections, kNone);
  else
    std::fill(lowest_in_.begin() + part.first, lowest_in_.begin() + part.last, kNone);
  for (size_t i = part.begin; i < part.end; ++i) {
    const BufferIndex b = members_[i];
    const Buffer& buffer = problem_.buffers[size_t(b)];
    const SectionSpan span = model_.spans[size_t(b)];
    const Offset floor = floor_of_[size_t(b)];
    Offset x;
    if (buffer.fixed_offset) {
      x = *buffer.fixed_offset;
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
  const Size size = problem_.buffers[size_t(b)].size;
  for (BufferIndex f : model_.fixed_alongside(b))
    if (!is_placed(f) && *problem_.buffers[size_t(f)].fixed_offset < x + size) return false;
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

// `work`: the buffers this node looks at. The clock is read every ~2^13 buffers looked at, so
// nodes over a few hundred buffers check it every 40 or so, and nodes over 10^4 at each one.
ExactSearch::Outcome ExactSearch::check_limits(size_t work) {
  if (++nodes_ > node_limit_) return Outcome::kStopped;
  if (depth_ >= kMaxDepth) {
    stop_status_ = Status::kNotFound;
    return Outcome::kStopped;
  }
  return out_of_time(work) ? Outcome::kStopped : Outcome::kFound;
}

// Counts `work` (buffers or sections looked at) and reads the clock every ~2^13 of them.
bool ExactSearch::out_of_time(size_t work) {
  work_ += work;
  if (work_ < (size_t{1} << 13)) return false;
  work_ = 0;
  const Status s = deadline_.check([&] { return progress(); });
  if (s == Status::kSolved) return false;
  stop_status_ = s;
  return true;
}

ExactSearch::Outcome ExactSearch::search(const Part& part, Offset x_last, int32_t rank_last) {
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
  // The highest rank of a buffer that may go next at `low`, per section.
  for (int32_t s = part.first; s < part.last; ++s) top_rank_in_[size_t(s)] = -1;
  const size_t first = candidates_.size();
  for (size_t i = part.begin; i < part.end; ++i) {
    const BufferIndex b = members_[i];
    // allowed() steps over b's pre-placed neighbours, which may be thousands: the loop counts
    // them as work, so the time limit is checked in proportion to what it does.
    if (out_of_time(1 + model_.fixed_alongside(b).size())) {
      candidates_.resize(first);
      return Outcome::kStopped;
    }
    if (!allowed(b, x_last, rank_last, min_end)) continue;
    const Offset x = candidate_offset_[size_t(b)];
    candidates_.push_back({x, rank(b), b});
    if (x != low) continue;
    for (int32_t s = model_.spans[size_t(b)].first; s < model_.spans[size_t(b)].last; ++s)
      top_rank_in_[size_t(s)] = std::max(top_rank_in_[size_t(s)], rank(b));
  }
  bool tight;
  int32_t rank_bound;
  Size max_load;
  Outcome outcome = Outcome::kFailed;
  if (infer(part, x_last, low, tight, rank_bound, max_load)) {
    if (tight)  // only what may fill the tight spot, or go before it
      candidates_.erase(std::remove_if(candidates_.begin() + std::ptrdiff_t(first), candidates_.end(),
                                       [&](const Candidate& c) { return c.offset != low || c.rank > rank_bound; }),
                        candidates_.end());
    std::sort(candidates_.begin() + std::ptrdiff_t(first), candidates_.end());
    const size_t last = candidates_.size();
    outcome = out_of_time(part.end - part.begin) ? Outcome::kStopped
                                                 : try_candidates(part, first, last, max_load);
  }
  candidates_.resize(first);
  if (outcome == Outcome::kFailed && rules_.nogoods) nogoods_.add(key, nodes_ - nodes_before);
  return outcome;
}

// Tries each candidate in turn: places it, splits what is left into independent parts and
// solves them one after the other.
ExactSearch::Outcome ExactSearch::try_candidates(const Part& part, size_t first, size_t last,
                                                 Size max_load) {
  std::vector<Part>& parts = parts_by_depth_[depth_];
  const size_t members_base = members_.size();
  for (size_t k = first; k < last; ++k) {
    const Candidate c = candidates_[k];
    if (observer_) note({EventKind::kConsider, Reason::kLowestFirst, c.buffer});
    const size_t mark = placements_.size();
    const bool hatless = place(c.buffer, c.offset);
    if (overfull(part, c.offset, max_load)) {
      undo_to(mark);
      ++backtracks_;
      // A node with thousands of candidates may fail them all here: the clock is read.
      if (out_of_time(size_t(part.last - part.first))) return Outcome::kStopped;
      if (hatless && rules_.hatless) break;
      continue;
    }
    raise_neighbours(part, c.buffer, c.offset);
    split_after(part, c.buffer, parts);
    Outcome outcome = Outcome::kFound;
    ++depth_;
    const size_t ranks_mark = rank_log_.size();
    if (parts.size() == 1) {
      outcome = search(parts[0], c.offset, c.rank);
    }
    // Independent parts, each ranked afresh; the order of offsets goes on from c.offset (any
    // rank may come next there, the ranks being new).
    for (size_t i = 0; parts.size() > 1 && i < parts.size() && outcome == Outcome::kFound; ++i) {
      rank_members(parts[i]);
      outcome = search(parts[i], c.offset, -1);
    }
    restore_ranks(ranks_mark);
    --depth_;
    members_.resize(members_base);
    if (outcome != Outcome::kFailed) return outcome;
    undo_to(mark);
    ++backtracks_;
    if (hatless && rules_.hatless) break;  // nothing left meets it: it goes there in any allocation from here
  }
  return Outcome::kFailed;
}

// Places b at x (the sections only: see raise_neighbours); true when no buffer left lives
// alongside it.
bool ExactSearch::place(BufferIndex b, Offset x) {
  const Buffer& buffer = problem_.buffers[size_t(b)];
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
    deepest_offsets_ = offset_;
  }
  if (observer_) note({EventKind::kPlace, Reason::kCanonicalFit, b, x});
  return hatless;
}

// Raises the floor of the members of `part` living alongside b, just placed at x (only they
// can: the other parts are apart in time). Apart from place(), as most placements are undone
// at once by overfull(), which needs only the sections.
void ExactSearch::raise_neighbours(const Part& part, BufferIndex b, Offset x) {
  const SectionSpan span = model_.spans[size_t(b)];
  const Offset top = x + problem_.buffers[size_t(b)].size;
  for (size_t i = part.begin; i < part.end; ++i) {
    const BufferIndex o = members_[i];
    const SectionSpan other = model_.spans[size_t(o)];
    if (o == b || other.last <= span.first || span.last <= other.first || floor_of_[size_t(o)] >= top) continue;
    raise_log_.push_back({o, floor_of_[size_t(o)]});
    floor_of_[size_t(o)] = top;
  }
}

void ExactSearch::undo_to(size_t mark) {
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
    for (int32_t s = span.first; s < span.last; ++s) load_[size_t(s)] += buffer.size;
    for (int32_t s = span.first; s + 1 < span.last; ++s) ++cross_[size_t(s)];
    if (observer_) note({EventKind::kMinorBacktrack, Reason::kRetry, p.buffer, offset_[size_t(p.buffer)]});
    offset_[size_t(p.buffer)] = kUnplaced;
    --placed_;
  }
}

// split() after `placed`, a member of `part`, was placed. Usually no time in the part is left
// uncrossed by that placement, and what is left stays one part, over the same sections (some
// may hold nothing now): no need to look at the sections.
void ExactSearch::split_after(const Part& part, BufferIndex placed, std::vector<Part>& parts) {
  const SectionSpan span = model_.spans[size_t(placed)];
  for (int32_t s = span.first; rules_.decomposition && s + 1 < span.last; ++s)
    if (cross_[size_t(s)] == 0) return split(part, parts);
  parts.clear();
  if (part.end - part.begin == 1) return;
  const size_t begin = members_.size();
  for (size_t i = part.begin; i < part.end; ++i)
    if (members_[i] != placed) members_.push_back(members_[i]);
  const SectionSpan span_placed = model_.spans[size_t(placed)];
  parts.push_back({begin, members_.size(), part.first, part.last,
                   part.length - (span_placed.last - span_placed.first)});
}

// The unplaced members of `part`, grouped into parts no buffer left joins in time (appended
// to members_).
void ExactSearch::split(const Part& part, std::vector<Part>& parts) {
  parts.clear();
  int32_t components = 0;
  for (int32_t s = part.first; s < part.last; ++s) {
    component_of_[size_t(s)] = components;
    if (s + 1 < part.last && cross_[size_t(s)] == 0) ++components;
  }
  component_count_.assign(size_t(components) + 1, 0);
  for (size_t i = part.begin; i < part.end; ++i)
    if (const BufferIndex b = members_[i]; !is_placed(b))
      ++component_count_[size_t(component_of_[size_t(model_.spans[size_t(b)].first)])];
  size_t next = members_.size();  // each component's members go to a range of their own
  for (size_t c = 0; c < component_count_.size(); ++c) {
    parts.push_back({next, next, part.last, part.first, 0});
    next += component_count_[c];
  }
  members_.resize(next);
  for (size_t i = part.begin; i < part.end; ++i) {
    const BufferIndex b = members_[i];
    if (is_placed(b)) continue;
    const SectionSpan span = model_.spans[size_t(b)];
    Part& p = parts[size_t(component_of_[size_t(span.first)])];
    members_[p.end++] = b;
    p.length += span.last - span.first;
    p.first = std::min(p.first, span.first);
    p.last = std::max(p.last, span.last);
  }
  parts.erase(std::remove_if(parts.begin(), parts.end(), [](const Part& p) { return p.begin == p.end; }),
              parts.end());
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

// Ranks the members of a part with the current ordering: longest-lived, largest area, most
// crowded (the highest load left in its sections) first, in one of three rotations (after
// MiniMalloc's WAT, TAW, TWA); by start or by end (sweeps); or shuffled, differently every
// round (so that the long rounds of heavy-tailed searches do not all repeat one order).
void ExactSearch::rank_members(const Part& part) {
  rank_keys_.clear();
  for (size_t i = part.begin; i < part.end; ++i) {
    const BufferIndex b = members_[i];
    const Buffer& x = problem_.buffers[size_t(b)];
    Size crowd = 0;
    for (int32_t s = model_.spans[size_t(b)].first; s < model_.spans[size_t(b)].last; ++s)
      crowd = std::max(crowd, load_[size_t(s)]);
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
  for (size_t i = 0; i < rank_keys_.size(); ++i) {
    const BufferIndex b = rank_keys_[i].buffer;
    rank_log_.push_back({b, rank_[size_t(b)]});
    rank_[size_t(b)] = int32_t(i);
  }
}

void ExactSearch::restore_ranks(size_t mark) {
  for (size_t i = rank_log_.size(); i-- > mark;) rank_[size_t(rank_log_[i].buffer)] = rank_log_[i].rank;
  rank_log_.resize(mark);
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

// A part with nothing left to join it: restarts over the orderings, with a node limit that
// doubles every round, until it is solved, proven infeasible or time runs out.
ExactSearch::Outcome ExactSearch::solve_root_part(Part part) {
  const size_t mark = placements_.size();
  if (!rules_.restarts) {  // one ordering, searched to the end
    ordering_ = 0;
    rank_members(part);
    node_limit_ = std::numeric_limits<int64_t>::max();
    const Outcome outcome = search(part, 0, -1);
    if (outcome == Outcome::kFailed) undo_to(mark);
    return outcome;
  }
  // Small limits first: a lucky ordering often finishes at once, and heavy-tailed runs are cut.
  for (int64_t limit = 2 * int64_t(part.end - part.begin);; limit *= 2)
    for (size_t o = 0; o < kOrderings; ++o) {
      ordering_ = o;
      round_seed_ = mix64(uint64_t(limit));
      rank_members(part);
      node_limit_ = nodes_ + limit;
      const Outcome outcome = search(part, 0, -1);
      if (outcome == Outcome::kFound) return outcome;
      // Out of time or cancelled: the state is dropped, so no undo (undoing a deep search costs
      // about what making it did, all of it past the time limit).
      if (stop_status_ != Status::kSolved) return outcome;
      undo_to(mark);
      if (outcome == Outcome::kFailed) return outcome;
      if (observer_) note({EventKind::kPhase, Reason::kRestart, -1, Offset(o + 1) % Offset(kOrderings)});
    }
}

SolveResult ExactSearch::run() {
  if (!model_.complete) {  // the time ran out, or a cancel came, while the model was built
    const Status s = deadline_.check([] { return Progress{}; });
    return finish(s == Status::kSolved ? Status::kTimeout : s, "stopped before the search began");
  }
  if (std::optional<std::string> proof = prove_infeasible(problem_, model_.sections))
    return finish(Status::kInfeasible, *proof);
  parts_by_depth_.resize(model_.searched.size() + 2);
  members_ = model_.searched;
  std::vector<Part> roots;
  split({0, members_.size(), 0, int32_t(model_.sections.size())}, roots);
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
    if (outcome == Outcome::kStopped && stop_status_ == Status::kNotFound)
      return finish(stop_status_, "gave up: more than " + std::to_string(kMaxDepth) +
                                      " buffers to place in one part, too deep for this search;"
                                      " the deepest partial allocation placed " +
                                      std::to_string(deepest_) + " of " +
                                      std::to_string(problem_.buffers.size()) + " buffers");
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
  result.solution.offsets = status == Status::kSolved || deepest_ < 0 ? offset_ : deepest_offsets_;
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
