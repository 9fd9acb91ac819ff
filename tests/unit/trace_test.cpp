#include <algorithm>
#include <sstream>

#include "analysis/sections.h"
#include "io/trace_io.h"
#include "services/generate.h"
#include "../common/random.h"
#include "support.h"

namespace tela::test {
namespace {

RecordedRun record(const Problem& p, const Algorithm& a) {
  RecordedRun run;
  run.problem = p;
  run.result = solve(p, a, {.timeout_seconds = 10, .observer = &run.trace});
  run.lower_bound = lower_bound(compute_sections(p));
  return run;
}

// "kind buffer offset" per event: the golden form of a trace.
std::vector<std::string> steps_of(const Trace& trace) {
  std::vector<std::string> steps;
  for (const TraceEvent& e : trace.events) {
    std::string step = std::string(name_of(e.kind)) + " " + std::to_string(e.buffer);
    if (e.kind == EventKind::kPlace) step += " @" + std::to_string(e.offset);
    steps.push_back(step);
  }
  return steps;
}

TEST_CASE("greedy's trace on the example: golden event sequence") {
  const Problem p = problem_from_file(TELA_SOURCE_DIR "/assets/examples/input.12.csv", 12);
  const RecordedRun run = record(p, *find_algorithm("greedy"));
  // All five are 4 bytes: longest-lived first (b5, b4, b3, b2, b1).
  CHECK(steps_of(run.trace) == std::vector<std::string>{
                                   "consider 4", "place 4 @0", "consider 3", "place 3 @4",
                                   "consider 2", "place 2 @4", "consider 1", "place 1 @8",
                                   "consider 0", "place 0 @8"});
  CHECK(describe(p, run.trace.events[3], {}) ==
        "b4 placed at 4: the lowest offset clear of every buffer live during [9, 21)");
}

TEST_CASE("best-fit's trace on the example: golden event sequence") {
  const Problem p = problem_from_file(TELA_SOURCE_DIR "/assets/examples/input.12.csv", 12);
  const RecordedRun run = record(p, *find_algorithm("best-fit"));
  // Program order: b1, b3, b5 start at 0; b2 at 3 reuses b1's gap; b4 at 9 reuses b2's and b3's.
  CHECK(steps_of(run.trace) == std::vector<std::string>{
                                   "consider 0", "place 0 @0", "consider 2", "place 2 @4",
                                   "consider 4", "place 4 @8", "consider 1", "place 1 @0",
                                   "consider 3", "place 3 @0"});
  CHECK(run.trace.events[7].reason == Reason::kBestFitGap);
}

TEST_CASE("replaying a trace's placements gives the algorithm's solution") {
  for (const Algorithm& a : algorithms())
    for (uint64_t seed = 1; seed <= 10; ++seed) {
      Problem p = generate({.kind = GeneratorKind::kMlTrace, .count = 200, .seed = seed});
      p.capacity *= 2;  // room enough for every algorithm to finish
      const RecordedRun run = record(p, a);
      REQUIRE(run.result.status == Status::kSolved);
      Solution replayed{std::vector<Offset>(p.buffers.size(), kUnplaced)};
      for (const TraceEvent& e : run.trace.events) {
        if (e.kind == EventKind::kPlace) replayed.offsets[size_t(e.buffer)] = e.offset;
        if ((e.kind == EventKind::kMinorBacktrack || e.kind == EventKind::kMajorBacktrack) && e.buffer >= 0)
          replayed.offsets[size_t(e.buffer)] = kUnplaced;  // (none: a jump that lifts nothing)
      }
      CHECK(replayed.offsets == run.result.solution.offsets);
    }
}

TEST_CASE("an observer changes nothing about the result") {
  for (const Algorithm& a : algorithms()) {
    Problem p = generate({.kind = GeneratorKind::kRandom, .count = 300, .seed = 4});
    p.capacity *= 2;  // room enough for every algorithm to finish quickly
    Trace trace;
    CHECK(solve(p, a, {}).solution.offsets == solve(p, a, {.observer = &trace}).solution.offsets);
    std::vector<bool> placed(p.buffers.size(), false);
    for (const TraceEvent& e : trace.events)
      if (e.kind == EventKind::kPlace) placed[size_t(e.buffer)] = true;
    CHECK(std::count(placed.begin(), placed.end(), true) == int64_t(p.buffers.size()));
  }
}

TEST_CASE("a trace file reads back as it was written") {
  Problem p = problem_from("id,lower,upper,size,alignment,offset\na,0,3,4,4,\nb,1,5,2,1,8\n", 12);
  RecordedRun run = record(p, *find_algorithm("best-fit"));
  // Events no baseline emits yet, so every field and the causes go through the file too.
  const std::vector<BufferIndex> causes = {0, 1};
  run.trace.on_event({EventKind::kConflict, Reason::kOverlapsPlaced, 1, 0, 0, 2, 4}, causes);
  // A conflict of a time keeps its room and what is left; a major backtrack its conflict's step.
  run.trace.on_event({EventKind::kConflict, Reason::kRoomAboveLast, -1, 3, 5, 2, 4}, causes);
  run.trace.on_event({EventKind::kMajorBacktrack, Reason::kAfterBlamed, 0, 0, 5}, causes);
  run.trace.on_event({EventKind::kPropagate, Reason::kOverlapsPlaced, 0, 4, 8}, {});
  run.trace.on_event({EventKind::kSkyline, Reason::kNone, -1, 6, 0, 1, 3}, {});
  std::stringstream file;
  write_trace_jsonl(file, run);
  const TraceReadResult back = read_trace_jsonl(file, "t.jsonl");
  INFO((back.error ? back.error->message() : ""));
  REQUIRE_FALSE(back.error);
  const RecordedRun& r = back.run;
  CHECK(r.problem.capacity == 12);
  REQUIRE(r.problem.buffers.size() == 2);
  CHECK(r.problem.buffers[0].alignment == 4);
  CHECK(r.problem.buffers[1].fixed_offset == 8);
  CHECK(r.result.algorithm == "best-fit");
  CHECK(r.result.status == run.result.status);
  CHECK(r.result.solution.offsets == run.result.solution.offsets);
  CHECK(r.lower_bound == 6);
  REQUIRE(r.trace.events.size() == run.trace.events.size());
  for (size_t i = 0; i < r.trace.events.size(); ++i) {
    const TraceEvent &x = r.trace.events[i], &y = run.trace.events[i];
    CHECK(x.kind == y.kind);
    CHECK(x.reason == y.reason);
    CHECK(x.buffer == y.buffer);
    CHECK(x.time_lower == y.time_lower);
    CHECK(x.time_upper == y.time_upper);
    if (x.kind != EventKind::kConsider) CHECK(x.offset == y.offset);
    if (x.kind == EventKind::kConflict || x.kind == EventKind::kMajorBacktrack) CHECK(x.limit == y.limit);
    CHECK(std::vector<BufferIndex>(r.trace.causes_of(i).begin(), r.trace.causes_of(i).end()) ==
          std::vector<BufferIndex>(run.trace.causes_of(i).begin(), run.trace.causes_of(i).end()));
  }
  CHECK(r.trace.events.back().kind == EventKind::kSkyline);
  CHECK(r.trace.events[r.trace.events.size() - 2].limit == 8);
}

TEST_CASE("every event kind reads as a sentence") {
  const Problem p = problem_from("id,lower,upper,size\nb3,0,10,4\nb9,0,10,4\nb17,0,10,8\n", 16);
  const std::vector<BufferIndex> blockers = {0, 1};
  // b17 would rest on b3 (which rests on b9), from 12 up: 8 bytes pass the capacity, 16.
  CHECK(describe(p, {EventKind::kConflict, Reason::kCapacityExceeded, 2, 12, 0, 0, 10}, blockers) ==
        "b17 has no offset left: b3 reaches up to 12 beside it during [0, 10), and from 12 up its "
        "8 bytes pass the capacity, 16; blamed: b3 and the block it rests on, b9");
  CHECK(describe(p, {EventKind::kConflict, Reason::kRoomAboveBlock, -1, 3, 4, 2, 3}, blockers) ==
        "no room during [2, 3): 3 bytes are left above b3 for 4 bytes still to place; blamed: b3 "
        "and the block it rests on, b9");
  CHECK(describe(p, {EventKind::kConflict, Reason::kRoomAboveLast, -1, 3, 4, 2, 3}, blockers) ==
        "no room during [2, 3): blocks settle bottom-up, so nothing goes below b3, just placed; 3 "
        "bytes are left above its offset for 4 bytes still to place; blamed: b3 and the block it "
        "rests on, b9");
  CHECK(describe(p, {EventKind::kConflict, Reason::kSectionFull, -1, 1, 4, 2, 3}, {}) ==
        "no room during [2, 3): above the lowest offset what is left there can take, 1 byte is "
        "left for 4 bytes still to place");
  CHECK(describe(p, {EventKind::kPropagate, Reason::kOverlapsPlaced, 2, 8, 8}, blockers) ==
        "b17 can now only go at offsets 8..8: b3 and b9 overlap it in time");
  CHECK(describe(p, {EventKind::kMinorBacktrack, Reason::kRetry, 0, 4}, {}) ==
        "b3 lifted out of 4 (minor backtrack): to try the next candidate");
  // A major backtrack names its conflict (step 7), what that blamed (b3 resting on b9) and the
  // placement the search jumps back to before, the earliest of those (b9: causes[0]).
  const std::vector<BufferIndex> jump = {1, 0, 1};
  CHECK(describe(p, {EventKind::kMajorBacktrack, Reason::kExplanation, 1, 0, 7}, jump) ==
        "b9 lifted out of 0 (major backtrack): the conflict at step 7 blames b3 and b9; b9 is the "
        "earliest of them, and the search jumps back to before it");
  CHECK(describe(p, {EventKind::kMajorBacktrack, Reason::kExplanation, 0, 4, 7}, jump) ==
        "b3 lifted out of 4 (major backtrack): the conflict at step 7 blames b3 and b9, and the "
        "search jumps back to before b9, the earliest of them");
  // An older trace file, without the conflict: nothing it cannot back up.
  CHECK(describe(p, {EventKind::kMajorBacktrack, Reason::kExplanation, 1, 0}, {}) ==
        "b9 lifted out of 0 (major backtrack): the search jumps back to before the earliest "
        "placement a conflict blames (which one, this trace does not say)");
  CHECK(describe(p, {EventKind::kMajorBacktrack, Reason::kAfterBlamed, 2, 8, 7}, jump) ==
        "b17 lifted out of 8 (major backtrack): it was placed after b9, and the conflict at step 7 "
        "blames b3 and b9, so the search jumps back to before b9, the earliest of them");
  // A jump whose conflict blames nothing placed in its phase lifts nothing, and says so.
  const std::vector<BufferIndex> outside = {0, 1};
  CHECK(describe(p, {EventKind::kMajorBacktrack, Reason::kExplanation, -1, 0, 7}, outside) ==
        "major backtrack: the conflict at step 7 blames b3 and b9, none of them placed in this phase, so "
        "nothing is lifted; the search ranks what is left again, the buffers that found no room first");
  CHECK(describe(p, {EventKind::kMajorBacktrack, Reason::kExplanation, -1, 0, 0}, {}) ==
        "major backtrack: no conflict blames anything placed in this phase, so nothing is lifted; the "
        "search ranks what is left again, the buffers that found no room first");
  CHECK(describe(p, {EventKind::kSkyline, Reason::kNone, -1, 12, 0, 0, 10}, {}) ==
        "the skyline over [0, 10) rises to 12");
  CHECK(describe(p, {EventKind::kPhase, Reason::kNone, -1, 2, 0, 0, 10}, {}) ==
        "phase 2 begins, covering time [0, 10)");
  CHECK(describe(p, {EventKind::kConsider, Reason::kContention, 2}, {}) ==
        "consider b17: it lives in the most contended time");
}

TEST_CASE("names of kinds and reasons round-trip") {
  for (int k = 0; k < kEventKindCount; ++k) {
    EventKind kind{};
    REQUIRE(event_kind_from_name(name_of(EventKind(k)), kind));
    CHECK(kind == EventKind(k));
  }
  for (int r = 0; r < kReasonCount; ++r) {
    Reason reason{};
    REQUIRE(reason_from_name(name_of(Reason(r)), reason));
    CHECK(reason == Reason(r));
  }
}

TEST_CASE("a problem's metadata goes through a trace file") {
  Problem p = problem_from("id,lower,upper,size,op\na,0,3,4,Conv2D\nb,1,5,2,\"x,\"\"y\"\"\"\n", 12);
  const RecordedRun run = record(p, *find_algorithm("greedy"));
  std::stringstream file;
  write_trace_jsonl(file, run);
  const TraceReadResult back = read_trace_jsonl(file, "t.jsonl");
  REQUIRE_FALSE(back.error);
  CHECK(back.run.problem.metadata.names == std::vector<std::string>{"op"});
  CHECK(back.run.problem.metadata.values[0] == std::vector<std::string>{"Conv2D", "x,\"y\""});
}

void check_rejected(const std::string& text, int64_t line, const std::string& words) {
  std::istringstream in(text);
  const TraceReadResult r = read_trace_jsonl(in, "t.jsonl");
  REQUIRE(r.error);
  INFO(r.error->message());
  CHECK(r.error->line == line);
  CHECK(r.error->what.find(words) != std::string::npos);
  CHECK(r.run.trace.events.empty());
}

TEST_CASE("a malformed trace file is rejected with the line and what is wrong") {
  const std::string header =
      "{\"type\":\"header\",\"format\":\"tela-trace\",\"version\":1,\"capacity\":8,\"buffers\":1}\n";
  const std::string buffer = "{\"type\":\"buffer\",\"id\":\"a\",\"lower\":0,\"upper\":2,\"size\":4}\n";
  const std::string result =
      "{\"type\":\"result\",\"status\":\"solved\",\"peak\":4,\"lower_bound\":4,\"offsets\":[0]}\n";
  check_rejected("", 0, "empty");
  check_rejected("not json\n", 1, "not valid JSON: syntax error");
  check_rejected("[1, 2]\n", 1, "a JSON array, not an object");
  {  // where a line stops being JSON: its column
    std::istringstream in(header + "{\"type\":\"buffer\",}\n");
    const TraceReadResult r = read_trace_jsonl(in, "t.jsonl");
    REQUIRE(r.error);
    INFO(r.error->message());
    CHECK(r.error->message().rfind("t.jsonl:2:18: not valid JSON: syntax error while parsing object key", 0) == 0);
  }
  check_rejected("{\"type\":\"buffer\"}\n", 1, "header");
  check_rejected(header + buffer + "{\"type\":\"event\",\"kind\":\"teleport\"}\n" + result, 3,
                 "unknown event kind 'teleport'");
  check_rejected(header + buffer + "{\"type\":\"event\",\"kind\":\"place\",\"buffer\":7}\n" + result, 3,
                 "does not name a buffer");
  check_rejected(header + buffer + "{\"type\":\"event\",\"kind\":\"place\",\"offset\":\"x\"}\n", 3,
                 "not an integer");
  check_rejected(header + buffer, 2, "without a result");
  check_rejected(header + result, 2, "field 'offsets'");
  check_rejected(header + buffer + result + buffer, 4, "after the result");
  check_rejected(header + "{\"type\":\"buffer\",\"id\":\"a\",\"lower\":3,\"upper\":2,\"size\":4}\n", 2,
                 "malformed");
  // The CSV reader's limits: numbers within +-2^62, sizes adding up to at most 2^62.
  check_rejected(header + "{\"type\":\"buffer\",\"id\":\"a\",\"lower\":0,\"upper\":2,"
                          "\"size\":9000000000000000000}\n", 2, "field 'size' is out of range");
  check_rejected(header + "{\"type\":\"buffer\",\"id\":\"a\",\"lower\":0,\"upper\":18446744073709551615,"
                          "\"size\":4}\n", 2, "field 'upper' is out of range");
  const std::string big = "{\"type\":\"buffer\",\"id\":\"a\",\"lower\":0,\"upper\":2,\"size\":3000000000000000000}\n";
  std::string second = big;
  second.replace(second.find("\"a\""), 3, "\"b\"");
  check_rejected(header + big + second, 3, "add up to more than 2^62");
  // A size and an alignment of 2^62 each: their sum once overflowed 64 bits.
  check_rejected(header + "{\"type\":\"buffer\",\"id\":\"a\",\"lower\":0,\"upper\":2,\"size\":4611686018427387904,"
                          "\"alignment\":4611686018427387904}\n", 2, "add up to more than 2^62");
  check_rejected(header + "{\"type\":\"buffer\",\"id\":\"a\",\"lower\":0,\"upper\":2,\"size\":4,"
                          "\"offset\":4611686018427387904}\n", 2, "ends past 2^62");
  const std::string with_metadata =
      "{\"type\":\"header\",\"format\":\"tela-trace\",\"version\":1,\"capacity\":8,\"buffers\":1,"
      "\"metadata\":[\"op\"]}\n";
  check_rejected(with_metadata + buffer + result, 2, "needs 'meta': one text per metadata column (1)");
  check_rejected(header.substr(0, header.size() - 2) + ",\"metadata\":[1]}\n" + buffer + result, 1,
                 "not a list of column names");
  check_rejected(header + buffer + "{\"type\":\"event\",\"kind\":\"tele\\u0000port\"}\n" + result, 3,
                 "unknown event kind 'tele\\0port'");
  check_rejected(header + buffer +
                     "{\"type\":\"result\",\"status\":\"solved\",\"peak\":4,\"lower_bound\":4,"
                     "\"offsets\":[9223372036854775807]}\n",
                 3, "within +-2^62");
}

TEST_CASE("mutated trace files are read back or rejected with a line, never a crash") {
  const Problem p = problem_from("id,lower,upper,size\na,0,3,4\nb,1,5,2\n", 8);
  std::stringstream file;
  write_trace_jsonl(file, record(p, *find_algorithm("best-fit")));
  const std::string valid = file.str();
  const std::string alphabet = "{}[]\":,0123456789-nulltrue \n";
  Random random(11);
  for (int round = 0; round < 2000; ++round) {
    std::string text = valid;
    for (uint64_t edits = 1 + random.below(3); edits > 0; --edits) {
      const size_t at = size_t(random.below(text.size()));
      text[at] = alphabet[size_t(random.below(alphabet.size()))];
    }
    std::istringstream in(text);
    const TraceReadResult r = read_trace_jsonl(in, "t.jsonl");
    if (r.error) {
      CHECK(r.error->line >= 0);
      CHECK_FALSE(r.error->what.empty());
      continue;
    }
    // Accepted: every event names a buffer of the file (or none) and offsets match the buffers.
    CHECK(r.run.result.solution.offsets.size() == r.run.problem.buffers.size());
    for (const TraceEvent& e : r.run.trace.events)
      CHECK(e.buffer < BufferIndex(r.run.problem.buffers.size()));
  }
}

}  // namespace
}  // namespace tela::test
