#include "viz/platform/frame.h"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <chrono>
#include <memory>

#include "viz/model/key_queue.h"
#include "viz/model/press_hold.h"

namespace tela::viz {
namespace {

static_assert(KeyEvent::kRelease == GLFW_RELEASE && KeyEvent::kPress == GLFW_PRESS &&
              KeyEvent::kRepeat == GLFW_REPEAT);

// GLFW's callbacks are plain functions: the one window's queue lives here, from start_imgui
// to stop_imgui.
std::unique_ptr<KeyQueue> key_queue;
std::unique_ptr<PressHold> press_hold;

void queue_key(GLFWwindow*, int key, int scancode, int action, int mods) {
  key_queue->push({.kind = KeyEvent::Kind::kKey, .key = key, .scancode = scancode, .action = action, .mods = mods});
}

void queue_char(GLFWwindow*, unsigned int codepoint) {
  key_queue->push({.kind = KeyEvent::Kind::kChar, .codepoint = codepoint});
}

void hold_or_pass_press(GLFWwindow* window, int button, int action, int mods) {
  double x = 0, y = 0;
  glfwGetCursorPos(window, &x, &y);
  if (action == GLFW_PRESS && press_hold->hold(button, x, y)) return;
  ImGui_ImplGlfw_MouseButtonCallback(window, button, action, mods);
}

// Hands ImGui's backend the presses held for this frame (see PressHold).
void apply_held_presses(GLFWwindow* window) {
  double x = 0, y = 0;
  glfwGetCursorPos(window, &x, &y);
  for (int button : press_hold->start_frame(x, y)) ImGui_ImplGlfw_MouseButtonCallback(window, button, GLFW_PRESS, 0);
}

// Hands ImGui's backend the keys and characters this frame may see (see KeyQueue).
void apply_queued_keys(GLFWwindow* window) {
  for (const KeyEvent& e : key_queue->take_for_frame()) {
    if (e.kind == KeyEvent::Kind::kKey) ImGui_ImplGlfw_KeyCallback(window, e.key, e.scancode, e.action, e.mods);
    else ImGui_ImplGlfw_CharCallback(window, e.codepoint);
  }
}

}  // namespace

void start_imgui(GLFWwindow* window, const char* glsl_version) {
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  ImGui::StyleColorsDark();
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init(glsl_version);
  // The backend's key, character and mouse-button callbacks, called from the queue and the
  // press hold instead (before each frame). A held press loses its modifiers: 1.86 reads none.
  key_queue = std::make_unique<KeyQueue>(std::vector<int>{
      GLFW_KEY_LEFT_SHIFT, GLFW_KEY_RIGHT_SHIFT, GLFW_KEY_LEFT_CONTROL, GLFW_KEY_RIGHT_CONTROL,
      GLFW_KEY_LEFT_ALT, GLFW_KEY_RIGHT_ALT, GLFW_KEY_LEFT_SUPER, GLFW_KEY_RIGHT_SUPER});
  glfwSetKeyCallback(window, queue_key);
  glfwSetCharCallback(window, queue_char);
  press_hold = std::make_unique<PressHold>();
  glfwSetMouseButtonCallback(window, hold_or_pass_press);
}

void stop_imgui() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();  // puts back the callbacks it found (none)
  ImGui::DestroyContext();
  key_queue.reset();
  press_hold.reset();
}

void run_frame(App& app, GLFWwindow* window, const FrameHooks& hooks) {
  const auto start = std::chrono::steady_clock::now();
  const auto elapsed_ms = [start] {
    return std::chrono::duration<float, std::milli>(std::chrono::steady_clock::now() - start).count();
  };
  glfwPollEvents();
  apply_queued_keys(window);
  apply_held_presses(window);
  if (hooks.before_frame) hooks.before_frame();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  if (hooks.after_backends) hooks.after_backends();
  ImGui::NewFrame();
  draw_frame(app);
  ImGui::Render();
  app.ui_times.add(elapsed_ms());
  int w = 0, h = 0;
  glfwGetFramebufferSize(window, &w, &h);
  glViewport(0, 0, w, h);
  glClearColor(0.1f, 0.1f, 0.12f, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  if (app.png_requested && hooks.save_canvas_png) {
    app.png_requested = false;
    hooks.save_canvas_png(h);
  }
  if (hooks.finish_drawing) glFinish();
  app.frame_times.add(elapsed_ms());
}

}  // namespace tela::viz
