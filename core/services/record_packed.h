// Recording a run packed (model/packed_trace.h), as services/record.h records into a `Trace`:
// what `tela trace` does, which reads the events once, in order, to write them out. Private:
// not installed with the public headers.
#pragma once

#include <cstdint>

#include "model/packed_trace.h"
#include "services/registry.h"

namespace tela {

// As solve_recording: the first `max_events` events (0: all) go into `trace`; the result's
// detail says how many more there were (and `dropped`, when given, receives that count).
SolveResult solve_packed(const Problem& problem, const Algorithm& algorithm,
                         SolveOptions options, PackedTrace& trace, int64_t max_events,
                         int64_t* dropped = nullptr);

// As record_run.
PackedRun record_packed_run(Problem problem, const Algorithm& algorithm,
                            const SolveOptions& options, int64_t max_events);

}  // namespace tela
