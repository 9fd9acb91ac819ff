// Cross-checks every algorithm in the registry against exhaustive search on many tiny problems.
// Written over algorithms(), so each new algorithm is checked the day it is registered.
#include "../common/brute_force.h"
#include "../common/complete_search.h"
#include "../common/small_problem.h"
#include "analysis/proofs.h"
#include "support.h"


namespace tela::test {
namespace {

// 10,000 problems in every tree (native, WASM under Node, ASan): as many as stay quick in the
// slowest of them.
constexpr int64_t kProblems = 10000;

TEST_CASE("every algorithm agrees with exhaustive search on small problems") {
  int feasible = 0, infeasible = 0, unproven = 0, runs = 0;
  for (int64_t seed = 1; seed <= kProblems; ++seed) {
    const Problem p = small_problem(uint64_t(seed), seed % 2 == 0 ? kDenseMix : kSmallMix);
    const bool fits = brute_force_fits(p);
    (fits ? feasible : infeasible)++;
    unproven += !fits && !prove_infeasible(p);
    // Default parameters, and parameters that force TelaMalloc's major backtracks and its
    // complete restart (the others ignore them).
    for (const TelaMallocParams params : {TelaMallocParams{}, TelaMallocParams{1, 2}})
      for (const Algorithm& a : algorithms()) {
        const SolveResult r = solve(p, a, {.timeout_seconds = 5, .telamalloc = params});
        ++runs;
        const bool bad = (r.status == Status::kSolved && !validate(p, r.solution).ok()) ||
                         (r.status == Status::kInfeasible && fits) ||
                         r.status == Status::kTimeout ||
                         (searches_completely(a.name) &&
                          r.status != (fits ? Status::kSolved : Status::kInfeasible));
        if (!bad) continue;
        std::ostringstream csv;
        write_problem_csv(csv, p);
        FAIL_CHECK(a.name << " on seed " << seed << " (capacity " << p.capacity << ", "
                          << (fits ? "fits" : "does not fit") << ", minor budget "
                          << params.minor_backtracks << "): " << name_of(r.status) << ": "
                          << r.detail << "; validator: " << describe(p, validate(p, r.solution))
                          << "\n" << csv.str());
      }
  }
  MESSAGE(kProblems << " problems (" << feasible << " fit, " << infeasible
                                    << " do not, " << unproven
                                    << " of them without a quick proof), " << runs << " runs");
  CHECK(feasible > kProblems / 5);  // the generator makes both kinds
  CHECK(infeasible > kProblems / 30);
  CHECK(unproven > kProblems / 100);
}

}  // namespace
}  // namespace tela::test
