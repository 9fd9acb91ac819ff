// Every step's sentence is true of what the page draws at that step. The page replays a trace:
// at step K it shows the offsets after K events and the sentence of event K. This test replays
// traces the same way and checks each claim a sentence makes that the replayed state can
// confirm: a named block is placed where the sentence puts it and lives in the time it names,
// the bytes it counts are the bytes there, a lifted block was placed, and a major backtrack
// names an earlier conflict and a true reason for lifting each block.
//
// Checks are keyed on reason names (not the enum) and a few sentence shapes, so that the same
// test also runs against older traces and says what was wrong with them.
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "analysis/sections.h"
#include "model/trace.h"
#include "services/generate.h"
#include "support.h"

namespace tela::test {
namespace {

bool reason_is(const TraceEvent& e, const char* name) { return std::string(name_of(e.reason)) == name; }

bool overlaps(const Buffer& a, TimeValue lower, TimeValue upper) {
  return a.lower < upper && lower < a.upper;
}
bool overlaps(const Buffer& a, const Buffer& b) { return overlaps(a, b.lower, b.upper); }

// The state drawn at a step: every block's offset (pre-placed ones always drawn where they are
// fixed), and when each was last placed.
struct Drawn {
  const Problem& problem;
  std::vector<Offset> replayed;
  std::vector<int64_t> placed_step;

  explicit Drawn(const Problem& p)
      : problem(p), replayed(p.buffers.size(), kUnplaced), placed_step(p.buffers.size(), 0) {}
  Offset at(BufferIndex b) const {
    const Buffer& buffer = problem.buffers[size_t(b)];
    return replayed[size_t(b)] != kUnplaced ? replayed[size_t(b)]
                                            : buffer.fixed_offset.value_or(kUnplaced);
  }
  bool placed(BufferIndex b) const { return at(b) != kUnplaced; }
  Offset top(BufferIndex b) const { return at(b) + problem.buffers[size_t(b)].size; }
  void apply(const TraceEvent& e, int64_t step) {
    if (e.kind == EventKind::kPlace) {
      replayed[size_t(e.buffer)] = e.offset;
      placed_step[size_t(e.buffer)] = step;
    }
    if ((e.kind == EventKind::kMinorBacktrack || e.kind == EventKind::kMajorBacktrack) && e.buffer >= 0)
      replayed[size_t(e.buffer)] = kUnplaced;  // (none: a jump that lifts nothing)
  }
  // The bytes still to place during [lower, upper): unplaced blocks live there.
  Size unplaced_load(TimeValue lower, TimeValue upper) const {
    Size load = 0;
    for (size_t b = 0; b < problem.buffers.size(); ++b)
      if (!placed(BufferIndex(b)) && overlaps(problem.buffers[b], lower, upper))
        load += problem.buffers[b].size;
    return load;
  }
  // The free bytes above `floor` during [lower, upper): the capacity less the floor and less
  // the pre-placed blocks above it. (Conflicts of a time concern one section, where every
  // block live somewhere in it is live throughout.)
  Offset room_above(Offset floor, TimeValue lower, TimeValue upper) const {
    Offset room = problem.capacity - floor;
    for (const Buffer& b : problem.buffers)
      if (b.fixed_offset && overlaps(b, lower, upper))
        room -= std::max<Offset>(0, *b.fixed_offset + b.size - std::max(*b.fixed_offset, floor));
    return room;
  }
  // The skyline during [lower, upper): the highest top of the blocks placed there by the
  // algorithm (0: none). Pre-placed blocks are not part of it: blocks go around them.
  Offset skyline(TimeValue lower, TimeValue upper) const {
    Offset height = 0;
    for (size_t b = 0; b < problem.buffers.size(); ++b)
      if (replayed[b] != kUnplaced && !problem.buffers[b].fixed_offset &&
          overlaps(problem.buffers[b], lower, upper))
        height = std::max(height, top(BufferIndex(b)));
    return height;
  }
};

struct Checker {
  const Problem& problem;
  const Trace& trace;
  Drawn drawn{problem};
  std::set<std::string> seen;  // the kinds of claims checked, to be sure the inputs reach them

  Checker(const Problem& p, const Trace& t) : problem(p), trace(t) {}

  std::string id(BufferIndex b) const { return problem.buffers[size_t(b)].id; }
  bool has_fixed() const {
    return std::any_of(problem.buffers.begin(), problem.buffers.end(),
                       [](const Buffer& b) { return b.fixed_offset.has_value(); });
  }

  // A conflict's explanation: causes[0] to blame, each next one the block the previous rests on.
  void check_chain(std::span<const BufferIndex> causes) const {
    for (size_t i = 0; i < causes.size(); ++i) {
      INFO("blamed " << id(causes[i]));
      REQUIRE(drawn.placed(causes[i]));
      if (i == 0) continue;
      CHECK(overlaps(problem.buffers[size_t(causes[i])], problem.buffers[size_t(causes[i - 1])]));
      CHECK(drawn.top(causes[i]) <= drawn.at(causes[i - 1]));
    }
  }

  void place(const TraceEvent& e) {
    const Buffer& b = problem.buffers[size_t(e.buffer)];
    CHECK(e.offset >= 0);  // (baselines may go past the capacity: drawn above its line)
    for (size_t o = 0; o < problem.buffers.size(); ++o) {  // drawn over no block live alongside
      const Buffer& other = problem.buffers[o];
      if (BufferIndex(o) == e.buffer || !drawn.placed(BufferIndex(o)) || !overlaps(b, other)) continue;
      INFO("overlaps " << other.id);
      CHECK((e.offset >= drawn.top(BufferIndex(o)) || e.offset + b.size <= drawn.at(BufferIndex(o)) ||
             b.size == 0 || other.size == 0));
    }
    if (reason_is(e, "skyline-fit")) {  // "the lowest offset the skyline allows"
      CHECK(e.offset >= drawn.skyline(b.lower, b.upper));
      if (b.alignment == 1 && !has_fixed()) CHECK(e.offset == drawn.skyline(b.lower, b.upper));
      seen.insert("skyline-fit");
    }
  }

  void propagate(const TraceEvent& e, std::span<const BufferIndex> causes) {
    if (causes.size() != 1 || e.time_upper <= e.time_lower) return;
    // "x cannot go below N: c reaches up to N during [a, b)"
    const Buffer& b = problem.buffers[size_t(e.buffer)];
    const Buffer& c = problem.buffers[size_t(causes[0])];
    REQUIRE(drawn.placed(causes[0]));
    CHECK(drawn.top(causes[0]) == e.offset);
    CHECK(e.time_lower == std::max(b.lower, c.lower));
    CHECK(e.time_upper == std::min(b.upper, c.upper));
    seen.insert("propagate");
  }

  void conflict_of_buffer(const TraceEvent& e, std::span<const BufferIndex> causes,
                          const std::string& text) {
    CHECK_FALSE(drawn.placed(e.buffer));
    if (causes.empty()) return;
    // "v has no offset left: s reaches up to N beside it during [a, b), and from N up ..."
    check_chain(causes);
    const Buffer& v = problem.buffers[size_t(e.buffer)];
    CHECK(overlaps(v, problem.buffers[size_t(causes[0])]));
    CHECK(drawn.top(causes[0]) == e.offset);
    CHECK((align_up(e.offset, v.alignment) + v.size > problem.capacity || has_fixed()));
    // Every buffer named as filling the space must be live there.
    static const std::regex fill(R"(: (.+) fill the space during)");
    std::smatch m;
    if (std::regex_search(text, m, fill))
      for (BufferIndex c : causes) {
        INFO(id(c) << " is named as filling the space");
        CHECK(overlaps(problem.buffers[size_t(c)], v));
      }
    seen.insert("conflict-buffer");
  }

  void conflict_of_time(const TraceEvent& e, std::span<const BufferIndex> causes,
                        const std::string& text) {
    const TimeValue lo = e.time_lower, hi = e.time_upper;
    if (reason_is(e, "known-failure")) return;  // (no numbers, no names)
    CHECK(e.limit == drawn.unplaced_load(lo, hi));  // "for N bytes still to place"
    CHECK(e.offset < e.limit);
    if (!reason_is(e, "unfillable")) CHECK(e.offset <= drawn.room_above(drawn.skyline(lo, hi), lo, hi));
    // "N bytes are left above c": c is placed, lives there, tops it, and N is the room above it.
    static const std::regex above(R"( left above (\S+?)(?: for| and|,))");
    std::smatch m;
    if (std::regex_search(text, m, above) && m[1] != "its") {
      REQUIRE_FALSE(causes.empty());
      INFO("the sentence says bytes are left above " << m[1].str());
      CHECK(m[1].str() == id(causes[0]));
      REQUIRE(drawn.placed(causes[0]));
      CHECK(overlaps(problem.buffers[size_t(causes[0])], lo, hi));
      CHECK(drawn.top(causes[0]) == drawn.skyline(lo, hi));
      CHECK(e.offset == drawn.room_above(drawn.top(causes[0]), lo, hi));
      seen.insert("room-above-block");
    }
    if (reason_is(e, "room-above-last")) {
      // "nothing goes below a, just placed; N bytes are left above its offset"
      REQUIRE_FALSE(causes.empty());
      CHECK(drawn.skyline(lo, hi) <= drawn.at(causes[0]));
      CHECK(e.offset == drawn.room_above(drawn.at(causes[0]), lo, hi));
      seen.insert("room-above-last");
    }
    if (!causes.empty()) check_chain(causes);
  }

  // The latest conflict at or before `step` (1-based), 0 for none.
  int64_t latest_conflict(int64_t step) const {
    for (int64_t k = step; k >= 1; --k)
      if (trace.events[size_t(k - 1)].kind == EventKind::kConflict) return k;
    return 0;
  }

  void major_backtrack(const TraceEvent& e, std::span<const BufferIndex> causes, int64_t step) {
    if (!reason_is(e, "explanation") && !reason_is(e, "after-blamed")) return;
    // "the conflict at step K blames ...": K is an earlier conflict (the latest one) and the
    // names are its explanation.
    const int64_t k = e.limit > 0 ? e.limit : latest_conflict(step - 1);
    REQUIRE(k >= 1);
    REQUIRE(k < step);
    REQUIRE(trace.events[size_t(k - 1)].kind == EventKind::kConflict);
    const auto conflict_causes = trace.causes_of(size_t(k - 1));
    const std::set<BufferIndex> named(conflict_causes.begin(), conflict_causes.end());
    // causes: the placement jumped back to, then the conflict's explanation.
    REQUIRE(causes.size() >= 2);
    CHECK(std::vector<BufferIndex>(causes.begin() + 1, causes.end()) ==
          std::vector<BufferIndex>(conflict_causes.begin(), conflict_causes.end()));
    CHECK(named.count(causes[0]) == 1);
    if (reason_is(e, "explanation")) {  // "... blames it"
      INFO(id(e.buffer) << " is said to be blamed by the conflict at step " << k);
      CHECK(named.count(e.buffer) == 1);
    } else {  // "it was placed after d, ..., so the search jumps back to before d"
      CHECK(named.count(e.buffer) == 0);
      REQUIRE(drawn.placed(causes[0]));
      CHECK(drawn.placed_step[size_t(causes[0])] < drawn.placed_step[size_t(e.buffer)]);
      seen.insert("after-blamed");
    }
    // The jump ends by lifting the earliest blamed placement, causes[0], the earliest placed.
    size_t last = size_t(step - 1);
    while (last + 1 < trace.events.size() && trace.events[last + 1].kind == EventKind::kMajorBacktrack)
      ++last;
    CHECK(trace.events[last].buffer == causes[0]);
    for (BufferIndex b : named)
      if (drawn.placed(b) && b != causes[0]) CHECK(drawn.placed_step[size_t(b)] > drawn.placed_step[size_t(causes[0])]);
    seen.insert("major-explanation");
  }

  // "the conflict at step K blames A and B, none of them placed in this phase": K is a conflict
  // before it, with that blame, and none of them is drawn; with no K, nothing is blamed.
  void nothing_lifted(const TraceEvent& e, std::span<const BufferIndex> causes, int64_t step) {
    if (e.limit > 0) {
      REQUIRE(e.limit < step);
      REQUIRE(trace.events[size_t(e.limit - 1)].kind == EventKind::kConflict);
      const auto conflict_causes = trace.causes_of(size_t(e.limit - 1));
      CHECK(std::vector<BufferIndex>(causes.begin(), causes.end()) ==
            std::vector<BufferIndex>(conflict_causes.begin(), conflict_causes.end()));
    } else {
      CHECK(causes.empty());
    }
    seen.insert("major-nothing-lifted");
  }

  void check_step(int64_t step) {
    const TraceEvent& e = trace.events[size_t(step - 1)];
    const auto causes = trace.causes_of(size_t(step - 1));
    const std::string text = describe(problem, e, causes);
    INFO("step " << step << ": " << text);
    switch (e.kind) {
      case EventKind::kPlace: place(e); break;
      case EventKind::kMinorBacktrack:
      case EventKind::kMajorBacktrack:
        if (e.buffer < 0) {  // a jump that lifts nothing: only a major one, naming its conflict's blame
          REQUIRE(e.kind == EventKind::kMajorBacktrack);
          nothing_lifted(e, causes, step);
          break;
        }
        // "x lifted out of N": x was drawn at N.
        CHECK(drawn.replayed[size_t(e.buffer)] == e.offset);
        if (e.kind == EventKind::kMajorBacktrack) major_backtrack(e, causes, step);
        break;
      case EventKind::kPropagate: propagate(e, causes); break;
      case EventKind::kConflict:
        if (e.buffer >= 0) conflict_of_buffer(e, causes, text);
        else conflict_of_time(e, causes, text);
        break;
      default: break;
    }
    drawn.apply(e, step);
  }

  void run() {
    for (int64_t step = 1; step <= int64_t(trace.events.size()); ++step) check_step(step);
  }
};

std::set<std::string> check_run(const Problem& p, std::string_view algo, SolveOptions options) {
  Trace trace;
  options.observer = &trace;
  options.timeout_seconds = 10;
  solve(p, *find_algorithm(algo), options);
  Checker checker(p, trace);
  INFO(algo << " on " << p.buffers.size() << " buffers, capacity " << p.capacity);
  checker.run();
  return checker.seen;
}

TEST_CASE("every sentence of every example's trace is true of the replayed picture") {
  std::ifstream in(TELA_SOURCE_DIR "/assets/examples/examples.json");
  REQUIRE(in);
  const nlohmann::json examples = nlohmann::json::parse(in);
  std::set<std::string> seen;
  for (const auto& x : examples) {
    const std::string file = x.value("file", x["name"].get<std::string>());
    const Problem p = problem_from_file(TELA_SOURCE_DIR "/assets/examples/" + file + ".csv",
                                        x["capacity"].get<Size>());
    SolveOptions options;
    options.telamalloc.minor_backtracks = x.value("minor_backtracks", options.telamalloc.minor_backtracks);
    options.telamalloc.major_backtracks = x.value("major_backtracks", options.telamalloc.major_backtracks);
    for (const Algorithm& a : algorithms()) {
      INFO("example " << x["name"].get<std::string>());
      const std::set<std::string> run = check_run(p, a.name, options);
      seen.insert(run.begin(), run.end());
    }
  }
  // The teaching examples reach each kind of claim that names blocks.
  for (const char* claim : {"skyline-fit", "propagate", "conflict-buffer", "room-above-last",
                            "major-explanation", "after-blamed"}) {
    INFO("no example's trace made a claim of kind " << claim);
    CHECK(seen.count(claim) == 1);
  }
}

// The problem with every third buffer pre-placed where an allocation that fits puts it (the
// problem itself when none is found): pre-placed blocks change what room and "no offset" mean.
Problem pinned(const Problem& p) {
  const SolveResult r = solve(p, *find_algorithm("exact"), {.timeout_seconds = 2});
  Problem q = p;
  if (r.status != Status::kSolved) return q;
  for (size_t b = 0; b < q.buffers.size(); b += 3) q.buffers[b].fixed_offset = r.solution.offsets[b];
  return q;
}

TEST_CASE("every sentence is true on generated problems at tight capacities") {
  std::set<std::string> seen;
  for (GeneratorKind kind : {GeneratorKind::kRandom, GeneratorKind::kMlTrace, GeneratorKind::kPacking})
    for (uint64_t seed = 1; seed <= 8; ++seed) {
      const Problem generated = generate({.kind = kind, .count = 12 + int64_t(seed), .seed = seed, .capacity = 16});
      for (const bool pin : {false, true}) {
        const Problem p = pin ? pinned(generated) : generated;
        const std::string pins = pin ? ", every third buffer pre-placed" : "";
        INFO("kind " << int(kind) << ", seed " << seed << pins);
        for (const Algorithm& a : algorithms()) {
          const std::set<std::string> run = check_run(p, a.name, {});
          seen.insert(run.begin(), run.end());
        }
        // Small budgets: major backtracks, complete rounds and restarts within a few steps.
        for (const TelaMallocParams budget : {TelaMallocParams{0, 4}, TelaMallocParams{2, 1}}) {
          const std::set<std::string> run = check_run(p, "telamalloc", {.telamalloc = budget});
          seen.insert(run.begin(), run.end());
        }
      }
    }
  for (const char* claim : {"conflict-buffer", "room-above-block", "room-above-last",
                            "major-explanation", "after-blamed"}) {
    INFO("no generated trace made a claim of kind " << claim);
    CHECK(seen.count(claim) == 1);
  }
}

}  // namespace
}  // namespace tela::test
