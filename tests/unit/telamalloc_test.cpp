#include <algorithm>

#include "algorithms/telamalloc/telamalloc.h"
#include "analysis/sections.h"
#include "services/generate.h"
#include "support.h"

namespace tela::test {
namespace {

SolveResult tela_solve(const Problem& p, SolveOptions options = {.timeout_seconds = 5}) {
  return solve_checked(p, "telamalloc", options);
}

std::vector<EventKind> kinds_of(const Trace& trace) {
  std::vector<EventKind> kinds;
  for (const TraceEvent& e : trace.events) kinds.push_back(e.kind);
  return kinds;
}

size_t count_kind(const Trace& trace, EventKind kind) {
  const std::vector<EventKind> kinds = kinds_of(trace);
  return size_t(std::count(kinds.begin(), kinds.end(), kind));
}

// Capacity 6. The heuristic fills the lowest point first: d (the largest at the most contended
// time) at 0, then b at 0, then e on d at 3, which leaves c (2 bytes, [2,4)) no room below the
// capacity: a conflict. The search lifts e out again (a minor backtrack).
const char* kConflictCase = "id,lower,upper,size\na,0,1,1\nb,3,6,4\nc,2,4,2\nd,0,2,3\ne,0,3,2\n";

std::vector<std::string> story_of(const Problem& p, const Trace& trace) {
  std::vector<std::string> steps;
  for (size_t i = 0; i < trace.events.size(); ++i) {
    const TraceEvent& e = trace.events[i];
    if (e.kind == EventKind::kPlace || e.kind == EventKind::kMinorBacktrack ||
        e.kind == EventKind::kMajorBacktrack || e.kind == EventKind::kConflict)
      steps.push_back(describe(p, e, trace.causes_of(i)));
  }
  return steps;
}

TEST_CASE("hand-made: a conflict, then a minor backtrack, then a valid allocation") {
  const Problem p = problem_from(kConflictCase, 6);
  Trace trace;
  const SolveResult r = tela_solve(p, {.timeout_seconds = 5, .observer = &trace});
  REQUIRE(r.status == Status::kSolved);
  const std::vector<std::string> steps = story_of(p, trace);
  REQUIRE(steps.size() >= 5);
  CHECK(std::vector<std::string>(steps.begin(), steps.begin() + 5) ==
        std::vector<std::string>{
            "d placed at 0: the lowest offset the skyline allows during [0, 2)",
            "b placed at 0: the lowest offset the skyline allows during [3, 6)",
            "e placed at 3: the lowest offset the skyline allows during [0, 3)",
            "c has no offset left: e reaches up to 5 beside it during [2, 3), and from 5 up its "
            "2 bytes pass the capacity, 6; blamed: e and the block it rests on, d",
            "e lifted out of 3 (minor backtrack): to try the next candidate"});
  CHECK(count_kind(trace, EventKind::kMajorBacktrack) == 0);
}

TEST_CASE("hand-made: with no patience for minor backtracks, a major one follows") {
  const Problem p = problem_from(kConflictCase, 6);
  Trace trace;
  const SolveResult r =
      tela_solve(p, {.timeout_seconds = 5, .observer = &trace, .telamalloc = {0, 10}});
  REQUIRE(r.status == Status::kSolved);
  const std::vector<std::string> steps = story_of(p, trace);
  REQUIRE(steps.size() >= 9);
  // The conflict's explanation is e resting on d; the jump goes back to d, the earliest (b,
  // placed in between, goes too, and its sentence says so: the conflict names e and d, not b),
  // and c, which had no room, is prioritised: it goes as soon as it may, right after d refills
  // the lowest point (time 0, where c does not live). The conflict is event 16.
  REQUIRE(trace.events.size() >= 16);
  CHECK(trace.events[15].kind == EventKind::kConflict);
  CHECK(std::vector<std::string>(steps.begin() + 4, steps.begin() + 9) ==
        std::vector<std::string>{
            "e lifted out of 3 (minor backtrack): to try the next candidate",
            "b lifted out of 0 (major backtrack): it was placed after d, and the conflict at step "
            "16 blames e and d, so the search jumps back to before d, the earliest of them",
            "d lifted out of 0 (major backtrack): the conflict at step 16 blames e and d; d is the "
            "earliest of them, and the search jumps back to before it",
            "d placed at 0: the lowest offset the skyline allows during [0, 2)",
            "c placed at 0: the lowest offset the skyline allows during [2, 4)"});
  // Replaying the trace gives the result: every lifted block had been placed where it says.
  std::vector<Offset> replay(p.buffers.size(), kUnplaced);
  for (const TraceEvent& e : trace.events) {
    if (e.kind == EventKind::kPlace) replay[size_t(e.buffer)] = e.offset;
    if ((e.kind == EventKind::kMinorBacktrack || e.kind == EventKind::kMajorBacktrack) && e.buffer >= 0) {
      CHECK(replay[size_t(e.buffer)] == e.offset);
      replay[size_t(e.buffer)] = kUnplaced;
    }
  }
  CHECK(replay == r.solution.offsets);
}

TEST_CASE("a zero-sized aligned buffer stands in nobody's way (found by fuzzing)") {
  // Once b0 and b3 fill the capacity, 20, an aligned zero-sized b1 rounded up above them would
  // sit at 24, past it: the search must not give up and claim infeasibility. It goes at 0.
  const Problem p = problem_from(
      "id,lower,upper,size,alignment\nb0,0,10,16,1\nb1,9,10,0,8\nb3,0,10,4,8\n", 20);
  const SolveResult r = tela_solve(p);
  CHECK(r.status == Status::kSolved);
  CHECK(r.solution.offsets[1] == 0);
}

TEST_CASE("1000 fully overlapping blocks: cumulative reasoning makes it immediate") {
  Problem p;
  for (int i = 0; i < 1000; ++i)
    p.buffers.push_back({.id = "b" + std::to_string(i), .lower = 0, .upper = 10, .size = 1 + i % 7});
  p.capacity = compute_stats(p).total_size;
  const SolveResult r = tela_solve(p);
  CHECK(r.status == Status::kSolved);
  p.capacity -= 1;
  CHECK(tela_solve(p).status == Status::kInfeasible);
}

TEST_CASE("independent groups are solved as separate phases") {
  const Problem p = problem_from("id,lower,upper,size\na,0,2,4\nb,1,3,4\nc,5,7,4\nd,6,8,4\n", 8);
  Trace trace;
  REQUIRE(tela_solve(p, {.timeout_seconds = 5, .observer = &trace}).status == Status::kSolved);
  CHECK(count_kind(trace, EventKind::kPhase) == 2);
  CHECK(describe(p, trace.events.front(), {}) == "phase 0 begins, covering time [0, 3)");
}

TEST_CASE("zero-slack packings are solved") {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    const Problem p = generate({.kind = GeneratorKind::kPacking, .count = 30, .seed = seed, .capacity = 64});
    INFO("seed " << seed);
    CHECK(tela_solve(p).status == Status::kSolved);
  }
}

TEST_CASE("rounds: major backtracks, then a complete round, then major backtracks again") {
  // With budgets this small, the first round's major backtracks run out at once; the complete
  // round that follows (thorough levels) runs out of placements too, and the search starts over
  // with major backtracks before it finds the packing.
  const Problem p = generate({.kind = GeneratorKind::kPacking, .count = 60, .seed = 5, .capacity = 64});
  Trace trace;
  const SolveResult r =
      tela_solve(p, {.timeout_seconds = 5, .observer = &trace, .telamalloc = {2, 1}});
  REQUIRE(r.status == Status::kSolved);
  auto first = [&](Reason reason) {
    for (size_t i = 0; i < trace.events.size(); ++i)
      if (trace.events[i].kind == EventKind::kMajorBacktrack && trace.events[i].reason == reason)
        return i;
    return trace.events.size();
  };
  CHECK(first(Reason::kExplanation) < trace.events.size());
  CHECK(first(Reason::kRestart) < first(Reason::kRestartWithMajors));
  CHECK(first(Reason::kRestartWithMajors) < trace.events.size());
}

TEST_CASE("a time limit stops the search and reports the deepest partial allocation") {
  const Problem p = generate({.kind = GeneratorKind::kPacking, .count = 300, .seed = 3, .capacity = 1000});
  const SolveResult r = tela_solve(p, {.timeout_seconds = 1e-9});
  CHECK(r.status == Status::kTimeout);
  CHECK(r.detail.find("deepest partial allocation") != std::string::npos);
}

}  // namespace
}  // namespace tela::test
