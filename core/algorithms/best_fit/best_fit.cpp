#include "algorithms/best_fit/best_fit.h"

#include <algorithm>

#include "algorithms/best_fit/free_gaps.h"
#include "analysis/lowest_fit.h"
#include "model/deadline.h"

namespace tela {
namespace {

class BestFit {
 public:
  BestFit(const Problem& problem, const SolveOptions& options)
      : problem_(problem), options_(options), deadline_(options) {
    for (const BufferIndex i : fixed_buffers(problem)) {
      const Buffer& f = problem.buffers[size_t(i)];
      fixed_by_start_.push_back({f.lower, {*f.fixed_offset, *f.fixed_offset + f.size}});
    }
    std::sort(fixed_by_start_.begin(), fixed_by_start_.end(),
              [](const FixedBlock& x, const FixedBlock& y) { return x.lower < y.lower; });
  }

  SolveResult run() {
    SolveResult result;
    result.solution.offsets.assign(problem_.buffers.size(), kUnplaced);
    gather_ends();
    const std::vector<Step> order = start_order();
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
        result.detail = no_room_text(problem_.buffers[size_t(order[step].buffer)]);
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

  // What placing a buffer reads, gathered in one pass over the buffers: the buffers visited
  // in start order lie all over a time's rows, so reading each Buffer there was a cache miss.
  struct Step {
    TimeValue lower;
    Size size;
    Size alignment;
    BufferIndex buffer;
    uint32_t end;  // its entry in ends_ (kNoEnd when it has none: zero-sized)
    bool operator<(const Step& o) const {
      if (lower != o.lower) return lower < o.lower;
      if (size != o.size) return size > o.size;
      return buffer < o.buffer;
    }
  };
  static constexpr uint32_t kNoEnd = UINT32_MAX;

  // Blocks are given back in end order from a list sorted once, not through a heap of the
  // live ones: with 50,000 live, each pop was a chain of ~16 cache misses. The order among
  // the blocks released before one placement does not matter: the gaps are the maximal free
  // ranges, the same whatever the order their blocks came back in. A placed block's offset is
  // written into its entry, so that the release reads the list in order and nothing else.
  static constexpr Offset kNotTaken = -1;
  struct End {
    TimeValue upper;
    Offset offset;  // where its block went out of the gaps, or kNotTaken
    Size size;
  };

  // Program order: by start time; among buffers starting together, the largest first. Files
  // usually list buffers by start already: then only each start's own rows are sorted.
  std::vector<Step> start_order() const {
    std::vector<Step> steps;
    steps.reserve(problem_.buffers.size());
    for (size_t i = 0; i < problem_.buffers.size(); ++i) {
      const Buffer& b = problem_.buffers[i];
      steps.push_back({b.lower, b.size, b.alignment, BufferIndex(i), end_of_[i]});
    }
    const auto earlier = [](const Step& x, const Step& y) { return x.lower < y.lower; };
    if (!std::is_sorted(steps.begin(), steps.end(), earlier)) {
      std::sort(steps.begin(), steps.end());
      return steps;
    }
    // A start's rows are in buffer order already, so a stable sort by size alone gives the
    // order above, comparing one field.
    for (auto first = steps.begin(); first != steps.end();) {
      auto last = std::find_if(first, steps.end(), [&](const Step& s) { return s.lower != first->lower; });
      std::stable_sort(first, last, [](const Step& x, const Step& y) { return x.size > y.size; });
      first = last;
    }
    return steps;
  }

  // Every buffer of positive size by end time (ends_), and each one's entry (end_of_). Buffers
  // are placed in start order, so one that ends by the current start has been placed (it
  // started earlier). The order among equal ends does not matter (see ends_).
  void gather_ends() {
    const std::vector<Buffer>& buffers = problem_.buffers;
    end_of_.assign(buffers.size(), kNoEnd);
    TimeValue first = 0, last = 0;
    size_t count = 0;
    for (const Buffer& b : buffers) {
      if (b.size <= 0) continue;
      first = count ? std::min(first, b.upper) : b.upper;
      last = count ? std::max(last, b.upper) : b.upper;
      ++count;
    }
    ends_.resize(count);
    const uint64_t span = uint64_t(last) - uint64_t(first) + 1;  // unsigned: no overflow
    if (count > 0 && span <= 2 * uint64_t(count) + 1024) ends_by_time(first, span);
    else if (count > 0) ends_by_sort();
  }

  // When the times span little more than there are buffers (compiler traces: one step per op),
  // the ends counted per time, and each entry written straight to its place: two passes and
  // no second copy, where a sort took twenty passes.
  void ends_by_time(TimeValue first, uint64_t span) {
    const std::vector<Buffer>& buffers = problem_.buffers;
    std::vector<size_t> next(size_t(span) + 1, 0);  // then: where each time's next end goes
    for (const Buffer& b : buffers)
      if (b.size > 0) ++next[size_t(b.upper - first) + 1];
    for (size_t t = 1; t < next.size(); ++t) next[t] += next[t - 1];
    for (size_t i = 0; i < buffers.size(); ++i) {
      const Buffer& b = buffers[i];
      if (b.size <= 0) continue;
      const size_t k = next[size_t(b.upper - first)]++;
      ends_[k] = {b.upper, kNotTaken, b.size};
      end_of_[i] = uint32_t(k);
    }
  }

  void ends_by_sort() {
    const std::vector<Buffer>& buffers = problem_.buffers;
    struct Key {
      TimeValue upper;
      BufferIndex buffer;
    };
    std::vector<Key> keys;
    keys.reserve(ends_.size());
    for (size_t i = 0; i < buffers.size(); ++i)
      if (buffers[i].size > 0) keys.push_back({buffers[i].upper, BufferIndex(i)});
    const auto earlier = [](const Key& x, const Key& y) { return x.upper < y.upper; };
    if (!std::is_sorted(keys.begin(), keys.end(), earlier)) std::sort(keys.begin(), keys.end(), earlier);
    for (size_t k = 0; k < keys.size(); ++k) {
      const Buffer& b = buffers[size_t(keys[k].buffer)];
      ends_[k] = {b.upper, kNotTaken, b.size};
      end_of_[size_t(keys[k].buffer)] = uint32_t(k);
    }
  }

  void release_ended(TimeValue now) {
    for (; released_ < ends_.size() && ends_[released_].upper <= now; ++released_) {
      const End& e = ends_[released_];
      if (e.offset != kNotTaken) gaps_.give_back(e.offset, e.size);
    }
  }

  // The pre-placed blocks a buffer alive over [lower, upper) must avoid, sorted by address:
  // those that start during its life. The ones that started before it are in the gaps already
  // (taken in start order), so the free gaps exclude them; leaving them out of this list keeps
  // it short where many pre-placed buffers are live at once (the stacks of anchored greedy's
  // sweeps: ~50,000 on a dense 10^6 trace, each sorted again for every buffer).
  std::vector<Occupied> fixed_blocks_during(TimeValue lower, TimeValue upper) const {
    std::vector<Occupied> blocks;
    const auto by_start = [](const FixedBlock& f, TimeValue t) { return f.lower < t; };
    auto it = std::lower_bound(fixed_by_start_.begin(), fixed_by_start_.end(), lower, by_start);
    for (; it != fixed_by_start_.end() && it->lower < upper; ++it) blocks.push_back(it->block);
    std::sort(blocks.begin(), blocks.end(),
              [](const Occupied& x, const Occupied& y) { return x.lower < y.lower; });
    return blocks;
  }

  Offset choose_offset(const Step& s, Reason& reason) const {
    const Buffer* pre_placed = fixed_by_start_.empty() ? nullptr : &problem_.buffers[size_t(s.buffer)];
    if (pre_placed && pre_placed->fixed_offset) {
      reason = Reason::kFixed;
      return *pre_placed->fixed_offset;
    }
    if (s.size == 0) {
      reason = Reason::kBestFitGap;
      return 0;
    }
    // Gaps free now are free for the buffer's whole life (later buffers will avoid it), except
    // where a pre-placed buffer that starts later will sit.
    const std::vector<Occupied> fixed =
        pre_placed ? fixed_blocks_during(s.lower, pre_placed->upper) : std::vector<Occupied>{};
    Offset gap_end = 0;
    const Offset offset = gaps_.first_fit_by_size(s.size, [&](Offset start, Offset end) {
      gap_end = end;
      return lowest_fit(fixed, start, end, s.size, s.alignment);
    });
    reason = gap_end == FreeGaps::kTop ? Reason::kAboveAll : Reason::kBestFitGap;
    return offset;
  }

  // False when no offset below 2^62 holds the buffer (see no_room_text).
  bool place(const Step& s, Solution& solution) {
    const BufferIndex i = s.buffer;
    release_ended(s.lower);
    if (options_.observer)
      emit(options_.observer, {EventKind::kConsider, Reason::kStartOrder, i});
    Reason reason = Reason::kNone;
    const Offset offset = choose_offset(s, reason);
    if (offset < 0) return false;
    solution.offsets[size_t(i)] = offset;
    // A pre-placed buffer whose place is taken collides with another pre-placed one; the run
    // is then infeasible anyway (see prove_infeasible), so it is left out of the gaps. A free
    // buffer's offset lies inside the gap it was chosen from: no need to ask.
    const bool pre_placed = reason == Reason::kFixed;
    if (s.size > 0 && (!pre_placed || gaps_.is_free(offset, s.size))) {
      gaps_.take(offset, s.size);
      ends_[s.end].offset = offset;
    }
    if (options_.observer)
      emit(options_.observer, {EventKind::kPlace, reason, i, offset});
    return true;
  }

  const Problem& problem_;
  const SolveOptions& options_;
  Deadline deadline_;
  struct FixedBlock {
    TimeValue lower;  // when the pre-placed buffer starts
    Occupied block;
  };
  std::vector<FixedBlock> fixed_by_start_;  // the pre-placed buffers, by start time
  FreeGaps gaps_;
  std::vector<End> ends_;
  std::vector<uint32_t> end_of_;  // per buffer, its entry in ends_ (kNoEnd: none)
  size_t released_ = 0;           // ends_[0, released_) are given back
};

}  // namespace

SolveResult best_fit(const Problem& problem, const SolveOptions& options) {
  return BestFit(problem, options).run();
}

}  // namespace tela
