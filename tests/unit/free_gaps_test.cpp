#include "algorithms/best_fit/free_gaps.h"
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

}  // namespace
}  // namespace tela::test
