// The `tela` subcommands. Each add_* registers one on the app; when it runs, it stores its exit
// code in `exit_code`.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "services/registry.h"

namespace tela::cli {

void add_solve_command(CLI::App& app, int& exit_code);
void add_validate_command(CLI::App& app, int& exit_code);
void add_stats_command(CLI::App& app, int& exit_code);
void add_trace_command(CLI::App& app, int& exit_code);
void add_bench_command(CLI::App& app, int& exit_code);
void add_generate_command(CLI::App& app, int& exit_code);
void add_minimize_command(CLI::App& app, int& exit_code);
void add_explain_command(CLI::App& app, int& exit_code);
void add_draw_command(CLI::App& app, int& exit_code);

// What `solve` and `trace` both take: one problem, one algorithm, one output.
struct RunArgs {
  std::string problem;
  int64_t capacity = 0;
  std::string algorithm = "auto";
  double timeout = 60;
  std::string output;
  TelaMallocParams telamalloc;
  ExactParams exact;
  ImproveParams improve;  // auto's improvement stage, past kExactSettlesUpTo buffers
};
// Adds the problem, --capacity, --algo, --timeout, the algorithms' parameters and --output;
// `output_help` says what is written.
void add_run_options(CLI::App& command, RunArgs& args, const std::string& output_help);

// Options several commands share, each checked the same way everywhere.
// The problem's path, required: a CSV file, or "-" for standard input.
CLI::Option* add_problem_option(CLI::App& command, std::string& path);

// An integer option's check: plain decimal in [lo, hi] ("010" is ten, "0x10" refused), which
// CLI11 left alone would read in base 0.
CLI::Validator whole_number(int64_t lo, int64_t hi);
// --algo NAME, checked against the algorithms tela has, with their summaries in --help.
CLI::Option* add_algorithm_option(CLI::App& command, std::string& algorithm);
// --capacity N: a whole number of bytes from 0 to 2^62, rejected (not clamped) beyond.
CLI::Option* add_capacity_option(CLI::App& command, int64_t& capacity);
CLI::Option* add_capacity_option(CLI::App& command, std::optional<int64_t>& capacity);
// --timeout SECONDS: 0 means no limit.
CLI::Option* add_timeout_option(CLI::App& command, double& seconds);
// --seed,-s: a whole number from 0 to 2^64 - 1, checked as text (CLI11 would wrap -1).
CLI::Option* add_seed_option(CLI::App& command, uint64_t& seed, const std::string& help);
// --minor-backtracks N and --major-backtracks N, TelaMalloc's parameters, one flag each.
void add_telamalloc_options(CLI::App& command, TelaMallocParams& params);
// --no-section-inference, --no-nogoods, ...: one flag per rule of the exact search (kExactRules)
// that switches it off.
void add_exact_options(CLI::App& command, ExactParams& params);
// The improvement's parameters (ImproveParams): --seed, --improve-work, --window, --move-work;
// `zero_work` says what the default work, 0, means to the command.
void add_improve_options(CLI::App& command, ImproveParams& params, const std::string& zero_work);
// The same, for commands whose improvement is auto's stage (solve, trace, bench).
void add_auto_improve_options(CLI::App& command, ImproveParams& params);
// A rule's name as a flag: "--no-" and the name with dashes ("--no-tight-spots").
std::string exact_flag(const ExactRule& rule);

}  // namespace tela::cli
