#include "services/generate.h"
#include "analysis/interval_index.h"
#include "analysis/lowest_fit.h"
#include "support.h"
#include "algorithms/greedy/time_local_order.h"

namespace tela::test {
namespace {

// The order's promise: a permutation that keeps every time-overlapping pair as it was.
void check_keeps_overlapping_pairs(const Problem& p, const std::vector<BufferIndex>& order,
                                   const std::vector<BufferIndex>& reordered) {
  REQUIRE(reordered.size() == order.size());
  std::vector<size_t> at(p.buffers.size(), SIZE_MAX);
  for (size_t k = 0; k < reordered.size(); ++k) at[size_t(reordered[k])] = k;
  for (BufferIndex i : order) REQUIRE(at[size_t(i)] != SIZE_MAX);  // each one exactly once
  size_t swapped = 0;
  for (size_t x = 0; x < order.size(); ++x)
    for (size_t y = x + 1; y < order.size(); ++y) {
      const BufferIndex a = order[x], b = order[y];
      if (overlap_in_time(p.buffers[size_t(a)], p.buffers[size_t(b)]) && at[size_t(a)] > at[size_t(b)])
        ++swapped;
    }
  CHECK(swapped == 0);
}

TEST_CASE("time_local_order keeps every overlapping pair in order, in any window size") {
  for (GeneratorKind kind : {GeneratorKind::kRandom, GeneratorKind::kMlTrace, GeneratorKind::kOverlap})
    for (uint64_t seed : {1, 2, 3}) {
      const Problem p = generate({.kind = kind, .count = 300, .seed = seed});
      std::vector<BufferIndex> order = all_buffers(p);
      std::reverse(order.begin(), order.end());  // any priority, here the reverse of the file's
      for (size_t window : {1, 7, 64, 1000})
        for (size_t edges : {0, 2, 32}) {
          const std::vector<BufferIndex> reordered =
              time_local_order(p, order, {.window = window, .edges_per_buffer = edges});
          check_keeps_overlapping_pairs(p, order, reordered);
        }
    }
}

TEST_CASE("time_local_order walks forward through time where priorities allow") {
  // Four buffers that do not overlap, listed latest first: the new order is by start.
  const Problem p = problem_from("id,lower,upper,size\na,0,1,1\nb,1,2,1\nc,2,3,1\nd,3,4,1\n", 1);
  CHECK(time_local_order(p, {3, 2, 1, 0}) == std::vector<BufferIndex>{0, 1, 2, 3});
  // Overlapping ones keep their priority: c (0) before b (1) though b starts first.
  const Problem q = problem_from("id,lower,upper,size\na,0,1,1\nb,1,4,1\nc,2,3,1\n", 1);
  CHECK(time_local_order(q, {2, 1, 0}) == std::vector<BufferIndex>{0, 2, 1});
}

// Greedy by size as its definition reads, in plain size order: pre-placed first, then largest,
// then longest-lived, then by index; each at the lowest offset clear of the placed neighbours.
std::vector<Offset> greedy_in_size_order(const Problem& p) {
  std::vector<BufferIndex> order = all_buffers(p);
  std::sort(order.begin(), order.end(), [&](BufferIndex x, BufferIndex y) {
    const Buffer& a = p.buffers[size_t(x)];
    const Buffer& b = p.buffers[size_t(y)];
    if (a.fixed_offset.has_value() != b.fixed_offset.has_value()) return a.fixed_offset.has_value();
    if (a.size != b.size) return a.size > b.size;
    if (lifetime(a) != lifetime(b)) return lifetime(a) > lifetime(b);
    return x < y;
  });
  IntervalIndex index(p, all_buffers(p));
  std::vector<Offset> offsets(p.buffers.size(), kUnplaced);
  std::vector<Occupied> used, scratch;
  for (BufferIndex i : order) {
    const Buffer& b = p.buffers[size_t(i)];
    used.clear();
    index.collect_blocks(i, used);
    sort_by_lower(used, scratch);
    offsets[size_t(i)] = b.fixed_offset.value_or(lowest_fit(used, 0, Offset{1} << 62, b.size, b.alignment));
    index.set_block(i, {offsets[size_t(i)], offsets[size_t(i)] + b.size});
  }
  return offsets;
}

TEST_CASE("greedy places large problems in time-local order with exactly the offsets of size order") {
  for (uint64_t seed : {1, 2}) {
    Problem p = generate({.kind = GeneratorKind::kMlTrace, .count = 40000, .seed = seed});
    p.capacity *= 2;
    const SolveResult r = solve(p, *find_algorithm("greedy"), {});
    REQUIRE(r.status == Status::kSolved);
    check_valid(p, r);
    CHECK(r.solution.offsets == greedy_in_size_order(p));
  }
}

}  // namespace
}  // namespace tela::test
