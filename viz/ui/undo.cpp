// Undo and redo of edits: each restores a whole problem from one stack and keeps the one on
// screen on the other.
#include "viz/ui/app.h"

namespace tela::viz {

namespace {

void restore(App& app, std::vector<Problem>& from, std::vector<Problem>& to, const char* what) {
  if (from.empty() || !app.session) return;
  to.push_back(app.session->run.problem);
  Problem restored = std::move(from.back());
  from.pop_back();
  app.show_edited(std::move(restored), what);
}

}  // namespace

void App::undo() { restore(*this, undo_stack, redo_stack, "undone"); }
void App::redo() { restore(*this, redo_stack, undo_stack, "redone"); }

}  // namespace tela::viz
