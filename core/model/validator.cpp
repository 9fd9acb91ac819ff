#include "model/validator.h"

#include <algorithm>
#include <functional>
#include <iterator>
#include <queue>
#include <set>
#include <utility>

#include "io/input_error.h"  // printable
#include "model/disjoint_batches.h"

namespace tela {
namespace {

Validation fault(Verdict verdict, BufferIndex buffer, Offset offset = 0) {
  Validation v;
  v.verdict = verdict;
  v.buffer = buffer;
  v.offset = offset;
  return v;
}

Validation check_buffer(const Problem& problem, const Solution& solution, BufferIndex i) {
  const Buffer& b = problem.buffers[size_t(i)];
  const Offset offset = solution.offsets[size_t(i)];
  if (offset == kUnplaced) return fault(Verdict::kUnplaced, i, offset);
  if (offset < 0) return fault(Verdict::kNegativeOffset, i, offset);
  if (offset > problem.capacity - b.size) return fault(Verdict::kOverCapacity, i, offset);
  if (offset % b.alignment != 0) return fault(Verdict::kMisaligned, i, offset);
  if (b.fixed_offset && *b.fixed_offset != offset) return fault(Verdict::kFixedOffsetMoved, i, offset);
  return {};
}

Validation collision(const Problem& problem, const Solution& solution, BufferIndex a,
                     BufferIndex b) {
  const Buffer& x = problem.buffers[size_t(a)];
  const Buffer& y = problem.buffers[size_t(b)];
  const Offset xo = solution.offsets[size_t(a)], yo = solution.offsets[size_t(b)];
  Validation v = fault(Verdict::kOverlap, a, xo);
  v.other = b;
  v.time_lower = std::max(x.lower, y.lower);
  v.time_upper = std::min(x.upper, y.upper);
  v.address_lower = std::max(xo, yo);
  v.address_upper = std::min(xo + x.size, yo + y.size);
  return v;
}

// Buffer indices in sweep order: by start time, then index. Zero-sized buffers never collide.
std::vector<BufferIndex> by_start(const Problem& problem) {
  std::vector<BufferIndex> order;
  order.reserve(problem.buffers.size());
  for (size_t i = 0; i < problem.buffers.size(); ++i)
    if (problem.buffers[i].size > 0) order.push_back(BufferIndex(i));
  const auto earlier = [&](BufferIndex a, BufferIndex b) {
    const TimeValue x = problem.buffers[size_t(a)].lower, y = problem.buffers[size_t(b)].lower;
    return x != y ? x < y : a < b;
  };
  // Files usually list buffers by start already.
  if (!std::is_sorted(order.begin(), order.end(), earlier)) std::sort(order.begin(), order.end(), earlier);
  return order;
}

}  // namespace

Validation validate(const Problem& problem, const Solution& solution) {
  if (solution.offsets.size() != problem.buffers.size()) return fault(Verdict::kWrongCount, -1);
  for (size_t i = 0; i < problem.buffers.size(); ++i)
    if (Validation v = check_buffer(problem, solution, BufferIndex(i)); !v.ok()) return v;

  // Dense traces: merged a start time at a time, a few times faster; this proves validity
  // only, so anything else is judged (and the collision named) by the sweep below.
  const std::vector<BufferIndex> order = by_start(problem);
  if (disjoint_by_start_batches(problem, solution.offsets, order)) return {};

  // Sweep over time keeping the live buffers ordered by offset. While the live set is free of
  // collisions, a new buffer that collides with any live one collides with its neighbour in
  // offset order, so checking the two neighbours is enough.
  using Live = std::pair<TimeValue, BufferIndex>;  // (upper, index), soonest to end first
  // A heap, not a set: only the soonest end is ever asked for, and a heap is one flat array.
  std::priority_queue<Live, std::vector<Live>, std::greater<Live>> ending;
  using LiveSet = std::set<std::pair<Offset, BufferIndex>>;
  LiveSet live;
  // Each live buffer's node, so that it leaves without a search, and a buffer goes in at the
  // spot its neighbour check found: one tree search per buffer, not three (with ~50,000 live,
  // each search is a chain of cache misses).
  std::vector<LiveSet::iterator> where(problem.buffers.size());
  for (BufferIndex i : order) {
    const Buffer& b = problem.buffers[size_t(i)];
    while (!ending.empty() && ending.top().first <= b.lower) {
      live.erase(where[size_t(ending.top().second)]);
      ending.pop();
    }
    const Offset offset = solution.offsets[size_t(i)];
    auto next = live.lower_bound({offset, -1});
    if (next != live.end() && next->first < offset + b.size)
      return collision(problem, solution, i, next->second);
    if (next != live.begin()) {
      auto prev = std::prev(next);
      if (prev->first + problem.buffers[size_t(prev->second)].size > offset)
        return collision(problem, solution, i, prev->second);
    }
    where[size_t(i)] = live.emplace_hint(next, offset, i);
    ending.push({b.upper, i});
  }
  return {};
}

std::vector<Validation> find_overlaps(const Problem& problem, const Solution& solution,
                                      size_t limit) {
  std::vector<Validation> found;
  if (solution.offsets.size() != problem.buffers.size()) return found;
  std::vector<BufferIndex> live;
  for (BufferIndex i : by_start(problem)) {
    const Buffer& b = problem.buffers[size_t(i)];
    const Offset offset = solution.offsets[size_t(i)];
    live.erase(std::remove_if(live.begin(), live.end(),
                              [&](BufferIndex j) { return problem.buffers[size_t(j)].upper <= b.lower; }),
               live.end());
    for (BufferIndex j : live) {
      const Offset other = solution.offsets[size_t(j)];
      if (offset == kUnplaced || other == kUnplaced) continue;
      if (!overlap_in_space(offset, b.size, other, problem.buffers[size_t(j)].size)) continue;
      found.push_back(collision(problem, solution, i, j));
      if (found.size() >= limit) return found;
    }
    live.push_back(i);
  }
  return found;
}

const char* name_of(Verdict verdict) {
  static const char* const kNames[] = {"valid", "wrong-count", "unplaced", "negative-offset",
                                       "over-capacity", "misaligned", "fixed-offset-moved",
                                       "overlap"};
  return kNames[int(verdict)];
}

std::string describe(const Problem& problem, const Validation& v) {
  auto name = [&](BufferIndex i) { return "'" + printable(problem.buffers[size_t(i)].id) + "'"; };
  auto range = [](int64_t lo, int64_t hi) {
    return "[" + std::to_string(lo) + ", " + std::to_string(hi) + ")";
  };
  const Buffer* b = v.buffer >= 0 ? &problem.buffers[size_t(v.buffer)] : nullptr;
  switch (v.verdict) {
    case Verdict::kValid:
      return "valid";
    case Verdict::kWrongCount:
      return "the solution does not give one offset per buffer";
    case Verdict::kUnplaced:
      return name(v.buffer) + " has no offset";
    case Verdict::kNegativeOffset:
      return name(v.buffer) + " is at the negative offset " + std::to_string(v.offset);
    case Verdict::kOverCapacity:
      return name(v.buffer) + " at offset " + std::to_string(v.offset) + " uses addresses " +
             range(v.offset, v.offset + b->size) + ", past the capacity " +
             std::to_string(problem.capacity);
    case Verdict::kMisaligned:
      return name(v.buffer) + " at offset " + std::to_string(v.offset) +
             " is not aligned to " + std::to_string(b->alignment) + " bytes";
    case Verdict::kFixedOffsetMoved:
      return name(v.buffer) + " is pre-placed at " + std::to_string(*b->fixed_offset) +
             " but the solution moves it to " + std::to_string(v.offset);
    case Verdict::kOverlap:
      return name(v.buffer) + " and " + name(v.other) + " are both live during " +
             range(v.time_lower, v.time_upper) + " and both use addresses " +
             range(v.address_lower, v.address_upper);
  }
  return "unknown verdict";
}

}  // namespace tela
