// tela validate: does a solution file allocate its problem correctly?
#include <algorithm>
#include <iostream>
#include <unordered_map>

#include "analysis/sections.h"
#include "commands.h"
#include "inputs.h"
#include "model/validator.h"

namespace tela::cli {
namespace {

struct ValidateArgs {
  std::string problem;
  std::string solution;
  Size capacity = 0;
};

// The solution's offsets in the problem's buffer order, matching rows by id. Rows that do not
// describe the same buffers are bad input (exit 2), not an invalid allocation.
std::optional<Solution> match_rows(const ValidateArgs& args, const LoadedProblem& problem,
                                   const LoadedProblem& solution) {
  const std::vector<Buffer>& buffers = problem.problem.buffers;
  // Solutions mostly keep their problem's row order (tela writes them so): a row is looked up
  // by id only where the same row of the problem has another id. On 10^6 rows the map's
  // lookups were a quarter of the command's time.
  std::unordered_map<std::string_view, size_t> by_id;
  const auto index_of = [&](size_t row, std::string_view id) -> std::optional<size_t> {
    if (row < buffers.size() && buffers[row].id == id) return row;
    if (by_id.empty())
      for (size_t i = 0; i < buffers.size(); ++i) by_id.emplace(buffers[i].id, i);
    const auto it = by_id.find(id);
    return it == by_id.end() ? std::nullopt : std::optional<size_t>(it->second);
  };
  // A solution without an alignment column reads as alignment 1: only a column given is compared.
  const bool has_alignment =
      std::find(solution.columns.begin(), solution.columns.end(), "alignment") != solution.columns.end();
  Solution matched;
  matched.offsets.assign(buffers.size(), kUnplaced);
  for (size_t i = 0; i < solution.problem.buffers.size(); ++i) {
    const Buffer& row = solution.problem.buffers[i];
    const std::optional<size_t> at = index_of(i, row.id);
    const auto where = [&] { return input_name(args.solution) + ":" + std::to_string(solution.lines[i]) + ": "; };
    if (!at) {
      std::cerr << where() << "buffer '" << printable(row.id) << "' is not in " << input_name(args.problem) << "\n";
      return std::nullopt;
    }
    const Buffer& b = buffers[*at];
    if (row.lower != b.lower || row.upper != b.upper || row.size != b.size) {
      std::cerr << where() << "buffer '" << printable(row.id) << "' is [" << row.lower << ", " << row.upper
                << ") x " << row.size << " here but [" << b.lower << ", " << b.upper << ") x "
                << b.size << " in " << input_name(args.problem) << " line " << problem.lines[*at] << "\n";
      return std::nullopt;
    }
    if (has_alignment && row.alignment != b.alignment) {
      std::cerr << where() << "buffer '" << printable(row.id) << "' has alignment " << row.alignment << " here but "
                << b.alignment << " in " << input_name(args.problem) << " line " << problem.lines[*at] << "\n";
      return std::nullopt;
    }
    matched.offsets[*at] = *row.fixed_offset;
  }
  for (size_t i = 0; i < matched.offsets.size(); ++i)
    if (matched.offsets[i] == kUnplaced) {
      std::cerr << input_name(args.solution) << ": buffer '" << printable(problem.problem.buffers[i].id) << "' (line "
                << problem.lines[i] << " of " << input_name(args.problem) << ") has no row\n";
      return std::nullopt;
    }
  return matched;
}

int run_validate(const ValidateArgs& args) {
  if (args.problem == kStandardInput && args.solution == kStandardInput) {
    std::cerr << "tela validate: the problem and the solution cannot both come from standard input (-)\n";
    return kExitBadInput;
  }
  std::optional<LoadedProblem> problem = load_problem(args.problem, args.capacity);
  if (!problem) return kExitBadInput;
  std::optional<LoadedProblem> solution =
      load_problem(args.solution, std::nullopt, /*require_offsets=*/true);
  if (!solution) return kExitBadInput;
  std::optional<Solution> offsets = match_rows(args, *problem, *solution);
  if (!offsets) return kExitBadInput;
  const Validation v = validate(problem->problem, *offsets);
  if (!v.ok()) {
    std::cout << "invalid: " << describe(problem->problem, v) << "\n";
    return kExitNoAllocation;
  }
  std::cout << "valid: peak " << peak_of(problem->problem, *offsets) << ", lower bound "
            << lower_bound(compute_sections(problem->problem)) << ", capacity " << args.capacity
            << ", " << buffers_text(problem->problem.buffers.size()) << "\n";
  return kExitDone;
}

}  // namespace

void add_validate_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ValidateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "validate",
      "Check a solution: every buffer placed, aligned, at its fixed offset if it has one,\n"
      "inside the capacity, and no two live at the same time sharing an address.\n"
      "Exit 0 and the peak when valid; exit 1 and the first conflict in words when not.");
  add_problem_option(*cmd, args->problem);
  cmd->add_option("solution", args->solution, "the solution: the same rows plus an offset column")
      ->required();
  add_capacity_option(*cmd, args->capacity)->required();
  cmd->callback([args, &exit_code] { exit_code = run_validate(*args); });
}

}  // namespace tela::cli
