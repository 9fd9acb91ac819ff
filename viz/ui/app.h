// The visualizer's state and its frame: one struct holding what is loaded and how it is
// viewed, and one function per panel (ImGui's immediate mode: each frame redraws from state).
// The front-ends (native window, web page) own the window and call `draw_frame` each frame.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "services/explain.h"
#include "services/minimize.h"
#include "viz/model/inspect.h"
#include "viz/model/palette.h"
#include "viz/model/session.h"
#include "viz/model/view.h"
#include "viz/ui/canvas.h"
#include "viz/ui/widgets.h"

namespace tela::viz {

// Milliseconds per frame over the last 120 frames, measured by the front-end around its
// frame (ImGui and the draw calls): the page reports the median as its own counter.
struct FrameTimes {
  float ms[120] = {};
  int count = 0;
  void add(float value) { ms[count++ % 120] = value; }
  float median() const;
  std::vector<float> recent() const;  // up to the last 120, oldest first
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
  // Stops the diagnosis running (its answer comes back as cancelled); unset: none can be stopped.
  std::function<void()> cancel_diagnosis;
  // Starts Compare's second run off the drawing thread; the front-end later calls
  // App::finish_compare or App::compare_failed with `ticket`. Unset: App::run_compare solves it
  // itself, blocking for up to App::kCompareSeconds.
  std::function<void(const Problem&, const RunRequest&, uint64_t ticket)> compare;
};

// An entry of the page's example menu (assets/examples/examples.json).
struct ExampleEntry {
  std::string name, title;
};

// The generator panel's choices (core/services/generate.h).
struct GeneratorChoice {
  int kind = 1;  // index into tela::generators()
  int count = 200;
  int seed = 1;
};

struct App {
  std::unique_ptr<Session> session;
  View view;
  bool fit_pending = true;          // fit the view to the problem on the next frame
  bool keep_view_after_run = false; // the run under way re-solves an edit: its answer keeps the
                                    // view where the person editing zoomed it
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
  float logged_height = 0;          // the log's height then: a resize may hide the step's row
  float player_controls_height = 0; // the player bar down to its scrubber, last frame (0: not drawn yet)

  // Selection and hover.
  BufferIndex selected = -1;
  BufferIndex hovered = -1;
  BufferIndex highlighted = -1;     // a table row under the mouse: its block lights up

  // The memory viewer (viz/ui/inspect.cpp): what a person asks of a failing allocation.
  struct Inspect {
    Search search;
    char search_text[256] = {};     // the search box's text (Search::text follows it)
    bool focus_search = false;      // Ctrl+F: put the keyboard in the box next frame
    uint64_t searched = ~0ull;      // the revision the search ran on
    std::optional<TimeValue> live_time;  // the live-at-time table's time, when asked
    std::vector<BufferIndex> live;  // live at that time, largest first
    uint64_t lived = ~0ull;         // the revision `live` was computed on
    bool show_live = false;         // bring the table's tab to the front next frame
    int colour_column = -1;         // colour by this metadata column (ColourMode::kByMetadata)
    Categories categories;          // of `colour_column`
    uint64_t categorised = ~0ull;   // the revision `categories` was computed on
    std::optional<double> pointer_time;  // the time under the mouse over the canvas (not rounded)
    std::optional<TimeRange> region;  // a selected time range (Shift+drag, or drag the time axis)
    RegionSummary region_summary;   // its readout, at the step shown
    uint64_t regioned = ~0ull;      // the revision and step the readout was computed at
    int64_t region_step = -1;
    bool show_region = false;       // bring the readout's tab to the front next frame
    Histogram sizes, lifetimes;     // the Distributions panel's
    uint64_t histogrammed = ~0ull;  // the revision they were computed on
    int filter_bin = -1;            // a clicked bin: its buffers lit, the rest dim (-1: none)
    Quantity filter_quantity = Quantity::kSize;
    std::vector<uint8_t> filter_lit;  // per buffer: 1 when in the clicked bin
  } inspect;
  void next_match(int direction);   // Enter, Shift+Enter: zoom to the next match and select it
  void focus_buffer(BufferIndex buffer);  // centre the view on a block, zoomed to it
  void show_live_at(TimeValue t);
  void select_region(TimeRange range);
  void zoom_to_region();            // 'z': the view's times become the region's


  // Running.
  RunRequest request;
  bool algorithm_chosen = false;  // the user picked request.algorithm (else a large file gets auto)
  bool auto_for_size = false;     // request.algorithm is auto because the problem is large
  static constexpr long long kTelamallocPageLimit = 5000;  // buffers: past it a problem gets auto
  // Auto for a problem past the limit, TelaMalloc again for a small one after, unless the user
  // chose; returns what to tell the user ("" when nothing changed).
  std::string algorithm_for_size(size_t buffers);
  Runner runner;
  bool running = false;
  // The capacity field while it is being typed in: applied (or refused, whole) when it is left
  // or Enter is pressed, never digit by digit.
  bool capacity_editing = false;
  char capacity_text[64] = "";
  std::string running_algorithm;    // what the run under way was asked to use: the combo may
                                    // change before it ends
  Progress progress;
  std::string message;              // the status line: errors, what happened
  bool message_is_error = false;    // drawn as an error
  std::string capacity_note;        // where the loaded problem's capacity came from, and why (or a
                                    // generated count the page cut): said with the run's outcome
  bool message_is_outcome = false;  // a run that found no allocation: an answer, not an error
  void say(const std::string& text) { message = text, message_is_error = message_is_outcome = false, step_note.active = false; }
  void fail(const std::string& text) { message = text, message_is_error = true, message_is_outcome = false, step_note.active = false; }
  void tell_outcome(const std::string& text) { message = text, message_is_error = false, message_is_outcome = true, step_note.active = false; }
  // A note about the step shown ("No conflict after step 44."): once the step moves, the
  // message it covered (the run's outcome, say) comes back.
  struct StepNote {
    bool active = false;
    int64_t step = 0;
    std::string covered;
    bool covered_error = false, covered_outcome = false;
  };
  StepNote step_note;
  std::string message_drawn;         // what the status line showed last frame (a new one scrolls to its top)
  void say_for_step(const std::string& text, int64_t step);
  void end_step_note_if_moved();
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
  // The compared run asked for by `ticket` is back; an older ticket's is dropped (the problem,
  // the algorithm or the main run changed since it was asked for).
  void finish_compare(uint64_t ticket, RecordedRun run);
  void compare_failed(uint64_t ticket, const std::string& why);
  void close_compare();
  bool comparing = false;           // a compared run is on its way (Runner::compare)
  uint64_t compare_ticket = 0;      // the newest compared run asked for
  bool compare_diff = false;        // dim the buffers both runs place alike
  std::vector<uint8_t> compare_differs;  // per buffer: 1 when the two runs' final offsets differ
  int64_t compare_diff_count = 0;
  uint64_t compared = ~0ull;        // the revision compare_differs was computed on

  // Edit: every change makes a new problem; the old ones stay for undo, until another problem
  // is opened (forget_edits).
  std::vector<Problem> undo_stack, redo_stack;
  std::string unedited_name, unedited_source;  // before the first edit still to undo
  void forget_edits() { undo_stack.clear(), redo_stack.clear(); }
  // Edits apply at the start of the next frame, never under a panel still drawing the old one.
  void edit_problem(Problem edited, const std::string& what);
  void edit_buffer(BufferIndex buffer, const Buffer& changed, const std::string& what);
  void apply_pending_edit();
  void show_edited(Problem problem, const std::string& what);  // an edit, an undo or a redo
  std::optional<Problem> pending_edit;
  std::string pending_edit_what;
  void undo();
  void redo();

  // Export: the front-end saves files (a download in the page) and reads the canvas's pixels.
  std::function<void(const std::string& file_name, const std::string& text)> save_text;
  bool png_requested = false;       // read the main canvas after this frame is drawn

  // Diagnosis of a failed solve (viz/ui/diagnosis.cpp): a minimal infeasible subset; and for
  // any run, the smallest capacity that works (viz/ui/minimize_panel.cpp) with its progress.
  // Both computed on request with a time limit.
  struct Diagnosis {
    std::optional<Explanation> explanation;  // "Why does it not fit?"
    // An infeasible subset packed alone by best-fit with no capacity (offsets per buffer of the
    // problem, kUnplaced outside the subset), and its peak: drawn when none of the subset is
    // placed at the step shown, so that what does not fit is seen, above the capacity.
    std::vector<Offset> subset_packing;
    Size subset_peak = 0;
    std::optional<MinimizeResult> smallest;  // "Find the smallest capacity"
    std::vector<MinimizeStep> minimize_steps;  // the two bounds as they moved, in time order
    bool minimize_stopped = false;           // `smallest` is the best found before Cancel
    double minimize_started = 0;             // the steady clock when the request went out
    bool scroll_to_answer = false;           // bring the answer into view once it arrives
    // The requests the front-end is working on (0: none). A load resets them, so an answer
    // about the problem shown before is dropped.
    uint64_t explain_ticket = 0, minimize_ticket = 0;
  } diagnosis;
  uint64_t diagnosis_tickets = 0;   // the last ticket handed out: never reused
  double diagnosis_seconds = 5;     // explain's time limit
  double minimize_seconds = 10;     // minimize's (the panel's slider)
  void explain_failure();
  void find_smallest_capacity();
  void request_diagnosis(const std::string& kind, uint64_t& ticket, double seconds);
  // Computes a diagnosis on this thread, blocking for up to `seconds` (no runner to hand it to).
  void diagnose_here(const Problem& problem, const std::string& kind, uint64_t ticket, double seconds);
  void finish_explanation(uint64_t ticket, Explanation explanation);
  void pack_subset_alone(const Problem& problem, const std::vector<BufferIndex>& subset);
  // A step of the minimize request `ticket` while it runs (dropped if about another request).
  void minimize_step(uint64_t ticket, MinimizeStep step);
  // A cancelled answer that carries an allocation (the best found before Cancel) is kept as a
  // solved one, not proven minimal, once the validator accepts it.
  void finish_minimize(uint64_t ticket, MinimizeResult smallest);
  void solve_at(Size capacity);
  void show_smallest();             // the allocation minimize found, as a run without steps
  // The last smallest-capacity search's proven bound, with the buffers it holds for: every
  // view of those buffers (its allocation shown, a solve at its capacity, a reload of the
  // problem) uses it as its lower bound, so an allocation proven minimal is not called 33%
  // fragmented against the weaker load bound.
  struct ProvenBound {
    std::vector<Buffer> buffers;
    Size value = 0;
    std::string argument;
  };
  std::optional<ProvenBound> proven_bound;
  void adopt_proven_bound();
  // An allocation found by a tool (minimize, explain) shown as a run without steps, at
  // `capacity`; the panels' answers stay.
  void show_found(const Solution& solution, Size capacity, const std::string& algorithm, const std::string& detail,
                  const std::string& message);

  // Teaching.
  bool pause_at_backtracks = false; // play stops at each backtrack and conflict
  int tour_step = -1;               // the guided tour's page; -1: not showing
  std::function<void()> tour_done;  // remembers that the tour was seen or dismissed

  // Loads. A bad input sets `message` and leaves what was loaded as it was.
  // `origin` follows "capacity N" on the status line: who gave a capacity > 0.
  void load_csv(const std::string& text, const std::string& name, Size capacity,
                const std::string& origin = "as asked");
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

// What an edited problem is called: "A.1048576.csv" -> "A-edited".
std::string edited_name(std::string name);

// The panels, one function each (viz/ui/panels.cpp and a file per tool: compare, edit, undo,
// export, tour, diagnosis, minimize_panel).
void draw_problem_panel(App& app);
void draw_open_panel(App& app);
void draw_run_panel(App& app);
void draw_stats_panel(App& app);
void draw_legend_panel(App& app);
void draw_player_bar(App& app);
void draw_event_log(App& app);
void handle_shortcuts(App& app);
void draw_compare_panel(App& app);
// Which buffers the compared run places elsewhere (App::compare_differs), when out of date.
void refresh_compare_diff(App& app);
void draw_edit_panel(App& app);
void draw_export_panel(App& app);
void draw_tour(App& app);
void draw_diagnosis_panel(App& app);
void draw_minimize_panel(App& app);
// What a failed run's loads say: "over-capacity" (no allocation can exist), "proven" (the load
// fits but a complete search proved none exists), "open" (one may exist); "" for no failure.
const char* load_verdict(const Session& session);
// The Diagnosis panel's first paragraph: where the load exceeds the capacity (the ranges, the
// worst, who is live there), or what the verdict means and what to try.
std::string load_summary(const Session& session);
void draw_shortcuts(App& app);
// Brings the search, the live table and the categories up to date with what is on screen.
void refresh_inspection(App& app);
void draw_search_bar(App& app);
void draw_live_table(App& app);
void draw_region_panel(App& app);
void draw_distributions_panel(App& app);
void draw_metadata_legend(App& app);
// A button or collapsing header, tracked under `name` in App::widgets (viz/ui/panels.cpp).
bool button(App& app, const char* label, const std::string& name, ImVec2 size = ImVec2(0, 0));
bool header(App& app, const char* label, const std::string& name, int flags = 0);
// SameLine() when `width` more pixels fit in the window, else a new line.
void same_line_if_fits(float width);
// Saves "problem", "solution" or "trace" of the loaded session through App::save_text.
void export_file(App& app, const std::string& what);
// The PNG's name: the problem's, the algorithm's and the step shown ("input.12.exact.step-18.png").
std::string canvas_png_name(const App& app);
// Saves the step shown drawn as "svg", "tikz" or "ascii" (core/io/drawing.h).
void export_drawing(App& app, const std::string& format);

}  // namespace tela::viz
