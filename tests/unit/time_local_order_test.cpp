#include "generate.h"
#include "support.h"
#include "time_local_order.h"

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

// Records nothing: attaching it makes greedy place in plain size order.
struct Silent : TraceObserver {
  void on_event(const TraceEvent&, std::span<const BufferIndex>) override {}
};

TEST_CASE("greedy places large problems in time-local order with exactly the offsets of size order") {
  for (uint64_t seed : {1, 2}) {
    Problem p = generate({.kind = GeneratorKind::kMlTrace, .count = 40000, .seed = seed});
    p.capacity *= 2;
    Silent silent;
    const SolveResult reordered = solve(p, *find_algorithm("greedy"), {});
    const SolveResult in_size_order = solve(p, *find_algorithm("greedy"), {.observer = &silent});
    REQUIRE(reordered.status == Status::kSolved);
    check_valid(p, reordered);
    CHECK(reordered.solution.offsets == in_size_order.solution.offsets);
  }
}

}  // namespace
}  // namespace tela::test
