// tela solve: one problem, one algorithm, the solution as CSV.
#include <iostream>

#include "analysis/sections.h"
#include "commands.h"
#include "inputs.h"
#include "model/validator.h"

namespace tela::cli {
namespace {

int run_solve(const RunArgs& args) {
  std::optional<LoadedProblem> loaded = load_problem(args.problem, args.capacity);
  if (!loaded) return kExitBadInput;
  if (!can_create_output(args.output)) return kExitBadInput;
  const Problem& problem = loaded->problem;
  SolveOptions options{.timeout_seconds = args.timeout, .telamalloc = args.telamalloc, .exact = args.exact,
                       .improve = args.improve};
  const SolveResult result = [&] {
    const ProgressLine progress(options, args.algorithm);
    return solve(problem, *find_algorithm(args.algorithm), options);
  }();
  const Size lower = lower_bound(compute_sections(problem));
  std::cerr << summary_line(problem, result, lower) << "\n";
  if (result.status != Status::kSolved) return exit_code_of(result.status);
  // Never hand out an invalid allocation, whatever the algorithm believed.
  if (const Validation v = validate(problem, result.solution); !v.ok()) {
    std::cerr << "tela: internal error: " << result.algorithm
              << " produced an invalid allocation: " << describe(problem, v) << "\n";
    return kExitNoAllocation;
  }
  auto out = open_output(args.output);
  if (!out) return kExitBadInput;
  write_solution_csv(*out, problem, result.solution, loaded->columns);
  return finish_output(*out, args.output) ? kExitDone : kExitBadInput;
}

}  // namespace

void add_solve_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand(
      "solve",
      "Allocate one problem: writes the solution (the problem's columns plus offset) as CSV,\n"
      "and a one-line summary (algorithm, peak, lower bound, time) on stderr.\n"
      "Example: tela solve input.12.csv --capacity 12 --algo greedy -o solution.csv");
  add_run_options(*cmd, *args, "where to write the solution (default: stdout)");
  cmd->callback([args, &exit_code] { exit_code = run_solve(*args); });
}

}  // namespace tela::cli
