// tela generate: make a problem to experiment, test or benchmark with.
#include <iostream>

#include "analysis/sections.h"
#include "io/csv.h"
#include "commands.h"
#include "services/generate.h"
#include "inputs.h"

namespace tela::cli {
namespace {

struct GenerateArgs {
  std::string kind = "random";
  int64_t count = 100;
  uint64_t seed = 1;
  Size capacity = 1024;
  std::string output;
};

int run_generate(const GenerateArgs& args) {
  GenerateOptions options{.count = args.count, .seed = args.seed, .capacity = args.capacity};
  generator_from_name(args.kind, options.kind);  // checked by the option already
  const Problem problem = generate(options);
  auto out = open_output(args.output);
  if (!out) return kExitBadInput;
  write_problem_csv(*out, problem);
  std::cerr << "tela: generated " << problem.buffers.size() << " buffers (" << args.kind
            << ", seed " << args.seed << "); lower bound "
            << lower_bound(compute_sections(problem)) << "; suggested capacity "
            << problem.capacity << "\n";
  return kExitDone;
}

}  // namespace

void add_generate_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<GenerateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "generate",
      "Write a generated problem as CSV. Kinds:\n"
      "  random:  independent buffers with random lives and sizes\n"
      "  ml:      an ML compiler's trace: one op per time step, most outputs short-lived,\n"
      "           some (skip connections, saved activations) live much longer\n"
      "  packing: a capacity x time rectangle cut into pieces: fits exactly, zero slack\n"
      "  overlap: every buffer live at the same time (1000 of them: TelaMalloc's worst case)");
  cmd->add_option("--kind,-k", args->kind, "random, ml, packing or overlap")
      ->check(CLI::IsMember({"random", "ml", "packing", "overlap"}));
  cmd->add_option("--count,-n", args->count, "how many buffers")->check(CLI::Range(int64_t{1}, int64_t{100000000}));
  cmd->add_option("--seed,-s", args->seed, "the same seed gives the same problem everywhere");
  cmd->add_option("--capacity,-c", args->capacity, "packing: the rectangle's height (default 1024)")
      ->check(CLI::Range(int64_t{1}, kMaxValue));
  cmd->add_option("--output,-o", args->output, "where to write it (default: stdout)");
  cmd->callback([args, &exit_code] { exit_code = run_generate(*args); });
}

}  // namespace tela::cli
