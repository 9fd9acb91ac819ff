#include "app.h"

#include <imgui.h>

#include <algorithm>

#include "generate.h"

namespace tela::viz {

float FrameTimes::median() const {
  const int n = std::min(count, 120);
  if (n == 0) return 0;
  float sorted[120];
  std::copy(ms, ms + n, sorted);
  std::nth_element(sorted, sorted + n / 2, sorted + n);
  return sorted[n / 2];
}

// Shows a newly loaded problem or trace. A run still going belongs to the old one: it is
// cancelled, and its result, if it still comes, is dropped.
void App::show(std::unique_ptr<Session> loaded, const std::string& what, bool refit) {
  if (running) {
    if (runner.cancel) runner.cancel();
    drop_next_result = true;
    running = false;
  }
  session = std::move(loaded);
  request.capacity = session->run.problem.capacity;
  compare.reset();
  diagnosis = Diagnosis{};
  selected = hovered = -1;
  playing = false;
  canvas.profile_step = -1;
  fit_pending = fit_pending || refit;
  message = what;
}

void App::load_csv(const std::string& text, const std::string& name, Size capacity) {
  std::string error;
  auto loaded = session_from_csv(text, name, capacity, error);
  if (!loaded) {  // a bad file leaves what was loaded as it was
    message = error;
    return;
  }
  show(std::move(loaded), "loaded " + name);
}

void App::load_trace(const std::string& text, const std::string& name) {
  std::string error;
  auto loaded = session_from_trace(text, name, error);
  if (!loaded) {
    message = error;
    return;
  }
  show(std::move(loaded), "loaded " + name);
  if (!session->run.result.algorithm.empty()) request.algorithm = session->run.result.algorithm;
}

void App::generate_problem() {
  static constexpr const char* kKinds[] = {"random", "ml", "packing", "overlap"};
  const int k = std::clamp(generator.kind, 0, 3);
  GeneratorKind kind = GeneratorKind::kRandom;
  generator_from_name(kKinds[k], kind);
  RecordedRun run;
  run.problem = generate({.kind = kind, .count = std::clamp(generator.count, 1, 100000),
                          .seed = uint64_t(std::max(generator.seed, 0))});
  const std::string args = std::string(kKinds[k]) + "," + std::to_string(generator.count) + "," +
                           std::to_string(generator.seed);
  show(make_session("generated " + args, std::move(run), false), "generated " + args + ": press Run");
  session->source = "gen:" + args;
}

void App::run() {
  if (!session || running || !runner.start) return;
  running = true;
  progress = Progress{};
  message = "running " + request.algorithm + "...";
  runner.start(session->run.problem, request);
}

void App::run_failed(const std::string& why) {
  if (drop_next_result) {
    drop_next_result = false;
    return;
  }
  running = false;
  message = why;
}

void App::finish_run(RecordedRun run) {
  if (drop_next_result) {  // the result of a run the user moved away from
    drop_next_result = false;
    return;
  }
  running = false;
  if (!session) return;
  const std::string name = session->name, source = session->source;
  const std::string algorithm = request.algorithm;
  message = algorithm + ": " + name_of(run.result.status) +
            (run.result.detail.empty() ? "" : " (" + run.result.detail + ")");
  session = make_session(name, std::move(run), true);
  session->source = source;
  diagnosis = Diagnosis{};
  canvas.profile_step = -1;
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
