// What the native window and the page share around the App: starting ImGui on a GLFW window
// and one frame (backends, panels, draw calls, frame times). Each front-end passes hooks for
// the few steps where the two differ.
#pragma once

#include <functional>

#include "viz/ui/app.h"

struct GLFWwindow;

namespace tela::viz {

struct FrameHooks {
  // Before the backends start the frame: natively, collect what the runner threads finished;
  // in the page, rebuild the font for a new pixel ratio.
  std::function<void()> before_frame;
  // After the backends read the window and the mouse, before ImGui lays out (the page turns
  // device pixels into CSS pixels here).
  std::function<void()> after_backends;
  // Saves the main canvas as a PNG (App::png_requested) from the frame just drawn.
  std::function<void(int framebuffer_height)> save_canvas_png;
  // Waits for the GPU before the frame time is taken (natively: the time includes drawing).
  bool finish_drawing = false;
};

// Creates the ImGui context with the dark style and no .ini file, on `window`.
void start_imgui(GLFWwindow* window, const char* glsl_version);
void stop_imgui();

// One frame: events, the panels (draw_frame), the draw calls, App::ui_times and frame_times.
void run_frame(App& app, GLFWwindow* window, const FrameHooks& hooks);

}  // namespace tela::viz
