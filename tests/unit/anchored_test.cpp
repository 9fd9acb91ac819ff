// Greedy around the busiest time (algorithms/greedy/anchored.h): always a valid allocation,
// the busiest time stacked without a gap in the order asked, and where it applies.
#include "algorithms/greedy/anchored.h"
#include "algorithms/greedy/greedy.h"
#include "analysis/sections.h"
#include "services/generate.h"
#include "services/registry.h"
#include "../common/small_problem.h"
#include "support.h"

namespace tela::test {
namespace {

Problem roomy(Problem p) {
  p.capacity = Size{1} << 40;
  return p;
}

// The buffers live at the busiest time, bottom to top as the solution stacks them.
std::vector<BufferIndex> stack_of(const Problem& p, const Solution& s) {
  const TimeValue busiest = compute_stats(p).peak_time;
  std::vector<BufferIndex> live;
  for (size_t i = 0; i < p.buffers.size(); ++i)
    if (p.buffers[i].lower <= busiest && busiest < p.buffers[i].upper) live.push_back(BufferIndex(i));
  std::sort(live.begin(), live.end(), [&](BufferIndex a, BufferIndex b) {
    return s.offsets[size_t(a)] != s.offsets[size_t(b)] ? s.offsets[size_t(a)] < s.offsets[size_t(b)] : a < b;
  });
  return live;
}

TEST_CASE("anchored greedy: valid, and the busiest time stacked from 0 with no gap but alignment's") {
  int stacked = 0;
  int built = 0;
  for (uint64_t seed = 1; seed <= 300; ++seed) {
    const Problem p = roomy(small_problem(seed, mix_with_copies()));
    for (AnchorFill fill : {AnchorFill::kGreedy, AnchorFill::kBestFit})
    for (AnchorOrder order : kAnchorOrders) {
      INFO("seed " << seed << ", " << name_of(order) << (fill == AnchorFill::kGreedy ? ", greedy" : ", best-fit"));
      const std::optional<SolveResult> r = anchored_greedy(p, order, {}, 1, 0, fill);
      const TimeValue busiest = compute_stats(p).peak_time;
      bool movable_at_busiest = false;
      for (const Buffer& b : p.buffers) movable_at_busiest |= !b.fixed_offset && b.lower <= busiest && busiest < b.upper;
      REQUIRE(r.has_value() == movable_at_busiest);
      if (!r) continue;
      // More rounds: never higher than the first (the lowest round is kept), always valid.
      const std::optional<SolveResult> more = anchored_greedy(p, order, {}, 4, 0, fill);
      REQUIRE(more.has_value());
      check_valid(p, *more);
      CHECK(more->peak <= r->peak);
      ++built;
      REQUIRE(r->status == Status::kSolved);
      check_valid(p, *r);
      CHECK(r->peak == peak_of(p, r->solution));
      bool any_fixed = false;
      for (const Buffer& b : p.buffers) any_fixed |= b.fixed_offset.has_value();
      if (any_fixed) continue;  // the stack steps over pre-placed buffers live beside it
      ++stacked;
      Offset top = 0;
      for (BufferIndex b : stack_of(p, r->solution)) {
        const Buffer& buffer = p.buffers[size_t(b)];
        CHECK(r->solution.offsets[size_t(b)] == align_up(top, buffer.alignment));
        top = r->solution.offsets[size_t(b)] + buffer.size;
      }
    }
  }
  CHECK(built > 1600);  // almost every problem has a movable buffer at its busiest time
  CHECK(stacked > 600);
}

TEST_CASE("anchored greedy stacks in the order asked") {
  // Three buffers live at time 5 (the busiest): a [0, 19), b [4, 6), c [5, 20); and d after.
  const Problem p = roomy(problem_from("id,lower,upper,size\na,0,19,4\nb,4,6,2\nc,5,20,3\nd,10,12,1\n", 0));
  const auto bottom_to_top = [&](AnchorOrder order) {
    const std::optional<SolveResult> r = anchored_greedy(p, order, {});
    REQUIRE(r.has_value());
    check_valid(p, *r);
    std::string ids;
    for (BufferIndex b : stack_of(p, r->solution)) ids += p.buffers[size_t(b)].id;
    return ids;
  };
  CHECK(bottom_to_top(AnchorOrder::kLatestEndFirst) == "cab");
  CHECK(bottom_to_top(AnchorOrder::kEarliestStartFirst) == "abc");
  CHECK(bottom_to_top(AnchorOrder::kLongestFirst) == "acb");
}

// Beside a pre-placed buffer, a stack fills the hole below it: p sits at [3, 7); stacked by
// latest end, a [0, 2) leaves [2, 3), b (4) goes above p at 7, and c (1) takes the hole at 2.
// (Each above the last, c went to 11 and the peak was 12.)
TEST_CASE("a stack beside pre-placed buffers fills the holes between them") {
  Problem p = roomy(problem_from("id,lower,upper,size\np,0,10,4\na,4,9,2\nb,4,8,4\nc,4,7,1\n", 0));
  p.buffers[0].fixed_offset = 3;
  const std::optional<SolveResult> r = anchored_greedy(p, AnchorOrder::kLatestEndFirst, {});
  REQUIRE(r.has_value());
  check_valid(p, *r);
  CHECK(r->solution.offsets == std::vector<Offset>{3, 0, 7, 2});
  CHECK(r->peak == 11);
}

TEST_CASE("a second round stacks where the first answer peaks, and can reach the bound") {
  // ml 20000 seed 1: one round of latest-end ends 0.89% above the bound; four reach it.
  const Problem p = roomy(generate({.kind = GeneratorKind::kMlTrace, .count = 20000, .seed = 1}));
  const Size bound = compute_stats(p).lower_bound;
  const std::optional<SolveResult> one = anchored_greedy(p, AnchorOrder::kLatestEndFirst, {});
  const std::optional<SolveResult> four = anchored_greedy(p, AnchorOrder::kLatestEndFirst, {}, 4);
  REQUIRE((one && four));
  check_valid(p, *one);
  check_valid(p, *four);
  CHECK(one->peak > bound);
  CHECK(four->peak == bound);
}

TEST_CASE("on an ML trace where greedy ends 3.6% above the bound, an anchored order reaches it") {
  const Problem p = roomy(generate({.kind = GeneratorKind::kMlTrace, .count = 20000, .seed = 2}));
  const Size bound = compute_stats(p).lower_bound;
  const SolveResult plain = greedy_by_size(p, {});
  check_valid(p, plain);
  CHECK(peak_of(p, plain.solution) > bound + bound / 100);
  Size best = peak_of(p, plain.solution);
  for (AnchorOrder order : kAnchorOrders) {
    const std::optional<SolveResult> r = anchored_greedy(p, order, {});
    REQUIRE(r.has_value());
    check_valid(p, *r);
    best = std::min(best, r->peak);
  }
  CHECK(best == bound);
}

}  // namespace
}  // namespace tela::test

namespace tela::test {
namespace {

TEST_CASE("auto at the lower bound of an ML trace: the anchored stage fits, its trace says so and replays") {
  Problem p = generate({.kind = GeneratorKind::kMlTrace, .count = 20000, .seed = 1});
  p.capacity = compute_stats(p).lower_bound;
  Trace trace;
  const SolveResult r = solve(p, *find_algorithm("auto"), {.timeout_seconds = 60, .observer = &trace});
  INFO(r.detail);
  REQUIRE(r.status == Status::kSolved);
  check_valid(p, r);
  CHECK(r.algorithm.starts_with("auto (anchored greedy ("));
  std::vector<Offset> replayed(p.buffers.size(), kUnplaced);
  int64_t anchored = 0;
  for (const TraceEvent& e : trace.events) {
    if (e.kind != EventKind::kPlace) continue;
    replayed[size_t(e.buffer)] = e.offset;
    anchored += e.reason == Reason::kAnchored;
    CHECK(e.reason != Reason::kFixed);  // nothing here is pre-placed
  }
  CHECK(replayed == r.solution.offsets);
  CHECK(anchored >= compute_stats(p).peak_live);  // at least the busiest time's stack
}

}  // namespace
}  // namespace tela::test

namespace tela::test {
namespace {

TEST_CASE("anchored greedy near 2^62: a stack that would pass the largest capacity is not built") {
  // Two buffers of 2^61 + 1 bytes live together (and a pre-placed one beside them at 2^62 - 8):
  // stacked they pass 2^62, so there is no stack, and nothing overflows on the way.
  const Size big = (Size{1} << 61) + 1;
  Problem p;
  p.capacity = kMaxValue;
  p.buffers = {{.id = "a", .lower = 0, .upper = 4, .size = big}, {.id = "b", .lower = 1, .upper = 5, .size = big},
               {.id = "c", .lower = 3, .upper = 6, .size = 8, .fixed_offset = kMaxValue - 8}};
  for (AnchorOrder order : kAnchorOrders) CHECK_FALSE(anchored_greedy(p, order, {}, 4).has_value());
  // One of 2^62 bytes alone: it stacks at 0, exactly at the largest capacity.
  Problem one;
  one.capacity = kMaxValue;
  one.buffers = {{.id = "x", .lower = 0, .upper = 2, .size = kMaxValue}};
  const std::optional<SolveResult> r = anchored_greedy(one, AnchorOrder::kLongestFirst, {});
  REQUIRE(r.has_value());
  check_valid(one, *r);
  CHECK(r->peak == kMaxValue);
}

}  // namespace
}  // namespace tela::test

namespace tela::test {
namespace {

TEST_CASE("auto's anchored stage tells the events of the answer alone, whichever order found it") {
  // At the lower bound, the first order often misses and a later one fits: the events of the
  // orders that missed must not stay in the trace (they drew blocks over the answer's).
  int later_order = 0;
  for (uint64_t seed = 1; seed <= 300; ++seed) {
    const Problem p = small_problem(seed, kDenseMix);
    Trace trace;
    const SolveResult r = anchored_greedy_stage(p, {.observer = &trace});
    if (r.status != Status::kSolved) continue;
    INFO("seed " << seed << ", " << r.algorithm);
    check_valid(p, r);
    later_order += r.algorithm != "anchored greedy (latest-end)";
    std::vector<Offset> replayed(p.buffers.size(), kUnplaced);
    for (const TraceEvent& e : trace.events)
      if (e.kind == EventKind::kPlace) {
        CHECK(replayed[size_t(e.buffer)] == kUnplaced);
        replayed[size_t(e.buffer)] = e.offset;
      }
    CHECK(replayed == r.solution.offsets);
  }
  CHECK(later_order > 5);
}

// Best-fit around the stacks (minimize's second set of starts): each buffer placed once in
// the trace of the round returned, at its offset in the answer, over several rounds.
TEST_CASE("anchored best-fit: valid, and its trace places each buffer once, where the answer has it") {
  int rounds_lower = 0;
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    const Problem p = roomy(small_problem(seed, kDenseMix));
    for (AnchorOrder order : kAnchorOrders) {
      INFO("seed " << seed << ", " << name_of(order));
      Trace trace;
      const std::optional<SolveResult> r = anchored_greedy(p, order, {.observer = &trace}, 4, 0, AnchorFill::kBestFit);
      if (!r) continue;
      check_valid(p, *r);
      rounds_lower += r->peak < anchored_greedy(p, order, {}, 1, 0, AnchorFill::kBestFit)->peak;
      std::vector<Offset> replayed(p.buffers.size(), kUnplaced);
      for (const TraceEvent& e : trace.events)
        if (e.kind == EventKind::kPlace) {
          CHECK(replayed[size_t(e.buffer)] == kUnplaced);
          replayed[size_t(e.buffer)] = e.offset;
        }
      CHECK(replayed == r->solution.offsets);
    }
  }
  CHECK(rounds_lower > 0);  // a later round lowers it on at least one: the trace is the lowest round's
}

}  // namespace
}  // namespace tela::test
