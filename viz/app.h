// The visualizer's state and its frame: one struct holding what is loaded and how it is
// viewed, and one function per panel (ImGui's immediate mode: each frame redraws from state).
// The front-ends (native window, web page) own the window and call `draw_frame` each frame.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "palette.h"
#include "profile.h"
#include "services/explain.h"
#include "services/minimize.h"
#include "session.h"
#include "view.h"
#include "widgets.h"

namespace tela::viz {

// Milliseconds per frame over the last 120 frames, measured by the front-end around its
// frame (ImGui and the draw calls): the page reports the median as its own counter.
struct FrameTimes {
  float ms[120] = {};
  int count = 0;
  void add(float value) { ms[count++ % 120] = value; }
  float median() const;
};

// What one canvas keeps between frames.
struct CanvasState {
  int64_t profile_step = -1;  // the step `profile` was computed for
  StepProfile profile;
  // Where the current event's block (placed or lifted) was drawn last frame (x0, y0, x1, y1);
  // all zero when the event has no block. The browser tests check its colour there.
  float event_rect[4] = {0, 0, 0, 0};
  float rect[4] = {0, 0, 0, 0};  // where the canvas itself was drawn (x0, y0, x1, y1)
  int64_t drawn_step = -1;       // the step the canvas showed in the last frame
};

// Runs the front-end provides: natively on a thread, in the page in a Web Worker.
struct Runner {
  // Starts solving; the front-end later calls App::finish_run with the result.
  std::function<void(const Problem&, const RunRequest&)> start;
  std::function<void()> cancel;
  // Starts `tela explain` ("explain") or `tela minimize` ("minimize") with a time limit; the
  // front-end later calls App::finish_explanation or App::finish_minimize with `ticket`.
  // Unset: the App computes them itself, blocking for up to the time limit.
  std::function<void(const Problem&, const std::string& kind, uint64_t ticket, double seconds)> diagnose;
};

// An entry of the page's example menu (assets/examples/examples.json).
struct ExampleEntry {
  std::string name, title;
};

// The generator panel's choices (core/generate.h).
struct GeneratorChoice {
  int kind = 1;  // index into kGeneratorKinds
  int count = 200;
  int seed = 1;
};

struct App {
  std::unique_ptr<Session> session;
  View view;
  bool fit_pending = true;          // fit the view to the problem on the next frame
  void fit_view();                  // the whole problem (and the compared run) in view
  ColourMode colour_mode = ColourMode::kById;

  // Playback.
  bool playing = false;
  float events_per_second = 20;
  double play_debt = 0;             // fractional events owed by the play clock
  double step_changed_at = 0;       // ImGui time of the last step change (animations)
  CanvasState canvas;               // the main canvas's own state
  bool follow_log = true;           // keep the event log scrolled to the current step
  int64_t logged_step = -1;         // the step the event log last scrolled to

  // Selection and hover.
  BufferIndex selected = -1;
  BufferIndex hovered = -1;


  // Running.
  RunRequest request;
  Runner runner;
  bool running = false;
  Progress progress;
  std::string message;              // the status line: errors, what happened
  bool message_is_error = false;    // drawn as an error
  std::string capacity_note;        // where the loaded problem's capacity came from, and why
  void say(const std::string& text) { message = text, message_is_error = false; }
  void fail(const std::string& text) { message = text, message_is_error = true; }
  WidgetRegistry widgets;           // every interactive item of the last frame, by name
  bool show_shortcuts = false;      // the keyboard overlay ('?')
  FrameTimes frame_times;           // the whole frame, draw calls included
  FrameTimes ui_times;              // building the frame's panels and canvas only

  // Getting problems in: the front-end fills the examples and the hooks.
  std::vector<ExampleEntry> examples;
  std::function<void(const std::string&)> open_example;  // loads an example by name
  std::function<void()> open_file;                        // shows a file picker
  GeneratorChoice generator;
  std::string pasted;                                     // CSV text typed or pasted in

  // Compare: the same problem under a second algorithm, drawn under the first, axes locked.
  std::unique_ptr<Session> compare;
  CanvasState compare_canvas;
  std::string compare_algorithm = "best-fit";
  static constexpr double kCompareSeconds = 3;  // the compared run's time limit, at most
  void run_compare();

  // Edit: every change makes a new problem; the old ones stay for undo.
  std::vector<Problem> undo_stack, redo_stack;
  int edit_edge = 0;                // while dragging: 1 left, 2 right, 3 top edge of `selected`
  double edit_value = 0;            // the dragged edge's value (time or address)
  // Edits apply at the start of the next frame, never under a panel still drawing the old one.
  void edit_problem(Problem edited, const std::string& what);
  void apply_pending_edit();
  std::optional<Problem> pending_edit;
  std::string pending_edit_what;
  void undo();
  void redo();

  // Export: the front-end saves files (a download in the page) and reads the canvas's pixels.
  std::function<void(const std::string& file_name, const std::string& text)> save_text;
  bool png_requested = false;       // read the main canvas after this frame is drawn

  // Diagnosis of a failed solve (viz/diagnosis.cpp): a minimal infeasible subset and the
  // smallest capacity that works, computed on request with a time limit.
  struct Diagnosis {
    std::optional<Explanation> explanation;  // "Why does it not fit?"
    std::optional<MinimizeResult> smallest;  // "Smallest capacity that works"
    // The requests the front-end is working on (0: none). A load resets them, so an answer
    // about the problem shown before is dropped.
    uint64_t explain_ticket = 0, minimize_ticket = 0;
  } diagnosis;
  uint64_t diagnosis_tickets = 0;   // the last ticket handed out: never reused
  double diagnosis_seconds = 5;
  void explain_failure();
  void find_smallest_capacity();
  void request_diagnosis(const std::string& kind, uint64_t& ticket);
  // Computes a diagnosis on this thread, blocking for up to `seconds` (no runner to hand it to).
  void diagnose_here(const Problem& problem, const std::string& kind, uint64_t ticket, double seconds);
  void finish_explanation(uint64_t ticket, Explanation explanation);
  void finish_minimize(uint64_t ticket, MinimizeResult smallest);
  void solve_at(Size capacity);

  // Teaching.
  bool pause_at_backtracks = false; // play stops at each backtrack and conflict
  int tour_step = -1;               // the guided tour's page; -1: not showing
  std::function<void()> tour_done;  // remembers that the tour was seen or dismissed

  // Loads. A bad input sets `message` and leaves what was loaded as it was.
  void load_csv(const std::string& text, const std::string& name, Size capacity);
  void load_trace(const std::string& text, const std::string& name);
  void generate_problem();          // from `generator`
  void run();                       // starts `request` on the loaded problem
  void finish_run(RecordedRun run); // the front-end hands the result back here
  void run_failed(const std::string& why);  // ... or why there is none (cancelled, bad input)
  // Shows another problem or run; `refit`: fit the view to it (not after an edit).
  void show(std::unique_ptr<Session> loaded, const std::string& what, bool refit = true);
  bool drop_next_result = false;    // a run was cancelled by loading something else
  uint64_t revision = 0;            // counts what `show` and runs put on screen (the page saves
                                    // a problem it cannot name in a link when this moves)
  void seek(int64_t step);
};

// Draws every panel for one frame, filling the display.
void draw_frame(App& app);

// What the view may show of the loaded problem (and of the compared run, which may reach
// higher): its times and addresses, from 0 to the highest of capacity, bound and peaks.
Extent extent_of(const App& app);

// Panels and the canvas, one function each (viz/panels.cpp, viz/canvas.cpp).
void draw_canvas(App& app, Session& session, CanvasState& state, const char* id, float width,
                 float height);
void draw_load_plot(App& app, const Session& session, const CanvasState& state, float width,
                    float height);
void draw_problem_panel(App& app);
void draw_open_panel(App& app);
void draw_run_panel(App& app);
void draw_stats_panel(App& app);
void draw_legend_panel(App& app);
void draw_player_bar(App& app);
void draw_event_log(App& app);
void handle_shortcuts(App& app);
void draw_compare_panel(App& app);
void draw_edit_panel(App& app);
void draw_export_panel(App& app);
void draw_tour(App& app);
void draw_diagnosis_panel(App& app);
// What a failed run's loads say: "over-capacity" (no allocation can exist), "proven" (the load
// fits but a complete search proved none exists), "open" (one may exist); "" for no failure.
const char* load_verdict(const Session& session);
void draw_shortcuts(App& app);
// A button or collapsing header, tracked under `name` in App::widgets (viz/panels.cpp).
bool button(App& app, const char* label, const std::string& name, ImVec2 size = ImVec2(0, 0));
bool header(App& app, const char* label, const std::string& name, int flags = 0);
// Saves "problem", "solution" or "trace" of the loaded session through App::save_text.
void export_file(App& app, const std::string& what);

}  // namespace tela::viz
