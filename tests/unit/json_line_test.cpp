// The trace file's fast line writer against nlohmann's JSON, which wrote every line before: the
// same bytes for every string and for whole trace files.
#include <nlohmann/json.hpp>

#include <sstream>

#include "analysis/sections.h"
#include "io/json_line.h"
#include "io/trace_io.h"
#include "services/generate.h"
#include "services/record.h"
#include "services/record_packed.h"
#include "../common/random.h"
#include "support.h"

namespace tela::test {
namespace {

using json = nlohmann::ordered_json;

std::string written(const std::string& value) {
  JsonLine line;
  line.begin("t");
  line.field("s", value);
  std::ostringstream out;
  line.end(out);
  line.flush(out);
  return out.str();
}

TEST_CASE("strings are escaped as nlohmann escapes them") {
  std::vector<std::string> samples = {"", "b17", "q\"uote", "back\\slash", "tab\there",
                                      "nl\ncr\r", std::string("nul\0x", 5), "\x01\x1f\x7f",
                                      "\xc3\xbc\xc3\xb1", "mixed \xe2\x82\xac \"x\"\n"};
  Random random(7);
  for (int i = 0; i < 2000; ++i) {  // random ASCII, control characters included
    std::string s(random.below(12), ' ');
    for (char& c : s) c = char(random.below(128));
    samples.push_back(s);
  }
  for (const std::string& s : samples)
    CHECK(written(s) == json{{"type", "t"}, {"s", s}}.dump() + "\n");
}

// The writer as it was (one nlohmann object per line), kept here as the oracle.
std::string oracle(const RecordedRun& run) {
  std::string out = json{{"type", "header"}, {"format", "tela-trace"}, {"version", 1},
                         {"algorithm", run.result.algorithm}, {"capacity", run.problem.capacity},
                         {"buffers", run.problem.buffers.size()}}.dump() + "\n";
  for (const Buffer& b : run.problem.buffers) {
    json j = {{"type", "buffer"}, {"id", b.id}, {"lower", b.lower}, {"upper", b.upper},
              {"size", b.size},   {"alignment", b.alignment}};
    if (b.fixed_offset) j["offset"] = *b.fixed_offset;
    out += j.dump() + "\n";
  }
  for (size_t i = 0; i < run.trace.events.size(); ++i) {
    const TraceEvent& e = run.trace.events[i];
    const std::span<const BufferIndex> causes = run.trace.causes_of(i);
    json j = {{"type", "event"}, {"step", i}, {"kind", name_of(e.kind)}};
    if (e.buffer >= 0) j["buffer"] = e.buffer;
    if (e.kind != EventKind::kConsider) j["offset"] = e.offset;
    if (e.kind == EventKind::kPropagate || e.kind == EventKind::kConflict ||
        e.kind == EventKind::kMajorBacktrack)
      j["limit"] = e.limit;
    if (e.time_upper > e.time_lower) j["time"] = {e.time_lower, e.time_upper};
    if (e.reason != Reason::kNone) j["reason"] = name_of(e.reason);
    if (!causes.empty()) j["causes"] = std::vector<BufferIndex>(causes.begin(), causes.end());
    j["text"] = describe(run.problem, e, causes);
    out += j.dump() + "\n";
  }
  json offsets = json::array();
  for (Offset o : run.result.solution.offsets) offsets.push_back(o == kUnplaced ? json(nullptr) : json(o));
  json result = {{"type", "result"}, {"status", name_of(run.result.status)},
                 {"peak", run.result.peak}, {"lower_bound", run.lower_bound}, {"offsets", offsets}};
  if (!run.result.detail.empty()) result["detail"] = run.result.detail;
  return out + result.dump() + "\n";
}

TEST_CASE("trace files are byte for byte what nlohmann wrote, for every algorithm") {
  for (const Algorithm& a : algorithms())
    for (uint64_t seed = 1; seed <= 6; ++seed) {
      Problem p = generate({.kind = seed % 2 ? GeneratorKind::kPacking : GeneratorKind::kMlTrace,
                            .count = 40, .seed = seed});
      p.buffers[0].id = "odd \"id\"\t\xc3\xbc";  // escapes and UTF-8 in every line that names it
      if (seed == 3) p.capacity -= 1;               // a failed run: conflicts, backtracks, nulls
      RecordedRun run;
      run.problem = p;
      run.result = solve_recording(p, a, {.timeout_seconds = 1}, &run.trace, 20000);
      run.lower_bound = lower_bound(compute_sections(p));
      std::ostringstream out;
      write_trace_jsonl(out, run);
      CAPTURE(a.name);
      CAPTURE(seed);
      CHECK(out.str() == oracle(run));
      if (run.result.status == Status::kSolved) CHECK(validate(p, run.result.solution).ok());
      // Recorded packed (what tela trace does), the file is the same, byte for byte.
      PackedRun packed;
      packed.problem = p;
      packed.result = solve_packed(p, a, {.timeout_seconds = 1}, packed.trace, 20000);
      packed.lower_bound = run.lower_bound;
      packed.result.seconds = run.result.seconds;  // (not in the file; the rest must agree)
      std::ostringstream packed_out;
      write_trace_jsonl(packed_out, packed);
      // (Runs cut by the clock may stop at different steps.)
      if (run.result.status != Status::kTimeout && packed.result.status != Status::kTimeout)
        CHECK(packed_out.str() == out.str());
      if (packed.result.status == Status::kSolved) CHECK(validate(p, packed.result.solution).ok());
    }
}

}  // namespace
}  // namespace tela::test
