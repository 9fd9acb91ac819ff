// Solve options from a JS object, checked as the CLI checks its flags:
//   {timeout: seconds (default 60, 0: none), minorBacktracks, majorBacktracks (TelaMalloc),
//    exact: {sectionInference: false, ...} (the exact search's rules, kExactRules, camelCase;
//    absent: on),
//    trace: bool (default true: record every step), maxEvents: events recorded at most (default
//    0: all; past it the run goes on and its detail says how many were left out),
//    progress: function(Progress),
//    progressSeconds: how often progress is called (default 1)}
// Progress reaches JS as {placed, buffers, deepest, minorBacktracks, majorBacktracks, seconds}.
#pragma once

#include <emscripten/val.h>

#include <optional>
#include <string>

#include "services/registry.h"

namespace tela::web {

using emscripten::val;

struct JsSolveOptions {
  SolveOptions options;
  bool record_trace = true;
  int64_t max_events = 0;  // 0: no limit
};

// The options, or what is wrong with them in `error`.
std::optional<JsSolveOptions> solve_options_from_js(const val& js, std::string& error);

}  // namespace tela::web
