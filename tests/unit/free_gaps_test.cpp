#include <map>
#include <set>

#include "../common/random.h"
#include "algorithms/best_fit/free_gaps.h"
#include "algorithms/best_fit/sorted_blocks.h"
#include "support.h"

namespace tela::test {
namespace {

// The gaps FreeGaps offers for `size`, smallest first, as "start-end".
std::vector<std::string> gaps_for(const FreeGaps& gaps, Size size) {
  std::vector<std::string> seen;
  gaps.first_fit_by_size(size, [&](Offset start, Offset end) {
    seen.push_back(std::to_string(start) + "-" + (end == FreeGaps::kTop ? "top" : std::to_string(end)));
    return Offset{-1};
  });
  return seen;
}

TEST_CASE("gaps split when taken and merge with both neighbours when given back") {
  FreeGaps gaps;
  gaps.take(0, 10);
  gaps.take(10, 5);
  gaps.take(20, 4);
  CHECK(gaps_for(gaps, 1) == std::vector<std::string>{"15-20", "24-top"});
  gaps.give_back(0, 10);
  CHECK(gaps_for(gaps, 1) == std::vector<std::string>{"15-20", "0-10", "24-top"});
  CHECK(gaps_for(gaps, 6) == std::vector<std::string>{"0-10", "24-top"});
  gaps.give_back(10, 5);  // joins [0, 10) and [15, 20)
  CHECK(gaps_for(gaps, 1) == std::vector<std::string>{"0-20", "24-top"});
  gaps.give_back(20, 4);  // and now everything is one gap again
  CHECK(gaps_for(gaps, 1) == std::vector<std::string>{"0-top"});
}

TEST_CASE("is_free asks whether a range lies inside one gap") {
  FreeGaps gaps;
  gaps.take(8, 8);
  CHECK(gaps.is_free(0, 8));
  CHECK_FALSE(gaps.is_free(4, 8));
  CHECK(gaps.is_free(16, 100));
}

TEST_CASE("the search stops at the first gap the caller accepts") {
  FreeGaps gaps;
  gaps.take(4, 4);
  gaps.take(10, 2);
  // Gaps, smallest first: [8,10) [0,4) [12,top). A 2-byte block aligned to 16 cannot go in
  // [8,10) (16 is past its end), so the search moves on and takes 0 in [0,4).
  const Offset found = gaps.first_fit_by_size(2, [](Offset start, Offset end) {
    const Offset x = align_up(start, 16);
    return x + 2 <= end ? x : Offset{-1};
  });
  CHECK(found == 0);
}

TEST_CASE("a take after a search may use another gap than the one found") {
  FreeGaps gaps;
  gaps.take(4, 4);
  gaps.take(10, 2);  // gaps, smallest first: [8,10) [0,4) [12,top)
  CHECK(gaps.first_fit_by_size(2, [](Offset start, Offset) { return start; }) == 8);
  gaps.take(1, 2);  // in [0,4), not the [8,10) just found
  CHECK(gaps_for(gaps, 1) == std::vector<std::string>{"0-1", "3-4", "8-10", "12-top"});
  CHECK(gaps.first_fit_by_size(2, [](Offset start, Offset) { return start; }) == 8);
  gaps.give_back(4, 4);  // joins [3,4) and [8,10) into [3,10)
  gaps.take(8, 2);       // the gap found before the give_back has gone
  CHECK(gaps_for(gaps, 1) == std::vector<std::string>{"0-1", "3-8", "12-top"});
}

TEST_CASE("SortedBlocks keeps the order of a std::set through splits and emptied arrays") {
  Random random(11);
  SortedBlocks<int, std::less<int>> blocks;
  std::set<int> set;
  const auto contents = [&] {
    std::vector<int> seen;
    for (auto p = blocks.lower_bound(INT32_MIN); !blocks.at_end(p); p = blocks.next(p)) seen.push_back(blocks.at(p));
    return seen;
  };
  for (int step = 0; step < 20000; ++step) {
    const int key = random.below(3000);
    const int what = random.below(10);
    if (what < 5 && !set.count(key)) {  // grows past many arrays of 128, then shrinks
      blocks.insert(key);
      set.insert(key);
    } else if (what < 9 || step > 12000) {
      const auto p = blocks.lower_bound(key);
      const auto expected = set.lower_bound(key);
      REQUIRE(blocks.at_end(p) == (expected == set.end()));
      if (expected == set.end()) continue;
      CHECK(blocks.at(p) == *expected);
      const auto before = blocks.last_not_after(key);
      const auto expected_before = set.upper_bound(key);
      if (expected_before == set.begin()) CHECK(blocks.at_end(before));
      else CHECK(blocks.at(before) == *std::prev(expected_before));
      blocks.erase(p);
      set.erase(expected);
    } else if (!set.empty()) {  // a key moved within its neighbours
      const auto p = blocks.lower_bound(key);
      if (blocks.at_end(p)) continue;
      const int old = blocks.at(p);
      const auto next = std::next(set.find(old));
      if (next == set.end() || *next == old + 1) continue;
      blocks.replace(p, old + 1);
      set.erase(old);
      set.insert(old + 1);
    }
    if (step % 997 == 0) REQUIRE(contents() == std::vector<int>(set.begin(), set.end()));
  }
  CHECK(contents() == std::vector<int>(set.begin(), set.end()));
}

TEST_CASE("FreeGaps agrees with the maximal free ranges of the blocks taken") {
  Random random(5);
  for (int trial = 0; trial < 20; ++trial) {
    FreeGaps gaps;
    std::map<Offset, Size> taken;  // offset -> size
    for (int step = 0; step < 3000; ++step) {
      if (taken.empty() || random.below(5) < 3) {
        const Size size = 1 + random.below(40);
        const Offset offset = gaps.first_fit_by_size(size, [](Offset start, Offset) { return start; });
        // Sometimes a place inside the gap other than its start, as a pre-placed buffer takes.
        const Offset at = gaps.is_free(offset + 3, size) && random.below(2) ? offset + 3 : offset;
        REQUIRE(gaps.is_free(at, size));
        gaps.take(at, size);
        taken[at] = size;
      } else {
        auto it = taken.begin();
        std::advance(it, random.below(int(taken.size())));
        gaps.give_back(it->first, it->second);
        taken.erase(it);
      }
      // The expected gaps: between the blocks, by size then address.
      std::vector<std::pair<Size, Offset>> expected;
      Offset reach = 0;
      for (const auto& [offset, size] : taken) {
        if (offset > reach) expected.push_back({offset - reach, reach});
        reach = offset + size;
      }
      std::sort(expected.begin(), expected.end());
      std::vector<std::string> want;
      for (const auto& [length, start] : expected) want.push_back(std::to_string(start) + "-" + std::to_string(start + length));
      want.push_back(std::to_string(reach) + "-top");
      REQUIRE(gaps_for(gaps, 1) == want);
    }
  }
}

}  // namespace
}  // namespace tela::test
