// tela stats: what a problem looks like before solving it.
#include <iostream>

#include "analysis/proofs.h"
#include "analysis/sections.h"
#include "commands.h"
#include "io/csv.h"
#include "inputs.h"
#include "services/bounds.h"

namespace tela::cli {
namespace {

struct StatsArgs {
  std::string problem;
  std::optional<Size> capacity;
};

int run_stats(const StatsArgs& args) {
  std::optional<LoadedProblem> loaded = load_problem(args.problem, args.capacity);
  if (!loaded) return kExitBadInput;
  Problem& problem = loaded->problem;
  const ProblemStats s = compute_stats(problem);
  // The exact search's budget in work, not time: the same answer on every machine.
  const LowerBound bound = stronger_lower_bound(problem, {});
  auto id = [&](BufferIndex i) { return i < 0 ? std::string("-") : printable(problem.buffers[size_t(i)].id); };
  std::cout << "buffers:      " << s.buffers << " (" << s.fixed << " pre-placed)\n"
            << "time span:    [" << s.time_lower << ", " << s.time_upper << ")\n"
            << "lower bound:  " << s.lower_bound << " (at time " << s.peak_time << ", "
            << s.peak_live << (s.peak_live == 1 ? " buffer live)\n" : " buffers live)\n")
            << "proven bound: " << bound.value << " (" << bound.argument << ")\n"
            << "sections:     " << s.sections << "\n"
            << "total size:   " << s.total_size << "\n";
  if (s.largest >= 0)
    std::cout << "largest:      " << id(s.largest) << " (" << problem.buffers[size_t(s.largest)].size
              << " bytes)\n"
              << "longest:      " << id(s.longest) << " ("
              << lifetime(problem.buffers[size_t(s.longest)])
              << " time units)\n";
  // The capacity the file's name gives (NAME.CAPACITY.csv), as bench takes it: scripts/site.sh
  // reads it here rather than parsing names again.
  if (const std::optional<Size> named = capacity_from_file_name(args.problem))
    std::cout << "name capacity: " << *named << "\n";
  if (args.capacity) {
    problem.capacity = *args.capacity;
    std::optional<std::string> proof = prove_infeasible(problem);
    // The proven bound above (alignment, windows searched exactly) may settle what
    // prove_infeasible's quick checks do not.
    if (!proof && bound.value > *args.capacity)
      proof = "no allocation fits below the proven bound " + std::to_string(bound.value) + " (" + bound.argument + ")";
    std::cout << "capacity:     " << *args.capacity << " (slack at the peak: "
              << *args.capacity - s.lower_bound << ")\n"
              << "infeasible:   " << (proof ? "yes, proven: " + *proof : "not proven") << "\n";
  }
  return kExitDone;
}

}  // namespace

void add_stats_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<StatsArgs>();
  CLI::App* cmd = app.add_subcommand(
      "stats",
      "Describe a problem: buffers, time span, lower bound (the load at the busiest time, which\n"
      "no allocation can beat), a proven bound (that load raised by alignment, pre-placed\n"
      "buffers and short exact searches of windows around the busiest times, with the argument),\n"
      "sections (intervals with a constant live set), largest buffer, and the capacity the file's\n"
      "name gives (NAME.CAPACITY.csv), if any.");
  add_problem_option(*cmd, args->problem);
  add_capacity_option(*cmd, args->capacity)
      ->description("also check pre-placed buffers against it and look for a quick proof that "
                    "nothing fits");
  cmd->callback([args, &exit_code] { exit_code = run_stats(*args); });
}

}  // namespace tela::cli
