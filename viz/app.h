// The visualizer's state and its frame: one struct holding what is loaded and how it is
// viewed, and one function per panel (ImGui's immediate mode: each frame redraws from state).
// The front-ends (native window, web page) own the window and call `draw_frame` each frame.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "palette.h"
#include "profile.h"
#include "session.h"

namespace tela::viz {

// The part of the address-time plane on screen.
struct View {
  double time_lower = 0, time_upper = 1;
  double address_lower = 0, address_upper = 1;
};

// Runs the front-end provides: natively on a thread, in the page in a Web Worker.
struct Runner {
  // Starts solving; the front-end later calls App::finish_run with the result.
  std::function<void(const Problem&, const RunRequest&)> start;
  std::function<void()> cancel;
};

struct App {
  std::unique_ptr<Session> session;
  View view;
  bool fit_pending = true;          // fit the view to the problem on the next frame
  ColourMode colour_mode = ColourMode::kById;

  // Playback.
  bool playing = false;
  float events_per_second = 20;
  double play_debt = 0;             // fractional events owed by the play clock
  double step_changed_at = 0;       // ImGui time of the last step change (animations)
  int64_t profile_step = -1;        // the step `profile` was computed for
  StepProfile profile;
  bool follow_log = true;           // keep the event log scrolled to the current step

  // Selection and hover.
  BufferIndex selected = -1;
  BufferIndex hovered = -1;

  // Running.
  RunRequest request;
  Runner runner;
  bool running = false;
  Progress progress;
  std::string message;              // the status line: errors, what happened

  // Loads.
  void load_csv(const std::string& text, const std::string& name, Size capacity);
  void load_trace(const std::string& text, const std::string& name);
  void run();                       // starts `request` on the loaded problem
  void finish_run(RecordedRun run); // the front-end hands the result back here
  void seek(int64_t step);
};

// Draws every panel for one frame, filling the display.
void draw_frame(App& app);

// Panels and the canvas, one function each (viz/panels.cpp, viz/canvas.cpp).
void draw_canvas(App& app, float width, float height);
void draw_load_plot(App& app, float width, float height);
void draw_problem_panel(App& app);
void draw_run_panel(App& app);
void draw_stats_panel(App& app);
void draw_legend_panel(App& app);
void draw_player_bar(App& app);
void draw_event_log(App& app);
void handle_shortcuts(App& app);

}  // namespace tela::viz
