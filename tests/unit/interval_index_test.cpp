#include <set>

#include "services/generate.h"
#include "analysis/interval_index.h"
#include "support.h"

namespace tela::test {
namespace {

std::multiset<BufferIndex> brute_overlapping(const Problem& p, TimeValue lower, TimeValue upper) {
  std::multiset<BufferIndex> found;
  for (size_t i = 0; i < p.buffers.size(); ++i)
    if (p.buffers[i].lower < upper && lower < p.buffers[i].upper) found.insert(BufferIndex(i));
  return found;
}

TEST_CASE("overlapping() reports each overlapping buffer exactly once, as brute force does") {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    const Problem p = generate({.kind = GeneratorKind::kRandom, .count = 60, .seed = seed});
    const IntervalIndex index(p, all_buffers(p));
    for (TimeValue lower = -2; lower < 40; lower += 3)
      for (TimeValue length = 1; length < 20; length += 4) {
        std::multiset<BufferIndex> found;
        index.overlapping(lower, lower + length, [&](BufferIndex i, const Occupied&) { found.insert(i); });
        CHECK(found == brute_overlapping(p, lower, lower + length));
      }
  }
}

TEST_CASE("live_at() is the half-open stabbing query") {
  const Problem p = problem_from("id,lower,upper,size\na,0,3,1\nb,3,5,1\nc,1,9,1\n", 10);
  const IntervalIndex index(p, all_buffers(p));
  std::multiset<BufferIndex> at3;
  index.live_at(3, [&](BufferIndex i, const Occupied&) { at3.insert(i); });
  CHECK(at3 == std::multiset<BufferIndex>{1, 2});
}

TEST_CASE("visits carry the block last set for each buffer") {
  const Problem p = problem_from("id,lower,upper,size\na,0,3,1\nb,3,5,1\nc,1,9,1\n", 10);
  IntervalIndex index(p, all_buffers(p));
  index.set_block(2, {16, 24});
  index.overlapping(0, 10, [&](BufferIndex i, const Occupied& block) {
    CHECK(block.lower == (i == 2 ? 16 : 0));
    CHECK(block.upper == (i == 2 ? 24 : 0));
  });
  index.live_at(4, [&](BufferIndex i, const Occupied& block) { CHECK(block.upper == (i == 2 ? 24 : 0)); });
}

TEST_CASE("a subset index sees only its buffers; an empty one sees nothing") {
  const Problem p = problem_from("id,lower,upper,size\na,0,3,1\nb,0,5,1\n", 10);
  const IntervalIndex only_b(p, {1});
  int seen = 0;
  only_b.overlapping(0, 10, [&](BufferIndex i, const Occupied&) { CHECK(i == 1); ++seen; });
  CHECK(seen == 1);
  const IntervalIndex none(p, {});
  none.overlapping(0, 10, [&](BufferIndex, const Occupied&) { ++seen; });
  CHECK(seen == 1);
}

}  // namespace
}  // namespace tela::test
