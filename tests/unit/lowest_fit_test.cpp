#include "analysis/lowest_fit.h"
#include "../common/random.h"
#include "support.h"

namespace tela::test {
namespace {

TEST_CASE("lowest_fit finds the lowest aligned gap between sorted blocks") {
  const std::vector<Occupied> used = {{0, 4}, {6, 10}, {10, 12}, {20, 30}};
  CHECK(lowest_fit(used, 0, 100, 2, 1) == 4);   // the 2-byte gap [4, 6)
  CHECK(lowest_fit(used, 0, 100, 3, 1) == 12);  // [4, 6) is too small; [12, 20) is not
  CHECK(lowest_fit(used, 0, 100, 4, 8) == 16);  // 8 would meet [6, 10); 16 is aligned and free
  CHECK(lowest_fit(used, 0, 100, 9, 1) == 30);  // nothing below fits: on top
  CHECK(lowest_fit(used, 0, 35, 9, 1) == -1);   // and on top it would pass the end
  CHECK(lowest_fit(used, 13, 100, 2, 1) == 13); // the search starts where asked
  CHECK(lowest_fit({}, 3, 100, 5, 4) == 4);
}

TEST_CASE("sort_by_lower orders blocks like std::sort, small and large, near and far apart") {
  Random random(99);
  std::vector<Occupied> scratch;
  for (size_t count : {0, 1, 5, 31, 32, 33, 100, 1000})
    for (uint64_t range : {uint64_t{16}, uint64_t{1} << 20, uint64_t{1} << 61})
      for (uint64_t unit : {1, 4096}) {  // 4096: offsets in pages share their low bits
        std::vector<Occupied> blocks;
        for (size_t i = 0; i < count; ++i) {
          const Offset lower = Offset((random.next() >> 2) % range / unit * unit);
          blocks.push_back({lower, lower + 1 + Offset((random.next() >> 2) % 8)});
        }
        std::vector<Occupied> expected = blocks;
        std::stable_sort(expected.begin(), expected.end(),
                         [](const Occupied& x, const Occupied& y) { return x.lower < y.lower; });
        sort_by_lower(blocks, scratch);
        REQUIRE(blocks.size() == expected.size());
        for (size_t i = 0; i < blocks.size(); ++i) CHECK(blocks[i].lower == expected[i].lower);
      }
}

}  // namespace
}  // namespace tela::test
