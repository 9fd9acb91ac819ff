// The valley rule of the exact search (algorithms/exact/valleys.h): the check itself on
// hand-made floors, and the search with it on and off against exhaustive search on small
// problems with no slack at all, where it fires; and fewest_fits, which branches differently
// there.
#include <algorithm>
#include <vector>

#include "../common/brute_force.h"
#include "../common/random.h"
#include "algorithms/exact/valleys.h"
#include "services/generate.h"
#include "services/record.h"
#include "services/registry.h"
#include "support.h"

namespace tela::test {
namespace {

// Sections 0..floors.size() with these floors, tight where `tight` says, and lives [first,
// last) in order of first: the first section of the first valley no path covers, or -1.
int32_t first_unfillable(const std::vector<Offset>& floors, const std::vector<bool>& tight,
                         const std::vector<std::pair<int32_t, int32_t>>& lives) {
  ValleyCheck check;
  const int32_t n = int32_t(floors.size());
  check.reset(0, n);
  for (int32_t s = 0; s < n; ++s) check.section(floors[size_t(s)], tight[size_t(s)]);
  for (const Valley& v : check.valleys()) {
    check.open(v);
    for (auto [first, last] : lives)
      if (first >= v.begin && first < v.end) check.add(first, last);
    if (!check.covered()) return v.begin;
  }
  return -1;
}

TEST_CASE("a valley without slack needs lives that cover it from wall to wall") {
  const std::vector<Offset> floors{5, 2, 2, 2, 5};
  const std::vector<bool> tight(5, true);
  CHECK(first_unfillable(floors, tight, {{1, 2}, {2, 4}}) == -1);
  CHECK(first_unfillable(floors, tight, {{1, 2}, {1, 3}}) == 1);  // nothing covers section 3
  CHECK(first_unfillable(floors, tight, {{1, 3}, {2, 4}}) == 1);  // they overlap: one at a time
  CHECK(first_unfillable(floors, tight, {{1, 2}, {2, 5}}) == 1);  // past the right wall
  CHECK(first_unfillable(floors, tight, {{0, 4}}) == 1);          // from behind the left wall
  // A section with slack may stay empty at the floor.
  CHECK(first_unfillable(floors, {true, true, false, true, true}, {{1, 2}, {3, 4}}) == -1);
  CHECK(first_unfillable(floors, {true, true, false, true, true}, {{1, 2}}) == 1);
  // The ends of the part are walls; a run with a lower floor beside it is no valley.
  CHECK(first_unfillable({1, 1, 3}, {true, true, true}, {{0, 1}}) == 0);
  CHECK(first_unfillable({1, 1, 0}, {true, true, false}, {}) == -1);
  // Nothing tight: nothing to check.
  CHECK(first_unfillable(floors, std::vector<bool>(5, false), {}) == -1);
}

// Small perfect packings, and the same with one piece a byte larger and another a byte
// smaller (the same area and lower bound; often no longer a packing).
std::vector<Problem> zero_slack_problems() {
  std::vector<Problem> out;
  for (uint64_t seed = 1; seed <= 120; ++seed) {
    Problem p = generate({.kind = GeneratorKind::kPacking, .count = int64_t(4 + seed % 5), .seed = seed,
                          .capacity = Size(6 + seed % 7)});
    out.push_back(p);
    Random rng(seed);
    const size_t i = rng.below(p.buffers.size()), j = rng.below(p.buffers.size());
    if (i == j || p.buffers[j].size < 2) continue;
    ++p.buffers[i].size;
    --p.buffers[j].size;
    out.push_back(std::move(p));
  }
  return out;
}

TEST_CASE("exact with the valley rule on or off agrees with exhaustive search where there is no slack") {
  int infeasible = 0, valley_conflicts = 0;
  for (const Problem& p : zero_slack_problems()) {
    const bool fits = brute_force_fits(p);
    infeasible += !fits;
    for (const bool valleys : {true, false}) {
      for (const bool others : {true, false}) {
        ExactParams rules = others ? ExactParams{} : ExactParams{false, false, false, false, false, false,
                                                                 false, false, false, false, false, false,
                                                                 /*first_ordering=*/0};
        rules.valleys = valleys;
        Trace trace;
        const SolveResult r =
            solve_recording(p, *find_algorithm("exact"), {.timeout_seconds = 10, .exact = rules}, &trace, 100000);
        INFO("buffers " << p.buffers.size() << ", capacity " << p.capacity << ", valleys " << valleys
                        << ", other rules " << others);
        CHECK(r.status == (fits ? Status::kSolved : Status::kInfeasible));
        if (r.status == Status::kSolved) check_valid(p, r);
        const int64_t fired = std::count_if(trace.events.begin(), trace.events.end(),
                                            [](const TraceEvent& e) { return e.reason == Reason::kValley; });
        if (!valleys) CHECK(fired == 0);
        valley_conflicts += int(fired);
      }
    }
  }
  CHECK(infeasible > 10);           // the perturbed ones, mostly
  CHECK(valley_conflicts > 0);      // the rule is reached, and cuts where it should
}

// fewest_fits branches tight spots on the buffers that can fill one section rather than in rank
// order, and carries the bar of ranks over such a choice: where there is no slack every node
// is a tight spot, so this is where a lost branch would show.
TEST_CASE("exact with fewest_fits on or off agrees with exhaustive search where there is no slack") {
  for (const Problem& p : zero_slack_problems()) {
    const bool fits = brute_force_fits(p);
    for (const bool fewest_fits : {true, false}) {
      for (const bool restarts : {true, false}) {
        for (const bool nogoods : {true, false}) {
          ExactParams rules;
          rules.fewest_fits = fewest_fits;
          rules.restarts = restarts;
          rules.nogoods = nogoods;
          const SolveResult r = solve(p, *find_algorithm("exact"), {.timeout_seconds = 10, .exact = rules});
          INFO("buffers " << p.buffers.size() << ", capacity " << p.capacity << ", fewest_fits " << fewest_fits
                          << ", restarts " << restarts << ", nogoods " << nogoods);
          CHECK(r.status == (fits ? Status::kSolved : Status::kInfeasible));
          if (r.status == Status::kSolved) check_valid(p, r);
        }
      }
    }
  }
}

}  // namespace
}  // namespace tela::test
