#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

#include "algorithms/exact/range_min.h"
#include "../common/random.h"
#include "support.h"

namespace tela::test {
namespace {

TEST_CASE("RangeMin gives every position the least value of the ranges covering it, as lowering each position does") {
  Random random(7);
  constexpr int64_t kNone = std::numeric_limits<int64_t>::max();
  RangeMin<int64_t> blocks;
  for (size_t n : {1, 2, 3, 5, 8, 13, 64, 100, 257}) {
    for (int round = 0; round < 20; ++round) {
      blocks.reset(n, kNone);  // reused: a reset forgets the previous round
      std::vector<int64_t> expected(n, kNone), got(n, 0);
      const size_t ranges = random.below(2 * n + 1);
      for (size_t r = 0; r < ranges; ++r) {
        const size_t begin = random.below(n), end = begin + 1 + random.below(n - begin);
        const int64_t x = int64_t(random.below(1000));
        blocks.lower(begin, end, x);
        for (size_t i = begin; i < end; ++i) expected[i] = std::min(expected[i], x);
      }
      blocks.finish(got.data());
      INFO("n " << n << ", round " << round);
      CHECK(got == expected);
    }
  }
}

}  // namespace
}  // namespace tela::test
