// Options shared by several commands.
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "commands.h"
#include "io/csv.h"
#include "services/portfolio.h"
#include "services/registry.h"

namespace tela::cli {
namespace {

// CLI11 2.1 converts an integer's text itself with base 0 ("010" is 8, "0x10" is 16) and
// clamps one that overflows: the text is read here as plain decimal and handed on in its
// canonical form (no leading zeros), so that what CLI11 reads is what the user wrote.
template <typename Integer>
std::string canonical_decimal(std::string& text, Integer lo, Integer hi) {
  Integer value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < lo || value > hi)
    return "not a whole number";  // the caller says what it must be
  text = std::to_string(value);
  return "";
}

CLI::Validator capacity_text() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        const std::string as_written = text;
        if (!canonical_decimal<int64_t>(text, 0, kMaxValue).empty())
          return "capacity '" + as_written + "' must be a whole number of bytes from 0 to 2^62, in decimal";
        return "";
      },
      "BYTES");
}

// CLI11 2.1 reads "nan" and "inf" as numbers, and a NaN passes its range checks: a limit must
// be a finite number of seconds, or 0 for none.
CLI::Validator seconds_text() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        char* end = nullptr;
        errno = 0;
        const double value = std::strtod(text.c_str(), &end);
        if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value) || value < 0)
          return "time limit '" + text + "' must be a finite number of seconds, 0 or more (0: no limit)";
        // 1e-400 reads as 0, which would mean no limit at all.
        if (value == 0 && errno == ERANGE)
          return "time limit '" + text + "' is too small to tell from 0 (0: no limit)";
        return "";
      },
      "SECONDS");
}

// CLI11 2.1 wraps "-1" and clamps 2^64 into a 64-bit seed: check the text itself.
CLI::Validator seed_text() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        const std::string as_written = text;
        if (!canonical_decimal<uint64_t>(text, 0, UINT64_MAX).empty())
          return "seed '" + as_written + "' must be a whole number from 0 to 2^64 - 1, in decimal";
        return "";
      },
      "UINT");
}

}  // namespace

CLI::Validator whole_number(int64_t lo, int64_t hi) {
  return CLI::Validator(
      [lo, hi](std::string& text) -> std::string {
        const std::string as_written = text;
        if (!canonical_decimal<int64_t>(text, lo, hi).empty())
          return "'" + as_written + "' must be a whole number from " + std::to_string(lo) + " to " +
                 std::to_string(hi) + ", in decimal";
        return "";
      },
      "INT in [" + std::to_string(lo) + " - " + std::to_string(hi) + "]");
}

CLI::Option* add_seed_option(CLI::App& command, uint64_t& seed, const std::string& help) {
  return command.add_option("--seed,-s", seed, help)->transform(seed_text());
}

CLI::Option* add_problem_option(CLI::App& command, std::string& path) {
  return command.add_option("problem", path, "the problem, a CSV file; - reads it from standard input")
      ->required();
}

void add_run_options(CLI::App& command, RunArgs& args, const std::string& output_help) {
  add_problem_option(command, args.problem);
  add_capacity_option(command, args.capacity)->required();
  add_algorithm_option(command, args.algorithm);
  add_timeout_option(command, args.timeout);
  add_telamalloc_options(command, args.telamalloc);
  add_exact_options(command, args.exact);
  add_auto_improve_options(command, args.improve);
  command.add_option("--output,-o", args.output, output_help);
}

void add_telamalloc_options(CLI::App& command, TelaMallocParams& params) {
  command
      .add_option("--minor-backtracks", params.minor_backtracks,
                  "telamalloc: minor backtracks in a row, with no new depth reached, before a "
                  "major backtrack (default " + std::to_string(params.minor_backtracks) + ")")
      ->transform(whole_number(int64_t{0}, int64_t{1} << 40));
  command
      .add_option("--major-backtracks", params.major_backtracks,
                  "telamalloc: major backtracks before the search restarts without them, as a "
                  "complete search that can prove infeasibility, for a while; rounds alternate, "
                  "each with twice as many major backtracks (0: complete search only; default " +
                      std::to_string(params.major_backtracks) + ")")
      ->transform(whole_number(int64_t{0}, int64_t{1} << 40));
}

std::string exact_flag(const ExactRule& rule) {
  std::string flag = std::string("--no-") + rule.name;
  std::replace(flag.begin(), flag.end(), '_', '-');
  return flag;
}

void add_exact_options(CLI::App& command, ExactParams& params) {
  for (const ExactRule& rule : kExactRules)
    command.add_flag_callback(exact_flag(rule), [&params, field = rule.field] { params.*field = false; },
                              std::string("exact (and auto) without this rule: ") +
                                  rule.summary);
}

void add_auto_improve_options(CLI::App& command, ImproveParams& params) {
  // auto's improvement stage (past kExactSettlesUpTo buffers) reads these, as minimize's does.
  add_improve_options(command, params,
                      "auto uses " + std::to_string(kAutoImproveWork) +
                          ", a budget of work rather than time, so its answer is the same on any "
                          "machine");
}

void add_improve_options(CLI::App& command, ImproveParams& params, const std::string& zero_work) {
  add_seed_option(command, params.seed,
                  "improvement (past " + std::to_string(kExactSettlesUpTo) + " buffers): breaks ties and picks windows; the same seed and work budget give "
                  "the same allocation on any machine (default " + std::to_string(params.seed) + ")");
  command
      .add_option("--improve-work", params.work,
                  "improvement: stop after this much exact-search work over all moves, in units of "
                  "~8,000 buffers looked at (default 0: " + zero_work + ")")
      ->transform(whole_number(int64_t{0}, int64_t{1} << 40));
  command
      .add_option("--window", params.window,
                  "improvement: about how many buffers a move frees at first; retries free 2x and 4x "
                  "(default " + std::to_string(params.window) + ")")
      ->transform(whole_number(int64_t{1}, int64_t{256}));
  command
      .add_option("--move-work", params.move_work,
                  "improvement: the exact-search work one move may take, in the same units (default " +
                      std::to_string(params.move_work) + ")")
      ->transform(whole_number(int64_t{1}, int64_t{1} << 30));
}

CLI::Option* add_algorithm_option(CLI::App& command, std::string& algorithm) {
  std::string help = "the allocation algorithm (default " + algorithm + "):";
  std::vector<std::string> names;
  for (const Algorithm& a : algorithms()) {
    help += "\n  " + std::string(a.name) + ": " + std::string(a.summary);
    names.emplace_back(a.name);
  }
  return command.add_option("--algo", algorithm, help)->check(CLI::IsMember(names));
}

CLI::Option* add_capacity_option(CLI::App& command, int64_t& capacity) {
  return command.add_option("--capacity,-c", capacity, "the memory's size in bytes")
      ->transform(capacity_text());
}

CLI::Option* add_capacity_option(CLI::App& command, std::optional<int64_t>& capacity) {
  return command.add_option("--capacity,-c", capacity, "the memory's size in bytes")
      ->transform(capacity_text());
}

CLI::Option* add_timeout_option(CLI::App& command, double& seconds) {
  return command.add_option("--timeout,-t", seconds,
                            "give up after this many seconds (0: never; default " +
                                std::to_string(int(seconds)) + ")")
      ->check(seconds_text());
}

}  // namespace tela::cli
