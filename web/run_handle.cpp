#include "run_handle.h"

#include <sstream>

#include "io/csv.h"
#include "js_arrays.h"
#include "io/trace_io.h"

namespace tela::web {

val RunHandle::offsets() const {
  const std::vector<Offset>& o = result_.solution.offsets;
  return doubles_to_js(o.size(), [&](size_t i) { return offset_to_js(o[i]); });
}

val RunHandle::validate() const { return ProblemHandle(loaded_).validate(offsets()); }

std::string RunHandle::solutionCsv() const {
  std::ostringstream out;
  write_solution_csv(out, loaded_->problem, result_.solution, loaded_->columns);
  return out.str();
}

std::string RunHandle::traceJsonl() const {
  RecordedRun run{loaded_->problem, trace_, result_, lower_bound_};
  std::ostringstream out;
  write_trace_jsonl(out, run);
  return out.str();
}

val RunHandle::trace() const {
  const std::vector<TraceEvent>& e = trace_.events;
  const size_t n = e.size();
  std::vector<uint8_t> kind(n), reason(n);
  std::vector<int32_t> buffer(n);
  for (size_t i = 0; i < n; ++i) {
    kind[i] = uint8_t(e[i].kind);
    reason[i] = uint8_t(e[i].reason);
    buffer[i] = e[i].buffer;
  }
  // An empty trace has no cause_begin yet; JS gets the one entry it expects.
  const std::vector<uint32_t> begin = n ? trace_.cause_begin : std::vector<uint32_t>{0};
  val out = val::object();
  out.set("kind", copy_to_js(kind));
  out.set("reason", copy_to_js(reason));
  out.set("buffer", copy_to_js(buffer));
  out.set("offset", doubles_to_js(n, [&](size_t i) { return e[i].offset; }));
  out.set("limit", doubles_to_js(n, [&](size_t i) { return e[i].limit; }));
  out.set("timeLower", doubles_to_js(n, [&](size_t i) { return e[i].time_lower; }));
  out.set("timeUpper", doubles_to_js(n, [&](size_t i) { return e[i].time_upper; }));
  out.set("causeBegin", copy_to_js(begin));
  out.set("causes", copy_to_js(trace_.causes));
  return out;
}

std::string RunHandle::describe(int event) const {
  if (event < 0 || size_t(event) >= trace_.events.size()) return "";
  return tela::describe(loaded_->problem, trace_.events[size_t(event)],
                        trace_.causes_of(size_t(event)));
}

}  // namespace tela::web
