// Time limits and cancellation, tested as a mechanism rather than against the wall clock (a
// clock assertion on a shared machine fails at random, and under the sanitizers always): the
// run's clock is one that advances with the work done, so every check is deterministic and
// the same in every tree. Work is counted in trace events, what an observer sees of a run.
//
// For every algorithm: it reads the clock at least every K events (K below, from how often it
// checks its limit), stops within K events of its limit, and answers a cancel within K events.
// How far past a real limit runs go is measured, not asserted: `tela bench --overshoot`.
#include <atomic>
#include <span>

#include "services/generate.h"
#include "support.h"

namespace tela::test {
namespace {

// A clock that reads the number of events seen so far, one second per event, and can raise a
// cancel at a given event.
struct WorkClock : TraceObserver {
  int64_t events = 0;
  std::vector<int64_t> reads;  // the event count at each clock read
  int64_t cancel_at = -1;      // raise `cancel` once this many events have been seen
  std::atomic<bool> cancel{false};

  void on_event(const TraceEvent&, std::span<const BufferIndex>) override {
    if (++events == cancel_at) cancel = true;
  }
  SolveOptions options(double limit) {
    return {.timeout_seconds = limit, .cancel = &cancel, .observer = this,
            .clock = [this] { reads.push_back(events); return double(events); }};
  }
  // The most events between two clock reads (or before the first).
  int64_t longest_gap() const {
    int64_t gap = 0, last = 0;
    for (int64_t r : reads) {
      gap = std::max(gap, r - last);
      last = r;
    }
    return gap;
  }
};

struct Case {
  const char* algorithm;
  int64_t k;          // events at most between clock reads, and past a limit or cancel
  Problem (*problem)();
};

// Long enough for the heuristics: they place each buffer once, with two events (consider,
// place), and 20,000 buffers are far more events than the limits below.
Problem many_buffers() {
  Problem p = generate({.kind = GeneratorKind::kMlTrace, .count = 20000, .seed = 1});
  p.capacity *= 2;
  return p;
}

// Long enough for the searches: a zero-slack packing of 500 pieces, which neither finishes in
// seconds.
Problem hard_packing() { return generate({.kind = GeneratorKind::kPacking, .count = 500, .seed = 1, .capacity = 4096}); }

// K per algorithm, from where each reads its clock: best-fit every 1024 buffers and greedy every
// 256, two events each; telamalloc every 256 units of work (a step or a candidate ranked, and a
// step records at most a few events); exact every 2^13 buffers looked at, where a node looks
// at all of its part's buffers and records a few events.
const Case kCases[] = {
    {"best-fit", 2 * 1024, many_buffers},
    {"greedy", 2 * 256, many_buffers},
    {"telamalloc", 1024, hard_packing},
    {"exact", 2048, hard_packing},
};
constexpr int64_t kLimit = 10000;  // events

TEST_CASE("every search algorithm has a case here") {
  for (const Algorithm& a : algorithms()) {
    const bool listed = std::any_of(std::begin(kCases), std::end(kCases),
                                    [&](const Case& c) { return a.name == c.algorithm; });
    CHECK_MESSAGE((listed || a.name == "auto"), a.name << " has no K in time_limit_test.cpp");
  }
}

TEST_CASE("every algorithm reads its clock every K events and stops within K events of its limit") {
  for (const Case& c : kCases) {
    const Problem p = c.problem();
    WorkClock clock;
    const SolveResult r = solve(p, *find_algorithm(c.algorithm), clock.options(double(kLimit)));
    INFO(std::string(c.algorithm) << ": " << std::string(name_of(r.status)) << ", " << clock.events << " events, " << clock.reads.size()
                     << " clock reads, at most " << clock.longest_gap() << " events apart");
    CHECK(r.status == Status::kTimeout);
    CHECK(clock.longest_gap() <= c.k);
    CHECK(clock.events >= kLimit);  // it did not stop early
    CHECK(clock.events <= kLimit + c.k);
    CHECK(r.solution.offsets.size() == p.buffers.size());
  }
}

TEST_CASE("every algorithm answers a cancel within K events") {
  for (const Case& c : kCases) {
    const Problem p = c.problem();
    WorkClock clock;
    clock.cancel_at = kLimit;
    const SolveResult r = solve(p, *find_algorithm(c.algorithm), clock.options(0));  // no limit
    INFO(std::string(c.algorithm) << ": " << std::string(name_of(r.status)) << ", " << clock.events << " events");
    CHECK(r.status == Status::kCancelled);
    CHECK(clock.events >= kLimit);
    CHECK(clock.events <= kLimit + c.k);
  }
}

// auto records each stage's events and hands on only the winner's, so its work is not visible
// as it goes; what it adds to its stages is the hand-over: the same clock and cancel flag to
// each, and no stage started once the time is up. A clock that advances one second per read:
// limits of 3 to 200 reads, and a cancel at that read.
void check_auto_limits(const Problem& p) {
  for (const int64_t limit : {3, 10, 40, 200}) {
    std::atomic<bool> cancel{false};
    int64_t reads = 0, cancel_at = -1, past_limit = 0;
    auto clock = [&] {
      ++reads;
      if (reads == cancel_at) cancel = true;
      if (reads > limit) ++past_limit;
      return double(reads);
    };
    const SolveResult timed = solve(p, *find_algorithm("auto"), {.timeout_seconds = double(limit), .clock = clock});
    INFO("limit " << limit << ": " << timed.algorithm << ", " << reads << " reads");
    CHECK(timed.status == Status::kTimeout);
    // A stage's limit starts at its first read, one after auto set its budget: its read at the
    // limit and the next, its caller's, and auto's own.
    CHECK(past_limit <= 4);
    reads = 0;
    past_limit = 0;
    cancel_at = limit;
    const SolveResult cancelled = solve(p, *find_algorithm("auto"), {.cancel = &cancel, .clock = clock});
    INFO("cancelled: " << cancelled.algorithm << ", " << reads << " reads");
    CHECK(cancelled.status == Status::kCancelled);
    CHECK(past_limit <= 4);
  }
}

// Out of time, auto says how near its stages came: the lowest complete allocation any of them
// built, above the capacity (the page said only "timeout, stopped after placing 32768 of
// 100000 buffers" where best-fit had needed 2.3% more than the capacity).
TEST_CASE("auto out of time names the lowest complete allocation its stages found") {
  const Problem p = generate({.kind = GeneratorKind::kPacking, .count = 1500, .seed = 1});  // capacity = its bound
  const SolveResult fit = solve(p, *find_algorithm("best-fit"), {});
  REQUIRE(fit.status != Status::kSolved);  // best-fit builds a complete allocation above the capacity
  const Size best_fit_peak = peak_of(p, fit.solution);
  REQUIRE(best_fit_peak > p.capacity);
  int64_t reads = 0;
  const SolveResult r = solve(p, *find_algorithm("auto"), {.timeout_seconds = 40, .clock = [&] { return double(++reads); }});
  REQUIRE(r.status == Status::kTimeout);
  INFO(r.detail);
  const std::string said = "the lowest complete allocation found (";
  const size_t at = r.detail.find(said);
  REQUIRE(at != std::string::npos);
  const size_t needs = r.detail.find("needs ", at);
  REQUIRE(needs != std::string::npos);
  const Size peak = std::stoll(r.detail.substr(needs + 6));
  CHECK(peak > p.capacity);
  CHECK(peak <= best_fit_peak);
  CHECK(r.detail.find("above the capacity " + std::to_string(p.capacity)) != std::string::npos);
}

TEST_CASE("auto stops at the first clock read past its limit, or its cancel, whatever stage runs") {
  const Problem small = hard_packing();
  // The second is past kExactSettlesUpTo buffers: the improvement runs before the searches.
  const Problem large = generate({.kind = GeneratorKind::kPacking, .count = 1500, .seed = 1});
  for (const Problem* p : {&small, &large}) check_auto_limits(*p);
}

}  // namespace
}  // namespace tela::test
