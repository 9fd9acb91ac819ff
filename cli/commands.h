// The `tela` subcommands. Each add_* registers one on the app; when it runs, it stores its exit
// code in `exit_code`.
#pragma once

#include <CLI/CLI.hpp>

namespace tela::cli {

void add_solve_command(CLI::App& app, int& exit_code);
void add_validate_command(CLI::App& app, int& exit_code);
void add_stats_command(CLI::App& app, int& exit_code);
void add_trace_command(CLI::App& app, int& exit_code);
void add_bench_command(CLI::App& app, int& exit_code);
void add_generate_command(CLI::App& app, int& exit_code);

// --algo NAME, checked against the algorithms tela has, with their summaries in --help.
CLI::Option* add_algorithm_option(CLI::App& command, std::string& algorithm);

}  // namespace tela::cli
