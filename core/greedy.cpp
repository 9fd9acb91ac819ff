#include "greedy.h"

#include <algorithm>

#include "deadline.h"
#include "interval_index.h"
#include "lowest_fit.h"

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

}  // namespace

SolveResult greedy_by_size(const Problem& problem, const SolveOptions& options) {
  SolveResult result;
  Solution& solution = result.solution;
  solution.offsets.assign(problem.buffers.size(), kUnplaced);
  Deadline deadline(options);
  const std::vector<BufferIndex> order = size_order(problem);
  // The index also holds each placed buffer's block, so the neighbour scan reads one array.
  IntervalIndex index(problem, all_buffers(problem));
  std::vector<Occupied> used, scratch;  // reused: no allocation per buffer once grown
  for (size_t step = 0; step < order.size(); ++step) {
    const auto progress = [&] {
      return Progress{.placed = int64_t(step), .buffers = int64_t(order.size()), .deepest = int64_t(step)};
    };
    if (step % 256 == 0 && (result.status = deadline.check(progress)) != Status::kSolved) {
      result.detail = "stopped after placing " + std::to_string(step) + " of " +
                      std::to_string(order.size()) + " buffers";
      return result;
    }
    const BufferIndex i = order[step];
    const Buffer& b = problem.buffers[size_t(i)];
    if (options.observer) emit(options.observer, {EventKind::kConsider, Reason::kSizeOrder, i});
    Offset offset = 0;
    Reason reason = Reason::kFixed;
    if (b.fixed_offset) {
      offset = *b.fixed_offset;
    } else if (b.size > 0) {
      used.clear();
      index.collect_blocks(i, used);
      sort_by_lower(used, scratch);
      offset = lowest_fit(used, 0, int64_t{1} << 62, b.size, b.alignment);
      reason = Reason::kLowestFit;
      if (offset < 0) {
        result.status = Status::kNotFound;
        result.detail = no_room_text(b);
        return result;
      }
    } else {
      reason = Reason::kLowestFit;
    }
    solution.offsets[size_t(i)] = offset;
    index.set_block(i, {offset, offset + b.size});
    if (options.observer)
      emit(options.observer, {EventKind::kPlace, reason, i, offset});
  }
  result.status = Status::kSolved;
  return result;
}

}  // namespace tela
