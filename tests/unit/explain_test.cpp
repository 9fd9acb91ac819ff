#include "../common/brute_force.h"
#include "../common/small_problem.h"
#include "services/explain.h"
#include "support.h"

namespace tela::test {
namespace {

TEST_CASE("explain: the subset does not fit, and removing any one of its buffers makes it fit") {
  int explained = 0, feasible = 0;
  for (uint64_t seed = 1; seed <= 1500; ++seed) {
    const Problem p = small_problem(seed, mix_with_copies());
    const Explanation e = explain(p, {.timeout_seconds = 10});
    INFO("seed " << seed << ": " << e.detail);
    if (brute_force_fits(p)) {
      CHECK(e.status == Status::kSolved);
      CHECK(validate(p, e.solution).ok());
      ++feasible;
      continue;
    }
    ++explained;
    REQUIRE(e.status == Status::kInfeasible);
    CHECK(e.minimal);
    REQUIRE_FALSE(e.buffers.empty());
    CHECK_FALSE(brute_force_fits(only(p, e.buffers)));
    for (size_t i = 0; i < e.buffers.size(); ++i) {
      std::vector<BufferIndex> rest = e.buffers;
      rest.erase(rest.begin() + std::ptrdiff_t(i));
      CHECK(brute_force_fits(only(p, rest)));
    }
  }
  CHECK(explained > 50);
  CHECK(feasible > 500);
}

TEST_CASE("explain names the overloaded time and only the buffers that cause it") {
  const Problem p = problem_from("id,lower,upper,size\na,0,4,6\nb,2,6,6\nc,5,9,1\nd,7,9,3\n", 10);
  const Explanation e = explain(p, {.timeout_seconds = 10});
  REQUIRE(e.status == Status::kInfeasible);
  CHECK(e.buffers == std::vector<BufferIndex>{0, 1});
  CHECK(e.minimal);
  REQUIRE(e.collisions.size() == 1);
  CHECK(e.collisions[0].lower == 2);
  CHECK(e.collisions[0].upper == 4);
  CHECK(e.collisions[0].load == 12);
}

TEST_CASE("explain finds a subset when no time is overloaded (fragmentation)") {
  // The load is 3 everywhere it peaks, but the 2-byte buffers need the same side of the
  // 1-byte ones at both ends: 3 bytes are not enough. e lives apart and is not to blame.
  const Problem p = problem_from("id,lower,upper,size\na,0,4,2\nb,0,2,1\nc,2,4,1\nd,1,3,1\ne,10,12,3\n", 3);
  const Explanation e = explain(p, {.timeout_seconds = 10});
  REQUIRE(e.status == Status::kInfeasible);
  CHECK(e.minimal);
  CHECK(std::find(e.buffers.begin(), e.buffers.end(), 4) == e.buffers.end());
  CHECK_FALSE(brute_force_fits(only(p, e.buffers)));
}

}  // namespace
}  // namespace tela::test
