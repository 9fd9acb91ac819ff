#include "viz/platform/frame.h"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <chrono>

namespace tela::viz {

void start_imgui(GLFWwindow* window, const char* glsl_version) {
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  ImGui::StyleColorsDark();
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init(glsl_version);
}

void stop_imgui() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
}

void run_frame(App& app, GLFWwindow* window, const FrameHooks& hooks) {
  const auto start = std::chrono::steady_clock::now();
  const auto elapsed_ms = [start] {
    return std::chrono::duration<float, std::milli>(std::chrono::steady_clock::now() - start).count();
  };
  glfwPollEvents();
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
