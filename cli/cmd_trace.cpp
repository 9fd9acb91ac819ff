// tela trace: solve and record every step, as JSON Lines, for the visualizer or for reading.
#include <iostream>

#include "analysis.h"
#include "commands.h"
#include "inputs.h"
#include "trace_io.h"

namespace tela::cli {
namespace {

int run_trace(const RunArgs& args) {
  std::optional<LoadedProblem> loaded = load_problem(args.problem, args.capacity);
  if (!loaded) return kExitBadInput;
  RecordedRun run;
  run.problem = std::move(loaded->problem);
  SolveOptions options{.timeout_seconds = args.timeout, .observer = &run.trace,
                       .telamalloc = args.telamalloc};
  {
    const ProgressLine progress(options, args.algorithm);
    run.result = solve(run.problem, *find_algorithm(args.algorithm), options);
  }
  run.lower_bound = lower_bound(compute_sections(run.problem));
  std::cerr << summary_line(run.problem, run.result, run.lower_bound) << "; "
            << run.trace.events.size() << " events\n";
  auto out = open_output(args.output);
  if (!out) return kExitBadInput;
  write_trace_jsonl(*out, run);  // written whatever the outcome: a failed search is worth seeing
  return exit_code_of(run.result.status);
}

}  // namespace

void add_trace_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand(
      "trace",
      "Solve and record every step the algorithm takes (buffer considered, placed, lifted out\n"
      "by a backtrack, domain tightened, conflict, skyline change, phase) with a plain-words\n"
      "reason, as JSON Lines: a header, the buffers, one event a line, then the result.\n"
      "The file is written even when no allocation is found. Exit codes as for solve.");
  add_run_options(*cmd, *args, "where to write the trace (default: stdout)");
  cmd->callback([args, &exit_code] { exit_code = run_trace(*args); });
}

}  // namespace tela::cli
