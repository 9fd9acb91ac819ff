// Lower bounds (services/bounds.h): never above the true optimum (exhaustive search on tiny
// problems), above the load where the load misses what alignment, pre-placed buffers or the
// shape of the lives force, each with the argument that proves it, and the same on every run.
#include <atomic>

#include "../common/brute_force.h"
#include "../common/random.h"
#include "../common/small_problem.h"
#include "analysis/sections.h"
#include "services/bounds.h"
#include "services/generate.h"
#include "services/minimize.h"
#include "support.h"

namespace tela::test {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Eight buffers whose load is 8 but which need 9, with neither alignment nor pre-placed
// buffers: the least such problem a random search over up to 8 buffers (sizes up to 6) found.
// (Three buffers never do: lives that meet pairwise all meet at one time, where the load
// counts them all.)
const char* kNeedsMoreThanLoad =
    "id,lower,upper,size\nb0,3,5,2\nb1,4,7,3\nb2,0,1,4\nb3,1,4,2\nb4,0,3,3\nb5,1,5,3\nb6,5,9,1\nb7,5,6,4\n";

TEST_CASE("the bounds never exceed the true minimum of random problems of up to 8 buffers") {
  int raised = 0, by_search = 0, by_alignment = 0, checked = 0;
  for (uint64_t seed = 1; seed <= 300; ++seed)
    for (const SmallMix& mix : {mix_with_copies(), kSmallMix, kDenseMix}) {
      const Problem p = small_problem(seed, mix);
      // (At most one buffer is pre-placed: something always fits.)
      const Size truth = brute_force_minimum(p);
      const Size load = lower_bound(compute_sections(p));
      const LowerBound quick = quick_lower_bound(p), strong = stronger_lower_bound(p, {});
      INFO("seed " << seed << ", stream " << mix.stream << ": truth " << truth << ", load " << load << "; quick "
                   << quick.value << " (" << quick.argument << "), stronger " << strong.value << " ("
                   << strong.argument << ")");
      CHECK(load <= quick.value);
      CHECK(quick.value <= strong.value);
      CHECK(strong.value <= truth);
      CHECK_FALSE(strong.argument.empty());
      ++checked;
      raised += strong.value > load;
      by_search += contains(strong.argument, "proven infeasible by the exact search");
      by_alignment += contains(strong.argument, "aligned to");
    }
  CHECK(checked == 900);
  // The load is often beaten (these problems are crowded), mostly through the search.
  CHECK(raised > 40);
  CHECK(by_search > 30);
  CHECK(by_alignment > 0);
}

TEST_CASE("the bounds never exceed the true minimum where every buffer is aligned") {
  int by_alignment = 0;
  for (uint64_t seed = 1; seed <= 300; ++seed) {
    Problem p = small_problem(seed, kSmallMix);
    Random random(seed);
    for (Buffer& b : p.buffers) {
      b.alignment = random.below(3) == 0 ? 4 : 2;
      if (b.fixed_offset) *b.fixed_offset -= *b.fixed_offset % b.alignment;
    }
    const Size truth = brute_force_minimum(p);
    const LowerBound quick = quick_lower_bound(p), strong = stronger_lower_bound(p, {});
    INFO("seed " << seed << ": truth " << truth << "; quick " << quick.value << " (" << quick.argument
                 << "), stronger " << strong.value << " (" << strong.argument << ")");
    CHECK(quick.value <= strong.value);
    CHECK(strong.value <= truth);
    by_alignment += contains(quick.argument, "are all aligned to");
  }
  CHECK(by_alignment > 50);
}

TEST_CASE("the bound never exceeds the capacity of packings that fit it exactly, some pre-placed") {
  // Zero slack everywhere: every window is as tight as can be, and still fits.
  int pinned = 0;
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    Problem p = generate({.kind = GeneratorKind::kPacking, .count = 120, .seed = seed, .capacity = 256});
    CHECK(stronger_lower_bound(p, {}).value == 256);
    // Some buffers pinned where an allocation at the capacity has them: it still fits.
    const SolveResult r = solve_checked(p, "exact", {.timeout_seconds = 10});
    if (r.status != Status::kSolved) continue;
    ++pinned;
    for (size_t i = 0; i < p.buffers.size(); i += 4) p.buffers[i].fixed_offset = r.solution.offsets[i];
    const LowerBound b = stronger_lower_bound(p, {});
    INFO("seed " << seed << ": " << b.argument);
    CHECK(b.value == 256);
  }
  CHECK(pinned > 0);
}

TEST_CASE("minimize's lower bound is never above the true minimum, and its answers are valid") {
  int proven_by_bound = 0;
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    const Problem p = small_problem(seed, kDenseMix);
    const MinimizeResult r = minimize(p, {.timeout_seconds = 10});
    INFO("seed " << seed << ": " << r.detail);
    if (r.status == Status::kInfeasible) continue;
    REQUIRE(r.status == Status::kSolved);
    check_valid_at_peak(p, r.capacity, r.solution);
    const Size truth = brute_force_minimum(p);
    CHECK(r.lower_bound <= truth);
    CHECK(r.capacity == truth);
    CHECK(r.proven_minimal);
    proven_by_bound += r.capacity > lower_bound(compute_sections(p)) && r.capacity == r.lower_bound;
  }
  CHECK(proven_by_bound > 5);  // answers above the load, proven by the bound alone
}

TEST_CASE("the bound rises above the load where alignment forces padding") {
  // Two 2-byte buffers aligned to 4, live together: the load is 4, the second starts at 4.
  const Problem p = problem_from("id,lower,upper,size,alignment\na,0,2,2,4\nb,0,2,2,4\n", 100);
  const LowerBound b = stronger_lower_bound(p, {});
  CHECK(lower_bound(compute_sections(p)) == 4);
  CHECK(b.value == 6);
  CHECK(b.value == brute_force_minimum(p));
  CHECK(contains(b.argument, "aligned to 4"));
  CHECK(quick_lower_bound(p).value == 6);  // no search needed
  // With an unaligned buffer live too, no rounding can be assumed: a at 0, c at 2, b at 4.
  const Problem q = problem_from("id,lower,upper,size,alignment\na,0,2,2,4\nb,0,2,2,4\nc,0,2,2,1\n", 100);
  CHECK(quick_lower_bound(q).value == 6);
  CHECK(stronger_lower_bound(q, {}).value <= brute_force_minimum(q));
}

TEST_CASE("the bound rises above the load where a pre-placed buffer splits the room") {
  // b (3 bytes) fits neither below a (at 2) nor between it and... only above it: 3 + 3 = 6.
  const Problem p = problem_from("id,lower,upper,size,offset\na,0,4,1,2\nb,0,4,3,\n", 100);
  const LowerBound b = stronger_lower_bound(p, {});
  CHECK(lower_bound(compute_sections(p)) == 4);
  CHECK(quick_lower_bound(p).value == 4);
  CHECK(b.value == 6);
  CHECK(b.value == brute_force_minimum(p));
  CHECK(contains(b.argument, "5 proven infeasible by the exact search"));
  // The top of a pre-placed buffer is a bound of its own.
  const Problem top = problem_from("id,lower,upper,size,offset\na,0,4,1,20\nb,0,4,3,\n", 100);
  CHECK(quick_lower_bound(top).value == 21);
  CHECK(contains(quick_lower_bound(top).argument, "pre-placed buffer 'a' ends at 21"));
}

TEST_CASE("the bound rises above the load where the lives alone force it, found in a window") {
  const Problem p = problem_from(kNeedsMoreThanLoad, 100);
  CHECK(lower_bound(compute_sections(p)) == 8);
  CHECK(brute_force_minimum(p) == 9);
  const LowerBound b = stronger_lower_bound(p, {});
  CHECK(b.value == 9);
  CHECK(contains(b.argument, "8 proven infeasible by the exact search"));
  // The same eight, then a thousand buffers one after the other, far later: too many for one
  // window, so the bound must come from a window around the eight.
  Problem big = p;
  for (int i = 0; i < 1000; ++i)
    big.buffers.push_back({.id = "x" + std::to_string(i), .lower = 100 + i, .upper = 102 + i, .size = 3});
  const LowerBound w = stronger_lower_bound(big, {});
  INFO(w.argument);
  CHECK(w.value == 9);
  CHECK(contains(w.argument, "buffers live in [0, "));
  CHECK(contains(w.argument, "need 9: 8 proven infeasible by the exact search"));
  const MinimizeResult r = minimize(big, {.timeout_seconds = 10});
  REQUIRE(r.status == Status::kSolved);
  check_valid_at_peak(big, r.capacity, r.solution);
  CHECK(r.capacity == 9);
  CHECK(r.lower_bound == 9);
  CHECK(r.proven_minimal);
  CHECK(contains(r.detail, "it equals the lower bound (buffers live in [0, "));
}

TEST_CASE("the bound without a time limit is the same on every run, whatever the clock") {
  // A crowded packing: windows the search cannot settle, so the budget is what stops it.
  const Problem p = generate({.kind = GeneratorKind::kPacking, .count = 300, .seed = 3, .capacity = 512});
  const BoundLimits small{.probe_reads = 4, .total_reads = 40};
  int64_t reads = 0;
  const SolveOptions counted{.clock = [&reads] { return double(++reads); }};
  const LowerBound first = stronger_lower_bound(p, {}, small), second = stronger_lower_bound(p, counted, small);
  CHECK(first.value == second.value);
  CHECK(first.argument == second.argument);
  CHECK(first.value <= 512);  // the packing fits its rectangle exactly
  // No window searched at all: the quick bound.
  const LowerBound none = stronger_lower_bound(p, {}, {.total_reads = 0});
  CHECK(none.value == quick_lower_bound(p).value);
}

TEST_CASE("the bound stops on a cancel and on its time, never above what is proven") {
  const Problem p = problem_from(kNeedsMoreThanLoad, 100);
  std::atomic<bool> cancel{true};
  const LowerBound cancelled = stronger_lower_bound(p, {.cancel = &cancel});
  CHECK(cancelled.value == 8);  // the load: no search ran
  CHECK(cancelled.argument == "the load at time 1");
  // A clock that has already run out by the first look at it after the start.
  double now = 0;
  const LowerBound timed = stronger_lower_bound(p, {.timeout_seconds = 1, .clock = [&now] { return now += 5; }});
  CHECK(timed.value == 8);
}

TEST_CASE("the bound of no buffers, or only empty ones, is 0") {
  CHECK(stronger_lower_bound(Problem{}, {}).value == 0);
  const Problem empty = problem_from("id,lower,upper,size\na,0,4,0\n", 100);
  CHECK(stronger_lower_bound(empty, {}).value == 0);
  CHECK_FALSE(stronger_lower_bound(empty, {}).argument.empty());
}

}  // namespace
}  // namespace tela::test
