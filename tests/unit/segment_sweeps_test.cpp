// The sweeps away from the anchored stacks (algorithms/greedy/segment_sweeps.h): always valid,
// never above greedy's allocation, the trace places each buffer once and replays to the
// answer, and on a dense ML trace they pack what greedy leaves 3.5% above the bound.
#include "algorithms/greedy/anchored.h"
#include "algorithms/greedy/greedy.h"
#include "algorithms/greedy/segment_sweeps.h"
#include "analysis/sections.h"
#include "services/generate.h"
#include "../common/small_problem.h"
#include "support.h"

namespace tela::test {
namespace {

constexpr double kNoLimit = std::numeric_limits<double>::infinity();

// `p` with the buffers live at each of `cuts` (sorted) pre-placed, the last to end at the
// bottom, each stack above the one before; the test's problems have no pre-placed buffer.
Problem pin_at(Problem p, const std::vector<TimeValue>& cuts) {
  p.capacity = Size{1} << 40;
  Offset top = 0;
  for (TimeValue t : cuts) {
    std::vector<Buffer*> stack;
    for (Buffer& b : p.buffers)
      if (b.lower <= t && t < b.upper && !b.fixed_offset) stack.push_back(&b);
    std::stable_sort(stack.begin(), stack.end(), [](const Buffer* x, const Buffer* y) { return x->upper > y->upper; });
    for (Buffer* b : stack) {
      b->fixed_offset = align_up(top, b->alignment);
      top = *b->fixed_offset + b->size;
    }
  }
  return p;
}

std::vector<Offset> replay(const Problem& p, const Trace& trace) {
  std::vector<Offset> at(p.buffers.size(), kUnplaced);
  for (const TraceEvent& e : trace.events)
    if (e.kind == EventKind::kPlace) {
      CHECK(at[size_t(e.buffer)] == kUnplaced);  // placed once
      at[size_t(e.buffer)] = e.offset;
    }
  return at;
}

TEST_CASE("segment sweeps: valid, never above greedy, and the trace replays to the answer") {
  int lowered = 0;
  for (uint64_t seed = 1; seed <= 400; ++seed) {
    const Problem original = small_problem(seed, {.max_buffers = 8, .start_span = 8, .align_to_4 = true, .stream = 77});
    bool any_fixed = false;
    for (const Buffer& b : original.buffers) any_fixed |= b.fixed_offset.has_value();
    if (any_fixed) continue;
    const TimeValue busiest = compute_stats(original).peak_time;
    for (const std::vector<TimeValue>& cuts : {std::vector<TimeValue>{busiest}, std::vector<TimeValue>{1, busiest + 2}}) {
      INFO("seed " << seed << ", cuts at " << cuts.front() << " and " << cuts.back());
      const Problem pinned = pin_at(original, cuts);
      Trace trace;
      SolveResult r = greedy_by_size(pinned, {.observer = &trace});
      REQUIRE(r.status == Status::kSolved);
      const Size greedy_peak = peak_of(pinned, r.solution);
      sweep_segments(pinned, cuts, {}, kNoLimit, r.solution, &trace);
      check_valid(pinned, r);
      CHECK(peak_of(pinned, r.solution) <= greedy_peak);
      lowered += peak_of(pinned, r.solution) < greedy_peak;
      CHECK(replay(pinned, trace) == r.solution.offsets);
    }
  }
  CHECK(lowered > 10);  // the sweeps win somewhere, so what they give is checked above
}

TEST_CASE("on a dense ML trace, the sweeps from the busiest time reach the bound greedy misses by 3.5%") {
  const Problem p = generate({.kind = GeneratorKind::kMlTrace, .count = 5000, .seed = 1, .density = 200});
  const ProblemStats stats = compute_stats(p);
  const std::vector<TimeValue> cuts{stats.peak_time};
  const Problem pinned = pin_at(p, cuts);
  SolveResult r = greedy_by_size(pinned, {});
  REQUIRE(r.status == Status::kSolved);
  CHECK(peak_of(p, r.solution) > stats.lower_bound + stats.lower_bound / 100 * 3);
  sweep_segments(pinned, cuts, {}, kNoLimit, r.solution, nullptr);
  check_valid(pinned, r);
  CHECK(peak_of(p, r.solution) == stats.lower_bound);
  // Anchored greedy, which builds the same stack and runs them, finds it in one round.
  Problem roomy = p;
  roomy.capacity = Size{1} << 40;
  const std::optional<SolveResult> anchored = anchored_greedy(roomy, AnchorOrder::kLatestEndFirst, {});
  REQUIRE(anchored.has_value());
  check_valid(roomy, *anchored);
  CHECK(anchored->peak == stats.lower_bound);
}

}  // namespace
}  // namespace tela::test
