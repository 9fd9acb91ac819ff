// The panels around the canvas, one function each, and the frame that lays them out.
#include <imgui.h>
#include <imgui_internal.h>  // ClosePopupsExceptModals: Escape closes an open combo

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <utility>

#include "services/generate.h"
#include "viz/model/layout.h"
#include "viz/model/typed_number.h"
#include "viz/ui/app.h"
#include "viz/ui/wrapped_text.h"

namespace tela::viz {

namespace {

// A value too long for a narrow column wraps under itself rather than being cut off; one that
// changes as the player moves or frame by frame (`moving`) does not: its row count would
// change with it and move every panel below under the pointer. Values start in one column,
// right of the widest label ("backtracks so far" ran into its value at a fixed 130 px).
void value_row(const char* label, const std::string& value, bool moving = false) {
  const float column = std::max(130.0f, ImGui::CalcTextSize("backtracks so far").x + 2 * ImGui::GetStyle().ItemSpacing.x);
  ImGui::TextDisabled("%s", label);
  ImGui::SameLine(column);
  // On one line, cut with "..." and whole on hover: a value that changes with the step (its
  // row must keep its height), or one word (ImGui broke "backtracks-major" as "backtracks-majo"
  // over "r"). Other values wrap at spaces.
  if (moving || value.find(' ') == std::string::npos) text_on_one_line(value, ImGui::GetContentRegionAvail().x);
  else text_wrapped("%s", value.c_str());
}

std::string num(long long v) { return with_commas(v); }

void swatch(Rgba colour, const char* label) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + 14, p.y + 14), colour);
  ImGui::Dummy(ImVec2(18, 14));
  ImGui::SameLine();
  ImGui::TextUnformatted(label);
}

// Colours "by size": the ramp, from an empty buffer's shade to the largest buffer's, and the
// sizes at its ends (a colour alone says nothing of how large).
void size_scale(App& app) {
  if (!app.session || app.session->run.problem.buffers.empty()) return;
  const Session& s = *app.session;
  const Size largest = s.run.problem.buffers[size_t(s.stats.largest)].size;
  const float width = std::min(ImGui::GetContentRegionAvail().x, 260.0f), height = 12;
  const ImVec2 p = ImGui::GetCursorScreenPos();
  constexpr int kSteps = 32;  // the ramp is not linear in RGB: drawn in steps, not as one gradient
  for (int i = 0; i < kSteps; ++i)
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x + width * float(i) / kSteps, p.y),
                                              ImVec2(p.x + width * float(i + 1) / kSteps, p.y + height),
                                              colour_of_size((i + 0.5) / kSteps));
  ImGui::Dummy(ImVec2(width, height));
  app.widgets.track("legend.size_scale");
  const std::string right = with_commas(largest) + " bytes (largest)";
  ImGui::TextUnformatted("0");
  ImGui::SameLine(std::max(ImGui::GetCursorPosX() + 20, ImGui::GetCursorPosX() + width - ImGui::CalcTextSize(right.c_str()).x));
  ImGui::TextUnformatted(right.c_str());
}

}  // namespace

// Goes on along the row when `width` more pixels fit in the window, else on a new line, so a
// narrow window wraps the player's controls instead of hiding them under the next panel.
void same_line_if_fits(float width) {
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  ImGui::SameLine();
  if (ImGui::GetCursorScreenPos().x + width > right) ImGui::NewLine();
}

bool button(App& app, const char* label, const std::string& name, ImVec2 size) {
  const bool pressed = ImGui::Button(label, size);
  app.widgets.track(name);
  return pressed;
}

bool header(App& app, const char* label, const std::string& name, int flags) {
  const bool open = ImGui::CollapsingHeader(label, flags);
  app.widgets.track(name);
  return open;
}

void draw_problem_panel(App& app) {
  if (!header(app, "Problem", "problem.header", ImGuiTreeNodeFlags_DefaultOpen)) return;
  if (!app.session) {
    text_wrapped("No problem loaded.");
    return;
  }
  const Session& s = *app.session;
  value_row("name", s.name);
  value_row("buffers", num((long long)s.run.problem.buffers.size()));
  value_row("capacity", num(s.run.problem.capacity));
  value_row("lower bound", num(s.lower_bound));
  if (!s.lower_bound_by.empty()) hint("proven by " + s.lower_bound_by);
  if (s.lower_bound != s.stats.lower_bound) value_row("peak load", num(s.stats.lower_bound));
  value_row("time span", "[" + num(s.stats.time_lower) + ", " + num(s.stats.time_upper) + ")");
  value_row("sections", num((long long)s.stats.sections));
  if (s.stats.fixed) value_row("fixed", num((long long)s.stats.fixed));
  if (s.stats.lower_bound > s.run.problem.capacity)
    ImGui::TextColored(ImVec4(0.84f, 0.37f, 0.0f, 1), "load exceeds the capacity (orange times)");
  if (!s.fixed_overlaps.empty()) {  // the file itself is infeasible: say which, and where
    const Validation& v = s.fixed_overlaps.front();
    const std::string more = s.fixed_overlaps.size() > 1
                                 ? " (and " + num((long long)s.fixed_overlaps.size() - 1) + " more pair(s), crossed in red)"
                                 : " (crossed in red)";
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.9f, 0.3f, 0.3f, 1));
    text_wrapped("pre-placed buffers collide: %s%s", describe(s.run.problem, v).c_str(), more.c_str());
    ImGui::PopStyleColor();
    app.widgets.track("problem.pre_placed_overlaps");
  }
}

void draw_open_panel(App& app) {
  if (!header(app, "Open", "open.header")) return;
  if (!app.examples.empty() && app.open_example) {
    ImGui::TextDisabled("examples");
    for (const ExampleEntry& e : app.examples) {
      // A title wider than the column is cut with "..." (clipped, it ended mid-word: "no
      // patience for minor backtracks, s"), and shows whole on hover.
      const std::string shown = cut_to_width(e.title, ImGui::GetContentRegionAvail().x);
      if (ImGui::Selectable((shown + "###" + e.name).c_str())) app.open_example(e.name);
      app.widgets.track("open.example." + e.name);
      if (ImGui::IsItemHovered() && shown != e.title) whole_text_tooltip(e.title);
    }
  }
  if (app.open_file && button(app, "Open a file...", "open.file")) app.open_file();
  if (app.open_file) hint("a .csv problem or a .jsonl trace; or drop one on the page");
  hint("paste CSV (id,lower,upper,size[,alignment][,offset]):");
  ImGui::InputTextMultiline("##paste", app.pasted.data(), app.pasted.capacity() + 1,
                            ImVec2(-1, 70), ImGuiInputTextFlags_CallbackResize,
                            [](ImGuiInputTextCallbackData* d) {
                              if (d->EventFlag != ImGuiInputTextFlags_CallbackResize) return 0;
                              auto* text = static_cast<std::string*>(d->UserData);
                              text->resize(size_t(d->BufTextLen));
                              d->Buf = text->data();
                              return 0;
                            }, &app.pasted);
  app.widgets.track("open.paste_text");
  if (button(app, "Load pasted text", "open.load_pasted")) {
    const Session* before = app.session.get();
    if (app.pasted.find_first_not_of(" \t\r\n") == std::string::npos)  // not "the file is empty": there is no file
      app.fail("nothing to load: the box is empty. Paste or type a CSV into it (id,lower,upper,size, then a row per buffer)");
    else
      app.load_csv(app.pasted, "pasted.csv", 0);
    if (app.session.get() != before) app.run();  // solved at once, as a file dropped or pasted is
  }
  ImGui::TextDisabled("generate");
  const auto kind_name = [](void*, int k, const char** name) {
    *name = generators()[size_t(k)].name.data();  // the table's names are string literals
    return true;
  };
  ImGui::Combo("kind", &app.generator.kind, kind_name, nullptr, int(generators().size()));
  app.widgets.track("open.generate_kind");
  // Up to the page's most (generate_problem's kMostInPage), as a ?gen= link: it stopped at
  // 20,000 without a word when 30,000 was typed.
  ImGui::SliderInt("buffers", &app.generator.count, 5, 100000, "%d", ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp);
  if (ImGui::IsItemHovered() && !ImGui::IsItemActive())
    ImGui::SetTooltip("5 to 100,000 here (Ctrl+click to type a count); `tela generate` makes any count");
  app.widgets.track("open.generate_count");
  ImGui::InputInt("seed", &app.generator.seed);
  app.widgets.track("open.generate_seed");
  if (button(app, "Generate", "open.generate")) {
    app.generate_problem();
    app.run();  // solved at once, as a file, a paste or a ?gen= link is
  }
}


// The run's progress bar, its label the longest of its forms that fits (a label cut at both
// ends read "900 placed" of 3,900).
void draw_run_progress(const Progress& p) {
  const float fraction = p.buffers > 0 ? float(p.placed) / float(p.buffers) : 0.0f;
  const std::string placed = num(p.placed) + "/" + num(p.buffers);
  const std::string label = first_that_fits(
      {placed + " placed, deepest " + num(p.deepest) + ", " + num((long long)p.seconds) + " s",
       placed + " placed, " + num((long long)p.seconds) + " s", placed + " placed", placed,
       std::to_string(int(fraction * 100)) + "%"},
      ImGui::GetContentRegionAvail().x - 2 * ImGui::GetStyle().FramePadding.x);
  ImGui::ProgressBar(fraction, ImVec2(-1, 0), label.c_str());
}

void draw_run_panel(App& app) {
  if (!header(app, "Algorithm", "run.header", ImGuiTreeNodeFlags_DefaultOpen)) return;
  RunRequest& r = app.request;
  if (ImGui::BeginCombo("algorithm", r.algorithm.c_str())) {
    for (const Algorithm& a : algorithms()) {
      const std::string name(a.name);
      if (ImGui::Selectable(name.c_str(), name == r.algorithm)) r.algorithm = name, app.algorithm_chosen = true;
      app.widgets.track("run.algorithm." + name);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%.*s", int(a.summary.size()), a.summary.data());
    }
    ImGui::EndCombo();
  }
  app.widgets.track("run.algorithm");
  // Said beside the choice, not only in the load's message, which the next one replaces.
  if (app.auto_for_size && r.algorithm == "auto") {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    text_wrapped("auto, as the problem is large: TelaMalloc is slow past %s buffers (choose it above to "
                 "watch it anyway)", num(App::kTelamallocPageLimit).c_str());
    ImGui::PopStyleColor();
    app.widgets.track("run.auto_note");
  }
  // Bytes from 1 to 2^53 - 1: the page hands capacities to its worker as JavaScript numbers,
  // exact up to there. A value outside is refused out loud, not reverted in silence.
  constexpr long long kMostCapacity = (1LL << 53) - 1;
  if (!app.capacity_editing) std::snprintf(app.capacity_text, sizeof app.capacity_text, "%lld", (long long)r.capacity);
  // Selected whole when clicked, as ImGui's number fields are: typing replaces it.
  ImGui::InputText("capacity", app.capacity_text, sizeof app.capacity_text, ImGuiInputTextFlags_AutoSelectAll);
  if (ImGui::IsItemActive()) app.capacity_editing = true;
  if (ImGui::IsItemHovered() && !ImGui::IsItemActive())
    ImGui::SetTooltip("bytes: 1048576, 1,048,576 or 1MiB; applied when you press Enter or leave the field");
  if (ImGui::IsItemDeactivated()) {
    app.capacity_editing = false;
    const TypedNumber typed = read_typed_number(app.capacity_text, kMostCapacity);
    if (typed.error.empty() && typed.value >= 1) {
      // Said, as the field alone changes nothing on screen until Run (and a refusal before
      // stayed on the status line after a good value).
      if (typed.value != r.capacity)
        app.say("capacity " + num(typed.value) + " set: press Run to solve at it");
      r.capacity = typed.value;
    } else {
      const std::string why = typed.error.empty() ? "not above 0" : typed.error;
      if (std::to_string(r.capacity) != app.capacity_text)
        app.fail("capacity \"" + std::string(app.capacity_text) + "\" refused (" + why +
                 "): a capacity is a whole number of bytes from 1 to " + num(kMostCapacity) + "; it stays " +
                 num(r.capacity));
    }
  }
  app.widgets.track("run.capacity");
  float timeout = float(r.timeout_seconds);
  if (ImGui::SliderFloat("timeout s", &timeout, 0.1f, 60.0f, "%.1f", ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp))
    r.timeout_seconds = timeout;
  app.widgets.track("run.timeout");
  if (r.algorithm == "telamalloc" && ImGui::TreeNode("telamalloc options")) {
    ImGui::InputScalar("minor backtracks", ImGuiDataType_S64, &r.telamalloc.minor_backtracks);
    ImGui::InputScalar("major backtracks", ImGuiDataType_S64, &r.telamalloc.major_backtracks);
    r.telamalloc.minor_backtracks = std::max<int64_t>(r.telamalloc.minor_backtracks, 0);  // counts
    r.telamalloc.major_backtracks = std::max<int64_t>(r.telamalloc.major_backtracks, 0);
    ImGui::TreePop();
  }
  // While a run is under way Run says so, and a press on it says why it does nothing (the
  // dimmed button alone was taken for a dead one).
  ImGui::BeginDisabled(!app.session || app.running);
  if (button(app, app.running ? "Running###run" : "Run###run", "run.run", ImVec2(80, 0))) app.run();
  ImGui::EndDisabled();
  if (app.running && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip("A run is under way: Cancel it to run again.");
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left))
      app.say("A run is under way (" + app.running_algorithm + "): Cancel it, or wait, to run again.");
  }
  if (app.running) {
    ImGui::SameLine();
    if (button(app, "Cancel##run", "run.cancel") && app.runner.cancel) app.runner.cancel();
    draw_run_progress(app.progress);
  }
}

void draw_stats_panel(App& app) {
  if (!header(app, "Statistics", "stats.header", ImGuiTreeNodeFlags_DefaultOpen) || !app.session) return;
  const Session& s = *app.session;
  if (!s.has_run) {
    text_wrapped(app.running ? "Solving..." : "Not solved yet: press Run.");
    return;
  }
  const StepCounts c = s.player.counts();
  value_row("algorithm", s.run.result.algorithm);
  value_row("status", name_of(s.run.result.status));
  value_row("peak now", num(c.peak), true);
  value_row("final peak", num(s.run.result.peak));
  char text[64];
  if (s.run.result.status == Status::kSolved) {  // a partial allocation's peak means nothing
    std::snprintf(text, sizeof text, "%.3f", s.lower_bound > 0 ? double(s.run.result.peak) / double(s.lower_bound) : 1.0);
    value_row("fragmentation", std::string(text) + " (peak/bound)");
  }
  value_row("placed now", num(c.placed) + " / " + num((long long)s.run.problem.buffers.size()), true);
  value_row("events", num(s.player.steps()));
  // Counted over the trace up to the step shown (a cut trace holds only the search's start;
  // the run's own totals are in its summary, below).
  value_row("backtracks so far", num(c.minor_backtracks) + " minor, " + num(c.major_backtracks) + " major", true);
  value_row("conflicts so far", num(c.conflicts), true);
  std::snprintf(text, sizeof text, "%.3f ms", s.run.result.seconds * 1000);
  if (s.run.result.seconds > 0) value_row("time", text);
  if (!s.run.result.detail.empty()) value_row("detail", as_sentence(s.run.result.detail));
  std::snprintf(text, sizeof text, "%.1f ms (ui %.1f ms), median", double(app.frame_times.median()),
                double(app.ui_times.median()));
  value_row("frame", text, true);
}

void draw_legend_panel(App& app) {
  if (!header(app, "Legend", "legend.header")) return;
  int mode = int(app.colour_mode);
  ImGui::RadioButton("by id", &mode, int(ColourMode::kById));
  app.widgets.track("legend.by_id");
  ImGui::SameLine();
  ImGui::RadioButton("by size", &mode, int(ColourMode::kBySize));
  app.widgets.track("legend.by_size");
  ImGui::SameLine();
  ImGui::RadioButton("by state", &mode, int(ColourMode::kByState));
  app.widgets.track("legend.by_state");
  app.colour_mode = ColourMode(mode);
  if (app.colour_mode == ColourMode::kBySize) size_scale(app);
  draw_metadata_legend(app);
  swatch(colour::kPlaced, "placed (by state)");
  swatch(colour::kJustPlaced, "placed by this step");
  swatch(colour::kMinorBacktrack, "lifted by a minor backtrack");
  swatch(colour::kMajorBacktrack, "lifted by a major backtrack");
  swatch(colour::kConflict, "a conflict's explanation");
  swatch(with_alpha(colour::kDomain, 120), "selected buffer's domain");
  swatch(colour::kCapacity, "capacity");
  swatch(colour::kOverCapacity, "load above capacity");
  swatch(colour::kMajorBacktrack, "pre-placed buffers colliding (crossed)");
  swatch(colour::kAboveCapacity, "block placed above capacity (outlined)");
  swatch(colour::kSearchMatch, "search match, live-table time");
  swatch(colour::kToPlace, "load still to place (plot)");
  swatch(colour::kFolded, "blocks too small to draw, folded");
  text_wrapped("Press ? for the keyboard and mouse.");
}

namespace {

struct Jump {  // the player's jumps to the previous or next event of some kinds
  const char* name;
  std::initializer_list<EventKind> kinds;
};
const Jump kJumps[] = {{"backtrack", {EventKind::kMinorBacktrack, EventKind::kMajorBacktrack}},
                       {"conflict", {EventKind::kConflict}},
                       {"phase", {EventKind::kPhase}}};

// Past the last one it wraps to the first (and before the first to the last), saying so, as
// a search does: pressing c again and again goes round every conflict of the run.
void jump(App& app, const Jump& j, bool forward) {
  const Player& p = app.session->player;
  const int64_t s = forward ? p.find_next(j.kinds) : p.find_previous(j.kinds);
  if (s > 0) return app.seek(s);
  const int64_t from = p.step();
  const int64_t wrapped = forward ? p.find_next(j.kinds, 0) : p.find_previous(j.kinds, p.steps() + 1);
  const std::string none = std::string("No ") + j.name + (forward ? " after" : " before") + " step " + with_commas(from);
  if (wrapped <= 0) {  // said, so that a press that does nothing is not taken for a dead button
    app.say_for_step(std::string("No ") + j.name + " in this run.", from);
  } else if (wrapped == from) {
    app.say_for_step(none + ": this is the only one.", from);
  } else {
    app.seek(wrapped);
    app.say_for_step(none + ": back to the " + (forward ? "first" : "last") + ", step " + with_commas(wrapped) + ".",
                     wrapped);
  }
}

// Play from the end starts over, by the button and by Space alike.
void toggle_play(App& app) {
  const Player& p = app.session->player;
  app.playing = !app.playing;
  if (app.playing && p.step() >= p.steps()) app.seek(0);
}

void draw_transport(App& app) {
  Player& p = app.session->player;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float h = ImGui::GetFrameHeight();
  if (button(app, "|<", "player.first")) app.seek(0);
  ImGui::SameLine();
  if (button(app, "<", "player.previous")) app.seek(p.step() - 1);
  ImGui::SameLine();
  if (button(app, app.playing ? "Pause###play" : "Play###play", "player.play", ImVec2(50, 0))) toggle_play(app);
  ImGui::SameLine();
  if (button(app, ">", "player.next")) app.seek(p.step() + 1);
  ImGui::SameLine();
  if (button(app, ">|", "player.last")) app.seek(p.steps());
  for (const Jump& j : kJumps) {
    same_line_if_fits(2 * h + 6 + ImGui::CalcTextSize(j.name).x);
    ImGui::PushID(j.name);
    const std::string name = j.name;
    if (ImGui::ArrowButton("prev", ImGuiDir_Left)) jump(app, j, false);
    app.widgets.track("player.previous_" + name);
    ImGui::SameLine(0, 2);
    if (ImGui::ArrowButton("next", ImGuiDir_Right)) jump(app, j, true);
    app.widgets.track("player.next_" + name);
    ImGui::SameLine(0, 4);
    ImGui::TextUnformatted(j.name);
    ImGui::PopID();
  }
  same_line_if_fits(h + style.ItemInnerSpacing.x + ImGui::CalcTextSize("pause at backtracks").x);
  ImGui::Checkbox("pause at backtracks", &app.pause_at_backtracks);
  app.widgets.track("player.pause_at_backtracks");
  same_line_if_fits(70 + style.ItemInnerSpacing.x + ImGui::CalcTextSize("events/s").x);
  ImGui::SetNextItemWidth(70);
  ImGui::SliderFloat("events/s", &app.events_per_second, 1.0f, 10000.0f, "%.0f", ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp);
  app.widgets.track("player.speed");
}

}  // namespace

void draw_player_bar(App& app) {
  if (!app.session) return;
  draw_transport(app);
  Player& p = app.session->player;
  // Read after the buttons: any of them may have moved the step.
  long long scrub = p.step();
  const long long zero = 0, last = p.steps();
  ImGui::SetNextItemWidth(-1);
  if (ImGui::SliderScalar("##step", ImGuiDataType_S64, &scrub, &zero, &last, "step %lld")) app.seek(scrub);
  app.widgets.track("player.scrub");
  app.player_controls_height = ImGui::GetCursorPosY();
  // What just happened, in plain words.
  const int64_t step = p.step();
  if (const TraceEvent* e = p.current_event()) {
    const std::string text = describe(app.session->run.problem, *e, app.session->run.trace.causes_of(size_t(step - 1)));
    ImGui::Text("step %lld/%lld:", (long long)step, (long long)p.steps());
    ImGui::SameLine();
    // Within the bar: a longer sentence is cut with "..." on its last line, whole on hover (its
    // end lay below the bar, with no scrollbar to say so).
    const float bottom = ImGui::GetWindowPos().y + ImGui::GetWindowHeight() - ImGui::GetStyle().WindowPadding.y;
    const int room = int((bottom - ImGui::GetCursorScreenPos().y) / ImGui::GetTextLineHeight());
    text_wrapped_in_lines(text, std::max(room, 2));
  } else if (app.running) {
    text_wrapped("Solving: the trace appears when the run is done.");
  } else if (app.session->has_run && p.steps() == 0) {  // an answer with no trace: minimize's
    if (app.session->run.result.status == Status::kSolved)
      text_wrapped("No steps to replay: the allocation is drawn whole. Run records the steps of a solve.");
    else if (p.final_counts().placed > 0)  // the pre-placed: where the file puts them
      text_wrapped("No steps to replay: the run stopped before placing anything; the pre-placed buffers are drawn "
                   "where the file puts them (the message above says why).");
    else  // e.g. the load above the capacity: proven before any search
      text_wrapped("No steps to replay: the run stopped before placing anything (the message above says why).");
  } else {
    text_wrapped(app.session->has_run ? "step 0: nothing placed yet. Press Play or the right arrow."
                                            : "Press Run to solve, then play the trace.");
  }
}

namespace {

// A log row's tooltip stands beside the log (left of it, or right), or else above or below the
// whole log: never over its rows, which the pointer goes on to read (ImGui puts tooltips under
// the pointer, where the next rows are). `log_min`, `log_max`: the log's window, borders
// included (the rows' child window lies inside them). Returns the width to wrap its text at.
float place_beside_log(ImVec2 row_min, ImVec2 row_max, ImVec2 log_min, ImVec2 log_max) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float gap = 6, padding = 2 * ImGui::GetStyle().WindowPadding.x;
  const float wrap = std::min(ImGui::GetFontSize() * 30, display.x - padding - 2 * gap);
  const float width = wrap + padding;
  // Level with the row, growing downwards, or upwards from a row in the lower half.
  const bool low = row_min.y > display.y / 2;
  const float y = low ? row_max.y : row_min.y;
  if (log_min.x >= width + gap)
    ImGui::SetNextWindowPos(ImVec2(log_min.x - gap, y), ImGuiCond_Always, ImVec2(1, low ? 1.0f : 0.0f));
  else if (display.x - log_max.x >= width + gap)
    ImGui::SetNextWindowPos(ImVec2(log_max.x + gap, y), ImGuiCond_Always, ImVec2(0, low ? 1.0f : 0.0f));
  else if (log_min.y > display.y - log_max.y)
    ImGui::SetNextWindowPos(ImVec2(gap, log_min.y - gap), ImGuiCond_Always, ImVec2(0, 1));
  else
    ImGui::SetNextWindowPos(ImVec2(gap, log_max.y + gap), ImGuiCond_Always, ImVec2(0, 0));
  return wrap;
}

}  // namespace

void draw_event_log(App& app) {
  if (!app.session) return;
  Session& s = *app.session;
  ImGui::Checkbox("follow", &app.follow_log);
  app.widgets.track("events.follow");
  const ImVec2 log_min = ImGui::GetWindowPos();  // the log's own window, not the rows' child
  const ImVec2 log_max(log_min.x + ImGui::GetWindowWidth(), log_min.y + ImGui::GetWindowHeight());
  ImGui::BeginChild("events");
  ImGuiListClipper clipper;
  clipper.Begin(int(s.player.steps()));
  const int64_t current = s.player.step();
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const TraceEvent& e = s.run.trace.events[size_t(i)];
      std::string row = std::to_string(i + 1) + "  " + name_of(e.kind);
      if (e.buffer >= 0) row += "  " + s.run.problem.buffers[size_t(e.buffer)].id;
      if (e.buffer >= 0 && (e.kind == EventKind::kPlace || e.kind == EventKind::kMinorBacktrack ||
                            e.kind == EventKind::kMajorBacktrack))
        row += " @" + std::to_string(e.offset);
      ImGui::PushID(i);
      if (ImGui::Selectable(row.c_str(), i + 1 == current)) app.seek(i + 1);
      app.widgets.track("events.row." + std::to_string(i + 1));
      if (ImGui::IsItemHovered()) {
        const float wrap = place_beside_log(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), log_min, log_max);
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(wrap);
        ImGui::TextUnformatted(describe(s.run.problem, e, s.run.trace.causes_of(size_t(i))).c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
      }
      ImGui::PopID();
    }
  }
  scroll_by_drag(true);
  // Scrolled only when the step moved or the log was resized (a narrower window, a phone
  // turned): a scroll of one's own is left alone while the step stays.
  const bool resized = ImGui::GetWindowHeight() != app.logged_height;
  app.logged_height = ImGui::GetWindowHeight();
  if (app.follow_log && (current != app.logged_step || resized)) {
    app.logged_step = current;
    const float row = ImGui::GetTextLineHeightWithSpacing();
    const float target = float(std::max<int64_t>(current - 1, 0)) * row;
    if (target < ImGui::GetScrollY() || target > ImGui::GetScrollY() + ImGui::GetWindowHeight() - row)
      ImGui::SetScrollY(target - ImGui::GetWindowHeight() / 2);
  }
  ImGui::EndChild();
}

namespace {

bool one_of(ImWchar c, std::string_view chars) { return c < 128 && chars.find(char(c)) != std::string_view::npos; }

// Perfetto's and Tracy's WASD, on the time axis: w and s zoom in and out by a wheel notch
// about the time under the mouse (the view's middle when the mouse is not over the canvas),
// a and d pan by a tenth of the view. Typed characters, so a held key repeats.
void zoom_or_pan_time(App& app, ImWchar c) {
  View& v = app.view;
  const double span = v.time_upper - v.time_lower, middle = (v.time_lower + v.time_upper) / 2;
  if (c == 'a' || c == 'A' || c == 'd' || c == 'D') {
    pan(v, extent_of(app), (c == 'a' || c == 'A' ? -0.1 : 0.1) * span, 0);
    return;
  }
  const double about = app.inspect.pointer_time.value_or(middle);
  zoom_about(v, extent_of(app), about, (v.address_lower + v.address_upper) / 2, c == 'w' || c == 'W' ? 1 : -1,
             true, false);
}

// VisuAlgo's - and +: half and twice the playing speed, within the slider's range.
void change_speed(App& app, ImWchar c) {
  const bool faster = c == '+' || c == '=';
  app.events_per_second = std::clamp(app.events_per_second * (faster ? 2.0f : 0.5f), 1.0f, 10000.0f);
}

// Typed characters, not key codes: ImGui 1.86 names no letter keys, and '?' is Shift+/ on
// one keyboard and a key of its own on another.
void handle_typed_keys(App& app) {
  const ImGuiIO& io = ImGui::GetIO();
  for (int i = 0; i < io.InputQueueCharacters.Size; ++i) {
    const ImWchar c = io.InputQueueCharacters[i];
    if (c == '?') app.show_shortcuts = !app.show_shortcuts;
    if (c == 'b' || c == 'B') jump(app, kJumps[0], c == 'b');
    if (c == 'c' || c == 'C') jump(app, kJumps[1], c == 'c');
    if (c == 'f' || c == 'F') app.fit_pending = true;
    if (c == '/') app.inspect.focus_search = true;
    if ((c == 'l' || c == 'L') && app.inspect.pointer_time)  // times before 0 included
      app.show_live_at(TimeValue(std::floor(*app.inspect.pointer_time)));
    if (c == 'z' || c == 'Z') app.zoom_to_region();
    if (one_of(c, "wWaAsSdD")) zoom_or_pan_time(app, c);
    if (one_of(c, "-_+=")) change_speed(app, c);
  }
}

}  // namespace

namespace {

// A key's press, then repeats once it has been held for half a second before this frame.
// ImGui's own repeat counts the whole of a slow frame as held time, so on a page drawing a few
// frames a second one tap of an arrow key stepped twice.
bool pressed_or_held(ImGuiKey key) {
  const int index = ImGui::GetKeyIndex(key);
  if (ImGui::IsKeyPressed(index, false)) return true;
  const ImGuiIO& io = ImGui::GetIO();
  return ImGui::IsKeyDown(index) && io.KeysDownDuration[index] - io.DeltaTime > 0.5f;
}

bool pressed(ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), false); }

}  // namespace

void handle_shortcuts(App& app) {
  if (!app.session || ImGui::GetIO().WantTextInput) return;
  Player& p = app.session->player;
  if (pressed(ImGuiKey_Space)) toggle_play(app);
  if (pressed_or_held(ImGuiKey_RightArrow)) app.seek(p.step() + 1);
  if (pressed_or_held(ImGuiKey_LeftArrow)) app.seek(p.step() - 1);
  if (pressed(ImGuiKey_Home)) app.seek(0);
  if (pressed(ImGuiKey_End)) app.seek(p.steps());
  // Escape closes an open list (a combo: ImGui 1.86 does that only with keyboard navigation on,
  // which would take the arrow keys from the player), then the overlay, then clears the region
  // and the ruler.
  if (pressed(ImGuiKey_Escape)) {
    if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) ImGui::ClosePopupsExceptModals();
    else if (app.show_shortcuts) app.show_shortcuts = false;
    else app.inspect.region.reset(), app.canvas.has_ruler = false;
  }
  const ImGuiIO& io = ImGui::GetIO();
  if (io.KeyCtrl && pressed(ImGuiKey_Z)) io.KeyShift ? app.redo() : app.undo();
  if (io.KeyCtrl && pressed(ImGuiKey_Y)) app.redo();
  // ImGui 1.86 names no F key: its GLFW backend indexes keys by GLFW's codes, 'F' for F.
  if ((io.KeyCtrl || io.KeySuper) && ImGui::IsKeyPressed('F', false)) app.inspect.focus_search = true;
  if (pressed(ImGuiKey_Enter) || pressed(ImGuiKey_KeyPadEnter)) app.next_match(io.KeyShift ? -1 : 1);
  if (!io.KeyCtrl) handle_typed_keys(app);
}

// The keyboard and mouse, listed over the canvas ('?' shows and hides it).
void draw_shortcuts(App& app) {
  if (!app.show_shortcuts) return;
  static constexpr const char* kRows[][2] = {
      {"Space", "play / pause"},          {"Left, Right", "one step back / on"},
      {"Home, End", "first / last step"}, {"c, C", "next / previous conflict"},
      {"b, B", "next / previous backtrack"}, {"f", "fit the view to the problem"},
      {"wheel", "zoom about the cursor (over an axis: that axis)"},
      {"w, s / a, d", "zoom time in / out about the cursor; pan time left / right"},
      {"-, +", "play slower / faster (half, twice the events/s)"},
      {"Shift / Ctrl + wheel", "zoom time / addresses only"},
      {"drag", "pan"},                    {"double-click", "fit"},
      {"click", "select a buffer (drag its edges to edit it)"},
      {"Ctrl+Z, Ctrl+Y", "undo / redo an edit"},
      {"Ctrl+F or /", "find a buffer by id or metadata (text or regex)"},
      {"Enter, Shift+Enter", "zoom to the next / previous match"},
      {"l (over the canvas)", "list what is live at the time under the mouse"},
      {"click the load plot", "list what is live then"},
      {"Shift+drag, or drag the time axis", "select a range of times: its peak, mean, fragmentation"},
      {"z", "zoom to the selected range"},
      {"right-drag", "measure time and address distances"},
      {"Esc", "clear the range and the ruler"}, {"?", "this list"}};
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x / 2, display.y / 2), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::Begin("Keyboard and mouse", &app.show_shortcuts,
               ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings);
  app.widgets.track_rect("shortcuts", ImGui::GetWindowPos().x, ImGui::GetWindowPos().y,
                         ImGui::GetWindowPos().x + ImGui::GetWindowSize().x,
                         ImGui::GetWindowPos().y + ImGui::GetWindowSize().y);
  if (ImGui::BeginTable("keys", 2)) {
    for (const auto& row : kRows) {
      ImGui::TableNextColumn();
      ImGui::TextColored(ImVec4(1, 0.85f, 0.4f, 1), "%s", row[0]);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(row[1]);
    }
    ImGui::EndTable();
  }
  if (button(app, "Close", "shortcuts.close")) app.show_shortcuts = false;
  ImGui::End();
}

namespace {

void advance_playback(App& app) {
  if (!app.playing || !app.session) return;
  Player& p = app.session->player;
  app.play_debt += ImGui::GetIO().DeltaTime * app.events_per_second;
  const int64_t whole = int64_t(app.play_debt);
  if (whole > 0) {
    app.play_debt -= double(whole);
    if (!app.pause_at_backtracks) {
      app.seek(p.step() + whole);
    } else {  // slow mode: stop on each backtrack and conflict, so a class can look at it
      for (int64_t i = 0; i < whole && p.step() < p.steps(); ++i) {
        app.seek(p.step() + 1);
        const EventKind k = p.current_event()->kind;
        if (k == EventKind::kMinorBacktrack || k == EventKind::kMajorBacktrack || k == EventKind::kConflict) {
          app.playing = false;
          break;
        }
      }
    }
  }
  if (p.step() >= p.steps()) app.playing = false;
}

constexpr ImGuiWindowFlags kFixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                    ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;

// A window of the layout: at a fixed place and size, which the user cannot move or resize.
void begin_fixed(const char* name, const Rect& place, ImGuiWindowFlags extra = 0) {
  ImGui::SetNextWindowPos(ImVec2(place.x, place.y));
  ImGui::SetNextWindowSize(ImVec2(place.width, place.height));
  ImGui::Begin(name, nullptr, kFixed | extra);
}

// The player bar's height at `width`: its controls (which wrap on a narrow bar, measured when
// last drawn) and room for the step's sentence, two lines or three on a narrow bar.
float player_bar_height(const App& app, float width) {
  const bool narrow = width < 830;
  if (app.player_controls_height <= 0) return narrow ? 150.0f : 118.0f;
  const float lines = narrow ? 3.0f : 2.0f;
  const float text = lines * ImGui::GetTextLineHeightWithSpacing() + ImGui::GetStyle().WindowPadding.y;
  return std::max(app.player_controls_height + text, 118.0f);
}

}  // namespace

// The status line: errors in red, so they do not read as news; a run that found no
// allocation in amber, an answer rather than an error. Three lines high whatever it says: a
// message of another length moved every panel below it under the pointer, so a second click
// at the same place (a double-click) hit another item. A longer one scrolls there (a new one
// starts at its top) and shows whole on hover.
void draw_message(App& app) {
  app.end_step_note_if_moved();
  const bool coloured = app.message_is_error || app.message_is_outcome;
  const std::string text = std::string(app.message_is_error ? "Error: " : app.message_is_outcome ? "No allocation: " : "") +
                           app.message;
  ImGui::BeginChild("message", ImVec2(0, 3 * ImGui::GetTextLineHeightWithSpacing()));
  if (text != app.message_drawn) ImGui::SetScrollY(0), app.message_drawn = text;
  if (coloured)
    ImGui::PushStyleColor(ImGuiCol_Text, app.message_is_error ? ImVec4(1.0f, 0.45f, 0.4f, 1) : ImVec4(1.0f, 0.78f, 0.35f, 1));
  text_wrapped("%s", text.c_str());
  if (coloured) ImGui::PopStyleColor();
  const bool longer = ImGui::GetScrollMaxY() > 0;
  scroll_by_drag(false);
  ImGui::EndChild();
  if (longer && ImGui::IsItemHovered()) whole_text_tooltip(text);
  app.widgets.track("message");
}

// One canvas over `session`, with what the App marks on it; then what the user did there
// changes the App. Only the main canvas shows the diagnosis and lets edges be dragged.
void show_canvas(App& app, const Session& session, CanvasState& state, const char* id, float width,
                 float height) {
  if (app.fit_pending) app.fit_view();
  const bool main = &session == app.session.get();
  // What stays lit: in diff mode what the two runs place differently, else a clicked
  // histogram bin's buffers, else a search's matches.
  const Search& search = app.inspect.search;
  const size_t n = session.run.problem.buffers.size();
  const std::vector<uint8_t>* lit = nullptr;
  if (app.compare && app.compare_diff && app.compare_differs.size() == n) lit = &app.compare_differs;
  else if (app.inspect.filter_bin >= 0 && app.inspect.filter_lit.size() == n) lit = &app.inspect.filter_lit;
  else if (!search.text.empty() && search.lit.size() == n) lit = &search.lit;
  const CanvasData data{.session = session, .revision = app.revision, .colour_mode = app.colour_mode, .selected = app.selected,
                        .diagnose = main, .explanation = app.diagnosis.explanation ? &*app.diagnosis.explanation : nullptr,
                        .subset_packing = &app.diagnosis.subset_packing,
                        .editable = main, .step_changed_at = app.step_changed_at, .played = main,
                        .lit = lit, .categories = &app.inspect.categories,
                        .highlighted = app.highlighted, .marked_time = app.inspect.live_time,
                        .region = app.inspect.region};
  const CanvasInput input = draw_canvas(data, {id, width, height, app.view, extent_of(app)}, state, app.widgets);
  if (input.edited) app.edit_buffer(app.selected, *input.edited, "edited " + input.edited->id + " by dragging");
  if (input.view) app.view = *input.view;
  if (input.fit) app.fit_pending = true;
  if (main) app.hovered = input.hovered;
  if (main) app.inspect.pointer_time = input.pointer_time;
  if (input.region) app.select_region(*input.region);
  if (input.clicked) app.selected = input.hovered;
}

void show_load_plot(App& app, float width, float height) {
  const CanvasFrame frame{"load", width, height, app.view, extent_of(app)};
  const LoadPlotInput input = draw_load_plot(*app.session, app.revision, app.canvas, frame, app.inspect.live_time, app.widgets);
  if (input.view) app.view = *input.view;
  if (input.clicked_time) app.show_live_at(*input.clicked_time);
  if (input.fit) app.fit_pending = true;
}

// The centre: the canvas (or two, one run above the other on one view) over the load plot.
void draw_centre(App& app) {
  draw_search_bar(app);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float plot = std::min(130.0f, avail.y * 0.25f);
  const float spacing = ImGui::GetStyle().ItemSpacing.y;
  if (app.session && app.compare) {
    // Each canvas keeps a readable height: in a short window (640 x 360) the two ran over the
    // load plot and the second was cut off; now the column scrolls (its scrollbar; the wheel
    // still zooms the canvas).
    constexpr float kLeastCanvas = 90.0f;
    const float half =
        std::max(kLeastCanvas, (avail.y - plot) / 2 - spacing - ImGui::GetTextLineHeightWithSpacing());
    ImGui::Text("%s (step %lld)", app.session->run.result.algorithm.c_str(), (long long)app.session->player.step());
    show_canvas(app, *app.session, app.canvas, "canvas", avail.x, half);
    ImGui::Text("%s (final state)", app.compare->run.result.algorithm.c_str());
    show_canvas(app, *app.compare, app.compare_canvas, "compare", avail.x, half);
    show_load_plot(app, avail.x, std::max(plot, 48.0f));
  } else if (app.session) {
    show_canvas(app, *app.session, app.canvas, "canvas", avail.x, avail.y - plot - spacing);
    show_load_plot(app, avail.x, plot);
  }
}

// A tab of the side column, tracked under `name`; `bring` brings it to the front.
void side_tab(App& app, const char* label, const char* name, bool bring, void (*draw)(App&)) {
  const bool open = ImGui::BeginTabItem(label, nullptr, bring ? ImGuiTabItemFlags_SetSelected : 0);
  app.widgets.track(name);
  if (!open) return;
  draw(app);
  ImGui::EndTabItem();
}

// The right-hand column: the event log, what is live at a time, a time range's readout.
void draw_side_tabs(App& app) {
  app.highlighted = -1;  // set again below while a row is under the mouse
  if (!ImGui::BeginTabBar("side")) return;
  side_tab(app, "Events", "tabs.events", false, draw_event_log);
  side_tab(app, "Live at time", "tabs.live", std::exchange(app.inspect.show_live, false), draw_live_table);
  side_tab(app, "Region", "tabs.region", std::exchange(app.inspect.show_region, false), draw_region_panel);
  ImGui::EndTabBar();
}

void draw_frame(App& app) {
  app.widgets.begin_frame();
  app.apply_pending_edit();
  refresh_inspection(app);
  handle_shortcuts(app);
  advance_playback(app);
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float player_height = player_bar_height(app, player_width_for(display.x, display.y));
  const Layout layout = layout_for(display.x, display.y, player_height);
  begin_fixed("tela", layout.side);
  // Fields fill the column but leave their labels room ("algorithm", "capacity"): ImGui's
  // default, 65% of the window, cut the labels off in a narrow column (800 px windows).
  ImGui::PushItemWidth(-(ImGui::CalcTextSize("algorithm").x + ImGui::GetStyle().ItemInnerSpacing.x + 2));
  draw_message(app);
  ImGui::Separator();
  draw_open_panel(app);
  draw_problem_panel(app);
  draw_run_panel(app);
  draw_stats_panel(app);
  draw_diagnosis_panel(app);
  draw_minimize_panel(app);
  draw_legend_panel(app);
  draw_distributions_panel(app);
  draw_compare_panel(app);
  draw_edit_panel(app);
  draw_export_panel(app);
  ImGui::PopItemWidth();
  scroll_by_drag(false);
  ImGui::End();

  // A scrollbar only when two canvases (compare) do not fit; the wheel zooms, never scrolls.
  begin_fixed("Address x time", layout.centre, ImGuiWindowFlags_NoScrollWithMouse);
  draw_centre(app);
  ImGui::End();

  // No scrollbar: one coming and going with the length of the step's sentence would change the
  // scrubber's width under a dragging mouse, and so the step it reads. But a short window
  // (640 x 360) cuts the bar below its controls, and the step's sentence was out of reach:
  // there the scrollbar stays, whatever the sentence.
  const bool cut_short = layout.player.height + 0.5f < player_height;
  begin_fixed("Player", layout.player, cut_short ? ImGuiWindowFlags_AlwaysVerticalScrollbar : ImGuiWindowFlags_NoScrollbar);
  draw_player_bar(app);
  ImGui::End();

  begin_fixed("Events", layout.log);
  draw_side_tabs(app);
  ImGui::End();
  draw_tour(app);
  draw_shortcuts(app);
}

}  // namespace tela::viz
