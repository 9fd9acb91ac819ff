// The exact search's rules, switched off in every combination (ExactParams): each only cuts
// branches that hold no allocation or that another branch covers, so with any of them off the
// search must still return valid allocations and agree with exhaustive search on which
// problems fit.
#include <cstddef>
#include <iterator>
#include <vector>

#include "../common/brute_force.h"
#include "../common/small_problem.h"
#include "services/minimize.h"
#include "support.h"

namespace tela::test {
namespace {

constexpr int kRules = 12;

// The rules switched on in `mask`, one bit per rule (bit set: on).
ExactParams rules_of(unsigned mask) {
  ExactParams p;
  bool* rule[kRules] = {&p.section_inference, &p.lookahead, &p.tight_spots, &p.dominance, &p.hatless,
                        &p.twins, &p.tie_order, &p.decomposition, &p.nogoods, &p.valleys, &p.fewest_fits, &p.restarts};
  for (int i = 0; i < kRules; ++i) *rule[i] = (mask >> i) & 1;
  return p;
}

struct Case {
  Problem problem;
  bool fits;
};

// Every infeasible problem among the first few hundred (the search must exhaust those, which
// is where a wrong cut shows) and the first 100 feasible ones; some with interchangeable
// buffers, some crowded at exactly the lower bound (where infeasibility has no quick proof).
std::vector<Case> cases() {
  std::vector<Case> out;
  int feasible = 0;
  for (uint64_t seed = 1; seed <= 400; ++seed) {
    for (const SmallMix& mix : {mix_with_copies(7), kDenseMix}) {
      Problem p = small_problem(seed, mix);
      const bool fits = brute_force_fits(p);
      if (fits && ++feasible > 100) continue;
      out.push_back({std::move(p), fits});
    }
  }
  return out;
}

TEST_CASE("ExactParams defaults to every rule on, and rules_of covers each field once") {
  const ExactParams on = rules_of((1u << kRules) - 1), defaults{};
  const ExactParams off = rules_of(0);
  const auto fields = [](const ExactParams& p) {
    return std::vector<bool>{p.section_inference, p.lookahead, p.tight_spots, p.dominance, p.hatless,
                             p.twins, p.tie_order, p.decomposition, p.nogoods, p.valleys, p.fewest_fits, p.restarts};
  };
  CHECK(fields(on) == fields(defaults));
  CHECK(fields(off) == std::vector<bool>(kRules, false));
  // A new rule must be added here too (the rules are the bools, then first_ordering, a byte).
  CHECK(offsetof(ExactParams, first_ordering) == kRules * sizeof(bool));
  CHECK(sizeof(ExactParams) == kRules * sizeof(bool) + 1);
  CHECK(defaults.first_ordering == 0);
  CHECK(std::size(kExactRules) == size_t(kRules));        // and to the front-ends' table
}

TEST_CASE("exact with any combination of rules off agrees with exhaustive search") {
  const std::vector<Case> all = cases();
  int feasible = 0;
  for (const Case& c : all) feasible += c.fits;
  CHECK(feasible == 100);
  CHECK(int(all.size()) - feasible > 40);
  for (unsigned mask = 0; mask < (1u << kRules); ++mask) {
    const SolveOptions options{.timeout_seconds = 10, .exact = rules_of(mask)};
    for (size_t i = 0; i < all.size(); ++i) {
      const SolveResult r = solve_checked(all[i].problem, "exact", options);
      if (r.status == (all[i].fits ? Status::kSolved : Status::kInfeasible)) continue;
      INFO("rules mask " << mask << ", case " << i << ": " << std::string(name_of(r.status)) << ": " << r.detail);
      FAIL("exact disagrees with exhaustive search");
    }
  }
}

TEST_CASE("exact beginning its restarts with any ordering agrees with exhaustive search") {
  const std::vector<Case> all = cases();
  for (uint8_t first = 0; first <= 6; ++first) {  // 6 wraps round to 0
    SolveOptions options{.timeout_seconds = 10};
    options.exact.first_ordering = first;
    for (size_t i = 0; i < all.size(); ++i) {
      const SolveResult r = solve_checked(all[i].problem, "exact", options);
      if (r.status == (all[i].fits ? Status::kSolved : Status::kInfeasible)) continue;
      INFO("first ordering " << int(first) << ", case " << i << ": " << std::string(name_of(r.status)) << ": " << r.detail);
      FAIL("exact disagrees with exhaustive search");
    }
  }
}

TEST_CASE("minimize with one rule off, or all, finds the true minimum and proves it only then") {
  std::vector<unsigned> masks{0, (1u << kRules) - 1};  // all off, all on
  for (int i = 0; i < kRules; ++i) masks.push_back(((1u << kRules) - 1) & ~(1u << i));
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    const Problem p = small_problem(seed, mix_with_copies(6));
    const Size minimum = brute_force_minimum(p);
    for (unsigned mask : masks) {
      INFO("seed " << seed << ", rules mask " << mask);
      const MinimizeResult r = minimize(p, {.timeout_seconds = 10, .exact = rules_of(mask)});
      REQUIRE(r.status == Status::kSolved);
      check_valid_at_peak(p, r.capacity, r.solution);
      CHECK(r.capacity >= minimum);
      if (r.proven_minimal) CHECK(r.capacity == minimum);
    }
  }
}

}  // namespace
}  // namespace tela::test
