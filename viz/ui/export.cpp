// Export: the problem, the solution and the trace as files, the canvas as a PNG, and the step
// shown as SVG, TikZ or ASCII (the front-end saves them: a download in the page, a file
// natively).
#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <sstream>

#include "io/csv.h"
#include "io/drawing.h"
#include "io/trace_io.h"
#include "viz/ui/app.h"
#include "viz/ui/canvas.h"

namespace tela::viz {

namespace {

std::string file_stem(const std::string& name) {
  std::string stem = name.substr(name.find_last_of('/') + 1);
  if (stem.size() > 4 && stem.substr(stem.size() - 4) == ".csv") stem.resize(stem.size() - 4);
  for (char& c : stem) if (c == ' ' || c == ',') c = '-';
  return stem.empty() ? "tela" : stem;
}

// "A.1048576" -> "A": the capacity a name carries (NAME.CAPACITY), taken off.
std::string without_capacity(std::string stem) {
  if (capacity_from_file_name(stem + ".csv")) stem.resize(stem.rfind('.'));
  return stem;
}

// An algorithm's name as part of a file name: "minimize: auto (exact)" -> "minimize-auto-exact".
std::string file_word(const std::string& text) {
  std::string word;
  for (char c : text) {
    const bool kept = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
    if (kept) word += c;
    else if (!word.empty() && word.back() != '-') word += '-';
  }
  while (!word.empty() && word.back() == '-') word.pop_back();
  return word.empty() ? "run" : word;
}

// NAME[.KIND].CAPACITY.EXT, every file the same way: the capacity last, where loading reads it
// back (capacity_from_file_name), so a capacity changed on the page survives the round trip
// (the CSV has no column for it). A capacity already in the name is replaced, not added to
// ("input.12" at 20: "input.20.csv"). KIND: "solution", or the algorithm (a trace, a PNG).
std::string file_name(const std::string& stem, Size capacity, const std::string& kind = "",
                      const std::string& extension = ".csv") {
  std::string base = without_capacity(stem);
  if (base.empty()) base = "tela";
  if (!kind.empty()) base += "." + kind;
  return (capacity > 0 ? base + "." + std::to_string(capacity) : base) + extension;
}

}  // namespace

// "A.1048576.csv" -> "A-edited": the capacity is not part of what the file was (an export
// writes the capacity asked into its name again).
std::string edited_name(std::string name) {
  for (const std::string extension : {".csv", ".jsonl"})
    if (name.size() > extension.size() && name.ends_with(extension)) name.resize(name.size() - extension.size());
  return without_capacity(name) + "-edited";
}

void export_file(App& app, const std::string& what) {
  if (!app.session || !app.save_text) return;
  const Session& s = *app.session;
  const std::string stem = file_stem(s.name);
  std::ostringstream out;
  if (what == "problem") {
    write_problem_csv(out, s.run.problem);
    // The capacity in the field (a problem shown takes its own there), typed but not yet run.
    app.save_text(file_name(stem, app.request.capacity), out.str());
  } else if (what == "solution" && s.has_run) {
    // NAME.solution.CAPACITY.csv: the run's capacity, not the file's ("A.1048576" solved at
    // 2,000,000 was saved as A.1048576.solution.csv, with offsets past 1,048,576).
    write_solution_csv(out, s.run.problem, s.run.result.solution, columns_of(s.run.problem));
    app.save_text(file_name(stem, s.run.problem.capacity, "solution"), out.str());
  } else if (what == "trace" && s.has_run) {
    write_trace_jsonl(out, s.run);
    app.save_text(file_name(stem, s.run.problem.capacity, file_word(s.run.result.algorithm), ".jsonl"), out.str());
  }
}

// A picture of the step shown: NAME.ALGORITHM[.step-K].CAPACITY.EXT (the step only when it is
// not the last).
std::string picture_name(const App& app, const std::string& extension) {
  if (!app.session) return "tela" + extension;
  const Session& s = *app.session;
  std::string kind;
  if (s.has_run) {
    kind = file_word(s.run.result.algorithm);
    const int64_t steps = s.player.steps();
    if (steps > 0 && s.player.step() < steps) kind += ".step-" + std::to_string(s.player.step());
  }
  return file_name(file_stem(s.name), s.run.problem.capacity, kind, extension);
}

std::string canvas_png_name(const App& app) { return picture_name(app, ".png"); }

// Each buffer's colour as the canvas shows it (0xRRGGBB; ImGui packs 0xAABBGGRR), so a drawing
// looks like the page it came from.
static std::vector<uint32_t> page_colours(const App& app) {
  const Session& s = *app.session;
  std::vector<uint32_t> colours(s.run.problem.buffers.size());
  for (size_t b = 0; b < colours.size(); ++b) {
    const Rgba c = colour_of_block(s, app.colour_mode, &app.inspect.categories, BufferIndex(b));
    colours[b] = (c & 0xFF) << 16 | (c >> 8 & 0xFF) << 8 | (c >> 16 & 0xFF);
  }
  return colours;
}

// The step shown drawn as text (core/io/drawing.h): `format` "svg", "tikz" or "ascii".
void export_drawing(App& app, const std::string& format) {
  if (!app.session || !app.save_text) return;
  const Session& s = *app.session;
  for (const DrawingFormatInfo& f : drawing_formats()) {
    if (format != f.name) continue;
    DrawingOptions options{.format = f.format, .capacity = s.run.problem.capacity};
    options.colours = page_colours(app);
    std::ostringstream out;
    write_drawing(out, s.run.problem, Solution{s.player.offsets()}, options);
    app.save_text(picture_name(app, f.extension), out.str());
  }
}

void draw_export_panel(App& app) {
  if (!header(app, "Export", "export.header") || !app.session || !app.save_text) return;
  if (button(app, "problem CSV", "export.problem")) export_file(app, "problem");
  ImGui::SameLine();
  ImGui::BeginDisabled(!app.session->has_run);
  if (button(app, "solution CSV", "export.solution")) export_file(app, "solution");
  ImGui::SameLine();
  if (button(app, "trace", "export.trace")) export_file(app, "trace");
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (button(app, "PNG", "export.png")) app.png_requested = true;
  // The step shown as text: for a browser, for LaTeX, for a terminal or a bug report.
  for (const auto& [label, format] : {std::pair{"SVG", "svg"}, std::pair{"TikZ", "tikz"}, std::pair{"ASCII", "ascii"}}) {
    same_line_if_fits(ImGui::CalcTextSize(label).x + 2 * ImGui::GetStyle().FramePadding.x);
    if (button(app, label, std::string("export.") + format)) export_drawing(app, format);
  }
}

}  // namespace tela::viz
