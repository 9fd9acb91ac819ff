// tela trace: solve and record every step, as JSON Lines, for the visualizer or for reading.
#include <cstdint>
#include <iostream>
#include <memory>

#include "analysis/sections.h"
#include "commands.h"
#include "inputs.h"
#include "io/trace_io.h"

namespace tela::cli {
namespace {

int run_trace(const RunArgs& args, int64_t max_events) {
  std::optional<LoadedProblem> loaded = load_problem(args.problem, args.capacity);
  if (!loaded) return kExitBadInput;
  RecordedRun run;
  run.problem = std::move(loaded->problem);
  CappedTrace kept(run.trace, max_events > 0 ? max_events : INT64_MAX);
  SolveOptions options{.timeout_seconds = args.timeout, .observer = &kept,
                       .telamalloc = args.telamalloc};
  {
    const ProgressLine progress(options, args.algorithm);
    run.result = solve(run.problem, *find_algorithm(args.algorithm), options);
  }
  if (kept.dropped > 0) run.result.detail += (run.result.detail.empty() ? "" : "; ") + kept.summary();
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
  auto max_events = std::make_shared<int64_t>(1'000'000);
  cmd->add_option("--max-events", *max_events,
                  "record at most this many events (0: all); a long search emits millions,\n"
                  "some 200 bytes each. The run goes on past it; the result says how many\n"
                  "were left out")
      ->check(CLI::Range(int64_t{0}, int64_t{1} << 40))
      ->capture_default_str();
  cmd->callback([args, max_events, &exit_code] { exit_code = run_trace(*args, *max_events); });
}

}  // namespace tela::cli
