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
// What it declares, and where (each header installed beside this one, under tela/):
//   model.h        Buffer, Problem, Solution, kUnplaced, peak_of
//   input_error.h  InputError: "file:line:column: what is wrong"
//   csv.h          read_csv, write_solution_csv, write_problem_csv (the CLI's file format)
//   arrays.h       problem_from_arrays: a problem from columns, checked as a file is
//   solve.h        SolveOptions (timeout, cancel flag, observer, progress), SolveResult, Status,
//                  algorithms(), find_algorithm(), solve()
//   minimize.h     minimize(): the smallest capacity, and whether it is proven minimal
//   explain.h      explain(): a minimal set of buffers that cannot fit together
//   analysis.h     compute_sections, lower_bound, compute_stats
//   validator.h    validate(), describe(): the checker every result passes through
//   trace.h        TraceObserver, TraceEvent, Trace (a recorder), describe() of an event
//   version.h      TELA_VERSION_* and tela::version()
// These are the stable surface (see the README's "Using tela as a library"); every other file of
// core/ is private and not installed.
#pragma once

#include "analysis/sections.h"
#include "io/arrays.h"
#include "io/csv.h"
#include "services/explain.h"
#include "io/input_error.h"
#include "services/minimize.h"
#include "model/problem.h"
#include "services/registry.h"
#include "model/trace.h"
#include "model/validator.h"
#include "tela/version.h"  // generated into the build tree, installed beside this file
