// Fuzzes the trace (JSON Lines) reader, which the page uses to replay runs recorded elsewhere.
// Whatever comes in, it must either reject the file with a line and words, or accept a run whose
// buffers are well-formed, whose events name only listed buffers, that writes back to the same
// run, and that the analyses the page runs on it (stats, validation, each event's text) survive.
#include <sstream>
#include <string>

#include "analysis/sections.h"
#include "io/csv.h"
#include "fuzz_check.h"
#include "io/trace_io.h"
#include "model/validator.h"

namespace tela::fuzz {
namespace {

void check_accepted(const RecordedRun& run) {
  const Problem& p = run.problem;
  const int64_t n = int64_t(p.buffers.size());
  for (const Buffer& b : p.buffers)
    FUZZ_CHECK(!b.id.empty() && b.lower < b.upper && b.size >= 0 && b.alignment > 0 &&
                   (b.alignment & (b.alignment - 1)) == 0,
               "a well-formed buffer: " << b.id);
  FUZZ_CHECK(run.result.solution.offsets.size() == p.buffers.size(), "one offset per buffer");
  for (size_t i = 0; i < run.trace.events.size(); ++i) {
    FUZZ_CHECK(run.trace.events[i].buffer >= -1 && run.trace.events[i].buffer < n, "event buffer in range");
    for (BufferIndex c : run.trace.causes_of(i)) FUZZ_CHECK(c >= 0 && c < n, "cause in range");
  }
}

void check_round_trip(const RecordedRun& run) {
  std::ostringstream out;
  write_trace_jsonl(out, run);  // builds every event's text
  std::istringstream in(out.str());
  const TraceReadResult back = read_trace_jsonl(in, "written.jsonl");
  FUZZ_CHECK(!back.error, "the written trace reads back: " << back.error->message());
  FUZZ_CHECK(back.run.problem.buffers.size() == run.problem.buffers.size() &&
                 back.run.problem.capacity == run.problem.capacity &&
                 back.run.trace.events.size() == run.trace.events.size() &&
                 back.run.result.status == run.result.status &&
                 back.run.result.solution.offsets == run.result.solution.offsets &&
                 back.run.result.peak == run.result.peak && back.run.lower_bound == run.lower_bound,
             "the trace reads back the same");
}

void analyse(const RecordedRun& run) {
  const ProblemStats stats = compute_stats(run.problem);
  FUZZ_CHECK(stats.lower_bound >= 0, "a lower bound is not negative");
  describe(run.problem, validate(run.problem, run.result.solution));
}

}  // namespace
}  // namespace tela::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tela;
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  const TraceReadResult read = read_trace_jsonl(in, "fuzz.jsonl");
  if (read.error) {
    FUZZ_CHECK(read.error->line >= 0 && !read.error->what.empty(), "an error says what");
    FUZZ_CHECK(read.run.problem.buffers.empty() && read.run.trace.events.empty(),
               "a rejected file gives nothing");
    return 0;
  }
  fuzz::check_accepted(read.run);
  fuzz::check_round_trip(read.run);
  fuzz::analyse(read.run);
  return 0;
}
