#include "app.h"

#include <imgui.h>

namespace tela::viz {

void App::load_csv(const std::string& text, const std::string& name, Size capacity) {
  std::string error;
  auto loaded = session_from_csv(text, name, capacity, error);
  if (!loaded) {  // a bad file leaves what was loaded as it was
    message = error;
    return;
  }
  session = std::move(loaded);
  request.capacity = session->run.problem.capacity;
  selected = hovered = -1;
  playing = false;
  profile_step = -1;
  fit_pending = true;
  message = "loaded " + name;
}

void App::load_trace(const std::string& text, const std::string& name) {
  std::string error;
  auto loaded = session_from_trace(text, name, error);
  if (!loaded) {
    message = error;
    return;
  }
  session = std::move(loaded);
  request.capacity = session->run.problem.capacity;
  if (!session->run.result.algorithm.empty()) request.algorithm = session->run.result.algorithm;
  selected = hovered = -1;
  playing = false;
  profile_step = -1;
  fit_pending = true;
  message = "loaded " + name;
}

void App::run() {
  if (!session || running || !runner.start) return;
  running = true;
  progress = Progress{};
  message = "running " + request.algorithm + "...";
  runner.start(session->run.problem, request);
}

void App::finish_run(RecordedRun run) {
  running = false;
  if (!session) return;
  const std::string name = session->name;
  const std::string algorithm = request.algorithm;
  message = algorithm + ": " + name_of(run.result.status) +
            (run.result.detail.empty() ? "" : " (" + run.result.detail + ")");
  session = make_session(name, std::move(run), true);
  profile_step = -1;
  fit_pending = true;
  selected = hovered = -1;
}

void App::seek(int64_t step) {
  if (!session) return;
  const int64_t before = session->player.step();
  session->player.seek(step);
  if (session->player.step() != before) step_changed_at = ImGui::GetTime();
}

}  // namespace tela::viz
