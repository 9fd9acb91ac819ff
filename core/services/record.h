// Recording a run, the one way every front-end does it (the CLI's `tela trace`, the page's
// worker, the native visualizer, the Python module): solve with a capped trace, say in the
// result how much was left out, compute the lower bound. Also the exit code every front-end
// reports for an outcome.
#pragma once

#include <cstdint>

#include "model/run.h"
#include "services/registry.h"

namespace tela {

// The exit codes of `tela` and of the runs the other front-ends report.
constexpr int kExitDone = 0;
constexpr int kExitNoAllocation = 1;  // not found, proven infeasible, timed out, or invalid
constexpr int kExitBadInput = 2;      // unreadable or malformed input, wrong usage

int exit_code_of(Status status);

// Solves `problem` with `algorithm`, recording into `trace` (nullptr: nothing) its first
// `max_events` events (0: all). `options.observer` is replaced by the recorder. The run goes on
// past the cap; the result's detail then says how many events were left out (and `dropped`,
// when given, receives that count).
SolveResult solve_recording(const Problem& problem, const Algorithm& algorithm,
                            SolveOptions options, Trace* trace, int64_t max_events,
                            int64_t* dropped = nullptr);

// The same, kept together with the problem and its lower bound: what a trace file holds.
RecordedRun record_run(Problem problem, const Algorithm& algorithm, const SolveOptions& options,
                       int64_t max_events);

}  // namespace tela
