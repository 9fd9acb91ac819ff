#include "greedy.h"

#include <algorithm>

#include "deadline.h"
#include "interval_index.h"
#include "lowest_fit.h"

namespace tela {
namespace {

// Pre-placed first (they have no choice); then by size, largest first; then longest-lived.
std::vector<BufferIndex> size_order(const Problem& problem) {
  std::vector<BufferIndex> order = all_buffers(problem);
  std::sort(order.begin(), order.end(), [&](BufferIndex a, BufferIndex b) {
    const Buffer& x = problem.buffers[size_t(a)];
    const Buffer& y = problem.buffers[size_t(b)];
    if (x.fixed_offset.has_value() != y.fixed_offset.has_value()) return x.fixed_offset.has_value();
    if (x.size != y.size) return x.size > y.size;
    if (x.upper - x.lower != y.upper - y.lower) return x.upper - x.lower > y.upper - y.lower;
    return a < b;
  });
  return order;
}

}  // namespace

SolveResult greedy_by_size(const Problem& problem, const SolveOptions& options) {
  SolveResult result;
  Solution& solution = result.solution;
  solution.offsets.assign(problem.buffers.size(), kUnplaced);
  const Deadline deadline(options);
  const IntervalIndex index(problem, all_buffers(problem));
  const std::vector<BufferIndex> order = size_order(problem);
  std::vector<Occupied> used;  // reused: no allocation per buffer once it has grown
  for (size_t step = 0; step < order.size(); ++step) {
    if (step % 256 == 0 && (result.status = deadline.check()) != Status::kSolved) {
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
      index.overlapping(b.lower, b.upper, [&](BufferIndex j) {
        const Offset at = solution.offsets[size_t(j)];
        if (at != kUnplaced) used.push_back({at, at + problem.buffers[size_t(j)].size});
      });
      std::sort(used.begin(), used.end(),
                [](const Occupied& x, const Occupied& y) { return x.lower < y.lower; });
      offset = lowest_fit(used, 0, int64_t{1} << 62, b.size, b.alignment);
      reason = Reason::kLowestFit;
    } else {
      reason = Reason::kLowestFit;
    }
    solution.offsets[size_t(i)] = offset;
    if (options.observer)
      emit(options.observer, {EventKind::kPlace, reason, i, offset});
  }
  result.status = Status::kSolved;
  return result;
}

}  // namespace tela
