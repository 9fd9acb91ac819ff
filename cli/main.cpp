// tela: static memory allocation for ML accelerators, from the command line.
#include <iostream>
#include <new>

#include "commands.h"
#include "inputs.h"

int main(int argc, char** argv) {
  CLI::App app{
      "tela: assigns an offset to every buffer so that buffers live at the same time never\n"
      "share an address and everything fits in the capacity.\n\n"
      "Problems are CSV files with a header naming the columns id,lower,upper,size and\n"
      "optionally alignment and offset (a pre-placed buffer). A buffer is live during the\n"
      "half-open time range [lower, upper). A solution is the same rows plus an offset column.\n\n"
      "Exit codes: 0 done; 1 no allocation found (the message says whether that is proven or\n"
      "the time ran out) or a solution is invalid; 2 bad input or usage.\n\n"
      "Start with:  tela solve problem.csv --capacity 1048576 -o solution.csv\n"
      "Then check:  tela validate problem.csv solution.csv --capacity 1048576\n"
      "And look:    tela draw solution.csv --capacity 1048576",
      "tela"};
  app.set_version_flag("--version", "tela " TELA_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  int exit_code = tela::kExitDone;
  tela::cli::add_solve_command(app, exit_code);
  tela::cli::add_validate_command(app, exit_code);
  tela::cli::add_stats_command(app, exit_code);
  tela::cli::add_trace_command(app, exit_code);
  tela::cli::add_bench_command(app, exit_code);
  tela::cli::add_minimize_command(app, exit_code);
  tela::cli::add_explain_command(app, exit_code);
  tela::cli::add_generate_command(app, exit_code);
  tela::cli::add_draw_command(app, exit_code);
  // CLI11 would only say "A subcommand is required" for a mistyped command: name it.
  if (argc == 1) {  // no command: teach rather than scold
    std::cerr << app.help();
    return tela::kExitBadInput;
  }
  auto is_command = [&](const std::string& name) {
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
      if (sub->get_name() == name) return true;
    return false;
  };
  if (argc > 1 && argv[1][0] != '-' && !is_command(argv[1])) {
    std::cerr << "tela: unknown command '" << argv[1]
              << "'; the commands are solve, validate, stats, trace, bench, minimize, explain, generate, draw (see tela --help)\n";
    return tela::kExitBadInput;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // prints help on stdout, or the usage error on stderr
    return code == 0 ? tela::kExitDone : tela::kExitBadInput;
  } catch (const std::bad_alloc&) {
    // A problem too large for the memory: say so, rather than die with "terminate called".
    std::cerr << "tela: out of memory: this command needs more memory than the machine allows "
                 "(nothing was proven about the problem)\n";
    return tela::kExitNoAllocation;
  }
  return exit_code;
}
