#include "algorithms/greedy/greedy.h"

#include <algorithm>

#include "algorithms/greedy/placed_blocks.h"
#include "algorithms/greedy/time_local_order.h"
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

// Each buffer's live range as ranks among the problem's distinct times: [lo, hi).
struct RankRange {
  int32_t lo, hi;
};

std::vector<RankRange> rank_ranges(const Problem& problem, size_t& ranks) {
  std::vector<TimeValue> times;
  times.reserve(problem.buffers.size() * 2);
  for (const Buffer& b : problem.buffers) {
    times.push_back(b.lower);
    times.push_back(b.upper);
  }
  std::sort(times.begin(), times.end());
  times.erase(std::unique(times.begin(), times.end()), times.end());
  ranks = times.size();
  const auto rank = [&](TimeValue t) {
    return int32_t(std::lower_bound(times.begin(), times.end(), t) - times.begin());
  };
  std::vector<RankRange> ranges;
  ranges.reserve(problem.buffers.size());
  for (const Buffer& b : problem.buffers) ranges.push_back({rank(b.lower), rank(b.upper)});
  return ranges;
}

// One placement to make, with what it needs from the problem gathered up front: the loop then
// reads its jobs in sequence.
struct Job {
  BufferIndex buffer;
  RankRange live;
  Size size, alignment;
  Offset fixed;  // kUnplaced when free to place
};

std::vector<Job> jobs_of(const Problem& problem, const std::vector<RankRange>& ranges,
                         const std::vector<BufferIndex>& order) {
  std::vector<Job> jobs;
  jobs.reserve(order.size());
  for (BufferIndex i : order) {
    const Buffer& b = problem.buffers[size_t(i)];
    jobs.push_back({i, ranges[size_t(i)], b.size, b.alignment, b.fixed_offset.value_or(kUnplaced)});
  }
  return jobs;
}

}  // namespace

SolveResult greedy_by_size(const Problem& problem, const SolveOptions& options) {
  SolveResult result;
  Solution& solution = result.solution;
  solution.offsets.assign(problem.buffers.size(), kUnplaced);
  Deadline deadline(options);
  size_t ranks = 0;
  const std::vector<RankRange> ranges = rank_ranges(problem, ranks);
  PlacedBlocks placed(ranks);
  // Large problems: size order reordered to walk through time, which gives the same offsets
  // (time_local_order.h) while consecutive placements scan neighbours close in memory. Small
  // ones keep size order, what a student expects in a trace.
  const bool in_time_order = problem.buffers.size() > kReorderAbove;
  std::vector<BufferIndex> order = size_order(problem);
  if (in_time_order) order = time_local_order(problem, order);
  const std::vector<Job> jobs = jobs_of(problem, ranges, order);
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
      offset = placed.lowest_fit(job.live.lo, job.live.hi, job.size, job.alignment);
      if (offset < 0) {
        result.status = Status::kNotFound;
        result.detail = no_room_text(problem.buffers[size_t(job.buffer)]);
        return result;
      }
    }
    solution.offsets[size_t(job.buffer)] = offset;
    if (job.size > 0) placed.add(job.live.lo, job.live.hi, {offset, offset + job.size});
    if (options.observer)
      emit(options.observer, {EventKind::kPlace, free ? Reason::kLowestFit : Reason::kFixed,
                              job.buffer, offset});
  }
  result.status = Status::kSolved;
  return result;
}

}  // namespace tela
