// tela explain: why a problem does not fit, as a minimal set of buffers that cannot fit together.
#include <iostream>

#include "commands.h"
#include "inputs.h"
#include "services/explain.h"

namespace tela::cli {
namespace {

struct ExplainArgs {
  std::string problem;
  int64_t capacity = 0;
  double timeout = 60;
  ExactParams exact;
};

void print_subset(std::ostream& out, const LoadedProblem& loaded, const Explanation& e) {
  const Problem& p = loaded.problem;
  const bool one = e.buffers.size() == 1;
  out << "no allocation exists at capacity " << p.capacity << ": "
      << (one ? std::string("this buffer does not fit even alone")
              : "these " + std::to_string(e.buffers.size()) + " buffers cannot fit together")
      << (one ? ""
          : e.minimal ? " (removing any one of them lets the rest fit)"
                      : " (not proven minimal: the time ran out before every one was checked)")
      << ":\n";
  for (BufferIndex b : e.buffers) {
    const Buffer& x = p.buffers[size_t(b)];
    out << "  " << printable(x.id) << "  live [" << x.lower << ", " << x.upper << "), " << x.size << " bytes";
    if (x.alignment > 1) out << ", aligned to " << x.alignment;
    if (x.fixed_offset) out << ", pre-placed at " << *x.fixed_offset;
    out << "  (line " << loaded.lines[size_t(b)] << ")\n";
  }
  if (e.collisions.empty()) return;
  out << "they collide during:\n";
  for (const Section& s : e.collisions)
    out << "  [" << s.lower << ", " << s.upper << "): " << s.live << " of them live, " << s.load
        << " bytes" << (s.load > p.capacity ? ", more than the capacity" : "") << "\n";
}

int run_explain(const ExplainArgs& args) {
  std::optional<LoadedProblem> loaded = load_problem(args.problem, args.capacity);
  if (!loaded) return kExitBadInput;
  const Explanation e = explain(loaded->problem, {.timeout_seconds = args.timeout, .exact = args.exact});
  switch (e.status) {
    case Status::kInfeasible:
      print_subset(std::cout, *loaded, e);
      return kExitDone;
    case Status::kSolved:
      std::cout << "it fits: an allocation exists at capacity " << args.capacity
                << " (tela solve writes one), so there is nothing to explain\n";
      return kExitNoAllocation;
    default:
      std::cerr << "tela: explain: out of time before deciding whether anything fits; " << e.detail << "\n";
      return kExitNoAllocation;
  }
}

}  // namespace

void add_explain_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ExplainArgs>();
  CLI::App* cmd = app.add_subcommand(
      "explain",
      "Explain why a problem does not fit its capacity: a minimal set of buffers that cannot be\n"
      "allocated together (removing any one of them makes the rest fit), found by removing\n"
      "buffers one at a time and solving exactly, with the times where they are live together.\n"
      "Exit 0 when such a set is found, 1 when the problem fits (or time ran out), 2 bad input.\n"
      "Example: tela explain problem.csv --capacity 1048576");
  add_problem_option(*cmd, args->problem);
  add_capacity_option(*cmd, args->capacity)->required();
  add_timeout_option(*cmd, args->timeout)->description("give up after this many seconds (0: never; default 60)");
  add_exact_options(*cmd, args->exact);
  cmd->callback([args, &exit_code] { exit_code = run_explain(*args); });
}

}  // namespace tela::cli
