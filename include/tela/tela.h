// tela's public C++ API: the one header a program that links tela::core includes.
//
//   #include <tela/tela.h>
//
//   tela::Problem problem;                        // or tela::read_csv / tela::problem_from_arrays
//   problem.capacity = 12;
//   problem.buffers.push_back({.id = "a", .lower = 0, .upper = 4, .size = 8});
//   tela::SolveResult r = tela::solve(problem, *tela::find_algorithm("auto"),
//                                     {.timeout_seconds = 10});
//   if (r.status == tela::Status::kSolved && tela::validate(problem, r.solution).ok()) ...
//
// What it declares, and where (each header installed under tela/, in its folder):
//   model/problem.h         Buffer, Problem, Solution, kUnplaced, peak_of
//   model/run.h             SolveOptions (timeout, cancel flag, observer, progress), SolveResult,
//                           Status and its names, RecordedRun
//   model/trace.h           TraceObserver, TraceEvent, Trace (a recorder), describe() of an event
//   model/validator.h       validate(), describe(): the checker every result passes through
//   io/input_error.h        InputError: "file:line:column: what is wrong"
//   io/csv.h                read_csv, write_solution_csv, write_problem_csv (the CLI's format)
//   io/arrays.h             problem_from_arrays: a problem from columns, checked as a file is
//   io/drawing.h            write_drawing: an allocation as ASCII, SVG or TikZ (tela draw)
//   analysis/sections.h     compute_sections, lower_bound, compute_stats
//   services/registry.h     algorithms(), find_algorithm(), solve()
//   services/record.h       solve_recording, record_run (a capped trace), exit_code_of
//   services/trace_columns.h  a trace as parallel columns (what the Python and JS APIs hand out)
//   services/minimize.h     minimize(): the smallest capacity, and whether it is proven minimal
//   algorithms/improve/improve.h  improve(): lower an allocation's peak (what minimize uses)
//   services/explain.h      explain(): a minimal set of buffers that cannot fit together
//   version.h               TELA_VERSION_* and tela::version()
// These are the stable surface (see the README's "Using tela as a library"); every other file of
// core/ is private and not installed.
#pragma once

#include "algorithms/improve/improve.h"
#include "analysis/sections.h"
#include "io/arrays.h"
#include "io/csv.h"
#include "io/drawing.h"
#include "io/input_error.h"
#include "model/problem.h"
#include "model/run.h"
#include "model/trace.h"
#include "model/validator.h"
#include "services/explain.h"
#include "services/minimize.h"
#include "services/record.h"
#include "services/registry.h"
#include "services/trace_columns.h"
#include "tela/version.h"  // generated into the build tree, installed beside this file
