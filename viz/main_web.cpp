// The page's front-end: the same panels in a WebGL2 canvas (GLFW from Emscripten). The page's
// JavaScript (index.html, web glue) hands files in and reads the state through the exported
// C functions below; ImGui draws every animation frame.
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <chrono>
#include <string>

#include "app.h"

namespace {

// The one front-end of this page: Emscripten's frame callback takes no state, so it lives here.
struct WebFrontEnd {
  tela::viz::App app;
  GLFWwindow* window = nullptr;
  std::string state;     // the last state_json, kept alive for the caller
  double frame_ms = 0;   // median-ish: an exponential average of the frame's CPU time
};
WebFrontEnd* front_end = nullptr;

void frame() {
  const auto start = std::chrono::steady_clock::now();
  glfwPollEvents();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  tela::viz::draw_frame(front_end->app);
  ImGui::Render();
  int w = 0, h = 0;
  glfwGetFramebufferSize(front_end->window, &w, &h);
  glViewport(0, 0, w, h);
  glClearColor(0.1f, 0.1f, 0.12f, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  front_end->frame_ms = front_end->frame_ms == 0 ? ms : 0.9 * front_end->frame_ms + 0.1 * ms;
}

// In the page a run is synchronous, bounded by the request's time limit: single-threaded
// WASM cannot solve and draw at once.
void run_now(const tela::Problem& problem, const tela::viz::RunRequest& request) {
  front_end->app.finish_run(tela::viz::record_run(problem, request));
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE void tela_viz_load_csv(const char* text, const char* name, double capacity) {
  front_end->app.load_csv(text, name, tela::Size(capacity));
}
EMSCRIPTEN_KEEPALIVE void tela_viz_load_trace(const char* text, const char* name) {
  front_end->app.load_trace(text, name);
}
EMSCRIPTEN_KEEPALIVE const char* tela_viz_state() {
  front_end->state = tela::viz::state_json(front_end->app.session.get(), front_end->app.message);
  return front_end->state.c_str();
}
EMSCRIPTEN_KEEPALIVE void tela_viz_seek(double step) { front_end->app.seek(int64_t(step)); }
EMSCRIPTEN_KEEPALIVE void tela_viz_run() { front_end->app.run(); }
EMSCRIPTEN_KEEPALIVE void tela_viz_set_playing(int playing) { front_end->app.playing = playing != 0; }
EMSCRIPTEN_KEEPALIVE void tela_viz_set_request(const char* algorithm, double capacity, double timeout) {
  auto& r = front_end->app.request;
  r.algorithm = algorithm;
  if (capacity > 0) r.capacity = tela::Size(capacity);
  if (timeout > 0) r.timeout_seconds = timeout;
}
EMSCRIPTEN_KEEPALIVE double tela_viz_frame_ms() { return front_end->frame_ms; }

}  // extern "C"

int main() {
  if (!glfwInit()) return 1;
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  front_end = new WebFrontEnd();
  front_end->window = glfwCreateWindow(1400, 860, "tela", nullptr, nullptr);
  if (!front_end->window) return 1;
  glfwMakeContextCurrent(front_end->window);
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  ImGui::StyleColorsDark();
  ImGui_ImplGlfw_InitForOpenGL(front_end->window, true);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  front_end->app.runner.start = run_now;
  front_end->app.message = "no problem loaded";
  emscripten_set_main_loop(frame, 0, false);
  return 0;
}
