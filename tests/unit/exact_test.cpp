#include <algorithm>

#include "../common/brute_force.h"
#include "../common/small_problem.h"
#include "algorithms/exact/exact.h"
#include "services/generate.h"
#include "support.h"

namespace tela::test {
namespace {

SolveResult exact_solve(const Problem& p, SolveOptions options = {.timeout_seconds = 10}) {
  return solve_checked(p, "exact", options);
}

TEST_CASE("exact agrees with exhaustive search on random problems of up to 8 buffers") {
  int feasible = 0, infeasible = 0;
  for (uint64_t seed = 1; seed <= 3000; ++seed) {
    const Problem p = small_problem(seed, mix_with_copies());
    const bool fits = brute_force_fits(p);
    (fits ? feasible : infeasible)++;
    const SolveResult r = exact_solve(p);
    INFO("seed " << seed << ": " << r.detail);
    REQUIRE(r.status == (fits ? Status::kSolved : Status::kInfeasible));
  }
  CHECK(feasible > 2000);  // the generator makes both kinds
  CHECK(infeasible > 100);
}

TEST_CASE("exact solves zero-slack packings, where the peak must equal the capacity") {
  for (uint64_t seed = 1; seed <= 10; ++seed)
    for (int64_t count : {30, 100}) {
      const Problem p = generate({.kind = GeneratorKind::kPacking, .count = count, .seed = seed, .capacity = 256});
      INFO("seed " << seed << ", " << count << " buffers");
      const SolveResult r = exact_solve(p);
      CHECK(r.status == Status::kSolved);
      CHECK(r.peak == p.capacity);
    }
}

TEST_CASE("exact proves 500 fully overlapping blocks fit exactly and not one byte less") {
  Problem p;
  for (int i = 0; i < 500; ++i)
    p.buffers.push_back({.id = "b" + std::to_string(i), .lower = 0, .upper = 10, .size = 1 + i % 7});
  p.capacity = compute_stats(p).total_size;
  CHECK(exact_solve(p).status == Status::kSolved);
  p.capacity -= 1;
  CHECK(exact_solve(p).status == Status::kInfeasible);
}

TEST_CASE("exact honours pre-placed buffers and alignment") {
  const Problem p = problem_from(
      "id,lower,upper,size,alignment,offset\n"
      "w,0,10,16,16,32\nx,0,5,8,8,\ny,2,8,12,4,\nz,5,10,24,8,\nf,6,9,4,4,0\na,1,4,3,1,\nb,3,7,5,2,\n",
      72);  // (64 is too little: exhaustive search agrees)
  const SolveResult r = exact_solve(p);
  REQUIRE(r.status == Status::kSolved);
  CHECK(r.solution.offsets[0] == 32);
  CHECK(r.solution.offsets[4] == 0);
  for (size_t i = 0; i < p.buffers.size(); ++i) CHECK(r.solution.offsets[i] % p.buffers[i].alignment == 0);
}

TEST_CASE("exact's trace replays to its result") {
  const Problem p = problem_from("id,lower,upper,size\na,0,1,1\nb,3,6,4\nc,2,4,2\nd,0,2,3\ne,0,3,2\n", 6);
  Trace trace;
  const SolveResult r = exact_solve(p, {.timeout_seconds = 10, .observer = &trace});
  REQUIRE(r.status == Status::kSolved);
  std::vector<Offset> replay(p.buffers.size(), kUnplaced);
  for (const TraceEvent& e : trace.events) {
    if (e.kind == EventKind::kPlace) replay[size_t(e.buffer)] = e.offset;
    if (e.kind == EventKind::kMinorBacktrack) {
      CHECK(replay[size_t(e.buffer)] == e.offset);
      replay[size_t(e.buffer)] = kUnplaced;
    }
  }
  CHECK(replay == r.solution.offsets);
  CHECK(std::any_of(trace.events.begin(), trace.events.end(),
                    [](const TraceEvent& e) { return e.reason == Reason::kCanonicalFit; }));
}

TEST_CASE("a time limit stops exact and reports the deepest partial allocation") {
  const Problem p = generate({.kind = GeneratorKind::kPacking, .count = 400, .seed = 3, .capacity = 1000});
  const SolveResult r = exact_solve(p, {.timeout_seconds = 1e-9});
  CHECK(r.status == Status::kTimeout);
  CHECK(r.detail.find("deepest partial allocation") != std::string::npos);
  CHECK(r.solution.offsets.size() == p.buffers.size());
}

}  // namespace
}  // namespace tela::test
