// tela draw: an allocation as ASCII (for a terminal), SVG (for a browser) or TikZ (for LaTeX).
#include <iostream>
#include <vector>

#include "commands.h"
#include "inputs.h"
#include "io/drawing.h"

namespace tela::cli {
namespace {

struct DrawArgs {
  std::string solution;
  DrawingOptions drawing;
  std::optional<Size> capacity;
  std::string format = "ascii";
  std::string output;
};

int run_draw(DrawArgs& args) {
  std::optional<LoadedProblem> loaded = load_problem(args.solution, args.capacity, /*require_offsets=*/true);
  if (!loaded) return kExitBadInput;
  if (!can_create_output(args.output)) return kExitBadInput;
  Problem& problem = loaded->problem;
  args.drawing.format = *drawing_format_named(args.format);  // checked by the option
  // The offsets are the file's own: read as pre-placed buffers, drawn where they are.
  Solution solution;
  for (Buffer& b : problem.buffers) solution.offsets.push_back(b.fixed_offset.value_or(kUnplaced));
  // The capacity given, else the one the file's name gives (NAME.CAPACITY.csv), else none.
  args.drawing.capacity = args.capacity ? *args.capacity : capacity_from_file_name(args.solution).value_or(0);
  auto out = open_output(args.output);
  if (!out) return kExitBadInput;
  write_drawing(*out, problem, solution, args.drawing);
  return finish_output(*out, args.output) ? kExitDone : kExitBadInput;
}

}  // namespace

void add_draw_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<DrawArgs>();
  CLI::App* cmd = app.add_subcommand(
      "draw",
      "Draw an allocation (a solution: the problem's rows with an offset each, as `solve -o`\n"
      "writes) as text: ascii for a terminal (TFLM's printout: a row per time, or per run of\n"
      "times, a character per range of addresses; '.' free, '!' two buffers overlapping, '|'\n"
      "the capacity, then which character is which buffer), svg for a browser (the id on hover)\n"
      "or tikz for LaTeX (MiniMalloc's figures). Overlaps and buffers above the capacity are\n"
      "drawn as they are: the drawing shows what is wrong as well as what is right.");
  cmd->add_option("solution", args->solution, "the solution CSV (id,lower,upper,size[,alignment],offset), or - for standard input")
      ->required();
  std::vector<std::string> formats;
  for (const DrawingFormatInfo& f : drawing_formats()) formats.emplace_back(f.name);
  cmd->add_option("--format,-f", args->format, "ascii, svg or tikz")
      ->check(CLI::IsMember(formats))
      ->default_str("ascii");
  cmd->add_option("--columns", args->drawing.columns, "ascii: characters across the addresses")
      ->check(whole_number(1, 100000))
      ->default_val(80);
  cmd->add_option("--rows", args->drawing.rows, "ascii: rows down the times at most (more times: a row stands for several)")
      ->check(whole_number(1, 1000000))
      ->default_val(100);
  add_capacity_option(*cmd, args->capacity)
      ->description("draw the capacity line there (default: the capacity in the file's name, NAME.CAPACITY.csv, if any)");
  cmd->add_option("--output,-o", args->output, "where to write the drawing (default: standard output)");
  cmd->callback([args, &exit_code] { exit_code = run_draw(*args); });
}

}  // namespace tela::cli
