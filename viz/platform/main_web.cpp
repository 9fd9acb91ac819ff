// The page's front-end: the same panels in a WebGL2 canvas (GLFW from Emscripten). The page's
// JavaScript (index.html, web glue) hands files in and reads the state through the exported
// C functions below; ImGui draws every animation frame.
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "viz/platform/frame.h"
#include "viz/model/typed_number.h"
#include "viz/ui/app.h"
#include "io/csv.h"
#include "io/trace_io.h"
#include "io/json_text.h"
#include "services/generate.h"
#include "services/registry.h"
#include "services/trace_columns.h"

namespace {

// The one front-end of this page: Emscripten's frame callback takes no state, so it lives here.
struct WebFrontEnd {
  tela::viz::App app;
  GLFWwindow* window = nullptr;
  tela::viz::FrameHooks hooks;
  std::string state;     // the last state_json, kept alive for the caller
  // Device pixels per CSS pixel (web/page.js sets it). The canvas holds device pixels and
  // GLFW reports sizes and the mouse in them; ImGui lays out in CSS pixels and renders at
  // device resolution, with its font rasterised at device size: crisp on HiDPI screens, and
  // every layout constant of viz/ stays in CSS pixels.
  float pixel_ratio = 1;
  float font_ratio = 0;  // the ratio the font atlas was built for
  tela::TraceColumns pending_columns;  // of the run the page is handing over (tela_viz_finish_run)
  std::string pending_paste;  // pasted into a text box, typed into it at the next frame
};
WebFrontEnd* front_end = nullptr;

// Reads the main canvas's pixels from the frame just drawn (WebGL keeps them until the frame
// ends) and hands them to the page, which encodes and downloads the PNG.
void save_canvas_png(int framebuffer_height) {
  auto& app = front_end->app;
  const float* r = app.canvas.figure_rect;  // CSS pixels
  const float k = front_end->pixel_ratio;
  const int x = int(r[0] * k), y = framebuffer_height - int(r[3] * k);
  const int w = int((r[2] - r[0]) * k), h = int((r[3] - r[1]) * k);
  if (w <= 0 || h <= 0) return;
  std::vector<unsigned char> pixels(size_t(w) * size_t(h) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(x, y, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  const std::string name = tela::viz::canvas_png_name(app);
  EM_ASM({ window.telaDownloadPixels($0, $1, $2, UTF8ToString($3)); }, pixels.data(), w, h, name.c_str());
  app.say("saved " + name + " (the canvas and its axes, at the step shown)");
}

// Builds the font atlas at the device size when the ratio changed (between frames only).
void fit_font_to_pixel_ratio() {
  WebFrontEnd& fe = *front_end;
  if (fe.font_ratio == fe.pixel_ratio) return;
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig font;
  font.SizePixels = 13.0f * fe.pixel_ratio;  // ImGui's default font at 13 CSS pixels
  io.Fonts->AddFontDefault(&font);
  io.FontGlobalScale = 1.0f / fe.pixel_ratio;
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
  fe.font_ratio = fe.pixel_ratio;
}

// The GLFW backend measured the display and the mouse in device pixels: ImGui gets CSS pixels.
// A paste reaches the box as typed text. ImGui 1.86 drops typed characters while Ctrl (or Cmd)
// is down, and a paste comes with Ctrl+V held: the modifiers are let go for the frame that
// types it (the backend sets them again at the next key event).
void type_pending_paste() {
  if (front_end->pending_paste.empty()) return;
  ImGuiIO& io = ImGui::GetIO();
  io.KeyCtrl = io.KeySuper = false;
  io.AddInputCharactersUTF8(front_end->pending_paste.c_str());
  front_end->pending_paste.clear();
}

void use_css_pixels() {
  ImGuiIO& io = ImGui::GetIO();
  const float k = front_end->pixel_ratio;
  io.DisplaySize = ImVec2(io.DisplaySize.x / k, io.DisplaySize.y / k);
  io.DisplayFramebufferScale = ImVec2(k, k);
  if (ImGui::IsMousePosValid(&io.MousePos)) io.MousePos = ImVec2(io.MousePos.x / k, io.MousePos.y / k);
}

// Wheel events straight from the DOM: Emscripten 3.1.6's GLFW hands ImGui the raw deltaY
// (100 per notch of a real mouse, with the sign of scrolling down), so one notch zoomed by
// 10^7 the wrong way. Here a notch is one notch, whatever the deltaMode.
EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void*) {
  ImGuiIO& io = ImGui::GetIO();
  io.MouseWheel += float(tela::viz::wheel_notches(e->deltaY, int(e->deltaMode)));
  io.MouseWheelH += float(tela::viz::wheel_notches(e->deltaX, int(e->deltaMode)));
  return EM_TRUE;  // the page itself does not scroll
}

void frame() { tela::viz::run_frame(front_end->app, front_end->window, front_end->hooks); }

// Runs go to the page's Web Worker (web/tela-worker.js, through web/page.js), so a solve of
// many seconds never freezes the canvas and can be cancelled at once; the result comes back
// through tela_viz_finish_run. Without a worker (it failed to load), runs are synchronous,
// bounded by the request's time limit.
void start_run(const tela::Problem& problem, const tela::viz::RunRequest& request) {
  const bool has_worker = EM_ASM_INT({ return window.telaStartRun ? 1 : 0; });
  if (!has_worker) {
    front_end->app.finish_run(tela::viz::record_run(problem, request));
    return;
  }
  std::ostringstream csv;
  tela::write_problem_csv(csv, problem);
  // The file's name, for the worker's messages ("input.csv:3:9: ..."): its rows are the file's.
  const std::string name = front_end->app.session ? front_end->app.session->name : "problem.csv";
  EM_ASM({ window.telaStartRun(UTF8ToString($0), UTF8ToString($1), $2, $3, $4, $5, $6, UTF8ToString($7)); },
         csv.str().c_str(), request.algorithm.c_str(), double(request.capacity), request.timeout_seconds,
         double(request.telamalloc.minor_backtracks), double(request.telamalloc.major_backtracks),
         double(request.max_events), name.c_str());
}

// Compare's second run goes to a worker of its own (web/page.js), so it neither waits for nor
// cancels the main run, and the canvas keeps drawing. It comes back through
// tela_viz_finish_run with its ticket.
void start_compare(const tela::Problem& problem, const tela::viz::RunRequest& request, uint64_t ticket) {
  if (!EM_ASM_INT({ return window.telaStartCompare ? 1 : 0; }))  // no worker: block
    return front_end->app.finish_compare(ticket, tela::viz::record_run(problem, request));
  std::ostringstream csv;
  tela::write_problem_csv(csv, problem);
  EM_ASM({ window.telaStartCompare($0, UTF8ToString($1), UTF8ToString($2), $3, $4, $5, $6, $7); },
         double(ticket), csv.str().c_str(), request.algorithm.c_str(), double(request.capacity),
         request.timeout_seconds, double(request.telamalloc.minor_backtracks),
         double(request.telamalloc.major_backtracks), double(request.max_events));
}

// A status sent by the worker; an unknown name is taken for "not found", never for success.
tela::Status status_named(const std::string& name) {
  return tela::status_from_name(name).value_or(tela::Status::kNotFound);
}

// Diagnoses go to the worker too (explain and minimize can take their whole time limit).
void start_diagnosis(const tela::Problem& problem, const std::string& kind, uint64_t ticket, double seconds) {
  if (!EM_ASM_INT({ return window.telaStartDiagnosis ? 1 : 0; }))  // no worker: block
    return front_end->app.diagnose_here(problem, kind, ticket, seconds);
  std::ostringstream csv;
  tela::write_problem_csv(csv, problem);
  EM_ASM({ window.telaStartDiagnosis($0, UTF8ToString($1), UTF8ToString($2), $3, $4); },
         double(ticket), kind.c_str(), csv.str().c_str(), double(problem.capacity), seconds);
}

// The Diagnosis panel's claims: what the loads say, and the worst time with who is live there.
void add_diagnosis_state(nlohmann::ordered_json& state, const tela::viz::Session& s) {
  state["load_verdict"] = tela::viz::load_verdict(s);
  if (s.busiest < 0) return;
  const tela::Section& worst = s.sections[size_t(s.busiest)];
  auto live = nlohmann::ordered_json::array();
  for (const tela::Buffer& b : s.run.problem.buffers)
    if (b.lower < worst.upper && b.upper > worst.lower) live.push_back(b.id);
  state["busiest"] = {{"lower", worst.lower}, {"upper", worst.upper}, {"load", worst.load}, {"live", live}};
}

// The memory viewer's answers: the search and its matches, the live table, the colouring.
void add_inspect_state(nlohmann::ordered_json& state) {
  const auto& app = front_end->app;
  const auto& in = app.inspect;
  const auto& problem = app.session->run.problem;
  const tela::viz::Search& s = in.search;
  state["search"] = {{"text", s.text}, {"regex", s.regex}, {"matches", s.matches.size()},
                     {"current", s.current}, {"error", s.error}};
  state["metadata"] = problem.metadata.names;
  state["colour_by"] = app.colour_mode == tela::viz::ColourMode::kByMetadata && in.colour_column >= 0
                           ? problem.metadata.names[size_t(in.colour_column)] : "";
  state["highlighted"] = app.highlighted;
  state["distributions"] = {{"sizes", in.sizes.counts}, {"lifetimes", in.lifetimes.counts},
                            {"filter_bin", in.filter_bin},
                            {"filter_quantity", in.filter_quantity == tela::viz::Quantity::kSize ? "size" : "lifetime"},
                            {"lit", std::count(in.filter_lit.begin(), in.filter_lit.end(), 1)}};
  if (in.region) {
    const tela::viz::RegionSummary& r = in.region_summary;
    state["region"] = {{"lower", r.lower}, {"upper", r.upper}, {"peak_load", r.peak_load},
                       {"mean_load", r.mean_load}, {"buffers", r.buffers}, {"placed_peak", r.placed_peak},
                       {"fragmentation", r.fragmentation}};
  }
  if (!in.live_time) return;
  auto rows = nlohmann::ordered_json::array();
  tela::Size bytes = 0;
  for (tela::BufferIndex b : in.live) {  // the rows in the table's order (the first 10^4 ids)
    if (rows.size() < 10000) rows.push_back(problem.buffers[size_t(b)].id);
    bytes += problem.buffers[size_t(b)].size;
  }
  state["live"] = {{"time", *in.live_time}, {"count", in.live.size()}, {"bytes", bytes}, {"rows", rows}};
}

// What the tests check beyond the session: the view, the step drawn, what compare shows.
void add_view_state(nlohmann::ordered_json& state) {
  const auto& app = front_end->app;
  const auto& v = app.view;
  state["view"] = {{"time", {v.time_lower, v.time_upper}}, {"address", {v.address_lower, v.address_upper}}};
  state["drawn_step"] = app.canvas.drawn_step;
  if (app.canvas.has_ruler)  // time, address at each end
    state["ruler"] = {app.canvas.ruler[0], app.canvas.ruler[1], app.canvas.ruler[2], app.canvas.ruler[3]};
  state["revision"] = app.revision;
  state["message_is_error"] = app.message_is_error;
  state["message_is_outcome"] = app.message_is_outcome;
  state["shortcuts"] = app.show_shortcuts;
  state["events_per_second"] = app.events_per_second;
  state["pasted_bytes"] = app.pasted.size();  // the paste box's text, as typed so far
  state["id_collisions"] = app.widgets.collisions();
  if (!app.session) return;
  add_diagnosis_state(state, *app.session);
  add_inspect_state(state);
  if (!app.compare) return;
  auto& runs = state["compare_runs"] = nlohmann::ordered_json::array();
  for (const tela::viz::Session* s : {app.session.get(), app.compare.get()})
    runs.push_back({{"algo", s->run.result.algorithm}, {"status", tela::name_of(s->run.result.status)},
                    {"peak", s->run.result.peak}, {"steps", s->player.steps()},
                    {"offsets", s->run.result.solution.offsets}});
  state["compare_diff"] = {{"on", app.compare_diff}, {"count", app.compare_diff_count}};
}

// The worker's answers, as web/problem_handle.h writes them (typed arrays as JSON arrays).
// An answer's allocation, `offsets` (none: empty). JSON has no NaN, so an unplaced buffer
// arrives as null.
tela::Solution solution_from_json(const nlohmann::json& j) {
  tela::Solution solution;
  if (j.contains("offsets") && j["offsets"].is_array())
    for (const auto& o : j["offsets"])
      solution.offsets.push_back(o.is_number() ? o.get<tela::Offset>() : tela::kUnplaced);
  return solution;
}

tela::Explanation explanation_from_json(const nlohmann::json& j) {
  tela::Explanation e;
  e.status = status_named(j.value("status", ""));
  e.detail = j.value("detail", "");
  e.minimal = j.value("minimal", false);
  if (j.contains("buffers")) e.buffers = j["buffers"].get<std::vector<tela::BufferIndex>>();
  e.solution = solution_from_json(j);  // solved: the allocation that fits
  if (j.contains("collisions")) {
    const auto& c = j["collisions"];
    for (size_t i = 0; i < c["load"].size(); ++i)
      e.collisions.push_back({c["lower"][i].get<tela::TimeValue>(), c["upper"][i].get<tela::TimeValue>(),
                              c["load"][i].get<tela::Size>(), c["live"][i].get<int32_t>()});
  }
  return e;
}

tela::MinimizeResult minimize_from_json(const nlohmann::json& j) {
  tela::MinimizeResult m;
  m.status = status_named(j.value("status", ""));
  m.detail = j.value("detail", "");
  m.capacity = j.value("capacity", tela::Size{0});
  m.lower_bound = j.value("lowerBound", tela::Size{0});
  m.proven_minimal = j.value("provenMinimal", false);
  m.bound_argument = j.value("boundArgument", "");
  m.solution = solution_from_json(j);
  m.algorithm = j.value("algorithm", "");
  m.seconds = j.value("seconds", 0.0);
  return m;
}

}  // namespace

// The page's API. EMSCRIPTEN_KEEPALIVE exports each function as Module._NAME, so this block is
// the one list of them (viz/CMakeLists.txt names only _main, _malloc and _free).
extern "C" {

// Text pasted while an ImGui text box has the keyboard (the search box) is typed into it, and
// 1 is returned; otherwise 0, and the page loads the text as a problem. (Emscripten 3.1.6's
// GLFW passes no clipboard to ImGui, so without this a paste never reached the box.)
EMSCRIPTEN_KEEPALIVE int tela_viz_paste_text(const char* text) {
  if (!ImGui::GetIO().WantTextInput) return 0;
  front_end->pending_paste += text;  // typed at the next frame (type_pending_paste)
  return 1;
}

// A number as the capacity field reads it ("32M", "1,048,576"): "=VALUE", or why it is refused.
EMSCRIPTEN_KEEPALIVE const char* tela_viz_read_number(const char* text, double most) {
  static std::string answer;
  const tela::viz::TypedNumber typed = tela::viz::read_typed_number(text, (long long)most);
  answer = typed.error.empty() ? "=" + std::to_string(typed.value) : typed.error;
  return answer.c_str();
}

// `source`: what a link should say to load the same ("example:NAME"), or "". `origin`: who
// gave `capacity` ("as asked", "from the example"), for the status line.
// Returns 1 when the text was loaded, 0 when it was rejected (the message says why).
EMSCRIPTEN_KEEPALIVE int tela_viz_load_csv(const char* text, const char* name, double capacity,
                                           const char* source, const char* origin) {
  auto& app = front_end->app;
  const auto* before = app.session.get();
  app.load_csv(text, name, tela::Size(capacity), origin);
  if (app.session.get() == before) return 0;
  app.session->source = source;
  return 1;
}
EMSCRIPTEN_KEEPALIVE void tela_viz_add_example(const char* name, const char* title) {
  front_end->app.examples.push_back({name, title});
}
// `kind`: a generator's name, as `tela generate --kind` takes it. "" when done, else why not.
EMSCRIPTEN_KEEPALIVE const char* tela_viz_generate(const char* kind, int count, int seed) {
  static std::string error;
  const auto all = tela::generators();
  std::string names;
  for (size_t k = 0; k < all.size(); ++k) {
    if (all[k].name == kind) {
      front_end->app.generator = {int(k), count, seed};
      front_end->app.generate_problem();
      return "";
    }
    names += (k ? ", " : "") + std::string(all[k].name);
  }
  error = "gen: unknown kind '" + std::string(kind) + "' (" + names + ")";
  return error.c_str();
}
EMSCRIPTEN_KEEPALIVE int tela_viz_load_trace(const char* text, const char* name, const char* source) {
  auto& app = front_end->app;
  const auto* before = app.session.get();
  app.load_trace(text, name);
  if (app.session.get() == before) return 0;
  app.session->source = source;
  return 1;
}
// The problem on screen as CSV: the page keeps it for a reload when no link can name it.
EMSCRIPTEN_KEEPALIVE const char* tela_viz_problem_csv() {
  std::ostringstream csv;
  if (front_end->app.session) tela::write_problem_csv(csv, front_end->app.session->run.problem);
  front_end->state = csv.str();
  return front_end->state.c_str();
}
// The run on screen as a trace (JSON Lines): the page keeps it for a reload when a new solve
// would not show it again (a loaded trace, an allocation a diagnosis found).
EMSCRIPTEN_KEEPALIVE const char* tela_viz_trace_jsonl() {
  std::ostringstream jsonl;
  if (front_end->app.session && front_end->app.session->has_run) tela::write_trace_jsonl(jsonl, front_end->app.session->run);
  front_end->state = jsonl.str();
  return front_end->state.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* tela_viz_state() {
  auto state = nlohmann::ordered_json::parse(
      tela::viz::state_json(front_end->app.session.get(), front_end->app.message));
  const float* r = front_end->app.canvas.event_rect;
  state["event_rect"] = {r[0], r[1], r[2], r[3]};
  state["running"] = front_end->app.running;
  state["playing"] = front_end->app.playing;
  state["frame"] = ImGui::GetFrameCount();
  state["progress_placed"] = front_end->app.progress.placed;
  state["tour_step"] = front_end->app.tour_step;
  const auto& d = front_end->app.diagnosis;
  if (d.explanation) {
    auto& subset = state["subset"] = nlohmann::ordered_json::array();
    for (auto b : d.explanation->buffers) subset.push_back(front_end->app.session->run.problem.buffers[size_t(b)].id);
    state["subset_status"] = tela::name_of(d.explanation->status);
    state["subset_peak"] = d.subset_peak;  // the subset packed alone (0: not packed)
  }
  if (d.smallest) {
    state["smallest_status"] = tela::name_of(d.smallest->status);
    state["smallest_capacity"] = d.smallest->capacity;
    state["proven_minimal"] = d.smallest->proven_minimal;
    state["smallest_lower_bound"] = d.smallest->lower_bound;
    state["bound_argument"] = d.smallest->bound_argument;
    state["smallest_stopped"] = d.minimize_stopped;
  }
  state["minimize_seconds"] = front_end->app.minimize_seconds;
  auto& steps = state["minimize_steps"] = nlohmann::ordered_json::array();
  for (const tela::MinimizeStep& m : d.minimize_steps)
    steps.push_back({{"seconds", m.seconds}, {"capacity", m.capacity}, {"proven_below", m.proven_below}});
  state["compare"] = front_end->app.compare ? front_end->app.compare->run.result.algorithm : "";
  state["comparing"] = front_end->app.comparing;
  // What a link asks for, by id ("auto"): the algorithm the run shown was asked to use (the
  // Run panel's choice may have changed since, and a reload must show this run), else that
  // choice. `algo` is what the run says of itself ("auto (exact)", "minimize: exact"), which no
  // link can ask for.
  const tela::viz::Session* shown = front_end->app.session.get();
  state["request_algo"] = shown && !shown->asked_algorithm.empty() ? shown->asked_algorithm : front_end->app.request.algorithm;
  // A run no solve was asked for (a loaded trace, an allocation a diagnosis found): no link
  // can ask for it again, so a reload needs it kept whole (web/page.js).
  state["kept_as_trace"] = shown && shown->has_run && shown->asked_algorithm.empty();
  state["undo"] = front_end->app.undo_stack.size();
  state["selected"] = front_end->app.selected;
  state["diagnosing"] = d.explain_ticket != 0 || d.minimize_ticket != 0;
  state["pixel_ratio"] = front_end->pixel_ratio;
  state["frame_ms"] = front_end->app.frame_times.median();
  state["ui_ms"] = front_end->app.ui_times.median();
  state["ui_ms_recent"] = front_end->app.ui_times.recent();  // per frame, oldest first (the UI bench)
  add_view_state(state);
  front_end->state = tela::lenient_dump(state);  // ids may not be UTF-8
  return front_end->state.c_str();
}
EMSCRIPTEN_KEEPALIVE void tela_viz_seek(double step) { front_end->app.seek(int64_t(step)); }
EMSCRIPTEN_KEEPALIVE void tela_viz_run() { front_end->app.run(); }
EMSCRIPTEN_KEEPALIVE void tela_viz_set_playing(int playing) { front_end->app.playing = playing != 0; }
// Values <= 0 (< 0 for the backtrack budgets) keep the current setting.
// The algorithms' names, comma-separated: what a link's `algo` may say.
EMSCRIPTEN_KEEPALIVE const char* tela_viz_algorithm_names() {
  std::string names;
  for (const tela::Algorithm& a : tela::algorithms()) names += (names.empty() ? "" : ",") + std::string(a.name);
  front_end->state = names;
  return front_end->state.c_str();
}
EMSCRIPTEN_KEEPALIVE void tela_viz_set_request(const char* algorithm, double capacity, double timeout,
                                               double minor_backtracks, double major_backtracks) {
  auto& r = front_end->app.request;
  if (*algorithm) {  // "": the algorithm stays (a link naming none keeps auto for a large problem)
    r.algorithm = algorithm;
    front_end->app.auto_for_size = false;
  }
  if (capacity > 0) r.capacity = tela::Size(capacity);
  if (timeout > 0) r.timeout_seconds = timeout;
  r.telamalloc = tela::TelaMallocParams{};
  if (minor_backtracks >= 0) r.telamalloc.minor_backtracks = int64_t(minor_backtracks);
  if (major_backtracks >= 0) r.telamalloc.major_backtracks = int64_t(major_backtracks);
}
// The panels' actions, for scripts and the browser tests (the same App calls the buttons make).
EMSCRIPTEN_KEEPALIVE void tela_viz_compare(const char* algorithm) {
  front_end->app.compare_algorithm = algorithm;
  front_end->app.run_compare();
}
EMSCRIPTEN_KEEPALIVE void tela_viz_edit(int buffer, double lower, double upper, double size) {
  auto& app = front_end->app;
  if (!app.session || buffer < 0 || size_t(buffer) >= app.session->run.problem.buffers.size()) return;
  tela::Buffer b = app.session->run.problem.buffers[size_t(buffer)];
  b.lower = tela::TimeValue(lower), b.upper = tela::TimeValue(upper), b.size = tela::Size(size);
  app.edit_buffer(buffer, b, "edited " + b.id);
}
EMSCRIPTEN_KEEPALIVE void tela_viz_undo() { front_end->app.undo(); }
EMSCRIPTEN_KEEPALIVE void tela_viz_select(int buffer) { front_end->app.selected = buffer; }
EMSCRIPTEN_KEEPALIVE void tela_viz_set_pause_at_backtracks(int on) { front_end->app.pause_at_backtracks = on != 0; }
EMSCRIPTEN_KEEPALIVE void tela_viz_export(const char* what) {
  auto& app = front_end->app;
  if (!app.session || !app.save_text) return;
  const std::string kind = what;
  if (kind == "png") app.png_requested = true;
  else if (kind == "svg" || kind == "tikz" || kind == "ascii") tela::viz::export_drawing(app, kind);
  else tela::viz::export_file(app, kind);
}
// A worker's run arrives as its trace's columns, one call each under the names
// services/trace_columns.h gives them (the page copies each typed array into this module's
// memory), then as its result. 1: the column was taken; 0: no such column or a wrong length.
EMSCRIPTEN_KEEPALIVE int tela_viz_trace_column(const char* name, const void* data, double bytes) {
  return tela::set_column_from_js(front_end->pending_columns, name, data, size_t(bytes)) ? 1 : 0;
}
// `result_json`: {status, algorithm, detail, seconds, capacity}; `solution`: one offset per
// buffer, NaN for a buffer not placed.
// With `compare_ticket` in `result_json`, the run is Compare's (App::finish_compare).
EMSCRIPTEN_KEEPALIVE void tela_viz_finish_run(const char* result_json, const double* solution) {
  auto& app = front_end->app;
  const tela::TraceColumns columns = std::exchange(front_end->pending_columns, {});
  const nlohmann::json j = nlohmann::json::parse(result_json, nullptr, false);
  if (!app.session || !j.is_object()) return;
  const bool compared = j.contains("compare_ticket");
  const uint64_t ticket = compared ? uint64_t(j.value("compare_ticket", 0.0)) : 0;
  if (compared && ticket != app.compare_ticket) return;  // asked for before the problem changed
  tela::RecordedRun run;
  run.problem = app.session->run.problem;
  run.problem.capacity = tela::Size(j.value("capacity", 0.0));
  std::string error;
  std::optional<tela::Trace> trace = tela::trace_from_columns(columns, run.problem.buffers.size(), error);
  if (!trace && compared) return app.compare_failed(ticket, "the worker's trace is unreadable: " + error);
  if (!trace) return app.run_failed("the worker's trace is unreadable: " + error);
  run.trace = std::move(*trace);
  run.result.status = status_named(j.value("status", ""));
  run.result.algorithm = j.value("algorithm", "");
  run.result.detail = j.value("detail", "");
  run.result.seconds = j.value("seconds", 0.0);
  for (size_t b = 0; b < run.problem.buffers.size(); ++b)
    run.result.solution.offsets.push_back(std::isnan(solution[b]) ? tela::kUnplaced : tela::Offset(solution[b]));
  run.result.peak = tela::peak_of(run.problem, run.result.solution);
  if (compared) app.finish_compare(ticket, std::move(run));
  else app.finish_run(std::move(run));
}
EMSCRIPTEN_KEEPALIVE void tela_viz_compare_failed(double ticket, const char* message) {
  front_end->app.compare_failed(uint64_t(ticket), message);
}
EMSCRIPTEN_KEEPALIVE void tela_viz_fail(const char* message) { front_end->app.fail(message); }
EMSCRIPTEN_KEEPALIVE void tela_viz_run_failed(const char* message) { front_end->app.run_failed(message); }
EMSCRIPTEN_KEEPALIVE void tela_viz_progress(double placed, double buffers, double deepest, double seconds) {
  auto& p = front_end->app.progress;
  p.placed = int64_t(placed), p.buffers = int64_t(buffers), p.deepest = int64_t(deepest);
  p.seconds = seconds;
}
EMSCRIPTEN_KEEPALIVE void tela_viz_explain() { front_end->app.explain_failure(); }
// `json`: the worker's answer, or {status: 'cancelled', detail} when it has none (with
// {capacity, offsets, algorithm} after a minimize cancelled once it had found an allocation).
EMSCRIPTEN_KEEPALIVE void tela_viz_finish_diagnosis(double ticket, const char* kind, const char* json) {
  const nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return;
  if (std::string(kind) == "explain")
    front_end->app.finish_explanation(uint64_t(ticket), explanation_from_json(j));
  else
    front_end->app.finish_minimize(uint64_t(ticket), minimize_from_json(j));
}
EMSCRIPTEN_KEEPALIVE void tela_viz_minimize_step(double ticket, double seconds, double capacity,
                                                 double proven_below, double moves, const char* found_by) {
  front_end->app.minimize_step(uint64_t(ticket), {.seconds = seconds, .capacity = tela::Size(capacity),
                                                  .proven_below = tela::Size(proven_below), .found_by = found_by,
                                                  .moves = int64_t(moves), .offsets = {}});
}
EMSCRIPTEN_KEEPALIVE void tela_viz_minimize() { front_end->app.find_smallest_capacity(); }
EMSCRIPTEN_KEEPALIVE void tela_viz_solve_at(double capacity) { front_end->app.solve_at(tela::Size(capacity)); }
EMSCRIPTEN_KEEPALIVE void tela_viz_start_tour() { front_end->app.tour_step = 0; }
// Every interactive item of the last frame: {"name": [x0, y0, x1, y1]} in CSS pixels.
EMSCRIPTEN_KEEPALIVE const char* tela_viz_widgets() {
  front_end->state = front_end->app.widgets.json();
  return front_end->state.c_str();
}
EMSCRIPTEN_KEEPALIVE double tela_viz_frame_ms() { return front_end->app.frame_times.median(); }
EMSCRIPTEN_KEEPALIVE void tela_viz_set_pixel_ratio(double ratio) {
  front_end->pixel_ratio = float(std::clamp(ratio, 0.25, 8.0));
}

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
  tela::viz::start_imgui(front_end->window, "#version 300 es");
  glfwSetScrollCallback(front_end->window, nullptr);  // on_wheel takes the wheel instead
  emscripten_set_wheel_callback("#canvas", nullptr, true, on_wheel);
  front_end->hooks = {.before_frame = fit_font_to_pixel_ratio, .after_backends = [] { use_css_pixels(); type_pending_paste(); },
                      .save_canvas_png = save_canvas_png};
  front_end->app.runner.start = start_run;
  front_end->app.runner.compare = start_compare;
  front_end->app.runner.diagnose = start_diagnosis;
  front_end->app.runner.cancel = [] { EM_ASM({ window.telaCancelRun && window.telaCancelRun(); }); };
  // The worker runs one thing at a time, so stopping it stops the diagnosis as well.
  front_end->app.runner.cancel_diagnosis = [] { EM_ASM({ window.telaCancelRun && window.telaCancelRun(); }); };
  // The page's glue (web/page.js) fetches examples and owns the file input.
  front_end->app.open_example = [](const std::string& name) {
    EM_ASM({ window.telaOpenExample(UTF8ToString($0)); }, name.c_str());
  };
  front_end->app.open_file = [] { EM_ASM({ document.getElementById('file').click(); }); };
  front_end->app.save_text = [](const std::string& name, const std::string& text) {
    EM_ASM({ window.telaDownload(UTF8ToString($0), UTF8ToString($1)); }, name.c_str(), text.c_str());
    front_end->app.say("saved " + name + " (your browser's downloads)");  // as the PNG says its name
  };
  front_end->app.tour_done = [] { EM_ASM({ localStorage.setItem('tela.tourSeen', '1'); }); };
  front_end->app.say("no problem loaded");
  emscripten_set_main_loop(frame, 0, false);
  return 0;
}
