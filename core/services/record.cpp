#include "services/record.h"

#include <utility>

#include "analysis/sections.h"

namespace tela {

int exit_code_of(Status status) { return status == Status::kSolved ? kExitDone : kExitNoAllocation; }

SolveResult solve_recording(const Problem& problem, const Algorithm& algorithm,
                            SolveOptions options, Trace* trace, int64_t max_events,
                            int64_t* dropped) {
  if (dropped) *dropped = 0;
  if (!trace) {
    options.observer = nullptr;
    return solve(problem, algorithm, options);
  }
  CappedTrace kept(*trace, max_events > 0 ? max_events : INT64_MAX);
  options.observer = &kept;
  SolveResult result = solve(problem, algorithm, options);
  if (kept.dropped > 0) result.detail += (result.detail.empty() ? "" : "; ") + kept.summary();
  if (dropped) *dropped = kept.dropped;
  return result;
}

RecordedRun record_run(Problem problem, const Algorithm& algorithm, const SolveOptions& options,
                       int64_t max_events) {
  RecordedRun run;
  run.problem = std::move(problem);
  run.result = solve_recording(run.problem, algorithm, options, &run.trace, max_events);
  run.lower_bound = lower_bound(compute_sections(run.problem));
  return run;
}

}  // namespace tela
