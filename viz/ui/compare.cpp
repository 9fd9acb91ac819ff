// Compare: the same problem under a second algorithm, drawn under the first on one view, and a
// table of what each run did.
#include <imgui.h>

#include <algorithm>

#include "viz/ui/app.h"

namespace tela::viz {

// The compared run goes to the front-end's runner when it has one (the page's worker), so a
// comparison of seconds does not stop the drawing; else it is solved here. Its time limit is
// kept short either way.
void App::run_compare() {
  if (!session) return;
  RunRequest r = request;
  r.algorithm = compare_algorithm;
  r.capacity = session->run.problem.capacity;
  r.timeout_seconds = std::min(r.timeout_seconds, kCompareSeconds);
  const uint64_t ticket = ++compare_ticket;
  if (runner.compare) {
    comparing = true;
    runner.compare(session->run.problem, r, ticket);
    return;
  }
  finish_compare(ticket, record_run(session->run.problem, r));
}

void App::finish_compare(uint64_t ticket, RecordedRun run) {
  if (ticket != compare_ticket || !session) return;
  comparing = false;
  compare = make_session(session->name, std::move(run), true);
  compared = ~0ull;
  compare_canvas = CanvasState{};
  compare->player.seek(compare->player.steps());
  fit_pending = true;  // the address axis must hold both runs
}

void App::compare_failed(uint64_t ticket, const std::string& why) {
  if (ticket != compare_ticket) return;
  comparing = false;
  if (why != "cancelled") fail("compare with " + compare_algorithm + ": " + why);
}

void App::close_compare() {
  ++compare_ticket;  // a compared run still on its way is dropped when it comes
  comparing = false;
  // The axes held both runs: they fit the one left. (With none open, the view stays: every
  // load and edit closes compare, and an edit's view was fitted away from the zoom.)
  if (compare) fit_pending = true;
  compare.reset();
}

namespace {

// The two runs side by side: status, peak, fragmentation, time, steps, backtracks.
void compare_table(const Session& first, const Session& second) {
  const Session* runs[2] = {&first, &second};
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
    // A run that stopped short placed only some buffers: its peak is no allocation's, and its
    // fragmentation could read below 1, as if better than the lower bound.
    const auto solved = [](const Session& s) { return s.run.result.status == Status::kSolved; };
    row("peak", [&](const Session& s) { return solved(s) ? with_commas(s.run.result.peak) : std::string("-"); });
    row("fragmentation", [&](const Session& s) {
      if (!solved(s)) return std::string("-");
      char t[32];
      std::snprintf(t, sizeof t, "%.3f", double(s.run.result.peak) / double(std::max<Size>(1, s.lower_bound)));
      return std::string(t);
    });
    row("time ms", [](const Session& s) {
      char t[32];
      std::snprintf(t, sizeof t, "%.3f", s.run.result.seconds * 1000);
      return std::string(t);
    });
    row("steps", [](const Session& s) { return with_commas(s.player.steps()); });
    row("backtracks", [](const Session& s) {
      const StepCounts c = s.player.final_counts();  // major: jumps, as Statistics counts them
      return with_commas(c.minor_backtracks) + " / " + with_commas(c.major_backtracks);
    });
    ImGui::EndTable();
  }
}

}  // namespace

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
  if (app.compare || app.comparing) {
    ImGui::SameLine();
    if (button(app, "Close##compare", "compare.close")) return app.close_compare();
  }
  if (app.comparing) {  // the table would set the old comparison beside the new main run
    ImGui::TextDisabled("comparing with %s...", app.compare_algorithm.c_str());
    return;
  }
  if (!app.compare || !app.session->has_run) return;
  compare_table(*app.session, *app.compare);
  ImGui::Checkbox("diff: only what moved", &app.compare_diff);
  app.widgets.track("compare.diff");
  ImGui::Text("%lld of %zu placed differently", (long long)app.compare_diff_count,
              app.session->run.problem.buffers.size());
}

void refresh_compare_diff(App& app) {
  if (!app.session || !app.compare || app.compared == app.revision) return;
  // What the two views draw at their runs' ends: a failed run's result holds its deepest
  // partial allocation, which its last step no longer shows (z and w "placed alike" in a run
  // that ends with them lifted).
  const std::vector<Offset> a = offsets_at_end(app.session->run), b = offsets_at_end(app.compare->run);
  app.compare_differs.assign(app.session->run.problem.buffers.size(), 0);
  app.compare_diff_count = 0;
  for (size_t i = 0; i < app.compare_differs.size(); ++i) {
    const bool differs = i >= a.size() || i >= b.size() || a[i] != b[i];
    app.compare_differs[i] = differs;
    app.compare_diff_count += differs;
  }
  app.compared = app.revision;
}

}  // namespace tela::viz
