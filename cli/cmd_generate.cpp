// tela generate: make a problem to experiment, test or benchmark with.
#include <iostream>
#include <string>
#include <vector>

#include "analysis/sections.h"
#include "commands.h"
#include "inputs.h"
#include "io/csv.h"
#include "services/generate.h"

namespace tela::cli {
namespace {

struct GenerateArgs {
  std::string kind = "random";
  int64_t count = 100;
  uint64_t seed = 1;
  Size capacity = 1024;
  int64_t density = 1;
  std::string output;
};

int run_generate(const GenerateArgs& args) {
  GenerateOptions options{
      .count = args.count, .seed = args.seed, .capacity = args.capacity, .density = args.density};
  generator_from_name(args.kind, options.kind);  // checked by the option already
  const Problem problem = generate(options);
  // Never write a file the other commands would refuse.
  if (!within_readable_total(problem)) {
    std::cerr << "tela: generate: the sizes of these " << problem.buffers.size()
              << " buffers would add up to more than 2^62 bytes, more than tela reads: give a smaller "
                 "--capacity or --count\n";
    return kExitBadInput;
  }
  auto out = open_output(args.output);
  if (!out) return kExitBadInput;
  write_problem_csv(*out, problem);
  if (!finish_output(*out, args.output)) return kExitBadInput;
  std::cerr << "tela: generated " << buffers_text(problem.buffers.size()) << " (" << args.kind
            << ", seed " << args.seed << "); lower bound "
            << lower_bound(compute_sections(problem)) << "; suggested capacity "
            << problem.capacity << "\n";
  return kExitDone;
}

}  // namespace

void add_generate_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<GenerateArgs>();
  std::string help = "Write a generated problem as CSV. Kinds:";
  std::vector<std::string> names;
  for (const GeneratorInfo& g : generators()) {
    help += "\n  " + std::string(g.name) + ": " + std::string(g.summary);
    names.emplace_back(g.name);
  }
  CLI::App* cmd = app.add_subcommand("generate", help);
  cmd->add_option("--kind,-k", args->kind, "one of the kinds above")->check(CLI::IsMember(names));
  cmd->add_option("--count,-n", args->count, "how many buffers")->transform(whole_number(int64_t{1}, int64_t{100000000}));
  add_seed_option(*cmd, args->seed, "the same seed gives the same problem everywhere");
  cmd->add_option("--capacity,-c", args->capacity, "packing: the rectangle's height (default 1024)")
      ->transform(whole_number(1, kMaxValue));
  cmd->add_option("--density", args->density,
                  "ml: buffers starting at each time step (default 1); of 10^6 buffers, 1 has ~100\n"
                  "live at the busiest time, 4000 ~54,000")
      ->transform(whole_number(int64_t{1}, int64_t{1} << 30));
  cmd->add_option("--output,-o", args->output, "where to write it (default: stdout)");
  cmd->callback([args, &exit_code] { exit_code = run_generate(*args); });
}

}  // namespace tela::cli
