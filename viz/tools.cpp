// The panels that turn the canvas into a debugging and teaching tool: compare two algorithms,
// edit the problem (with undo), export what is on screen, and the guided tour.
#include <imgui.h>

#include <algorithm>
#include <sstream>

#include "app.h"
#include "csv.h"

namespace tela::viz {

void App::run_compare() {
  if (!session) return;
  RunRequest r = request;
  r.algorithm = compare_algorithm;
  compare = make_session(session->name, record_run(session->run.problem, r), true);
  compare_canvas = CanvasState{};
  compare->player.seek(compare->player.steps());
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
  if (!ImGui::CollapsingHeader("Compare") || !app.session) return;
  if (ImGui::BeginCombo("with", app.compare_algorithm.c_str())) {
    for (const Algorithm& a : algorithms()) {
      const std::string name(a.name);
      if (ImGui::Selectable(name.c_str(), name == app.compare_algorithm)) app.compare_algorithm = name;
    }
    ImGui::EndCombo();
  }
  if (ImGui::Button("Compare")) app.run_compare();
  if (app.compare) {
    ImGui::SameLine();
    if (ImGui::Button("Close")) { app.compare.reset(); return; }
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
  if (!ImGui::CollapsingHeader("Edit") || !app.session) return;
  ImGui::BeginDisabled(app.undo_stack.empty());
  if (ImGui::Button("Undo")) app.undo();
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(app.redo_stack.empty());
  if (ImGui::Button("Redo")) app.redo();
  ImGui::EndDisabled();
  if (app.selected < 0 || size_t(app.selected) >= app.session->run.problem.buffers.size()) {
    ImGui::TextWrapped("Select a buffer (click it) to edit it, or drag its left, right or top edge.");
    return;
  }
  const Buffer& b = app.session->run.problem.buffers[size_t(app.selected)];
  ImGui::Text("buffer %s", b.id.c_str());
  long long values[3] = {b.lower, b.upper, b.size};
  bool changed = false;
  changed |= ImGui::InputScalar("lower", ImGuiDataType_S64, &values[0], nullptr, nullptr, nullptr, ImGuiInputTextFlags_EnterReturnsTrue);
  changed |= ImGui::InputScalar("upper", ImGuiDataType_S64, &values[1], nullptr, nullptr, nullptr, ImGuiInputTextFlags_EnterReturnsTrue);
  changed |= ImGui::InputScalar("size", ImGuiDataType_S64, &values[2], nullptr, nullptr, nullptr, ImGuiInputTextFlags_EnterReturnsTrue);
  if (changed) {
    if (values[0] < 0 || values[1] <= values[0] || values[2] < 0) {
      app.message = "not applied: a buffer needs 0 <= lower < upper and size >= 0";
    } else {
      Problem edited = app.session->run.problem;
      Buffer& e = edited.buffers[size_t(app.selected)];
      e.lower = values[0], e.upper = values[1], e.size = values[2];
      app.edit_problem(std::move(edited), "edited " + b.id);
    }
  }
  if (ImGui::Button("Delete buffer")) {
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
  if (!ImGui::CollapsingHeader("Export") || !app.session || !app.save_text) return;
  if (ImGui::Button("problem CSV")) export_file(app, "problem");
  ImGui::SameLine();
  ImGui::BeginDisabled(!app.session->has_run);
  if (ImGui::Button("solution CSV")) export_file(app, "solution");
  ImGui::SameLine();
  if (ImGui::Button("trace")) export_file(app, "trace");
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("PNG")) app.png_requested = true;
}

void draw_tour(App& app) {
  static constexpr const char* kPages[] = {
      "Welcome to tela. Each rectangle is a buffer: its width is the time it is live, its height "
      "its size, and its vertical position the address the allocator gave it.",
      "The player (bottom) replays the allocator's search one event at a time: Play, the arrows, "
      "or the Space and arrow keys. The line under it says what just happened, in plain words.",
      "Orange blocks are lifted by a minor backtrack, red ones by a major backtrack; yellow "
      "outlines mark the placements a conflict blames. Try the teaching examples under Open.",
      "The plot under the canvas is the load over time: blue is placed, orange still to place "
      "(TelaMalloc's contention). Wheel zooms, drag pans, double-click fits, click selects."};
  constexpr int kCount = 4;
  if (app.tour_step < 0) return;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(12, display.y - 12), ImGuiCond_Always, ImVec2(0, 1));
  ImGui::SetNextWindowSize(ImVec2(306, 0));
  ImGui::Begin("Tour", nullptr, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoResize |
                                    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  ImGui::TextWrapped("%s", kPages[std::clamp(app.tour_step, 0, kCount - 1)]);
  ImGui::Text("%d / %d", app.tour_step + 1, kCount);
  ImGui::SameLine(180);
  const bool last = app.tour_step + 1 >= kCount;
  bool done = ImGui::Button("Skip");
  ImGui::SameLine();
  if (ImGui::Button(last ? "Done" : "Next")) {
    if (last) done = true;
    else ++app.tour_step;
  }
  ImGui::End();
  if (done) {
    app.tour_step = -1;
    if (app.tour_done) app.tour_done();
  }
}

}  // namespace tela::viz
