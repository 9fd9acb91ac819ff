#include <algorithm>

#include "analysis.h"
#include "generate.h"
#include "support.h"
#include "telamalloc.h"

namespace tela::test {
namespace {

SolveResult tela_solve(const Problem& p, SolveOptions options = {.timeout_seconds = 5}) {
  SolveResult r = solve(p, *find_algorithm("telamalloc"), options);
  if (r.status == Status::kSolved) check_valid(p, r);
  return r;
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

// Exhaustive search over every offset of every buffer: the reference for small problems.
bool brute_force_fits(const Problem& p, std::vector<Offset>& offsets, size_t i = 0) {
  if (i == p.buffers.size()) return true;
  const Buffer& b = p.buffers[i];
  if (b.fixed_offset) {
    offsets[i] = *b.fixed_offset;
    bool clear = true;
    for (size_t j = 0; j < i && clear; ++j)
      clear = !(overlap_in_time(b, p.buffers[j]) && overlap_in_space(offsets[i], b.size, offsets[j], p.buffers[j].size));
    return clear && brute_force_fits(p, offsets, i + 1);
  }
  for (Offset x = 0; x + b.size <= p.capacity; x += b.alignment) {
    bool clear = true;
    for (size_t j = 0; j < i && clear; ++j)
      clear = !(overlap_in_time(b, p.buffers[j]) && overlap_in_space(x, b.size, offsets[j], p.buffers[j].size));
    if (!clear) continue;
    offsets[i] = x;
    if (brute_force_fits(p, offsets, i + 1)) return true;
  }
  return false;
}

// A small random problem: up to 8 buffers, sizes 1..5, some aligned, now and then a pinned one,
// at a capacity near its lower bound (so some fit and some do not).
Problem small_problem(uint64_t seed) {
  uint64_t state = seed * 0x9E3779B97F4A7C15ull + 1;
  auto next = [&](int64_t n) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return int64_t((state >> 33) % uint64_t(n));
  };
  Problem p;
  const int count = 1 + int(next(8));
  for (int i = 0; i < count; ++i) {
    const TimeValue lower = next(6);
    Buffer b{.id = "b" + std::to_string(i), .lower = lower, .upper = lower + 1 + next(4), .size = 1 + next(5)};
    if (next(5) == 0) b.alignment = 2;
    p.buffers.push_back(b);
  }
  const Size lower_bound_size = lower_bound(compute_sections(p));
  p.capacity = lower_bound_size + next(2);
  if (next(6) == 0) {  // pin one buffer somewhere inside the capacity
    Buffer& b = p.buffers[size_t(next(count))];
    if (b.size <= p.capacity) b.fixed_offset = (next(p.capacity - b.size + 1) / b.alignment) * b.alignment;
  }
  return p;
}

TEST_CASE("telamalloc agrees with exhaustive search on small problems, with and without majors") {
  int feasible = 0, infeasible = 0;
  for (uint64_t seed = 1; seed <= 1500; ++seed) {
    const Problem p = small_problem(seed);
    std::vector<Offset> offsets(p.buffers.size());
    const bool fits = brute_force_fits(p, offsets);
    (fits ? feasible : infeasible)++;
    // Default parameters, and parameters that force major backtracks and the complete restart.
    for (const TelaMallocParams params : {TelaMallocParams{}, TelaMallocParams{1, 2}}) {
      const SolveResult r = tela_solve(p, {.timeout_seconds = 5, .telamalloc = params});
      INFO("seed " << seed << " minor budget " << params.minor_backtracks << ": " << r.detail);
      CHECK(r.status == (fits ? Status::kSolved : Status::kInfeasible));
    }
  }
  CHECK(feasible > 300);   // the generator makes both kinds
  CHECK(infeasible > 50);
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
            "c has no offset left: e and d fill the space during [2, 4)",
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
  // placed in between, goes too), and c, which had no room, is prioritised: it goes as soon as
  // it may, right after d refills the lowest point (time 0, where c does not live).
  CHECK(std::vector<std::string>(steps.begin() + 4, steps.begin() + 9) ==
        std::vector<std::string>{
            "e lifted out of 3 (minor backtrack): to try the next candidate",
            "b lifted out of 0 (major backtrack): a conflict's explanation names it",
            "d lifted out of 0 (major backtrack): a conflict's explanation names it",
            "d placed at 0: the lowest offset the skyline allows during [0, 2)",
            "c placed at 0: the lowest offset the skyline allows during [2, 4)"});
  // Replaying the trace gives the result: every lifted block had been placed where it says.
  std::vector<Offset> replay(p.buffers.size(), kUnplaced);
  for (const TraceEvent& e : trace.events) {
    if (e.kind == EventKind::kPlace) replay[size_t(e.buffer)] = e.offset;
    if (e.kind == EventKind::kMinorBacktrack || e.kind == EventKind::kMajorBacktrack) {
      CHECK(replay[size_t(e.buffer)] == e.offset);
      replay[size_t(e.buffer)] = kUnplaced;
    }
  }
  CHECK(replay == r.solution.offsets);
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

TEST_CASE("a time limit stops the search and reports the deepest partial allocation") {
  const Problem p = generate({.kind = GeneratorKind::kPacking, .count = 300, .seed = 3, .capacity = 1000});
  const SolveResult r = tela_solve(p, {.timeout_seconds = 1e-9});
  CHECK(r.status == Status::kTimeout);
  CHECK(r.detail.find("deepest partial allocation") != std::string::npos);
}

}  // namespace
}  // namespace tela::test
