#include "run_handle.h"

#include <sstream>

#include "io/csv.h"
#include "io/trace_io.h"
#include "js_arrays.h"
#include "services/trace_columns.h"

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
  val out = val::object();
  const TraceColumns columns = columns_of(trace_);
  for_each_column(columns, [&](ColumnName name, const auto& column) {
    out.set(std::string(name.camel), column_to_js(column));
  });
  return out;
}

std::string RunHandle::describe(int event) const {
  if (event < 0 || size_t(event) >= trace_.events.size()) return "";
  return tela::describe(loaded_->problem, trace_.events[size_t(event)],
                        trace_.causes_of(size_t(event)));
}

}  // namespace tela::web
