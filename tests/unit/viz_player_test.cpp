// The visualizer's model: playback must reproduce, at every step, the placements the trace
// describes, whatever order the steps are visited in; the profile and the page state follow.
#include <algorithm>
#include <random>

#include "services/generate.h"
#include "services/record.h"
#include "services/registry.h"
#include "viz/model/player.h"
#include "viz/model/profile.h"
#include "viz/model/session.h"
#include "../common/random.h"
#include "support.h"

using namespace tela;
using namespace tela::viz;

namespace {

// The offsets after `step` events, by replaying from zero: the reference for the player.
std::vector<Offset> replay(const RecordedRun& run, int64_t step) {
  std::vector<Offset> offsets(run.problem.buffers.size(), kUnplaced);
  for (size_t b = 0; b < offsets.size(); ++b)  // the pre-placed are there before any step
    if (run.problem.buffers[b].fixed_offset) offsets[b] = *run.problem.buffers[b].fixed_offset;
  for (int64_t i = 0; i < step; ++i) {
    const TraceEvent& e = run.trace.events[size_t(i)];
    if (e.buffer < 0) continue;  // a phase, a conflict of a time, a jump that lifts nothing
    if (e.kind == EventKind::kPlace) offsets[size_t(e.buffer)] = e.offset;
    if (e.kind == EventKind::kMinorBacktrack || e.kind == EventKind::kMajorBacktrack)
      offsets[size_t(e.buffer)] = kUnplaced;
  }
  return offsets;
}

RecordedRun backtracking_run() {
  // The teaching case: with no patience for minor backtracks, a major backtrack follows.
  const Problem p = test::problem_from("id,lower,upper,size\na,0,1,1\nb,3,6,4\nc,2,4,2\nd,0,2,3\ne,0,3,2\n", 6);
  RunRequest request;
  request.telamalloc = {0, 10};
  return record_run(p, request);
}

}  // namespace

TEST_CASE("seeking anywhere, in any order, gives the replayed placements and the final solution") {
  RecordedRun run = record_run(generate({.kind = GeneratorKind::kPacking, .count = 60, .seed = 3}),
                               RunRequest{.algorithm = "telamalloc", .timeout_seconds = 10});
  REQUIRE(run.result.status == Status::kSolved);
  CHECK(validate(run.problem, run.result.solution).verdict == Verdict::kValid);
  Player player(&run);
  REQUIRE(player.steps() > 300);  // longer than a snapshot stride, so snapshots are used
  std::mt19937 random(7);
  for (int i = 0; i < 200; ++i) {
    const int64_t step = int64_t(random() % uint32_t(player.steps() + 1));
    player.seek(step);
    REQUIRE(player.step() == step);
    REQUIRE(player.offsets() == replay(run, step));
  }
  player.seek(player.steps());
  CHECK(player.offsets() == run.result.solution.offsets);
  CHECK(player.counts().peak == run.result.peak);
  CHECK(player.counts().placed == int32_t(run.problem.buffers.size()));
  player.seek(-5);
  CHECK(player.step() == 0);
  CHECK(player.current_event() == nullptr);
}

TEST_CASE("a run without steps (minimize's answer) shows its result from the start") {
  RecordedRun run = backtracking_run();
  const std::vector<Offset> solution = run.result.solution.offsets;
  REQUIRE(run.result.status == Status::kSolved);
  run.trace = Trace{};
  const Player player(&run);
  CHECK(player.steps() == 0);
  CHECK(player.offsets() == solution);
  CHECK(player.counts().placed == int32_t(solution.size()));
  CHECK(player.counts().peak == peak_of(run.problem, run.result.solution));
  test::check_valid_at_peak(run.problem, player.counts().peak, Solution{player.offsets()});
}

// TelaMalloc's restarts lift every block with major-backtrack events, but the run counts only
// its jumps as major backtracks (the page showed 257 in Statistics beside a message saying
// 256): stepping over a restart leaves the count as it was, and at the end the count is the
// run's. A jump that lifts nothing (the conflict blames nothing placed in its phase) has an
// event of its own, with no buffer: without it the replay counted fewer jumps than the run.
TEST_CASE("restarts are not counted as major backtracks; every jump is") {
  // Stopped by the clock at a count the run reports (whatever it is; no duration is asserted),
  // soon enough that every event is recorded (~3 million a second natively, 10^6 kept).
  RunRequest request{.algorithm = "telamalloc", .timeout_seconds = 0.05};
  request.telamalloc = {1, 1};  // a restart after every major backtrack
  const RecordedRun run = record_run(generate({.kind = GeneratorKind::kPacking, .count = 1000, .seed = 1}), request);
  REQUIRE(run.result.status == Status::kTimeout);  // (a 1,000-piece packing: never solved so soon)
  const std::vector<TraceEvent>& events = run.trace.events;
  const auto restart = std::find_if(events.begin(), events.end(), [](const TraceEvent& e) {
    return e.kind == EventKind::kMajorBacktrack && e.reason == Reason::kRestart;
  });
  REQUIRE(restart != events.end());
  auto after = restart;
  while (after != events.end() && after->kind == EventKind::kMajorBacktrack) ++after;
  Player player(&run);
  player.seek(restart - events.begin());  // just before the restart's first event
  const int64_t before = player.counts().major_backtracks;
  player.seek(after - events.begin());    // past its last
  CHECK(player.counts().major_backtracks == before);
  const std::string& d = run.result.detail;
  REQUIRE(d.find("not recorded") == std::string::npos);
  const size_t end = d.find(" major backtracks");
  REQUIRE(end != std::string::npos);
  const size_t begin = d.rfind(' ', end - 1) + 1;
  player.seek(player.steps());
  CHECK(player.counts().major_backtracks == std::stoll(d.substr(begin, end - begin)));
  const auto lifts_nothing = [](const TraceEvent& e) { return e.kind == EventKind::kMajorBacktrack && e.buffer < 0; };
  CHECK(std::count_if(events.begin(), events.end(), lifts_nothing) > 0);  // the case this test is about
}

TEST_CASE("counts and jumps follow the backtracks of the teaching case") {
  const RecordedRun run = backtracking_run();
  REQUIRE(run.result.status == Status::kSolved);
  CHECK(validate(run.problem, run.result.solution).verdict == Verdict::kValid);
  Player player(&run);
  const int64_t major = player.find_next({EventKind::kMajorBacktrack});
  REQUIRE(major > 0);
  player.seek(major);
  REQUIRE(player.current_event()->kind == EventKind::kMajorBacktrack);
  CHECK(player.counts().major_backtracks == 1);
  CHECK(player.counts().minor_backtracks >= 1);
  // A jump lifts its blocks an event each, and counts once, as the run's summary counts it.
  for (int64_t s = major + 1; s <= player.steps() && run.trace.events[size_t(s - 1)].kind == EventKind::kMajorBacktrack; ++s) {
    Player later(&run);
    later.seek(s);
    CHECK(later.counts().major_backtracks == 1);
  }
  // The block lifted by the major backtrack is no longer placed, and the lift is recorded.
  const BufferIndex lifted = player.current_event()->buffer;
  CHECK(player.offsets()[size_t(lifted)] == kUnplaced);
  CHECK(player.last_change_of(lifted) == major);
  CHECK(player.find_previous({EventKind::kMinorBacktrack}) > 0);
  CHECK(player.find_previous({EventKind::kMinorBacktrack}) < major);
  // The peak after each step is the highest top among the blocks placed then.
  for (int64_t s = 0; s <= player.steps(); ++s) {
    player.seek(s);
    CHECK(player.counts().peak == peak_of(run.problem, Solution{replay(run, s)}));
  }
}

TEST_CASE("a propagation gives the selected buffer its domain") {
  const RecordedRun run = backtracking_run();
  Player player(&run);
  const int64_t step = player.find_next({EventKind::kPropagate});
  REQUIRE(step > 0);
  player.seek(step);
  const TraceEvent& e = *player.current_event();
  Offset lowest = -1, highest = -1;
  REQUIRE(player.domain_of(e.buffer, lowest, highest));
  CHECK(lowest == e.offset);
  CHECK(highest == e.limit);
  // Once the buffer is placed its domain is spent: the tooltip shows where it went instead.
  player.seek(player.steps());
  REQUIRE(player.offsets()[size_t(e.buffer)] != kUnplaced);
  CHECK_FALSE(player.domain_of(e.buffer, lowest, highest));
}

TEST_CASE("the step profile: placed load per section") {
  const Problem p = test::problem_from("id,lower,upper,size\nx,0,4,2\ny,2,6,3\n", 5);
  const auto sections = compute_sections(p);  // [0,2) [2,4) [4,6)
  const auto spans = compute_section_spans(p, sections);
  StepProfile profile;
  compute_step_profile(p, spans, {0, 2}, sections.size(), profile);
  CHECK(profile.placed_load == std::vector<Size>{2, 5, 3});
  compute_step_profile(p, spans, {kUnplaced, 0}, sections.size(), profile);
  CHECK(profile.placed_load == std::vector<Size>{0, 3, 3});
}

TEST_CASE("the skyline per column: the highest placed top live in each column's times") {
  const Problem p = test::problem_from("id,lower,upper,size\nx,0,4,2\ny,2,6,3\nz,9,10,1\n", 5);
  const TimeIndex index = index_by_time(p);
  // Times [0, 12) in 12 columns of one time each; the problem's times are [0, 10).
  CHECK(skyline_columns(index, {0, 2, kUnplaced}, 0, 12, 12, 0, 10) ==
        std::vector<double>{2, 2, 5, 5, 5, 5, 0, 0, 0, 0, -1, -1});
  CHECK(skyline_columns(index, {kUnplaced, 0, 4}, 0, 12, 12, 0, 10) ==
        std::vector<double>{0, 0, 3, 3, 3, 3, 0, 0, 0, 5, -1, -1});
  // Three times a column: a column takes the highest of what is live in any of its times.
  CHECK(skyline_columns(index, {0, 2, 4}, 0, 12, 4, 0, 10) == std::vector<double>{5, 5, 0, 5});
  // Random problems against a scan of every buffer and every column's times.
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    test::Random random(seed);
    Problem r;
    std::vector<Offset> offsets;
    for (int i = 0; i < 60; ++i) {
      const TimeValue lower = random.below<TimeValue>(50);
      r.buffers.push_back({.id = "b", .lower = lower, .upper = lower + 1 + random.below<TimeValue>(random.below(5) ? 3 : 40),
                           .size = 1 + random.below<Size>(9)});
      offsets.push_back(random.below(4) ? random.below<Offset>(30) : kUnplaced);
    }
    const TimeIndex ri = index_by_time(r);
    for (int columns : {7, 50, 100}) {
      const double lower = double(random.below<TimeValue>(20)) - 5, upper = lower + 10 + double(random.below<TimeValue>(60));
      const auto sky = skyline_columns(ri, offsets, lower, upper, columns, -1e18, 1e18);
      for (int c = 0; c < columns; ++c) {
        // Column c holds times [t0, t1); a buffer is in it when its life meets that range.
        const double t0 = lower + (upper - lower) * c / columns, t1 = lower + (upper - lower) * (c + 1) / columns;
        double expected = 0;
        for (size_t b = 0; b < r.buffers.size(); ++b)
          if (offsets[b] != kUnplaced && double(r.buffers[b].lower) < t1 && double(r.buffers[b].upper) > t0)
            expected = std::max(expected, double(offsets[b] + r.buffers[b].size));
        INFO("seed " << seed << ", column " << c << " of " << columns);
        CHECK(sky[size_t(c)] == expected);
      }
    }
  }
}

TEST_CASE("sessions: a bad file is rejected with its line; a trace file replays") {
  std::string error;
  CHECK_FALSE(session_from_csv("id,lower,upper,size\na,0,1,x\n", "bad.csv", 0, error));
  CHECK(error.rfind("bad.csv:2:", 0) == 0);
  auto session = session_from_csv("id,lower,upper,size\na,0,2,3\nb,1,3,4\n", "ok.csv", 0, error);
  REQUIRE(session);
  CHECK(session->run.problem.capacity == 7);  // no capacity given: the lower bound
  CHECK_FALSE(session->has_run);

  RecordedRun run = backtracking_run();
  std::ostringstream file;
  write_trace_jsonl(file, run);
  auto replayed = session_from_trace(file.str(), "t.jsonl", error);
  REQUIRE(replayed);
  CHECK(replayed->player.steps() == int64_t(run.trace.events.size()));
  replayed->player.seek(replayed->player.steps());
  CHECK(replayed->player.offsets() == run.result.solution.offsets);
  const std::string json = state_json(replayed.get(), "hi");
  CHECK(json.find("\"status\":\"solved\"") != std::string::npos);
  CHECK(json.find("\"placed\":5") != std::string::npos);
  CHECK_FALSE(session_from_trace("{\"type\":\"header\"}\nnot json\n", "t.jsonl", error));
  CHECK(error.rfind("t.jsonl:", 0) == 0);
}

TEST_CASE("a trace cut short ends on the answer: steps placing each buffer where it has it") {
  const RecordedRun whole = backtracking_run();
  for (int64_t cap = 1; cap < int64_t(whole.trace.events.size()); cap += 3) {
    CAPTURE(cap);
    SolveOptions options;
    options.telamalloc = {0, 10};  // as backtracking_run's
    RecordedRun cut = tela::record_run(whole.problem, *find_algorithm("telamalloc"), options, cap);
    REQUIRE(cut.result.status == Status::kSolved);
    const std::vector<Offset> at_cut = replay(cut, cap);
    auto session = make_session("cut", std::move(cut), true);
    const Player& p = session->player;
    const auto& events = session->run.trace.events;
    // The kept events, then one step per buffer the cut left elsewhere, each to the answer.
    int64_t moved = 0;
    for (size_t b = 0; b < at_cut.size(); ++b) moved += at_cut[b] != session->run.result.solution.offsets[b];
    CHECK(p.steps() == cap + moved);
    for (int64_t i = cap; i < p.steps(); ++i) {
      CHECK(events[size_t(i)].kind == EventKind::kPlace);
      CHECK(events[size_t(i)].reason == Reason::kAnswer);
    }
    CHECK(replay(session->run, p.steps()) == session->run.result.solution.offsets);
    test::check_valid_at_peak(session->run.problem, session->run.result.peak, session->run.result.solution);
  }
  // A trace kept whole is left as it was.
  RecordedRun copy = whole;
  auto session = make_session("whole", std::move(copy), true);
  CHECK(session->run.trace.events.size() == whole.trace.events.size());
}

TEST_CASE("the first step that places a given number of buffers") {
  const RecordedRun run = backtracking_run();
  const Player p(&run);
  CHECK(p.first_step_placing(0) == 0);
  for (int64_t n = 1; n <= 5; ++n) {
    const int64_t step = p.first_step_placing(n);
    REQUIRE(step > 0);
    int64_t placed = 0;
    for (Offset o : replay(run, step)) placed += o != kUnplaced;
    CHECK(placed == n);
    for (Offset o : replay(run, step - 1)) placed -= o != kUnplaced;
    CHECK(placed == 1);  // the step before placed one fewer
  }
  CHECK(p.first_step_placing(6) == -1);
}

TEST_CASE("a pre-placed buffer is drawn where it is fixed from step 0, by every algorithm") {
  // The teaching case "fits but infeasible": v is fixed at 0 during [1, 2).
  for (Size capacity : {Size{3}, Size{4}}) {
    const Problem p = test::problem_from_file(TELA_SOURCE_DIR "/assets/examples/fits-but-infeasible.csv", capacity);
    const size_t v = 4;
    REQUIRE(p.buffers[v].fixed_offset == Offset{0});
    for (const std::string algorithm : {"best-fit", "greedy", "telamalloc", "exact", "auto"}) {
      CAPTURE(capacity);
      CAPTURE(algorithm);
      RunRequest request;
      request.algorithm = algorithm;
      auto session = make_session("fixed", record_run(p, request), true);
      Player& player = session->player;
      CHECK(player.counts().placed == 1);  // step 0: v alone
      CHECK(player.offsets()[v] == 0);
      // Then as the trace goes (exact's search places and lifts v as it does any buffer).
      for (int64_t step = 0; step <= player.steps(); ++step) {
        player.seek(step);
        CHECK(player.offsets() == replay(session->run, step));
      }
      for (const TraceEvent& e : session->run.trace.events)  // the trace was whole: no step added for v
        CHECK_FALSE((e.reason == Reason::kAnswer && e.buffer == BufferIndex(v)));
      if (session->run.result.status == Status::kSolved) {
        CHECK(player.offsets() == session->run.result.solution.offsets);
        test::check_valid_at_peak(p, session->run.result.peak, session->run.result.solution);
      }
    }
  }
}
