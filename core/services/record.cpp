#include "services/record.h"
#include "services/record_packed.h"

#include <algorithm>
#include <utility>

#include "analysis/sections.h"

namespace tela {

namespace {

// Recording a long search is mostly memory traffic: grown by doubling, the arrays copied each
// event several times over, and on this kind of VM every fresh page costs a fault (TelaMalloc on
// a 200-piece packing: 5 M events took 4.0 s over a 1.3 s solve; 1.9 s with this). Natively,
// reserving only takes address space, committed page by page as events fill it, so the arrays
// are reserved for up to this many events up front; WebAssembly's heap would commit it all, so
// there they grow as before.
void reserve(Trace& trace, int64_t max_events) {
#ifndef __EMSCRIPTEN__
  constexpr int64_t kReserveEvents = int64_t{1} << 24;
  const size_t events = size_t(std::min(max_events, kReserveEvents));
  trace.events.reserve(events);
  trace.cause_begin.reserve(events + 1);
  trace.causes.reserve(events);
#else
  (void)trace, (void)max_events;
#endif
}

// A short trace gives back what was reserved for a long one (copying a few events is cheap).
void release_spare(Trace& trace) {
  if (trace.events.size() >= size_t{1} << 16) return;
  trace.events.shrink_to_fit();
  trace.cause_begin.shrink_to_fit();
  trace.causes.shrink_to_fit();
}

// Solves with `keeper` receiving the first `max_events` events (0: all).
SolveResult solve_capped(const Problem& problem, const Algorithm& algorithm,
                         SolveOptions options, TraceObserver& keeper, int64_t max_events,
                         int64_t* dropped) {
  CappedTrace kept(keeper, max_events > 0 ? max_events : INT64_MAX);
  options.observer = &kept;
  SolveResult result = solve(problem, algorithm, options);
  if (kept.dropped > 0) result.detail += (result.detail.empty() ? "" : "; ") + kept.summary();
  if (dropped) *dropped = kept.dropped;
  return result;
}

}  // namespace

int exit_code_of(Status status) { return status == Status::kSolved ? kExitDone : kExitNoAllocation; }

SolveResult solve_recording(const Problem& problem, const Algorithm& algorithm,
                            SolveOptions options, Trace* trace, int64_t max_events,
                            int64_t* dropped) {
  if (dropped) *dropped = 0;
  if (!trace) {
    options.observer = nullptr;
    return solve(problem, algorithm, options);
  }
  reserve(*trace, max_events > 0 ? max_events : INT64_MAX);
  SolveResult result = solve_capped(problem, algorithm, options, *trace, max_events, dropped);
  release_spare(*trace);
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

SolveResult solve_packed(const Problem& problem, const Algorithm& algorithm,
                         SolveOptions options, PackedTrace& trace, int64_t max_events,
                         int64_t* dropped) {
  return solve_capped(problem, algorithm, options, trace, max_events, dropped);
}

PackedRun record_packed_run(Problem problem, const Algorithm& algorithm,
                            const SolveOptions& options, int64_t max_events) {
  PackedRun run;
  run.problem = std::move(problem);
  run.result = solve_packed(run.problem, algorithm, options, run.trace, max_events);
  run.lower_bound = lower_bound(compute_sections(run.problem));
  return run;
}

}  // namespace tela
