// tela trace: solve and record every step, as JSON Lines, for the visualizer or for reading.
#include <cstdint>
#include <iostream>
#include <memory>

#include "commands.h"
#include "inputs.h"
#include "io/trace_io.h"
#include "services/record.h"
#include "services/record_packed.h"

namespace tela::cli {
namespace {

int run_trace(const RunArgs& args, int64_t max_events) {
  std::optional<LoadedProblem> loaded = load_problem(args.problem, args.capacity);
  if (!loaded) return kExitBadInput;
  if (!can_create_output(args.output)) return kExitBadInput;
  SolveOptions options{.timeout_seconds = args.timeout, .telamalloc = args.telamalloc, .exact = args.exact,
                       .improve = args.improve};
  // Packed: the events are only read once, in order, to be written out.
  PackedRun run;
  {
    const ProgressLine progress(options, args.algorithm);  // erased before the summary
    run = record_packed_run(std::move(loaded->problem), *find_algorithm(args.algorithm),
                            options, max_events);
  }
  std::cerr << summary_line(run.problem, run.result, run.lower_bound) << "; "
            << run.trace.size() << " events\n";
  auto out = open_output(args.output);
  if (!out) return kExitBadInput;
  write_trace_jsonl(*out, run);  // written whatever the outcome: a failed search is worth seeing
  if (!finish_output(*out, args.output)) return kExitBadInput;
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
                  "were left out. exact records its first 100,000 at most, whatever this says")
      ->transform(whole_number(int64_t{0}, int64_t{1} << 40))
      ->capture_default_str();
  cmd->callback([args, max_events, &exit_code] { exit_code = run_trace(*args, *max_events); });
}

}  // namespace tela::cli
