// tela minimize: the smallest capacity for which an allocation is found, and the allocation.
#include <cstdio>
#include <iostream>

#include "commands.h"
#include "inputs.h"
#include "model/validator.h"
#include "services/minimize.h"

namespace tela::cli {
namespace {

struct MinimizeArgs {
  std::string problem;
  double timeout = 60;
  std::string output;
  TelaMallocParams telamalloc;  // the probes' auto runs TelaMalloc
  ExactParams exact;
  ImproveParams improve;
  bool quiet = false;
};

std::string summary(const Problem& problem, const MinimizeResult& r) {
  const std::string numbers = "lower bound " + std::to_string(r.lower_bound) + ", " +
                              buffers_text(problem.buffers.size()) + ", " +
                              format_seconds(r.seconds);
  switch (r.status) {
    case Status::kSolved:
      return "tela: minimize: capacity " + std::to_string(r.capacity) +
             (r.proven_minimal ? " (proven minimal: " : " (") + r.detail + "), found by " +
             r.algorithm + "; " + numbers;
    case Status::kInfeasible: return "tela: minimize: no capacity fits (proven infeasible): " + r.detail;
    default:
      return std::string("tela: minimize: no allocation found: ") +
             (r.status == Status::kCancelled ? "cancelled" : "out of time") + "; " + numbers;
  }
}

// "tela: minimize: 1040 at 1.2 s (improve (from greedy), 31 moves); none below 1024: gap 1.56%"
std::string progress_line(const MinimizeStep& step) {
  char gap[32];
  std::snprintf(gap, sizeof gap, "%.2f%%", step.proven_below > 0 ? 100.0 * double(step.capacity - step.proven_below) / double(step.proven_below) : 0.0);
  return "tela: minimize: " + std::to_string(step.capacity) + " at " + format_seconds(step.seconds) + " (" +
         step.found_by + (step.moves ? ", " + std::to_string(step.moves) + " moves" : "") + "); none below " +
         std::to_string(step.proven_below) + ": gap " + gap;
}

int run_minimize(const MinimizeArgs& args) {
  std::optional<LoadedProblem> loaded = load_problem(args.problem, std::nullopt);
  if (!loaded) return kExitBadInput;
  if (!can_create_output(args.output)) return kExitBadInput;
  Problem& problem = loaded->problem;
  SolveOptions options{
      .timeout_seconds = args.timeout, .telamalloc = args.telamalloc, .exact = args.exact, .improve = args.improve};
  const MinimizeResult r = minimize(problem, options, [&](const MinimizeStep& step) {
    if (!args.quiet) std::cerr << progress_line(step) << "\n";
  });
  std::cerr << summary(problem, r) << "\n";
  if (r.status != Status::kSolved) return kExitNoAllocation;
  problem.capacity = r.capacity;
  if (const Validation v = validate(problem, r.solution); !v.ok()) {  // never hand out a bad one
    std::cerr << "tela: internal error: minimize produced an invalid allocation: " << describe(problem, v) << "\n";
    return kExitNoAllocation;
  }
  auto out = open_output(args.output);
  if (!out) return kExitBadInput;
  write_solution_csv(*out, problem, r.solution, loaded->columns);
  return finish_output(*out, args.output) ? kExitDone : kExitBadInput;
}

}  // namespace

void add_minimize_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<MinimizeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "minimize",
      "Find the smallest capacity that holds an allocation: between the lower bound (the load at\n"
      "the busiest time, raised by alignment, pre-placed buffers and short exact searches of the\n"
      "busiest windows; the summary says which) and the best heuristic's peak (best-fit,\n"
      "greedy, and greedy around a gap-free stack of the buffers live at the busiest time). That\n"
      "allocation is first brought down by large-neighbourhood search, then the capacities\n"
      "left are probed with the exact search. Each time either bound moves, stderr gets a line:\n"
      "the capacity found so far, when, by what, the capacity below which none is proven to\n"
      "fit, and the gap between them. Writes the allocation as CSV and, on stderr, the capacity\n"
      "and whether it is proven minimal (it equals the lower bound, or one byte less is proven\n"
      "infeasible). Exit 0 when an allocation is found, even if not proven minimal in the time\n"
      "given.\n"
      "Example: tela minimize problem.csv --timeout 30 -o solution.csv");
  add_problem_option(*cmd, args->problem);
  add_timeout_option(*cmd, args->timeout)->description("give up improving after this many seconds (0: never; default 60)");
  cmd->add_option("--output,-o", args->output, "where to write the solution (default: stdout)");
  add_telamalloc_options(*cmd, args->telamalloc);
  add_exact_options(*cmd, args->exact);
  add_improve_options(*cmd, args->improve, "no limit but the time");
  cmd->add_flag("--quiet,-q", args->quiet, "no progress lines on stderr, only the summary");
  cmd->callback([args, &exit_code] { exit_code = run_minimize(*args); });
}

}  // namespace tela::cli
