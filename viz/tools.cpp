// The panels that turn the canvas into a debugging and teaching tool: compare two algorithms,
// edit the problem (with undo), export what is on screen, and the guided tour.
#include <imgui.h>

#include <algorithm>
#include <sstream>

#include "app.h"
#include "io/csv.h"

namespace tela::viz {

// The compared run is solved here, not in the worker, so its time limit is kept short.
void App::run_compare() {
  if (!session) return;
  RunRequest r = request;
  r.algorithm = compare_algorithm;
  r.capacity = session->run.problem.capacity;
  r.timeout_seconds = std::min(r.timeout_seconds, kCompareSeconds);
  compare = make_session(session->name, record_run(session->run.problem, r), true);
  compare_canvas = CanvasState{};
  compare->player.seek(compare->player.steps());
  fit_pending = true;  // the address axis must hold both runs
}

void App::edit_problem(Problem edited, const std::string& what) {
  pending_edit = std::move(edited);
  pending_edit_what = what;
}

void App::apply_pending_edit() {
  if (!pending_edit || !session) return;
  undo_stack.push_back(session->run.problem);
  redo_stack.clear();
  RecordedRun recorded;
  recorded.problem = std::move(*pending_edit);
  pending_edit.reset();
  const std::string name = session->name, what = pending_edit_what;
  show(make_session(name, std::move(recorded), false), what + " (Ctrl+Z undoes)", false);
  // Re-solve at once when that is quick, so the edit's effect shows.
  if (session->run.problem.buffers.size() <= 2000 && runner.start) run();
}

namespace {

void restore(App& app, std::vector<Problem>& from, std::vector<Problem>& to, const char* what) {
  if (from.empty() || !app.session) return;
  to.push_back(app.session->run.problem);
  RecordedRun recorded;
  recorded.problem = std::move(from.back());
  from.pop_back();
  app.show(make_session(app.session->name, std::move(recorded), false), what, false);
  if (app.session->run.problem.buffers.size() <= 2000 && app.runner.start) app.run();
}

// The columns a solution file gets: the standard ones, alignment when any buffer has one.
std::vector<std::string> solution_columns(const Problem& p) {
  std::vector<std::string> columns{"id", "lower", "upper", "size"};
  if (std::any_of(p.buffers.begin(), p.buffers.end(), [](const Buffer& b) { return b.alignment > 1; }))
    columns.push_back("alignment");
  return columns;
}

std::string file_stem(const std::string& name) {
  std::string stem = name.substr(name.find_last_of('/') + 1);
  if (stem.size() > 4 && stem.substr(stem.size() - 4) == ".csv") stem.resize(stem.size() - 4);
  for (char& c : stem) if (c == ' ' || c == ',') c = '-';
  return stem.empty() ? "tela" : stem;
}

}  // namespace

void App::undo() { restore(*this, undo_stack, redo_stack, "undone"); }
void App::redo() { restore(*this, redo_stack, undo_stack, "redone"); }

void draw_compare_panel(App& app) {
  if (!header(app, "Compare", "compare.header") || !app.session) return;
  if (ImGui::BeginCombo("with", app.compare_algorithm.c_str())) {
    for (const Algorithm& a : algorithms()) {
      const std::string name(a.name);
      if (ImGui::Selectable(name.c_str(), name == app.compare_algorithm)) app.compare_algorithm = name;
      app.widgets.track("compare.with." + name);
    }
    ImGui::EndCombo();
  }
  app.widgets.track("compare.with");
  // "Run" and "Close" carry their own IDs: the header above is "Compare" too, and two items
  // with one ID share their clicks.
  if (button(app, "Compare##run", "compare.run")) app.run_compare();
  if (app.compare) {
    ImGui::SameLine();
    if (button(app, "Close##compare", "compare.close")) {
      app.compare.reset();
      app.fit_pending = true;
      return;
    }
  }
  if (!app.compare || !app.session->has_run) return;
  const Session* runs[2] = {app.session.get(), app.compare.get()};
  if (ImGui::BeginTable("compare", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit)) {
    ImGui::TableSetupColumn("");
    ImGui::TableSetupColumn(runs[0]->run.result.algorithm.c_str());
    ImGui::TableSetupColumn(runs[1]->run.result.algorithm.c_str());
    ImGui::TableHeadersRow();
    auto row = [&](const char* label, auto value) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(label);
      for (const Session* s : runs) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(value(*s).c_str());
      }
    };
    row("status", [](const Session& s) { return std::string(name_of(s.run.result.status)); });
    row("peak", [](const Session& s) { return std::to_string(s.run.result.peak); });
    row("fragmentation", [](const Session& s) {
      char t[32];
      std::snprintf(t, sizeof t, "%.3f", double(s.run.result.peak) / double(std::max<Size>(1, s.stats.lower_bound)));
      return std::string(t);
    });
    row("time ms", [](const Session& s) {
      char t[32];
      std::snprintf(t, sizeof t, "%.3f", s.run.result.seconds * 1000);
      return std::string(t);
    });
    row("steps", [](const Session& s) { return std::to_string(s.player.steps()); });
    row("backtracks", [](const Session& s) {
      const auto& e = s.run.trace.events;
      const auto minor = std::count_if(e.begin(), e.end(), [](const TraceEvent& x) { return x.kind == EventKind::kMinorBacktrack; });
      const auto major = std::count_if(e.begin(), e.end(), [](const TraceEvent& x) { return x.kind == EventKind::kMajorBacktrack; });
      return std::to_string(minor) + " / " + std::to_string(major);
    });
    ImGui::EndTable();
  }
}

void draw_edit_panel(App& app) {
  if (!header(app, "Edit", "edit.header") || !app.session) return;
  ImGui::BeginDisabled(app.undo_stack.empty());
  if (button(app, "Undo", "edit.undo")) app.undo();
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(app.redo_stack.empty());
  if (button(app, "Redo", "edit.redo")) app.redo();
  ImGui::EndDisabled();
  if (app.selected < 0 || size_t(app.selected) >= app.session->run.problem.buffers.size()) {
    ImGui::TextWrapped("Select a buffer (click it) to edit it, or drag its left, right or top edge.");
    return;
  }
  const Buffer& b = app.session->run.problem.buffers[size_t(app.selected)];
  ImGui::Text("buffer %s", b.id.c_str());
  long long values[3] = {b.lower, b.upper, b.size};
  bool changed = false;
  const char* fields[3] = {"lower", "upper", "size"};
  for (int i = 0; i < 3; ++i) {
    changed |= ImGui::InputScalar(fields[i], ImGuiDataType_S64, &values[i], nullptr, nullptr, nullptr,
                                  ImGuiInputTextFlags_EnterReturnsTrue);
    app.widgets.track(std::string("edit.") + fields[i]);
  }
  if (changed) {
    if (values[0] < 0 || values[1] <= values[0] || values[2] < 0) {
      app.fail("not applied: a buffer needs 0 <= lower < upper and size >= 0");
    } else {
      Problem edited = app.session->run.problem;
      Buffer& e = edited.buffers[size_t(app.selected)];
      e.lower = values[0], e.upper = values[1], e.size = values[2];
      app.edit_problem(std::move(edited), "edited " + b.id);
    }
  }
  if (button(app, "Delete buffer", "edit.delete")) {
    Problem edited = app.session->run.problem;
    const std::string id = b.id;
    edited.buffers.erase(edited.buffers.begin() + app.selected);
    app.selected = -1;
    app.edit_problem(std::move(edited), "deleted " + id);
  }
}

void export_file(App& app, const std::string& what) {
  if (!app.session || !app.save_text) return;
  const Session& s = *app.session;
  const std::string stem = file_stem(s.name);
  std::ostringstream out;
  if (what == "problem") {
    write_problem_csv(out, s.run.problem);
    app.save_text(stem + ".csv", out.str());
  } else if (what == "solution" && s.has_run) {
    write_solution_csv(out, s.run.problem, s.run.result.solution, solution_columns(s.run.problem));
    app.save_text(stem + ".solution.csv", out.str());
  } else if (what == "trace" && s.has_run) {
    write_trace_jsonl(out, s.run);
    app.save_text(stem + "." + s.run.result.algorithm + ".jsonl", out.str());
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
}

namespace {

struct TourPage {
  const char* widget;  // what the page talks about: the tour stands beside it, pointing at it
  const char* text;
};
constexpr TourPage kTour[] = {
    {"canvas.plot",
     "Welcome to tela. Each rectangle is a buffer: its width is the time it is live, its height "
     "its size, and its height above the axis the address the allocator gave it."},
    {"player.play",
     "The player replays the allocator's search one event at a time: Play, the arrows, or the "
     "Space and arrow keys. The line under it says what just happened, in plain words."},
    {"player.next_conflict",
     "Jump to the next conflict or backtrack (keys c and b). Orange blocks are lifted by a minor "
     "backtrack, red ones by a major backtrack; yellow outlines mark what a conflict blames."},
    {"open.header", "Open has teaching examples, files (or drop one on the page) and generators."},
    {"load.plot",
     "The load over time: blue is placed, grey still to place (TelaMalloc's contention). Wheel "
     "zooms, drag pans, double-click fits, click selects; press ? for every key."}};
constexpr int kTourPages = int(sizeof kTour / sizeof kTour[0]);

// The tour's window beside `target` (below it, or above when there is no room), and an arrow
// from the window to the target.
void place_beside(const WidgetRect* target, const ImVec2& display) {
  constexpr float kWidth = 320;
  if (!target) {
    ImGui::SetNextWindowPos(ImVec2(display.x / 2, display.y / 2), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    return;
  }
  const float x = std::clamp((target->x0 + target->x1) / 2 - kWidth / 2, 8.0f, display.x - kWidth - 8);
  const bool below = target->y1 + 150 < display.y;
  const float y = below ? std::min(target->y1 + 24, (target->y0 + target->y1) / 2 + 40) : target->y0 - 24;
  ImGui::SetNextWindowPos(ImVec2(x, y), ImGuiCond_Always, ImVec2(0, below ? 0 : 1));
}

void point_at(const WidgetRect* target) {
  if (!target) return;
  const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
  const ImVec2 centre((target->x0 + target->x1) / 2, (target->y0 + target->y1) / 2);
  const bool below = pos.y > centre.y;
  const ImVec2 from(std::clamp(centre.x, pos.x + 10, pos.x + size.x - 10), below ? pos.y : pos.y + size.y);
  const ImVec2 to(centre.x, below ? std::min(target->y1, centre.y + 20) : std::max(target->y0, centre.y - 20));
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  const Rgba c = colour::kConflict;
  dl->AddLine(from, to, c, 2.5f);
  dl->AddCircleFilled(to, 5, c);
  dl->AddRect(ImVec2(target->x0 - 2, target->y0 - 2), ImVec2(target->x1 + 2, target->y1 + 2), c, 3, 0, 2);
}

}  // namespace

void draw_tour(App& app) {
  if (app.tour_step < 0) return;
  const TourPage& page = kTour[std::clamp(app.tour_step, 0, kTourPages - 1)];
  const WidgetRect* target = app.widgets.find(page.widget);
  place_beside(target, ImGui::GetIO().DisplaySize);
  ImGui::SetNextWindowSize(ImVec2(320, 0));
  ImGui::Begin("Tour", nullptr, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoResize |
                                    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  ImGui::TextWrapped("%s", page.text);
  ImGui::Text("%d / %d", app.tour_step + 1, kTourPages);
  ImGui::SameLine(190);
  const bool last = app.tour_step + 1 >= kTourPages;
  bool done = button(app, "Skip", "tour.skip");
  ImGui::SameLine();
  if (button(app, last ? "Done###tour_next" : "Next###tour_next", "tour.next")) {
    if (last) done = true;
    else ++app.tour_step;
  }
  point_at(target);
  ImGui::End();
  if (done) {
    app.tour_step = -1;
    if (app.tour_done) app.tour_done();
  }
}

}  // namespace tela::viz
