#include "model/disjoint_batches.h"
#include "../common/random.h"
#include "support.h"

namespace tela::test {
namespace {

const char* kThree = "id,lower,upper,size,alignment\na,0,10,4,1\nb,5,15,4,4\nc,10,20,4,1\n";

Validation check(std::vector<Offset> offsets, Size capacity = 12) {
  return validate(problem_from(kThree, capacity), Solution{std::move(offsets)});
}

TEST_CASE("accepts a valid allocation, including reuse across time and touching ends") {
  CHECK(check({0, 4, 0}).ok());  // a and c never live together: same address is fine
  CHECK(check({0, 4, 8}).ok());  // c sits right above b: touching, not overlapping
}

TEST_CASE("each failure has its own verdict and names the buffer") {
  CHECK(check({0, 4}).verdict == Verdict::kWrongCount);
  CHECK(check({0, kUnplaced, 8}).verdict == Verdict::kUnplaced);
  CHECK(check({-4, 4, 8}).verdict == Verdict::kNegativeOffset);
  const Validation over = check({0, 4, 10});
  CHECK(over.verdict == Verdict::kOverCapacity);
  CHECK(over.buffer == 2);
  const Validation misaligned = check({0, 6, 0});
  CHECK(misaligned.verdict == Verdict::kMisaligned);
  CHECK(misaligned.buffer == 1);
}

TEST_CASE("an overlap names both buffers, when and where they collide") {
  const Problem p = problem_from(kThree, 12);
  const Validation v = validate(p, Solution{{0, 0, 8}});
  REQUIRE(v.verdict == Verdict::kOverlap);
  CHECK(v.buffer == 1);
  CHECK(v.other == 0);
  CHECK(v.time_lower == 5);
  CHECK(v.time_upper == 10);
  CHECK(v.address_lower == 0);
  CHECK(v.address_upper == 4);
  CHECK(describe(p, v) == "'b' and 'a' are both live during [5, 10) and both use addresses [0, 4)");
}

TEST_CASE("a partial overlap from below is found too") {
  const Problem p = problem_from("id,lower,upper,size\na,0,10,4\nb,5,15,4\n", 12);
  const Validation v = validate(p, Solution{{6, 4}});  // b [4,8) under a [6,10)
  REQUIRE(v.verdict == Verdict::kOverlap);
  CHECK(v.address_lower == 6);
  CHECK(v.address_upper == 8);
}

TEST_CASE("zero-sized buffers collide with nothing") {
  const Problem p = problem_from("id,lower,upper,size\na,0,10,4\nz,0,10,0\n", 4);
  CHECK(validate(p, Solution{{0, 2}}).ok());
}

TEST_CASE("pre-placed buffers must stay where they are") {
  const Problem p = problem_from("id,lower,upper,size,offset\na,0,10,4,8\nb,0,10,4,\n", 12);
  const Validation v = validate(p, Solution{{4, 0}});
  CHECK(v.verdict == Verdict::kFixedOffsetMoved);
  CHECK(describe(p, v) == "'a' is pre-placed at 8 but the solution moves it to 4");
  CHECK(validate(p, Solution{{8, 0}}).ok());
}

TEST_CASE("find_overlaps lists every colliding pair") {
  const Problem p = problem_from("id,lower,upper,size\na,0,10,4\nb,0,10,4\nc,0,10,4\n", 12);
  CHECK(find_overlaps(p, Solution{{0, 0, 0}}, 100).size() == 3);
  CHECK(find_overlaps(p, Solution{{0, 0, 0}}, 2).size() == 2);
  CHECK(find_overlaps(p, Solution{{0, 4, 8}}, 100).empty());
}

TEST_CASE("the sweep agrees with checking every pair, on random solutions") {
  // Random offsets in a small range collide often; the sweep must find a collision exactly
  // when some pair collides.
  Random random(7);
  for (int round = 0; round < 500; ++round) {
    Problem p;
    p.capacity = 1000;
    Solution s;
    const int count = 2 + int(random.below(6));
    for (int i = 0; i < count; ++i) {
      const int64_t lower = random.below(10);
      p.buffers.push_back({.id = "b" + std::to_string(i), .lower = lower, .upper = lower + 1 + random.below(5), .size = 1 + random.below(4)});
      s.offsets.push_back(random.below(8));
    }
    bool any = false;
    for (int i = 0; i < count; ++i)
      for (int j = i + 1; j < count; ++j)
        any |= overlap_in_time(p.buffers[size_t(i)], p.buffers[size_t(j)]) &&
               overlap_in_space(s.offsets[size_t(i)], p.buffers[size_t(i)].size, s.offsets[size_t(j)], p.buffers[size_t(j)].size);
    CHECK(validate(p, s).ok() == !any);
    CHECK(find_overlaps(p, s, 1000).empty() == !any);
  }
}

// Offsets packed bottom-up, each clear of the earlier buffers live alongside, then now and
// then one moved anywhere (a collision, often).
Solution packed_then_shaken(const Problem& p, Random& random) {
  Solution s;
  for (size_t i = 0; i < p.buffers.size(); ++i) {
    Offset x = 0;
    for (bool moved = true; moved;) {
      moved = false;
      for (size_t j = 0; j < i; ++j)
        if (overlap_in_time(p.buffers[i], p.buffers[j]) &&
            overlap_in_space(x, p.buffers[i].size, s.offsets[j], p.buffers[j].size))
          x = s.offsets[j] + p.buffers[j].size, moved = true;
    }
    s.offsets.push_back(x);
  }
  if (random.below(2) == 0) s.offsets[random.below(p.buffers.size())] = random.below(Offset{60});
  return s;
}

bool any_pair_collides(const Problem& p, const Solution& s) {
  for (size_t i = 0; i < p.buffers.size(); ++i)
    for (size_t j = i + 1; j < p.buffers.size(); ++j)
      if (overlap_in_time(p.buffers[i], p.buffers[j]) &&
          overlap_in_space(s.offsets[i], p.buffers[i].size, s.offsets[j], p.buffers[j].size))
        return true;
  return false;
}

TEST_CASE("merging per start time proves validity exactly when no pair collides") {
  // Many buffers per start time, as in dense traces, where validate merges batches.
  Random random(11);
  for (int round = 0; round < 300; ++round) {
    Problem p;
    p.capacity = int64_t{1} << 40;
    const int count = 16 + int(random.below(200));
    const int64_t times = 1 + random.below(int64_t{12});
    for (int i = 0; i < count; ++i) {
      const int64_t lower = random.below(times);
      p.buffers.push_back({.id = "b" + std::to_string(i), .lower = lower,
                           .upper = lower + 1 + random.below(int64_t{6}), .size = random.below(int64_t{9})});
    }
    const Solution s = packed_then_shaken(p, random);
    const bool collides = any_pair_collides(p, s);
    INFO("round " << round);
    CHECK(validate(p, s).ok() == !collides);
    std::vector<BufferIndex> order;  // positive sizes, by start
    for (size_t i = 0; i < p.buffers.size(); ++i)
      if (p.buffers[i].size > 0) order.push_back(BufferIndex(i));
    std::stable_sort(order.begin(), order.end(), [&](BufferIndex a, BufferIndex b) {
      return p.buffers[size_t(a)].lower < p.buffers[size_t(b)].lower;
    });
    const bool batched = order.size() >= 8 * size_t(times);  // enough per start to try at all
    if (batched) CHECK(disjoint_by_start_batches(p, s.offsets, order, 1000) == !collides);
    if (!order.empty()) CHECK_FALSE(disjoint_by_start_batches(p, s.offsets, order, 0));  // no budget
  }
}

}  // namespace
}  // namespace tela::test
