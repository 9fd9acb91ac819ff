#include "algorithms/greedy/greedy.h"

#include <algorithm>
#include <optional>

#include "algorithms/greedy/placed_blocks.h"
#include "algorithms/greedy/time_local_order.h"
#include "analysis/interval_index.h"
#include "analysis/lowest_fit.h"
#include "model/deadline.h"

namespace tela {
namespace {

// Pre-placed first (they have no choice); then by size, largest first; then longest-lived;
// then by index. The keys are gathered first so the sort compares small records, not Buffers.
std::vector<BufferIndex> size_order(const Problem& problem) {
  struct Key {
    bool free;  // not pre-placed
    Size size;
    uint64_t life;  // lifetime(): a long life may not fit a TimeValue
    BufferIndex buffer;
    bool operator<(const Key& o) const {
      if (free != o.free) return o.free;
      if (size != o.size) return size > o.size;
      if (life != o.life) return life > o.life;
      return buffer < o.buffer;
    }
  };
  std::vector<Key> keys;
  keys.reserve(problem.buffers.size());
  for (size_t i = 0; i < problem.buffers.size(); ++i) {
    const Buffer& b = problem.buffers[i];
    keys.push_back({!b.fixed_offset.has_value(), b.size, lifetime(b), BufferIndex(i)});
  }
  std::sort(keys.begin(), keys.end());
  std::vector<BufferIndex> order;
  order.reserve(keys.size());
  for (const Key& k : keys) order.push_back(k.buffer);
  return order;
}

// Below this many buffers the neighbourhoods stay in cache whatever the order.
constexpr size_t kReorderAbove = size_t{1} << 14;

// Where the placed buffers are, asked for the lowest offset clear of a buffer's neighbours:
// by scanning them (IntervalIndex: cheap while few buffers are live at once) or through
// PlacedBlocks (per time, merged; pays off when each buffer has thousands of neighbours).
class Neighbours {
 public:
  // One placement's lookups, made up front (see IntervalIndex::Handle).
  struct Slot {
    IntervalIndex::Handle scan;
    RankRange live;
  };

  explicit Neighbours(const Problem& problem) {
    StartRanks starts = start_ranks(problem);
    if (placed_blocks_pay_off(starts)) {
      ranges_ = std::move(starts.of);
      blocks_.emplace(starts.count);
    } else {
      index_.emplace(problem, all_buffers(problem));
    }
  }

  Slot slot(BufferIndex i) const {
    return blocks_ ? Slot{{}, ranges_[size_t(i)]} : Slot{index_->handle(i), {}};
  }

  Offset lowest_fit(const Slot& s, Size size, Size alignment) {
    if (blocks_) return blocks_->lowest_fit(s.live.lo, s.live.hi, size, alignment);
    used_.clear();
    index_->collect_blocks(s.scan, used_);
    sort_by_lower(used_, scratch_);
    return tela::lowest_fit(used_, 0, int64_t{1} << 62, size, alignment);
  }

  void place(const Slot& s, Occupied block) {
    if (blocks_) {
      if (block.upper > block.lower) blocks_->add(s.live.lo, s.live.hi, block);
    } else {
      index_->set_block(s.scan, block);
    }
  }

 private:
  std::optional<IntervalIndex> index_;  // with each placed buffer's block
  std::vector<RankRange> ranges_;       // with blocks_: per buffer
  std::optional<PlacedBlocks> blocks_;
  std::vector<Occupied> used_, scratch_;  // reused: no allocation per buffer once grown
};

// One placement to make, with what it needs from the problem and the index gathered up front:
// the loop then reads its jobs in sequence.
struct Job {
  BufferIndex buffer;
  Neighbours::Slot slot;
  Size size, alignment;
  Offset fixed;  // kUnplaced when free to place
};

std::vector<Job> jobs_of(const Problem& problem, const Neighbours& neighbours,
                         const std::vector<BufferIndex>& order) {
  std::vector<Job> jobs;
  jobs.reserve(order.size());
  for (BufferIndex i : order) {
    const Buffer& b = problem.buffers[size_t(i)];
    jobs.push_back({i, neighbours.slot(i), b.size, b.alignment, b.fixed_offset.value_or(kUnplaced)});
  }
  return jobs;
}

}  // namespace

SolveResult greedy_by_size(const Problem& problem, const SolveOptions& options) {
  SolveResult result;
  Solution& solution = result.solution;
  solution.offsets.assign(problem.buffers.size(), kUnplaced);
  Deadline deadline(options);
  Neighbours neighbours(problem);
  // Large problems: size order reordered to walk through time, which gives the same offsets
  // (time_local_order.h) while consecutive placements read neighbours close in memory. Small
  // ones keep size order, what a student expects in a trace.
  const bool in_time_order = problem.buffers.size() > kReorderAbove;
  std::vector<BufferIndex> order = size_order(problem);
  if (in_time_order) order = time_local_order(problem, order);
  const std::vector<Job> jobs = jobs_of(problem, neighbours, order);
  const Reason consider_reason = in_time_order ? Reason::kLargestAlongside : Reason::kSizeOrder;
  for (size_t step = 0; step < jobs.size(); ++step) {
    const auto progress = [&] {
      return Progress{.placed = int64_t(step), .buffers = int64_t(jobs.size()), .deepest = int64_t(step)};
    };
    if (step % 256 == 0 && (result.status = deadline.check(progress)) != Status::kSolved) {
      result.detail = "stopped after placing " + std::to_string(step) + " of " +
                      std::to_string(jobs.size()) + " buffers";
      return result;
    }
    const Job& job = jobs[step];
    if (options.observer) emit(options.observer, {EventKind::kConsider, consider_reason, job.buffer});
    const bool free = job.fixed == kUnplaced;
    Offset offset = free ? 0 : job.fixed;  // a free empty buffer goes at 0
    if (free && job.size > 0) {
      offset = neighbours.lowest_fit(job.slot, job.size, job.alignment);
      if (offset < 0) {
        result.status = Status::kNotFound;
        result.detail = no_room_text(problem.buffers[size_t(job.buffer)]);
        return result;
      }
    }
    solution.offsets[size_t(job.buffer)] = offset;
    neighbours.place(job.slot, {offset, offset + job.size});
    if (options.observer)
      emit(options.observer, {EventKind::kPlace, free ? Reason::kLowestFit : Reason::kFixed,
                              job.buffer, offset});
  }
  result.status = Status::kSolved;
  return result;
}

}  // namespace tela
