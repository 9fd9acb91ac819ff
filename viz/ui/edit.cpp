// Edit: every change makes a new problem (the old one goes on the undo stack) and is applied at
// the start of the next frame.
#include <imgui.h>

#include <cstdio>

#include "io/csv.h"  // kMaxValue
#include "viz/model/typed_number.h"
#include "viz/ui/app.h"
#include "viz/ui/wrapped_text.h"

namespace tela::viz {

void App::edit_problem(Problem edited, const std::string& what) {
  pending_edit = std::move(edited);
  pending_edit_what = what;
}

void App::edit_buffer(BufferIndex buffer, const Buffer& changed, const std::string& what) {
  if (!session || buffer < 0 || size_t(buffer) >= session->run.problem.buffers.size()) return;
  Problem edited = session->run.problem;
  edited.buffers[size_t(buffer)] = changed;
  edit_problem(std::move(edited), what);
}

void App::apply_pending_edit() {
  if (!pending_edit || !session) return;
  if (undo_stack.empty()) unedited_name = session->name, unedited_source = session->source;
  undo_stack.push_back(session->run.problem);
  redo_stack.clear();
  Problem edited = std::move(*pending_edit);
  pending_edit.reset();
  show_edited(std::move(edited), pending_edit_what + " (Ctrl+Z undoes)");
}

// Keeps the view where it is, and re-solves at once when that is quick, so the edit's effect
// shows.
// The selected buffer stays selected (found by its id: a delete undone moves the indices), so
// that the Edit panel stays on the buffer just changed.
void App::show_edited(Problem problem, const std::string& what) {
  const std::string kept = selected >= 0 && size_t(selected) < session->run.problem.buffers.size()
                               ? session->run.problem.buffers[size_t(selected)].id : std::string();
  RecordedRun recorded;
  recorded.problem = std::move(problem);
  // Named as edited while there is an edit to undo, so that neither the Problem panel, nor an
  // export, nor the link passes it off as the file or example it came from.
  const std::string name = undo_stack.empty() ? unedited_name : edited_name(unedited_name);
  show(make_session(name, std::move(recorded), false), what, false);
  if (undo_stack.empty()) session->source = unedited_source;  // its link again
  const std::vector<Buffer>& buffers = session->run.problem.buffers;
  for (size_t i = 0; i < buffers.size() && !kept.empty(); ++i)
    if (buffers[i].id == kept) selected = BufferIndex(i);
  if (session->run.problem.buffers.size() <= 2000 && runner.start) {
    keep_view_after_run = true;  // (taken by finish_run, at once when the runner is synchronous)
    run();
    if (!running) keep_view_after_run = false;
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
    text_wrapped("Select a buffer (click it) to edit it, or drag its left, right or top edge.");
    return;
  }
  const Buffer& b = app.session->run.problem.buffers[size_t(app.selected)];
  ImGui::Text("buffer %s", b.id.c_str());
  long long values[3] = {b.lower, b.upper, b.size};
  bool changed = false;
  std::string refused;
  const char* fields[3] = {"lower", "upper", "size"};
  for (int i = 0; i < 3; ++i) {
    // Text read by read_typed_number: ImGui's own integer field turned a number past 64 bits
    // into -1 in the WASM build. While the field is active ImGui keeps its own copy of the
    // text, so this one is written afresh each frame.
    char text[64];
    std::snprintf(text, sizeof text, "%lld", values[i]);
    if (ImGui::InputText(fields[i], text, sizeof text,
                         ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll)) {
      const TypedNumber typed = read_typed_number(text, kMaxValue);
      if (typed.error.empty()) values[i] = typed.value, changed = true;
      else refused = std::string(fields[i]) + " \"" + text + "\" not applied: " + typed.error;
    }
    app.widgets.track(std::string("edit.") + fields[i]);
  }
  if (!refused.empty()) {
    app.fail(refused);
  } else if (changed) {
    if (values[0] < 0 || values[1] <= values[0] || values[2] < 0) {
      app.fail("not applied: a buffer needs 0 <= lower < upper and size >= 0");
    } else {
      Buffer changed = b;
      changed.lower = values[0], changed.upper = values[1], changed.size = values[2];
      app.edit_buffer(app.selected, changed, "edited " + b.id);
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

}  // namespace tela::viz
