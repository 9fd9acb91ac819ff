#include "algorithms/best_fit/best_fit.h"

#include <algorithm>

#include "algorithms/best_fit/free_gaps.h"
#include "analysis/interval_index.h"
#include "analysis/lowest_fit.h"
#include "model/deadline.h"

namespace tela {
namespace {

class BestFit {
 public:
  BestFit(const Problem& problem, const SolveOptions& options)
      : problem_(problem), options_(options), deadline_(options),
        fixed_(problem, fixed_buffers(problem)) {
    for (const BufferIndex i : fixed_buffers(problem)) {
      const Buffer& f = problem.buffers[size_t(i)];
      fixed_.set_block(i, {*f.fixed_offset, *f.fixed_offset + f.size});
    }
  }

  SolveResult run() {
    SolveResult result;
    result.solution.offsets.assign(problem_.buffers.size(), kUnplaced);
    std::vector<BufferIndex> order = start_order();
    gather_ends();
    for (size_t step = 0; step < order.size(); ++step) {
      const auto progress = [&] {
        return Progress{.placed = int64_t(step), .buffers = int64_t(order.size()), .deepest = int64_t(step)};
      };
      if (step % 1024 == 0 && (result.status = deadline_.check(progress)) != Status::kSolved) {
        result.detail = "stopped after placing " + std::to_string(step) + " of " +
                        std::to_string(order.size()) + " buffers";
        return result;
      }
      if (!place(order[step], result.solution)) {
        result.status = Status::kNotFound;
        result.detail = no_room_text(problem_.buffers[size_t(order[step])]);
        return result;
      }
    }
    result.status = Status::kSolved;
    return result;
  }

 private:
  static std::vector<BufferIndex> fixed_buffers(const Problem& problem) {
    std::vector<BufferIndex> fixed;
    for (size_t i = 0; i < problem.buffers.size(); ++i)
      if (problem.buffers[i].fixed_offset) fixed.push_back(BufferIndex(i));
    return fixed;
  }

  // Program order: by start time; among buffers starting together, the largest first. The
  // keys are gathered first so the sort compares small records, not Buffers far apart.
  std::vector<BufferIndex> start_order() const {
    struct Key {
      TimeValue lower;
      Size size;
      BufferIndex buffer;
      bool operator<(const Key& o) const {
        if (lower != o.lower) return lower < o.lower;
        if (size != o.size) return size > o.size;
        return buffer < o.buffer;
      }
    };
    std::vector<Key> keys;
    keys.reserve(problem_.buffers.size());
    for (size_t i = 0; i < problem_.buffers.size(); ++i)
      keys.push_back({problem_.buffers[i].lower, problem_.buffers[i].size, BufferIndex(i)});
    std::sort(keys.begin(), keys.end());
    std::vector<BufferIndex> order;
    order.reserve(keys.size());
    for (const Key& k : keys) order.push_back(k.buffer);
    return order;
  }

  // Every buffer of positive size by end time. Buffers are placed in start order, so one that
  // ends by the current start has been placed (it started earlier).
  void gather_ends() {
    ends_.reserve(problem_.buffers.size());
    for (size_t i = 0; i < problem_.buffers.size(); ++i)
      if (problem_.buffers[i].size > 0)
        ends_.push_back({problem_.buffers[i].upper, problem_.buffers[i].size, BufferIndex(i)});
    const auto earlier = [](const End& x, const End& y) { return x.upper < y.upper; };
    if (!std::is_sorted(ends_.begin(), ends_.end(), earlier)) std::sort(ends_.begin(), ends_.end(), earlier);
    taken_.assign(problem_.buffers.size(), false);
  }

  void release_ended(TimeValue now, const Solution& solution) {
    for (; released_ < ends_.size() && ends_[released_].upper <= now; ++released_) {
      const End& e = ends_[released_];
      if (taken_[size_t(e.buffer)]) gaps_.give_back(solution.offsets[size_t(e.buffer)], e.size);
    }
  }

  // The pre-placed blocks a buffer alive over [lower, upper) must avoid, sorted by address.
  std::vector<Occupied> fixed_blocks_during(BufferIndex b) const {
    std::vector<Occupied> blocks;
    fixed_.overlapping(b,
                       [&](BufferIndex, const Occupied& block) { blocks.push_back(block); });
    std::sort(blocks.begin(), blocks.end(),
              [](const Occupied& x, const Occupied& y) { return x.lower < y.lower; });
    return blocks;
  }

  Offset choose_offset(BufferIndex i, Reason& reason) const {
    const Buffer& b = problem_.buffers[size_t(i)];
    if (b.fixed_offset) {
      reason = Reason::kFixed;
      return *b.fixed_offset;
    }
    if (b.size == 0) {
      reason = Reason::kBestFitGap;
      return 0;
    }
    // Gaps free now are free for the buffer's whole life (later buffers will avoid it), except
    // where a pre-placed buffer that starts later will sit.
    const std::vector<Occupied> fixed = fixed_.size() ? fixed_blocks_during(i) : std::vector<Occupied>{};
    Offset gap_end = 0;
    const Offset offset = gaps_.first_fit_by_size(b.size, [&](Offset start, Offset end) {
      gap_end = end;
      return lowest_fit(fixed, start, end, b.size, b.alignment);
    });
    reason = gap_end == FreeGaps::kTop ? Reason::kAboveAll : Reason::kBestFitGap;
    return offset;
  }

  // False when no offset below 2^62 holds the buffer (see no_room_text).
  bool place(BufferIndex i, Solution& solution) {
    const Buffer& b = problem_.buffers[size_t(i)];
    release_ended(b.lower, solution);
    if (options_.observer)
      emit(options_.observer, {EventKind::kConsider, Reason::kStartOrder, i});
    Reason reason = Reason::kNone;
    const Offset offset = choose_offset(i, reason);
    if (offset < 0) return false;
    solution.offsets[size_t(i)] = offset;
    // A pre-placed buffer whose place is taken collides with another pre-placed one; the run
    // is then infeasible anyway (see prove_infeasible), so it is left out of the gaps. A free
    // buffer's offset lies inside the gap it was chosen from: no need to ask.
    if (b.size > 0 && (!b.fixed_offset || gaps_.is_free(offset, b.size))) {
      gaps_.take(offset, b.size);
      taken_[size_t(i)] = true;
    }
    if (options_.observer)
      emit(options_.observer, {EventKind::kPlace, reason, i, offset});
    return true;
  }

  const Problem& problem_;
  const SolveOptions& options_;
  Deadline deadline_;
  IntervalIndex fixed_;  // the pre-placed buffers, by live range
  FreeGaps gaps_;
  // Blocks are given back in end order from a list sorted once, not through a heap of the
  // live ones: with 50,000 live, each pop was a chain of ~16 cache misses. The order among
  // the blocks released before one placement does not matter: the gaps are the maximal free
  // ranges, the same whatever the order their blocks came back in.
  struct End {
    TimeValue upper;
    Size size;
    BufferIndex buffer;
  };
  std::vector<End> ends_;
  size_t released_ = 0;       // ends_[0, released_) are given back
  std::vector<bool> taken_;   // per buffer: its block went out of the gaps
};

}  // namespace

SolveResult best_fit(const Problem& problem, const SolveOptions& options) {
  return BestFit(problem, options).run();
}

}  // namespace tela
