// The panels and the canvas driven as a person drives them: whole ImGui frames with no window
// (ImGui needs none to lay out and hit-test), the mouse moved to a widget's rectangle from the
// registry and pressed, wheel notches and typed keys. Under ASan and UBSan this is where an
// out-of-bounds read behind a button shows (the page showed one as "memory access out of
// bounds" after "next conflict" from step 0).
#include <imgui.h>
#include <imgui_internal.h>

#include <optional>
#include <random>
#include <sstream>

#include "services/generate.h"
#include "viz/ui/app.h"
#include "viz/ui/canvas.h"
#include "viz/ui/wrapped_text.h"
#include "support.h"

using namespace tela;
using namespace tela::viz;

namespace {

// One ImGui context with a built font atlas, for the whole test program.
struct Headless {
  Headless() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1400, 860);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    io.KeyMap[ImGuiKey_Enter] = 257;  // as GLFW numbers it
  }
  ~Headless() { ImGui::DestroyContext(); }
};

void frame(App& app) {
  ImGui::GetIO().DeltaTime = 1.0f / 60;
  ImGui::NewFrame();
  draw_frame(app);
  ImGui::Render();
}

// An App with a synchronous runner, showing `problem` solved by `request`.
void open(App& app, const Problem& problem, const RunRequest& request) {
  app.runner.start = [&app](const Problem& p, const RunRequest& r) { app.finish_run(record_run(p, r)); };
  app.diagnosis_seconds = 1;
  std::ostringstream csv;
  write_problem_csv(csv, problem);
  app.load_csv(csv.str(), "test.csv", problem.capacity);
  app.request = request;
  app.request.capacity = problem.capacity;
  app.run();
  frame(app);
  frame(app);
}

void click(App& app, const std::string& widget) {
  const WidgetRect* w = app.widgets.find(widget);
  REQUIRE_MESSAGE(w != nullptr, "no widget " << widget);
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2((w->x0 + w->x1) / 2, (w->y0 + w->y1) / 2);
  frame(app);
  io.MouseDown[0] = true;
  frame(app);
  io.MouseDown[0] = false;
  frame(app);
  frame(app);  // a button acts after the canvas is drawn: the next frame shows it
}

// A key pressed and released, a frame each (ImGui's 1.86 key array, GLFW's key codes).
void press(App& app, int key) {
  ImGuiIO& io = ImGui::GetIO();
  io.KeysDown[key] = true;
  frame(app);
  io.KeysDown[key] = false;
  frame(app);
}

constexpr int kEnter = 257, kBackspace = 259, kEnd = 269;

// Clicks into a text field (the pointer coming from elsewhere, as a person's does), empties it
// and types `text`, without pressing Enter.
void type_into(App& app, const std::string& widget, const std::string& text) {
  ImGuiIO& io = ImGui::GetIO();
  io.KeyMap[ImGuiKey_End] = kEnd;
  io.KeyMap[ImGuiKey_Backspace] = kBackspace;
  const WidgetRect* field = app.widgets.find(widget);
  REQUIRE(field != nullptr);
  io.MousePos = ImVec2(700, 400);
  frame(app);
  io.MousePos = ImVec2(field->x0 + 10, (field->y0 + field->y1) / 2);
  frame(app);
  io.MouseDown[0] = true;
  frame(app);
  io.MouseDown[0] = false;
  frame(app);
  press(app, kEnd);
  for (int i = 0; i < 24; ++i) press(app, kBackspace);  // the field is empty
  for (char c : text) {
    io.AddInputCharacter(c);
    frame(app);
  }
}

// What every frame must show: the step in range and drawn, no two widgets on one ImGui ID.
void check_consistent(const App& app) {
  const Player& p = app.session->player;
  CHECK(p.step() >= 0);
  CHECK(p.step() <= p.steps());
  // While playing, the step moves on after the canvas is drawn: the next frame draws it.
  if (!app.playing) CHECK(app.canvas.drawn_step == p.step());
  CHECK(app.widgets.collisions().empty());
}

struct Example {
  const char* csv;
  Size capacity;
  TelaMallocParams params;
};

const Example kExamples[] = {
    {"input.12.csv", 12, {}}, {"backtracks.csv", 6, {}}, {"backtracks.csv", 6, {0, 10}}};

Problem example_problem(const Example& e) {
  return test::problem_from_file(std::string(TELA_SOURCE_DIR "/assets/examples/") + e.csv, e.capacity);
}

}  // namespace

TEST_CASE("every player button, from the first step, the middle and the end, on every example") {
  Headless imgui;
  const char* buttons[] = {"player.first", "player.previous", "player.play", "player.next", "player.last",
                           "player.previous_backtrack", "player.next_backtrack", "player.previous_conflict",
                           "player.next_conflict", "player.previous_phase", "player.next_phase"};
  for (const Example& e : kExamples) {
    App app;
    open(app, example_problem(e), RunRequest{.algorithm = "telamalloc", .telamalloc = e.params});
    const int64_t steps = app.session->player.steps();
    REQUIRE(steps > 4);
    for (const char* b : buttons) {
      for (int64_t from : {int64_t(0), steps / 2, steps}) {
        INFO(e.csv << ": " << b << " from step " << from);
        app.seek(from);
        app.playing = false;
        frame(app);
        click(app, b);
        app.playing = false;
        frame(app);
        check_consistent(app);
      }
    }
  }
}

TEST_CASE("next conflict from step 0 lands on the first conflict and says what it is") {
  Headless imgui;
  App app;
  open(app, example_problem(kExamples[1]), RunRequest{.algorithm = "telamalloc"});
  const Player& p = app.session->player;
  app.seek(0);
  frame(app);
  click(app, "player.next_conflict");
  REQUIRE(p.current_event() != nullptr);
  CHECK(p.current_event()->kind == EventKind::kConflict);
  CHECK(p.find_previous({EventKind::kConflict}) == -1);  // the first one
  check_consistent(app);
}

TEST_CASE("next conflict past the last one goes round to the first and says so; none at all is said") {
  Headless imgui;
  App app;
  open(app, example_problem(kExamples[1]), RunRequest{.algorithm = "telamalloc"});
  const Player& p = app.session->player;
  const std::string outcome = app.message;
  const bool outcome_is_outcome = app.message_is_outcome;
  const int64_t first = p.find_next({EventKind::kConflict}, 0), last = p.find_previous({EventKind::kConflict}, p.steps() + 1);
  REQUIRE(first > 0);
  REQUIRE(last > first);  // the example has more than one conflict
  app.seek(p.steps());
  frame(app);
  click(app, "player.next_conflict");
  CHECK(p.step() == first);
  CHECK(p.current_event()->kind == EventKind::kConflict);
  CHECK(app.message == "No conflict after step " + with_commas(p.steps()) + ": back to the first, step " +
                           with_commas(first) + ".");
  CHECK_FALSE(app.message_is_error);
  frame(app);  // the note stays while the step it speaks of is shown
  CHECK(app.message.rfind("No conflict after", 0) == 0);
  // Backwards from the first, round to the last.
  click(app, "player.previous_conflict");
  CHECK(p.step() == last);
  CHECK(app.message == "No conflict before step " + with_commas(first) + ": back to the last, step " +
                           with_commas(last) + ".");
  // The note is about that step: once the step moves (|<), the run's outcome is back.
  click(app, "player.first");
  CHECK(p.step() == 0);
  CHECK(app.message == outcome);
  CHECK(app.message_is_outcome == outcome_is_outcome);
  check_consistent(app);

  // A run without conflicts: the press stays put and says so.
  open(app, example_problem(kExamples[1]), RunRequest{.algorithm = "best-fit"});
  const Player& q = app.session->player;
  REQUIRE(q.find_next({EventKind::kConflict}, 0) == -1);
  app.seek(1);
  frame(app);
  click(app, "player.next_conflict");
  CHECK(q.step() == 1);
  CHECK(app.message == "No conflict in this run.");
  check_consistent(app);
}

TEST_CASE("an edit, and its undo, keep the edited buffer selected") {
  Headless imgui;
  App app;
  open(app, example_problem(kExamples[1]), RunRequest{.algorithm = "telamalloc"});
  app.selected = 2;
  const std::string id = app.session->run.problem.buffers[2].id;
  Buffer bigger = app.session->run.problem.buffers[2];
  bigger.size += 1;
  app.edit_buffer(2, bigger, "edited " + id);
  frame(app);
  REQUIRE(app.session->run.problem.buffers[2].size == bigger.size);
  CHECK(app.selected == 2);
  app.undo();
  frame(app);
  CHECK(app.session->run.problem.buffers[2].size == bigger.size - 1);
  CHECK(app.selected == 2);
  check_consistent(app);
}

// An edited problem kept its file's name: the Problem panel, an export and the link passed it
// off as the file. And the undo stack outlived the problem: Undo after opening another file
// brought back a buffer list of the first one under the second one's name.
TEST_CASE("an edit names the problem as edited until undone; another problem forgets the edits") {
  CHECK(edited_name("A.1048576.csv") == "A-edited");
  CHECK(edited_name("input.12") == "input-edited");
  CHECK(edited_name("run.telamalloc.jsonl") == "run.telamalloc-edited");
  CHECK(edited_name("generated packing,40,1") == "generated packing,40,1-edited");
  Headless imgui;
  App app;
  open(app, example_problem(kExamples[1]), RunRequest{.algorithm = "best-fit"});
  const std::string name = app.session->name;
  app.session->source = "example:test";  // as the page's examples have
  const std::string source = app.session->source;
  Buffer bigger = app.session->run.problem.buffers[0];
  bigger.size += 1;
  app.edit_buffer(0, bigger, "edited");
  frame(app);
  CHECK(app.session->name == edited_name(name));
  bigger.size += 1;
  app.edit_buffer(0, bigger, "edited again");
  frame(app);
  CHECK(app.session->name == edited_name(name));  // not "-edited-edited"
  app.undo();
  frame(app);
  CHECK(app.session->name == edited_name(name));
  app.undo();
  frame(app);
  CHECK(app.session->name == name);
  CHECK(app.session->source == source);
  app.redo();
  frame(app);
  CHECK(app.session->name == edited_name(name));
  // Another problem: nothing to undo or redo, and the Undo button is disabled.
  std::ostringstream csv;
  write_problem_csv(csv, example_problem(kExamples[2]));
  app.load_csv(csv.str(), "other.csv", 0);
  frame(app);
  CHECK(app.undo_stack.empty());
  CHECK(app.redo_stack.empty());
  const std::vector<Buffer> other = app.session->run.problem.buffers;
  app.undo();
  frame(app);
  CHECK(app.session->name == "other.csv");
  CHECK(app.session->run.problem.buffers.size() == other.size());
  check_consistent(app);
}

// A number typed into an edit field and Enter: past 64 bits it was -1 to ImGui's sscanf in the
// WASM build, and the page said "a buffer needs 0 <= lower < upper", of a number not typed.
TEST_CASE("an edit field reads what was typed: grouped, with a unit, or refused with the reason") {
  Headless imgui;
  App app;
  Problem roomy = example_problem(kExamples[1]);
  roomy.capacity = 1 << 20;  // sizes of a few KiB still fit: the panels stay where they are
  open(app, roomy, RunRequest{.algorithm = "telamalloc"});
  app.selected = 2;
  click(app, "edit.header");
  const auto type_and_enter = [&](const std::string& widget, const std::string& text) {
    type_into(app, widget, text);
    press(app, kEnter);
    frame(app);
  };
  const Buffer before = app.session->run.problem.buffers[2];
  type_and_enter("edit.size", "99999999999999999999999");
  CHECK(app.session->run.problem.buffers[2].size == before.size);
  CHECK(app.message_is_error);
  CHECK(app.message.find("size \"99999999999999999999999\" not applied: larger than") != std::string::npos);
  type_and_enter("edit.upper", "soon");
  CHECK(app.session->run.problem.buffers[2].upper == before.upper);
  CHECK(app.message.find("upper \"soon\" not applied: not a whole number") != std::string::npos);
  type_and_enter("edit.size", "1,024");
  CHECK(app.session->run.problem.buffers[2].size == 1024);
  type_and_enter("edit.size", "2K");
  CHECK(app.session->run.problem.buffers[2].size == 2048);
  CHECK(app.session->run.problem.buffers[2].lower == before.lower);
  check_consistent(app);
}

// The second example by TelaMalloc, compared with best-fit by the panel's button.
void open_compared_with_best_fit(App& app) {
  open(app, example_problem(kExamples[1]), RunRequest{.algorithm = "telamalloc"});
  click(app, "compare.header");
  app.compare_algorithm = "best-fit";
  click(app, "compare.run");
  REQUIRE(app.compare != nullptr);
}

// A failed run compared with one that fits: "placed differently" counts what the two views
// draw at their ends. It compared the failed run's deepest partial allocation, which its last
// step no longer shows, and called blocks that run ends without "placed alike".
TEST_CASE("compare a failed run: the diff is of what the views draw") {
  Headless imgui;
  ImGui::GetIO().DisplaySize = ImVec2(1400, 1600);  // the diagnosis panel above takes room: Compare stays in view
  App app;
  open(app, test::problem_from_file(TELA_SOURCE_DIR "/assets/examples/fits-but-infeasible.csv", 3),
       RunRequest{.algorithm = "telamalloc"});
  REQUIRE(app.session->run.result.status == Status::kInfeasible);
  click(app, "compare.header");
  app.compare_algorithm = "greedy";
  click(app, "compare.run");
  REQUIRE(app.compare != nullptr);
  app.seek(app.session->player.steps());
  frame(app);
  const std::vector<Offset>& drawn = app.session->player.offsets();
  const Problem roomy = [&] { Problem p = app.compare->run.problem; p.capacity = app.compare->run.result.peak; return p; }();
  REQUIRE(validate(roomy, app.compare->run.result.solution).verdict == Verdict::kValid);
  const std::vector<Offset>& other = app.compare->run.result.solution.offsets;
  int64_t differ = 0;
  for (size_t b = 0; b < drawn.size(); ++b) {
    CAPTURE(b);
    differ += drawn[b] != other[b];
    CHECK(bool(app.compare_differs[b]) == (drawn[b] != other[b]));
  }
  CHECK(app.compare_diff_count == differ);
  CHECK(differ >= 3);  // the failed run ends with most of its blocks lifted
  ImGui::GetIO().DisplaySize = ImVec2(1400, 860);
}

// At 640 x 360 the two compared canvases ran over the load plot and the second was cut off at
// the window's edge: each keeps a readable height and the centre column scrolls instead. A
// large window shows no scrollbar there, compared or not.
TEST_CASE("compare in a short window: both canvases readable, the centre scrolls to them") {
  Headless imgui;
  App app;
  open_compared_with_best_fit(app);
  const auto centre = [] { return ImGui::FindWindowByName("Address x time"); };
  frame(app);
  REQUIRE(centre() != nullptr);
  CHECK_FALSE(centre()->ScrollbarY);
  ImGui::GetIO().DisplaySize = ImVec2(640, 360);
  for (int i = 0; i < 3; ++i) frame(app);
  for (const char* name : {"canvas.plot", "compare.plot"}) {
    const WidgetRect* plot = app.widgets.find(name);
    REQUIRE(plot != nullptr);
    CHECK_MESSAGE(plot->y1 - plot->y0 >= 60, name << " is " << plot->y1 - plot->y0 << " px tall");
  }
  CHECK(centre()->ScrollbarY);
  const WidgetRect* load = app.widgets.find("load.plot");
  REQUIRE(load != nullptr);
  CHECK(load->y1 - load->y0 >= 20);
  ImGui::GetIO().DisplaySize = ImVec2(1400, 860);
  for (int i = 0; i < 3; ++i) frame(app);
  CHECK_FALSE(centre()->ScrollbarY);
  app.close_compare();
  frame(app);
  frame(app);
  CHECK_FALSE(centre()->ScrollbarY);
  check_consistent(app);
}

TEST_CASE("compare runs from its button and fits both runs on one view") {
  Headless imgui;
  App app;
  Problem p = example_problem(kExamples[1]);
  open(app, p, RunRequest{.algorithm = "telamalloc"});
  click(app, "compare.header");
  app.compare_algorithm = "best-fit";
  click(app, "compare.run");
  REQUIRE(app.compare != nullptr);
  frame(app);
  CHECK(app.compare->run.result.algorithm == "best-fit");
  if (app.compare->run.result.status == Status::kSolved) test::check_valid(app.compare->run.problem, app.compare->run.result);
  CHECK(app.view.address_upper >= double(std::max(app.compare->run.result.peak, app.session->run.result.peak)));
  check_consistent(app);
  // The compared run is shown whole, each block in its own colour: its last step's block is
  // not marked as just placed (the main view marks the step being played; seen in the second
  // view, the same buffer took two colours).
  const WidgetRect* second = app.widgets.find("compare.plot");
  REQUIRE(second != nullptr);
  int marked = 0;
  const ImDrawData* drawn = ImGui::GetDrawData();
  for (int l = 0; l < drawn->CmdListsCount; ++l)
    for (const ImDrawVert& v : drawn->CmdLists[l]->VtxBuffer)
      if (v.col == colour::kJustPlaced && v.pos.x >= second->x0 && v.pos.x <= second->x1 &&
          v.pos.y >= second->y0 && v.pos.y <= second->y1)
        ++marked;
  CHECK(marked == 0);
}

// A run ends after the algorithm combo changed: the message and the link name the algorithm
// the run was asked to use, not the one chosen since.
TEST_CASE("a run is named by the algorithm it ran with, though the combo changed meanwhile") {
  Headless imgui;
  App app;
  const Problem p = example_problem(kExamples[1]);
  open(app, p, RunRequest{.algorithm = "greedy"});
  std::optional<RunRequest> started;
  app.runner.start = [&](const Problem&, const RunRequest& r) { started = r; };  // finishes later
  app.request.algorithm = "telamalloc";
  app.run();
  REQUIRE(started.has_value());
  app.request.algorithm = "best-fit";  // chosen while it runs
  // Run, pressed while the run is under way, says why it does nothing (it looked dead).
  frame(app);
  click(app, "run.run");
  CHECK(app.message.rfind("A run is under way (telamalloc)", 0) == 0);
  CHECK(started->algorithm == "telamalloc");  // not started again
  app.finish_run(record_run(p, *started));
  frame(app);
  INFO(app.message);
  CHECK(app.message.find("telamalloc: ") != std::string::npos);
  CHECK(app.message.find("best-fit") == std::string::npos);
  CHECK(app.session->asked_algorithm == "telamalloc");
  CHECK(app.session->run.result.algorithm == "telamalloc");
}

// An open comparison is made again when the main run changes (at another capacity here): it
// never sets two capacities side by side.
TEST_CASE("compare follows a new run of the main problem") {
  Headless imgui;
  App app;
  open_compared_with_best_fit(app);
  const Size roomier = app.session->run.problem.capacity + 3;
  app.request.capacity = roomier;
  app.run();
  frame(app);
  REQUIRE(app.compare != nullptr);
  CHECK(app.session->run.problem.capacity == roomier);
  CHECK(app.compare->run.problem.capacity == roomier);
  if (app.compare->run.result.status == Status::kSolved) test::check_valid(app.compare->run.problem, app.compare->run.result);
  check_consistent(app);
}

// The capacity field is applied when it is left (Enter here), whole: typing a number too
// large for the page, digit by digit, used to apply each prefix that fitted (999,999,999,999,999
// for 99999999999999999) and then refuse the rest.
TEST_CASE("a typed capacity applies whole when the field is left, or is refused whole") {
  Headless imgui;
  App app;
  open(app, example_problem(kExamples[1]), RunRequest{.algorithm = "telamalloc"});
  const Size before = app.request.capacity;
  type_into(app, "run.capacity", "99999999999999999");
  CHECK(app.request.capacity == before);  // nothing applied while typing
  press(app, kEnter);  // Enter
  CHECK(app.request.capacity == before);
  CHECK(app.message_is_error);
  CHECK(app.message.find("\"99999999999999999\" refused (larger than 9007199254740991)") != std::string::npos);
  // Past 64 bits: ImGui's sscanf("%lld") made this -1 in the WASM build ("capacity -1 refused").
  type_into(app, "run.capacity", "99999999999999999999999");
  press(app, kEnter);
  CHECK(app.request.capacity == before);
  CHECK(app.message.find("\"99999999999999999999999\" refused (larger than") != std::string::npos);
  type_into(app, "run.capacity", "lots");
  press(app, kEnter);
  CHECK(app.request.capacity == before);
  CHECK(app.message.find("\"lots\" refused (not a whole number") != std::string::npos);
  type_into(app, "run.capacity", "25");
  CHECK(app.request.capacity == before);
  press(app, kEnter);
  CHECK(app.request.capacity == 25);
  CHECK_FALSE(app.message_is_error);  // the refusal before is gone, and Run is named
  CHECK(app.message == "capacity 25 set: press Run to solve at it");
  type_into(app, "run.capacity", "1,048,576");
  press(app, kEnter);
  CHECK(app.request.capacity == 1048576);
  type_into(app, "run.capacity", "2 MiB");
  press(app, kEnter);
  CHECK(app.request.capacity == 2097152);
  CHECK(app.widgets.find("run.capacity") != nullptr);
  check_consistent(app);
}

// The status line keeps its height whatever it says: the panels below stay under the pointer
// (a longer message had moved them 26 px down between the two clicks of a double-click).
TEST_CASE("a longer message does not move the panels below it") {
  Headless imgui;
  App app;
  open(app, example_problem(kExamples[1]), RunRequest{.algorithm = "telamalloc"});
  const auto y_of = [&](const char* name) {
    const WidgetRect* w = app.widgets.find(name);
    REQUIRE(w != nullptr);
    return w->y0;
  };
  const float before = y_of("run.capacity");
  std::string words;
  for (int i = 0; i < 60; ++i) words += "a long message ";
  app.fail(words);
  frame(app);
  frame(app);
  CHECK(y_of("run.capacity") == before);
  app.say("short");
  frame(app);
  frame(app);
  CHECK(y_of("run.capacity") == before);
  check_consistent(app);
}

// Generate solves what it made at once, as a file, a paste or a ?gen= link does (it said
// "press Run", with Run scrolled out of view).
TEST_CASE("Generate solves the problem it makes") {
  Headless imgui;
  App app;
  open(app, example_problem(kExamples[1]), RunRequest{.algorithm = "best-fit"});
  click(app, "open.header");
  click(app, "open.generate");
  REQUIRE(app.session != nullptr);
  CHECK(app.session->name.rfind("generated ", 0) == 0);
  CHECK(app.session->has_run);
  CHECK(app.message.find("press Run") == std::string::npos);
  if (app.session->run.result.status == Status::kSolved) test::check_valid(app.session->run.problem, app.session->run.result);
  check_consistent(app);
  // A count typed into the slider (Ctrl+click) past 20,000, up to the page's 100,000: it was
  // clamped to 20,000 without a word.
  ImGuiIO& io = ImGui::GetIO();
  const WidgetRect* count = app.widgets.find("open.generate_count");
  REQUIRE(count != nullptr);
  io.MousePos = ImVec2((count->x0 + count->x1) / 2, (count->y0 + count->y1) / 2);
  io.KeyCtrl = true;
  frame(app);
  io.MouseDown[0] = true;
  frame(app);
  io.MouseDown[0] = false;
  frame(app);
  io.KeyCtrl = false;
  io.KeyMap[ImGuiKey_End] = kEnd;
  io.KeyMap[ImGuiKey_Backspace] = kBackspace;
  press(app, kEnd);
  for (int i = 0; i < 8; ++i) press(app, kBackspace);
  for (char c : std::string("30000")) io.AddInputCharacter(c), frame(app);
  press(app, kEnter);
  CHECK(app.generator.count == 30000);
  click(app, "open.generate");
  CHECK(app.session->run.problem.buffers.size() == 30000);
  check_consistent(app);
}

// A search match that lives through most of the problem was shown in three times its life:
// half the canvas was empty time past the problem's end. The view now stays within the problem
// and holds the whole block; a short-lived one still gets room around it.
TEST_CASE("focusing a long-lived block keeps the view within the problem, the block whole in it") {
  Headless imgui;
  App app;
  open(app, generate({.kind = GeneratorKind::kMlTrace, .count = 2000, .seed = 1}), RunRequest{.algorithm = "best-fit"});
  const auto& buffers = app.session->run.problem.buffers;
  const Extent e = extent_of(app);
  BufferIndex longest = 0, shortest = 0;
  for (size_t i = 0; i < buffers.size(); ++i) {
    if (lifetime(buffers[i]) > lifetime(buffers[size_t(longest)])) longest = BufferIndex(i);
    if (lifetime(buffers[i]) < lifetime(buffers[size_t(shortest)])) shortest = BufferIndex(i);
  }
  REQUIRE(3.0 * double(lifetime(buffers[size_t(longest)])) > e.time_upper - e.time_lower);
  app.focus_buffer(longest);
  CHECK(app.view.time_lower >= e.time_lower);
  CHECK(app.view.time_upper <= e.time_upper);
  CHECK(app.view.time_lower <= double(buffers[size_t(longest)].lower));
  CHECK(app.view.time_upper >= double(buffers[size_t(longest)].upper));
  app.focus_buffer(shortest);
  const double life = double(lifetime(buffers[size_t(shortest)]));
  CHECK(app.view.time_upper - app.view.time_lower >= std::min(3 * life, e.time_upper - e.time_lower) - 1e-9);
  check_consistent(app);
}

// "Load pasted text" with nothing pasted said "pasted.csv:1:1: the file is empty": there is no
// file. It says the box is empty, and the view stays.
TEST_CASE("Load pasted text with the box empty says so, and keeps the view") {
  Headless imgui;
  App app;
  open(app, example_problem(kExamples[1]), RunRequest{.algorithm = "best-fit"});
  const Session* before = app.session.get();
  click(app, "open.header");
  app.pasted = " \n";
  click(app, "open.load_pasted");
  CHECK(app.message_is_error);
  CHECK(app.message.rfind("nothing to load: the box is empty", 0) == 0);
  CHECK(app.session.get() == before);
  check_consistent(app);
}

TEST_CASE("random clicks, drags, wheel notches and keys keep the viewer consistent") {
  Headless imgui;
  for (unsigned seed = 1; seed <= 3; ++seed) {
    App app;
    open(app, example_problem(kExamples[seed % 3]), RunRequest{.algorithm = "telamalloc", .telamalloc = kExamples[seed % 3].params});
    std::mt19937 random(seed);
    ImGuiIO& io = ImGui::GetIO();
    for (int i = 0; i < 600; ++i) {
      io.MousePos = ImVec2(float(random() % 1400), float(random() % 860));
      const unsigned action = random() % 10;
      if (action < 4) io.MouseDown[0] = !io.MouseDown[0];
      else if (action < 6) io.MouseWheel = float(int(random() % 7) - 3);
      else if (action < 8) io.AddInputCharacter("bBcCf? wasd-+"[random() % 13]);
      frame(app);
      frame(app);  // what the event changed after the canvas was drawn shows in the next frame
      INFO("seed " << seed << ", event " << i);
      check_consistent(app);
      const View& v = app.view;
      CHECK(v.time_upper - v.time_lower >= 1 - 1e-9);
      CHECK(v.address_upper - v.address_lower >= 1 - 1e-9);
    }
    io.MouseDown[0] = false;
    frame(app);
  }
}

namespace {

const char* kTagged =
    "id,lower,upper,size,op\n"
    "a,0,4,3,Conv2D\nb,2,6,2,ReLU\nc,5,9,4,Conv2D\nd,1,3,2,Add\ne,6,8,1,conv_t\n";

}  // namespace

TEST_CASE("search: typed text lights the matches, Enter zooms to each in turn") {
  Headless imgui;
  App app;
  const Problem p = test::problem_from(kTagged, 8);
  open(app, p, RunRequest{.algorithm = "best-fit"});
  REQUIRE(app.session->run.problem.metadata.names == std::vector<std::string>{"op"});
  click(app, "search.text");
  for (char c : std::string("conv")) ImGui::GetIO().AddInputCharacter(c);
  frame(app);
  frame(app);
  CHECK(app.inspect.search.matches == std::vector<BufferIndex>{0, 2, 4});  // Conv2D twice, conv_t
  for (BufferIndex expected : {0, 2, 4, 0}) {
    press(app, 257);
    INFO("expected " << expected);
    CHECK(app.selected == expected);
    const Buffer& b = p.buffers[size_t(expected)];
    const Offset at = app.session->player.offsets()[size_t(expected)];
    const View& v = app.view;  // the block is in view, and the view in the problem where it fits
    CHECK(v.time_lower <= double(b.lower));
    CHECK(v.time_upper >= double(b.upper));
    CHECK(v.address_lower <= double(at));
    CHECK(v.address_upper >= double(at + b.size));
    CHECK(v.address_lower >= 0);
    CHECK(v.time_lower >= double(std::min_element(p.buffers.begin(), p.buffers.end(), [](const Buffer& x, const Buffer& y) {
                                   return x.lower < y.lower;
                                 })->lower));
  }
  check_consistent(app);
}

// One Enter held over a slow frame (ImGui's repeat counts the frame's whole length as held)
// moves to the next match once, not twice.
TEST_CASE("search: one Enter over a slow frame moves one match on") {
  Headless imgui;
  App app;
  open(app, test::problem_from(kTagged, 8), RunRequest{.algorithm = "best-fit"});
  click(app, "search.text");
  for (char c : std::string("conv")) ImGui::GetIO().AddInputCharacter(c);
  frame(app);
  frame(app);
  ImGuiIO& io = ImGui::GetIO();
  io.KeysDown[257] = true;
  frame(app);
  CHECK(app.selected == 0);
  for (int i = 0; i < 3; ++i) {  // still down, over frames of 0.4 s
    io.DeltaTime = 0.4f;
    ImGui::NewFrame();
    draw_frame(app);
    ImGui::Render();
  }
  io.KeysDown[257] = false;
  frame(app);
  CHECK(app.selected == 0);
  CHECK(app.inspect.search.current == 0);
}

// 'l' lists what is live under the mouse, at times before 0 too (it read -1 as "not over the
// canvas" once, so a problem whose lives start below 0 had a dead key over them).
TEST_CASE("l lists the buffers live at the time under the mouse, negative times included") {
  Headless imgui;
  App app;
  const Problem p = test::problem_from("id,lower,upper,size\na,-50,-20,4\nb,-30,0,4\nc,-10,40,2\n", 16);
  open(app, p, RunRequest{.algorithm = "best-fit"});
  for (int i = 0; i < 3; ++i) frame(app);
  const float* plot = app.canvas.rect;
  ImGuiIO& io = ImGui::GetIO();
  for (const double t : {-40.5, -25.5, -5.5, 20.5}) {
    const double fraction = (t - app.view.time_lower) / (app.view.time_upper - app.view.time_lower);
    io.MousePos = ImVec2(plot[0] + float(fraction) * (plot[2] - plot[0]), (plot[1] + plot[3]) / 2);
    frame(app);
    io.AddInputCharacter('l');
    frame(app);
    REQUIRE(app.inspect.live_time.has_value());
    const TimeValue at = *app.inspect.live_time;
    CHECK(std::abs(double(at) - t) <= 1);
    std::vector<BufferIndex> expected, listed = app.inspect.live;
    for (size_t b = 0; b < p.buffers.size(); ++b)
      if (p.buffers[b].lower <= at && at < p.buffers[b].upper) expected.push_back(BufferIndex(b));
    std::sort(listed.begin(), listed.end());
    CHECK(listed == expected);
    CHECK(!listed.empty());
  }
}

TEST_CASE("the load plot: a click lists exactly the buffers live then; At peak the busiest time") {
  Headless imgui;
  App app;
  const Problem p = test::problem_from(kTagged, 8);
  open(app, p, RunRequest{.algorithm = "best-fit"});
  click(app, "load.plot");
  REQUIRE(app.inspect.live_time.has_value());
  const TimeValue t = *app.inspect.live_time;
  std::vector<BufferIndex> expected;
  for (size_t b = 0; b < p.buffers.size(); ++b)
    if (p.buffers[b].lower <= t && t < p.buffers[b].upper) expected.push_back(BufferIndex(b));
  std::vector<BufferIndex> listed = app.inspect.live;
  std::sort(listed.begin(), listed.end());
  CHECK(listed == expected);
  frame(app);  // the table's tab comes to the front a frame after it is asked for
  click(app, "live.peak");
  const Section& busiest = app.session->sections[size_t(app.session->busiest)];
  CHECK(*app.inspect.live_time == busiest.lower);
  Size load = 0;
  for (BufferIndex b : app.inspect.live) load += p.buffers[size_t(b)].size;
  CHECK(load == busiest.load);
  const WidgetRect* row = app.widgets.find("live.row_0");
  REQUIRE(row != nullptr);
  ImGui::GetIO().MousePos = ImVec2((row->x0 + row->x1) / 2, (row->y0 + row->y1) / 2);
  frame(app);
  CHECK(app.highlighted == app.inspect.live[0]);
  // A double-click on the load plot fits the view, as on the canvas (the tour says so).
  app.view.time_lower += 1;
  app.view.time_upper -= 1;
  const WidgetRect* plot = app.widgets.find("load.plot");
  REQUIRE(plot != nullptr);
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2((plot->x0 + plot->x1) / 2, (plot->y0 + plot->y1) / 2);
  frame(app);
  for (int i = 0; i < 2; ++i) {
    io.MouseDown[0] = true;
    frame(app);
    io.MouseDown[0] = false;
    frame(app);
  }
  frame(app);
  CHECK(app.view.time_lower == app.session->stats.time_lower);
  check_consistent(app);
}

// A right-button drag lays a ruler whose ends sit on whole times and bytes: zoomed in, it
// spans and reads 3 time units from 2.3 to 5.4, not 3.1 shown as "3".
TEST_CASE("the ruler snaps its ends to whole times and bytes") {
  Headless imgui;
  App app;
  open(app, test::problem_from(kTagged, 8), RunRequest{.algorithm = "best-fit"});
  const WidgetRect* plot = app.widgets.find("canvas.plot");
  REQUIRE(plot != nullptr);
  const auto x_of = [&](double t) {
    return plot->x0 + float((t - app.view.time_lower) / (app.view.time_upper - app.view.time_lower)) * (plot->x1 - plot->x0);
  };
  const auto y_of = [&](double a) {
    return plot->y1 - float((a - app.view.address_lower) / (app.view.address_upper - app.view.address_lower)) * (plot->y1 - plot->y0);
  };
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(x_of(2.3), y_of(1.2));
  frame(app);
  io.MouseDown[1] = true;
  frame(app);
  io.MousePos = ImVec2(x_of(5.4), y_of(6.4));
  frame(app);
  frame(app);
  // Over a block while measuring: no block tooltip over the ruler's readout at the pointer.
  REQUIRE(app.hovered >= 0);
  const ImGuiWindow* tip = ImGui::FindWindowByName("##Tooltip_00");
  CHECK((tip == nullptr || !tip->Active));
  io.MouseDown[1] = false;
  frame(app);
  const double* r = app.canvas.ruler;
  REQUIRE(app.canvas.has_ruler);
  CHECK(r[0] == 2);
  CHECK(r[2] == 5);
  CHECK(r[1] == 1);
  CHECK(r[3] == 6);
  check_consistent(app);
}

TEST_CASE("Shift+drag selects a range of times; its readout matches the loads; z zooms to it") {
  Headless imgui;
  App app;
  const Problem p = test::problem_from(kTagged, 8);
  open(app, p, RunRequest{.algorithm = "best-fit"});
  const WidgetRect* plot = app.widgets.find("canvas.plot");
  REQUIRE(plot != nullptr);
  ImGuiIO& io = ImGui::GetIO();
  const auto x_of = [&](double t) {
    return plot->x0 + float((t - app.view.time_lower) / (app.view.time_upper - app.view.time_lower)) * (plot->x1 - plot->x0);
  };
  const float y = (plot->y0 + plot->y1) / 2;
  io.KeyShift = true;
  io.MousePos = ImVec2(x_of(2.5), y);
  frame(app);
  io.MouseDown[0] = true;
  frame(app);
  io.MousePos = ImVec2(x_of(5.5), y);
  frame(app);
  io.MouseDown[0] = false;
  frame(app);
  io.KeyShift = false;
  frame(app);
  frame(app);
  REQUIRE(app.inspect.region.has_value());
  CHECK(app.inspect.region->lower == 2);
  CHECK(app.inspect.region->upper == 6);
  const RegionSummary& r = app.inspect.region_summary;
  Size peak = 0;
  for (TimeValue t = 2; t < 6; ++t) {
    Size load = 0;
    for (const Buffer& b : p.buffers) load += b.lower <= t && t < b.upper ? b.size : 0;
    peak = std::max(peak, load);
  }
  CHECK(r.peak_load == peak);
  CHECK(r.buffers == 4);  // a, b, c, d live somewhere in [2, 6); e from 6
  io.AddInputCharacter('z');
  frame(app);
  frame(app);
  CHECK(app.view.time_lower < 2);
  CHECK(app.view.time_lower > 1.5);
  CHECK(app.view.time_upper > 6);
  CHECK(app.view.time_upper < 6.5);
  // From a gridline to a gridline, pressed a pixel off each: those times (it read 2.99 and
  // selected from 2).
  app.fit_pending = true;
  frame(app);
  frame(app);
  io.KeyShift = true;
  io.MousePos = ImVec2(x_of(3) - 1, y);
  frame(app);
  io.MouseDown[0] = true;
  frame(app);
  io.MousePos = ImVec2(x_of(5) + 1, y);
  frame(app);
  io.MouseDown[0] = false;
  frame(app);
  io.KeyShift = false;
  frame(app);
  REQUIRE(app.inspect.region.has_value());
  CHECK(app.inspect.region->lower == 3);
  CHECK(app.inspect.region->upper == 5);
  check_consistent(app);
}

TEST_CASE("distributions: a click on a size bar lights exactly that bin's buffers; again clears") {
  Headless imgui;
  App app;
  const Problem p = test::problem_from(kTagged, 8);
  open(app, p, RunRequest{.algorithm = "best-fit"});
  click(app, "distributions.header");
  const Histogram& h = app.inspect.sizes;
  REQUIRE(h.counts.size() == 4);  // sizes 1 to 4: bins 1, 2, 3
  click(app, "hist.size.bin_2");  // sizes 2 and 3: a, b and d
  CHECK(app.inspect.filter_bin == 2);
  CHECK(app.inspect.filter_lit == std::vector<uint8_t>{1, 1, 0, 1, 0});
  CHECK(h.counts[2] == 3);
  click(app, "hist.size.bin_2");
  CHECK(app.inspect.filter_bin == -1);
  check_consistent(app);
}

namespace {

// What the canvas's plot drew (the draw commands clipped to its rectangle), triangle by
// triangle: each index resolved to its vertex.
std::vector<std::tuple<float, float, float, float, ImU32>> canvas_triangles(const App& app) {
  const ImGuiWindow* window = ImGui::FindWindowByName("Address x time");
  REQUIRE(window != nullptr);
  const ImDrawList& dl = *window->DrawList;
  const float* plot = app.canvas.rect;
  std::vector<std::tuple<float, float, float, float, ImU32>> out;
  for (const ImDrawCmd& cmd : dl.CmdBuffer) {
    if (cmd.ClipRect.x != plot[0] || cmd.ClipRect.y != plot[1] || cmd.ClipRect.z != plot[2] || cmd.ClipRect.w != plot[3])
      continue;
    for (unsigned i = 0; i < cmd.ElemCount; ++i) {
      const ImDrawVert& v = dl.VtxBuffer[int(cmd.VtxOffset + dl.IdxBuffer[int(cmd.IdxOffset + i)])];
      out.emplace_back(v.pos.x, v.pos.y, v.uv.x, v.uv.y, v.col);
    }
  }
  return out;
}

}  // namespace

// The canvas keeps its layers (blocks, lines, the load plot's bars) from the last frame and
// replays them while nothing they show has changed: what a replay draws must be exactly what
// drawing anew draws, and any change they show (the view, a search, the step) draws anew.
TEST_CASE("a replayed canvas draws exactly what drawing it anew draws") {
  Headless imgui;
  App app;
  open(app, generate({.kind = GeneratorKind::kMlTrace, .count = 3000, .seed = 2}), RunRequest{.algorithm = "best-fit"});
  ImGui::GetIO().MousePos = ImVec2(-1, -1);  // no hover, no tooltip
  for (int i = 0; i < 30; ++i) frame(app);   // past the last step's drop-in animation
  app.view.time_upper -= 1;                  // a new view: drawn anew
  frame(app);
  const auto anew = canvas_triangles(app);
  REQUIRE(anew.size() > 1000);
  const int64_t replays = app.canvas.layers->blocks.replays();
  frame(app);                                // nothing changed: replayed
  CHECK(app.canvas.layers->blocks.replays() == replays + 1);
  CHECK(canvas_triangles(app) == anew);
  // A new font atlas (the page's, when the screen's pixel ratio changes), the layout the same
  // (the first font stays the default): every texture coordinate moves, so drawn anew.
  ImGui::GetIO().Fonts->Clear();
  ImGui::GetIO().Fonts->AddFontDefault();
  ImFontConfig config;
  config.SizePixels = 40;
  ImGui::GetIO().Fonts->AddFontDefault(&config);
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  const int64_t before_atlas = app.canvas.layers->blocks.replays();
  frame(app);
  CHECK(app.canvas.layers->blocks.replays() == before_atlas);
  CHECK(canvas_triangles(app) != anew);
  ImGui::GetIO().Fonts->Clear();
  ImGui::GetIO().Fonts->AddFontDefault();
  ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  frame(app);
  frame(app);
  CHECK(canvas_triangles(app) == anew);      // the first atlas again
  std::snprintf(app.inspect.search_text, sizeof app.inspect.search_text, "b1");
  frame(app);
  frame(app);
  CHECK(app.inspect.search.matches.size() > 0);
  CHECK(canvas_triangles(app) != anew);         // the rest dimmed
  app.inspect.search_text[0] = 0;
  frame(app);
  frame(app);
  CHECK(canvas_triangles(app) == anew);         // and lit again
  app.seek(app.session->player.steps() / 2);
  for (int i = 0; i < 30; ++i) frame(app);
  const auto halfway = canvas_triangles(app);
  CHECK(halfway != anew);                    // half the blocks placed
  app.seek(app.session->player.steps());
  for (int i = 0; i < 30; ++i) frame(app);
  CHECK(canvas_triangles(app) == anew);
}

// Hover finds the block under the mouse (the tooltip's buffer): moved to the centre of each
// block large enough to point at, the viewer names that block; over empty space, none.
TEST_CASE("hovering a block names it, at any view") {
  Headless imgui;
  App app;
  open(app, generate({.kind = GeneratorKind::kMlTrace, .count = 400, .seed = 3}), RunRequest{.algorithm = "best-fit"});
  int pointed = 0;
  for (int zoom = 0; zoom < 3; ++zoom) {
    for (int i = 0; i < 20; ++i) frame(app);
    const float* plot = app.canvas.rect;
    const View v = app.view;
    const auto x = [&](double t) { return plot[0] + float((t - v.time_lower) / (v.time_upper - v.time_lower)) * (plot[2] - plot[0]); };
    const auto y = [&](double a) { return plot[3] - float((a - v.address_lower) / (v.address_upper - v.address_lower)) * (plot[3] - plot[1]); };
    for (size_t b = 0; b < app.session->run.problem.buffers.size(); ++b) {
      const Buffer& buffer = app.session->run.problem.buffers[b];
      const Offset at = app.session->player.offsets()[b];
      const float x0 = x(double(buffer.lower)), x1 = x(double(buffer.upper));
      const float y0 = y(double(at + buffer.size)), y1 = y(double(at));
      const ImVec2 centre((x0 + x1) / 2, (y0 + y1) / 2);
      if (x1 - x0 < 4 || y1 - y0 < 4 || centre.x < plot[0] + 2 || centre.x > plot[2] - 2 || centre.y < plot[1] + 2 ||
          centre.y > plot[3] - 2)
        continue;
      ImGui::GetIO().MousePos = centre;
      frame(app);
      INFO("buffer " << buffer.id << " at zoom " << zoom);
      CHECK(app.hovered == BufferIndex(b));
      ++pointed;
    }
    ImGui::GetIO().MousePos = ImVec2(plot[0] + 3, plot[1] + 3);  // above everything placed
    frame(app);
    CHECK(app.hovered == -1);
    app.view.time_upper = (app.view.time_lower + app.view.time_upper) / 2;  // zoom into the first half
    app.view.address_upper /= 2;
  }
  CHECK(pointed > 20);
}

// Over a selected buffer's edge a drag moves the edge, but the wheel still zooms (it did
// nothing there, so the wheel seemed dead after clicking a small buffer).
TEST_CASE("the wheel zooms over a selected buffer's edge") {
  Headless imgui;
  App app;
  open(app, example_problem(kExamples[1]), RunRequest{.algorithm = "telamalloc"});
  for (int i = 0; i < 5; ++i) frame(app);
  app.selected = 0;
  const float* plot = app.canvas.rect;
  const View v = app.view;
  const Buffer& b = app.session->run.problem.buffers[0];
  const Offset at = app.session->player.offsets()[0];
  REQUIRE(at != kUnplaced);
  const float right = plot[0] + float((double(b.upper) - v.time_lower) / (v.time_upper - v.time_lower)) * (plot[2] - plot[0]);
  const double middle = double(at) + double(b.size) / 2;
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(right - 1, plot[3] - float((middle - v.address_lower) / (v.address_upper - v.address_lower)) * (plot[3] - plot[1]));
  frame(app);
  io.MouseWheel = 1;
  frame(app);
  io.MouseWheel = 0;
  frame(app);
  CHECK(app.view.time_upper - app.view.time_lower < (v.time_upper - v.time_lower) * 0.9);
  CHECK(app.selected == 0);
  check_consistent(app);
}

// WASD on the time axis (Perfetto, Tracy) and VisuAlgo's - and + for the speed.
TEST_CASE("w and s zoom time about the mouse, a and d pan it, - and + halve and double the speed") {
  Headless imgui;
  App app;
  open(app, example_problem(kExamples[1]), RunRequest{.algorithm = "telamalloc"});
  for (int i = 0; i < 5; ++i) frame(app);
  ImGuiIO& io = ImGui::GetIO();
  const auto type = [&](char c) {
    io.AddInputCharacter(ImWchar(c));
    frame(app);
  };
  const float* plot = app.canvas.rect;
  const View fitted = app.view;
  const auto span = [](const View& v) { return v.time_upper - v.time_lower; };
  const auto time_at = [&](float x) {
    return app.view.time_lower + (x - plot[0]) / (plot[2] - plot[0]) * span(app.view);
  };
  // The mouse a quarter across the canvas: the time under it stays put.
  const float x = plot[0] + (plot[2] - plot[0]) / 4;
  io.MousePos = ImVec2(x, (plot[1] + plot[3]) / 2);
  frame(app);
  const double under = time_at(x);
  type('w');
  CHECK(span(app.view) == doctest::Approx(span(fitted) / kZoomPerNotch));
  CHECK(time_at(x) == doctest::Approx(under));
  CHECK(app.view.address_lower == fitted.address_lower);  // addresses stay as they were
  CHECK(app.view.address_upper == fitted.address_upper);
  type('w');
  type('s');
  CHECK(span(app.view) == doctest::Approx(span(fitted) / kZoomPerNotch));
  CHECK(time_at(x) == doctest::Approx(under));
  // a and d move by a tenth of the view, the span kept.
  const View zoomed = app.view;
  type('d');
  CHECK(app.view.time_lower == doctest::Approx(zoomed.time_lower + span(zoomed) / 10));
  CHECK(span(app.view) == doctest::Approx(span(zoomed)));
  type('a');
  CHECK(app.view.time_lower == doctest::Approx(zoomed.time_lower));
  // Away from the canvas, w zooms about the view's middle.
  io.MousePos = ImVec2(2, 2);
  frame(app);
  const double middle = (app.view.time_lower + app.view.time_upper) / 2;
  type('w');
  CHECK((app.view.time_lower + app.view.time_upper) / 2 == doctest::Approx(middle));
  // In the search box the letters are text, and move nothing.
  const View before_typing = app.view;
  type_into(app, "search.text", "wasd");
  CHECK(app.view.time_lower == before_typing.time_lower);
  CHECK(app.view.time_upper == before_typing.time_upper);
  CHECK(std::string(app.inspect.search_text) == "wasd");
  io.KeyMap[ImGuiKey_Escape] = 256;  // as GLFW numbers it
  press(app, 256);                   // Escape leaves the box
  // Speed: halved and doubled within the slider's range.
  io.MousePos = ImVec2(2, 2);
  frame(app);
  const float speed = app.events_per_second;
  type('+');
  CHECK(app.events_per_second == doctest::Approx(speed * 2));
  type('-');
  type('-');
  CHECK(app.events_per_second == doctest::Approx(speed / 2));
  for (int i = 0; i < 20; ++i) type('-');
  CHECK(app.events_per_second == 1.0f);
  for (int i = 0; i < 20; ++i) type('=');
  CHECK(app.events_per_second == 10000.0f);
  check_consistent(app);
}

// A selected block's edges: a click on one (no drag) edits nothing (a second click on a small
// selected block resized it, and the re-solve fitted the view away from the zoom); a drag
// edits, and the re-solve keeps the view; a thin block's middle is no edge, so a drag there pans.
TEST_CASE("a selected block's edge: a click edits nothing, a drag edits and keeps the view, a thin block pans") {
  Headless imgui;
  App app;
  open(app, example_problem(kExamples[1]), RunRequest{.algorithm = "telamalloc"});
  for (int i = 0; i < 5; ++i) frame(app);
  app.selected = 0;
  const float* plot = app.canvas.rect;
  // Zoomed in, as a person looking at the block is (in time: its top stays in the plot).
  const double time_span = app.view.time_upper - app.view.time_lower;
  app.view.time_lower += time_span * 0.05;
  app.view.time_upper -= time_span * 0.05;
  frame(app);
  const View zoomed = app.view;
  const Buffer b = app.session->run.problem.buffers[0];
  const Offset at = app.session->player.offsets()[0];
  REQUIRE(at != kUnplaced);
  const auto y_of = [&](double address) {
    return plot[3] - float((address - zoomed.address_lower) / (zoomed.address_upper - zoomed.address_lower)) * (plot[3] - plot[1]);
  };
  const auto x_of = [&](double time) {
    return plot[0] + float((time - zoomed.time_lower) / (zoomed.time_upper - zoomed.time_lower)) * (plot[2] - plot[0]);
  };
  const ImVec2 top(x_of((double(b.lower) + double(b.upper)) / 2), y_of(double(at + b.size)) + 1);
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = top;
  frame(app);
  io.MouseDown[0] = true;
  frame(app);
  io.MouseDown[0] = false;
  frame(app);
  frame(app);
  CHECK(app.undo_stack.empty());
  CHECK(app.session->run.problem.buffers[0].size == b.size);
  CHECK(app.view.time_upper == zoomed.time_upper);
  REQUIRE(app.selected == 0);

  // A drag of the top edge up: the buffer grows, and the re-solve leaves the view as it was
  // (coming back frames later, as the page's worker's does).
  std::optional<std::pair<Problem, RunRequest>> started;
  app.runner.start = [&](const Problem& problem, const RunRequest& r) { started.emplace(problem, r); };
  io.MouseDown[0] = true;
  frame(app);
  for (int i = 1; i <= 4; ++i) {
    io.MousePos = ImVec2(top.x, top.y - 10.0f * float(i));
    frame(app);
  }
  io.MouseDown[0] = false;
  frame(app);
  frame(app);
  REQUIRE(started.has_value());
  for (int i = 0; i < 3; ++i) frame(app);
  app.finish_run(record_run(started->first, started->second));
  frame(app);
  frame(app);
  app.runner.start = [&app](const Problem& p, const RunRequest& r) { app.finish_run(record_run(p, r)); };
  REQUIRE(app.undo_stack.size() == 1);
  CHECK(app.session->run.problem.buffers[0].size > b.size);
  CHECK(app.session->has_run);
  CHECK(app.view.address_upper == zoomed.address_upper);
  CHECK(app.view.time_upper == zoomed.time_upper);
  check_consistent(app);

  // A block 8 px tall: its middle row is no edge, so a drag from there pans the view.
  app.undo();
  frame(app);
  app.selected = 0;
  const Offset now = app.session->player.offsets()[0];
  REQUIRE(now != kUnplaced);
  const double span = double(b.size) / 8 * double(plot[3] - plot[1]);  // b.size takes 8 px
  app.view.address_lower = double(now) + double(b.size) / 2 - span / 2;
  app.view.address_upper = app.view.address_lower + span;
  frame(app);
  const View thin = app.view;
  const float middle_y = plot[3] - float((double(now) + double(b.size) / 2 - thin.address_lower) / span) * (plot[3] - plot[1]);
  io.MousePos = ImVec2(x_of((double(b.lower) + double(b.upper)) / 2), middle_y);
  frame(app);
  io.MouseDown[0] = true;
  frame(app);
  for (int i = 1; i <= 4; ++i) {
    io.MousePos.y = middle_y + 12.0f * float(i);
    frame(app);
  }
  io.MouseDown[0] = false;
  frame(app);
  CHECK(app.undo_stack.empty());
  CHECK(app.view.address_lower != thin.address_lower);  // panned
  check_consistent(app);
}

// A finger's swipe (a drag) on the event log scrolls it and chooses no row; on the side
// panel's empty space it scrolls the panel.
TEST_CASE("a drag on the event log scrolls it without seeking") {
  Headless imgui;
  App app;
  open(app, generate({.kind = GeneratorKind::kMlTrace, .count = 200, .seed = 1}), RunRequest{.algorithm = "telamalloc"});
  app.seek(0);
  for (int i = 0; i < 3; ++i) frame(app);
  ImGuiWindow* log = nullptr;
  for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
    if (std::string(w->Name).find("/events") != std::string::npos) log = w;
  REQUIRE(log != nullptr);
  REQUIRE(log->ScrollMax.y > 200);
  const float top = log->Scroll.y;
  const WidgetRect* follow = app.widgets.find("events.follow");
  REQUIRE(follow != nullptr);
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(follow->x0 + 40, follow->y1 + 200);
  frame(app);
  io.MouseDown[0] = true;
  for (int i = 0; i < 10; ++i) {
    io.MousePos.y -= 15;
    frame(app);
  }
  io.MouseDown[0] = false;
  frame(app);
  frame(app);
  CHECK(log->Scroll.y > top + 100);
  CHECK(app.session->player.step() == 0);
  check_consistent(app);
}

// A row's tooltip (what the step did, in words) stands beside the log, not over the rows the
// pointer goes on to read; on a display too narrow for that, above or below the row. ImGui put
// it under the pointer, over the next rows.
TEST_CASE("an event log row's tooltip covers no row of the log") {
  Headless imgui;
  for (const ImVec2 display : {ImVec2(1400, 860), ImVec2(390, 844)}) {
    CAPTURE(display.x);
    ImGui::GetIO().DisplaySize = display;
    App app;
    open(app, generate({.kind = GeneratorKind::kPacking, .count = 30, .seed = 1}), RunRequest{.algorithm = "telamalloc"});
    app.seek(0);
    for (int i = 0; i < 3; ++i) frame(app);
    if (!app.widgets.find("events.row.3")) click(app, "tabs.events");
    const WidgetRect* row = app.widgets.find("events.row.3");
    REQUIRE(row != nullptr);
    ImGui::GetIO().MousePos = ImVec2(row->x0 + 30, (row->y0 + row->y1) / 2);
    for (int i = 0; i < 3; ++i) frame(app);
    ImGuiWindow* tip = ImGui::FindWindowByName("##Tooltip_00");
    REQUIRE(tip != nullptr);
    REQUIRE(tip->Active);
    const ImRect shown(tip->Pos, ImVec2(tip->Pos.x + tip->Size.x, tip->Pos.y + tip->Size.y));
    for (int step = 1; step <= 6; ++step) {
      const WidgetRect* r = app.widgets.find("events.row." + std::to_string(step));
      REQUIRE(r != nullptr);
      CAPTURE(step);
      CHECK_FALSE(shown.Overlaps(ImRect(r->x0, r->y0, r->x1, r->y1)));
    }
    CHECK(shown.Min.x >= 0);
    CHECK(shown.Max.x <= display.x);
    // Nor the log's border: it was placed from the rows' child window, 5 px inside it.
    const ImGuiWindow* log = ImGui::FindWindowByName("Events");
    REQUIRE(log != nullptr);
    if (display.x > 1000) CHECK(shown.Max.x <= log->Pos.x);
  }
  ImGui::GetIO().DisplaySize = ImVec2(1400, 860);
}

// The log follows the step when the window is resized, as when the step moves: the current
// step's row stays in view on a shorter display.
TEST_CASE("the event log keeps the current step in view across a resize") {
  Headless imgui;
  App app;
  open(app, generate({.kind = GeneratorKind::kMlTrace, .count = 200, .seed = 1}), RunRequest{.algorithm = "telamalloc"});
  const auto log_window = [] {
    for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
      if (std::string(w->Name).find("/events") != std::string::npos) return w;
    return static_cast<ImGuiWindow*>(nullptr);
  };
  const auto in_view = [&](int64_t step) {
    ImGuiWindow* log = log_window();
    REQUIRE(log != nullptr);
    const float row = ImGui::GetTextLineHeightWithSpacing(), y = float(step - 1) * row;
    return y >= log->Scroll.y && y + row <= log->Scroll.y + log->Size.y;
  };
  REQUIRE(app.session->player.steps() > 300);
  app.seek(250);
  for (int i = 0; i < 3; ++i) frame(app);
  CHECK(in_view(250));
  for (const ImVec2 display : {ImVec2(1400, 560), ImVec2(700, 900), ImVec2(1400, 860)}) {
    ImGui::GetIO().DisplaySize = display;
    for (int i = 0; i < 3; ++i) frame(app);
    CHECK_MESSAGE(in_view(250), "at " << display.x << "x" << display.y);
  }
  ImGui::GetIO().DisplaySize = ImVec2(1400, 860);
  check_consistent(app);
}

// A large file is solved by auto unless the user chose the algorithm (TelaMalloc looks at every
// buffer left per placement: on 10^4+ buffers it runs out of time).
TEST_CASE("a file past 5,000 buffers gets auto, unless an algorithm was chosen") {
  Headless imgui;
  const Problem large = generate({.kind = GeneratorKind::kMlTrace, .count = 6000, .seed = 2});
  std::ostringstream csv;
  write_problem_csv(csv, large);
  for (const bool chosen : {false, true}) {
    App app;
    app.algorithm_chosen = chosen;
    app.load_csv(csv.str(), "large.csv", 0);
    CHECK(app.request.algorithm == (chosen ? "telamalloc" : "auto"));
    CHECK((app.message.find("solved by auto") != std::string::npos) == !chosen);
    // Said under the algorithm too, after the load's message has gone.
    app.say("something else");
    frame(app);
    frame(app);
    CHECK((app.widgets.find("run.auto_note") != nullptr) == !chosen);
  }
  App small;
  small.load_csv("id,lower,upper,size\na,0,2,4\n", "small.csv", 0);
  CHECK(small.request.algorithm == "telamalloc");
  // Generated: auto past the limit, TelaMalloc again for a small one after.
  App generated;
  generated.generator = {0, 6000, 1};
  generated.generate_problem();
  CHECK(generated.request.algorithm == "auto");
  generated.generator = {0, 100, 1};
  generated.generate_problem();
  CHECK(generated.request.algorithm == "telamalloc");
}

TEST_CASE("the smallest capacity panel: its button, the bounds' plot, the allocation shown, a solve there") {
  Headless imgui;
  App app;
  // Best-fit's answer on a generated ML trace is above the load; minimize brings it down.
  Problem p = generate({.kind = GeneratorKind::kMlTrace, .count = 300, .seed = 3});
  p.capacity = p.capacity * 2;
  open(app, p, RunRequest{.algorithm = "best-fit"});
  app.minimize_seconds = 2;
  click(app, "minimize.start");  // no runner.diagnose: computed on this thread
  const auto& d = app.diagnosis;
  REQUIRE(d.smallest.has_value());
  REQUIRE(d.smallest->status == Status::kSolved);
  REQUIRE_FALSE(d.minimize_steps.empty());
  CHECK(d.minimize_steps.back().capacity == d.smallest->capacity);
  CHECK(app.widgets.find("minimize.plot") != nullptr);
  const Size found = d.smallest->capacity;
  click(app, "minimize.show");
  REQUIRE(app.session->has_run);
  CHECK(app.session->run.problem.capacity == found);
  CHECK(app.session->run.result.status == Status::kSolved);
  CHECK(app.session->player.offsets() == app.session->run.result.solution.offsets);
  test::check_valid_at_peak(app.session->run.problem, found, Solution{app.session->player.offsets()});
  REQUIRE(app.diagnosis.smallest.has_value());  // the answer stays: the same problem
  check_consistent(app);
  // Hovering the plot reads the bounds out; it must not disturb the viewer.
  const WidgetRect* plot = app.widgets.find("minimize.plot");
  REQUIRE(plot != nullptr);
  ImGui::GetIO().MousePos = ImVec2((plot->x0 + plot->x1) / 2, (plot->y0 + plot->y1) / 2);
  frame(app);
  check_consistent(app);
  click(app, "minimize.solve_at");
  CHECK(app.session->run.problem.capacity == found);
  if (app.session->run.result.status == Status::kSolved) test::check_valid(app.session->run.problem, app.session->run.result);
  check_consistent(app);
}

// The load fits in 3 but no allocation does: the smallest-capacity search proves 4. Its
// allocation, shown, and a solve at 4 use that bound (the page called the proven optimum 1.333
// "peak/bound", against the load); an edit to other buffers does not.
TEST_CASE("a bound the smallest-capacity search proves is the lower bound of every view of that problem") {
  Headless imgui;
  ImGui::GetIO().DisplaySize = ImVec2(1400, 1600);  // the diagnosis panel above takes room
  App app;
  const Problem p = test::problem_from_file(TELA_SOURCE_DIR "/assets/examples/fits-but-infeasible.csv", 3);
  open(app, p, RunRequest{.algorithm = "telamalloc"});
  REQUIRE(app.session->lower_bound == 3);
  app.minimize_seconds = 2;
  click(app, "minimize.start");
  REQUIRE(app.diagnosis.smallest.has_value());
  REQUIRE(app.diagnosis.smallest->status == Status::kSolved);
  REQUIRE(app.diagnosis.smallest->capacity == 4);
  REQUIRE(app.diagnosis.smallest->proven_minimal);
  // One step, settled at once: no plot of a course it did not have (one dot between two 4s).
  REQUIRE(app.diagnosis.minimize_steps.size() == 1);
  CHECK(app.widgets.find("minimize.plot") == nullptr);
  CHECK(app.session->lower_bound == 4);
  CHECK(app.session->stats.lower_bound == 3);  // the load, still shown as "peak load"
  for (int i = 0; i < 3; ++i) frame(app);  // the panel scrolls to the answer
  click(app, "minimize.show");
  test::check_valid_at_peak(app.session->run.problem, 4, app.session->run.result.solution);
  CHECK(app.session->lower_bound == 4);
  CHECK(app.session->lower_bound_by.rfind("the smallest-capacity search", 0) == 0);
  click(app, "minimize.solve_at");
  CHECK(app.session->lower_bound == 4);
  if (app.session->run.result.status == Status::kSolved) test::check_valid(app.session->run.problem, app.session->run.result);
  // Other buffers: the proof does not hold for them.
  Problem bigger = p;
  bigger.buffers[0].size += 1;
  open(app, bigger, RunRequest{.algorithm = "telamalloc"});
  CHECK(app.session->lower_bound_by.empty());
  check_consistent(app);
  ImGui::GetIO().DisplaySize = ImVec2(1400, 860);
}

// A header and no rows is a valid problem, but rarely the file meant: the status line says
// there is nothing to place, and every panel draws it (no step, no buffer) without failing.
TEST_CASE("a CSV with a header only loads, says it lists no buffers, and every frame draws") {
  Headless imgui;
  App app;
  app.runner.start = [&app](const Problem& p, const RunRequest& r) { app.finish_run(record_run(p, r)); };
  app.load_csv("id,lower,upper,size\n", "empty.csv", 0);
  REQUIRE(app.session);
  CHECK(app.session->run.problem.buffers.empty());
  CHECK(app.message.find("lists no buffers") != std::string::npos);
  app.run();
  for (int i = 0; i < 3; ++i) frame(app);
  CHECK(app.message.find("lists no buffers") != std::string::npos);  // the run's line keeps it
  check_consistent(app);
  for (const char* widget : {"player.last", "player.first", "player.play", "player.next"})
    if (app.widgets.find(widget)) click(app, widget);
  check_consistent(app);
}

// A capacity far above the peak: the view fits the allocation, not the empty room above it;
// one near the peak stays in view; zooming out reaches the capacity either way.
TEST_CASE("the fitted view shows the allocation, with the capacity unless it lies far above") {
  Headless imgui;
  for (const Size capacity : {Size(100000), Size(2000)}) {
    CAPTURE(capacity);
    App app;
    Problem p = generate({.kind = GeneratorKind::kPacking, .count = 40, .seed = 1});
    p.capacity = capacity;
    open(app, p, RunRequest{.algorithm = "best-fit"});
    REQUIRE(app.session->run.result.status == Status::kSolved);
    const double peak = double(app.session->run.result.peak);
    CHECK(app.view.address_upper >= peak);
    if (capacity > 2 * app.session->run.result.peak) CHECK(app.view.address_upper < 1.1 * peak);
    else CHECK(app.view.address_upper >= double(capacity));
    CHECK(extent_of(app).address_upper >= double(capacity));
  }
}

TEST_CASE("why it does not fit, with nothing placed: the subset is drawn packed alone, above the capacity") {
  Headless imgui;
  App app;
  // input.12 at capacity 10: the load (12) exceeds it, so no search runs and nothing is placed.
  const Problem p = example_problem({"input.12.csv", 10, {}});
  open(app, p, RunRequest{.algorithm = "telamalloc"});
  REQUIRE(app.session->run.result.status == Status::kInfeasible);
  REQUIRE(app.session->player.steps() == 0);
  click(app, "diagnosis.explain");  // no runner.diagnose: computed on this thread
  const auto& d = app.diagnosis;
  REQUIRE(d.explanation.has_value());
  REQUIRE(d.explanation->status == Status::kInfeasible);
  REQUIRE(d.subset_packing.size() == p.buffers.size());
  Problem alone;
  Solution packed;
  for (size_t b = 0; b < p.buffers.size(); ++b) {
    const bool in_subset = std::find(d.explanation->buffers.begin(), d.explanation->buffers.end(), BufferIndex(b)) !=
                           d.explanation->buffers.end();
    CHECK((d.subset_packing[b] != kUnplaced) == in_subset);
    if (in_subset) alone.buffers.push_back(p.buffers[b]), packed.offsets.push_back(d.subset_packing[b]);
  }
  alone.capacity = kMaxValue;
  test::check_valid_at_peak(alone, d.subset_peak, packed);  // a real packing, whose top is its peak
  CHECK(d.subset_peak > p.capacity);                          // the subset does not fit: it shows
  frame(app);
  check_consistent(app);
}

// The exported problem is named NAME.CAPACITY.csv with the capacity in the field, which loading
// reads back: a capacity changed on the page survives export and reload, as the CSV has no
// column for it. A capacity already in the name is replaced.
TEST_CASE("every exported file's name carries the capacity, and a problem loads back with it") {
  Headless imgui;
  App app;
  open(app, example_problem(kExamples[1]), RunRequest{.algorithm = "best-fit"});
  std::string saved_name, saved_text;
  app.save_text = [&](const std::string& name, const std::string& text) { saved_name = name, saved_text = text; };
  const Size roomier = app.session->run.problem.capacity + 7;
  app.request.capacity = roomier;
  export_file(app, "problem");
  CHECK(saved_name == "test." + std::to_string(roomier) + ".csv");
  App again;
  again.runner.start = [&again](const Problem& p, const RunRequest& r) { again.finish_run(record_run(p, r)); };
  again.load_csv(saved_text, saved_name, 0);
  REQUIRE(again.session != nullptr);
  CHECK(again.session->run.problem.capacity == roomier);
  // Exported again at another capacity: the number in the name is replaced, not added to.
  again.save_text = app.save_text;
  again.request.capacity = roomier + 1;
  export_file(again, "problem");
  CHECK(saved_name == "test." + std::to_string(roomier + 1) + ".csv");
  // The solution is named with its run's capacity (it kept the file's name's, below its peak),
  // and loads back at it.
  again.request.capacity = roomier + 1;
  again.run();
  frame(again);
  REQUIRE(again.session->run.result.status == Status::kSolved);
  export_file(again, "solution");
  CHECK(saved_name == "test.solution." + std::to_string(roomier + 1) + ".csv");
  App third;
  third.load_csv(saved_text, saved_name, 0);
  REQUIRE(third.session != nullptr);
  CHECK(third.session->run.problem.capacity == roomier + 1);
  // The trace and the PNG the same way: NAME.ALGORITHM.CAPACITY (the trace had no capacity, and
  // kept a stale one from the file's name).
  export_file(again, "trace");
  CHECK(saved_name == "test.telamalloc." + std::to_string(roomier + 1) + ".jsonl");
  CHECK(canvas_png_name(again) == "test.telamalloc." + std::to_string(roomier + 1) + ".png");
  again.seek(0);
  CHECK(canvas_png_name(again) == "test.telamalloc.step-0." + std::to_string(roomier + 1) + ".png");
  // The drawings are of the step shown: at step 0 nothing is placed yet.
  const std::string capacity = std::to_string(roomier + 1);
  export_drawing(again, "ascii");
  CHECK(saved_name == "test.telamalloc.step-0." + capacity + ".txt");
  CHECK(saved_text.starts_with("# 0 buffers"));
  again.seek(again.session->player.steps());
  export_drawing(again, "svg");
  CHECK(saved_name == "test.telamalloc." + capacity + ".svg");
  CHECK(saved_text.starts_with("<svg"));
  size_t rects = 0;
  for (size_t at = saved_text.find("<rect"); at != std::string::npos; at = saved_text.find("<rect", at + 1)) ++rects;
  CHECK(rects == again.session->run.problem.buffers.size() + 1);  // and the plot's background
  // In the colours the canvas shows: by id, then by size.
  const auto hex = [](Rgba c) {
    char text[16];
    std::snprintf(text, sizeof text, "#%02x%02x%02x", unsigned(c & 0xFF), unsigned(c >> 8 & 0xFF), unsigned(c >> 16 & 0xFF));
    return std::string(text);
  };
  CHECK(saved_text.find("fill=\"" + hex(colour_of_buffer(1)) + "\"") != std::string::npos);
  again.colour_mode = ColourMode::kBySize;
  export_drawing(again, "svg");
  CHECK(saved_text.find("fill=\"" + hex(colour_of_block(*again.session, ColourMode::kBySize, nullptr, 1)) + "\"") != std::string::npos);
  CHECK(saved_text.find("fill=\"" + hex(colour_of_buffer(1)) + "\"") == std::string::npos);
  again.colour_mode = ColourMode::kById;
  export_drawing(again, "tikz");
  CHECK(saved_name == "test.telamalloc." + capacity + ".tex");
  CHECK(saved_text.find("capacity " + capacity) != std::string::npos);
}

// Escape closes an open combo and does nothing else with that press; the next one clears the
// ruler, as before. (ImGui 1.86 closes a combo on Escape only with keyboard navigation on.)
TEST_CASE("Escape closes an open combo first") {
  Headless imgui;
  App app;
  open(app, example_problem(kExamples[1]), RunRequest{.algorithm = "telamalloc"});
  ImGui::GetIO().KeyMap[ImGuiKey_Escape] = 256;  // as GLFW numbers it
  app.canvas.has_ruler = true;
  click(app, "run.algorithm");
  REQUIRE(app.widgets.find("run.algorithm.best-fit") != nullptr);  // the list is open
  press(app, 256);
  CHECK(app.widgets.find("run.algorithm.best-fit") == nullptr);
  CHECK(app.canvas.has_ruler);
  CHECK(app.request.algorithm == "telamalloc");
  press(app, 256);
  CHECK_FALSE(app.canvas.has_ruler);
  check_consistent(app);
}

// Compare through a runner that answers later (the page's worker): the click returns at once
// with "comparing", and only the newest request's answer is shown: one asked for before the
// main run changed, or before Close, is dropped.
TEST_CASE("a compared run from the runner: shown when it comes, dropped when stale") {
  Headless imgui;
  App app;
  open(app, example_problem(kExamples[1]), RunRequest{.algorithm = "telamalloc"});
  struct Asked {
    Problem problem;
    RunRequest request;
    uint64_t ticket;
  };
  std::vector<Asked> asked;
  app.runner.compare = [&](const Problem& p, const RunRequest& r, uint64_t t) { asked.push_back({p, r, t}); };
  const auto answer = [&](const Asked& a) { app.finish_compare(a.ticket, record_run(a.problem, a.request)); };
  click(app, "compare.header");
  app.compare_algorithm = "best-fit";
  click(app, "compare.run");
  REQUIRE(asked.size() == 1);
  CHECK(app.comparing);
  CHECK(app.compare == nullptr);
  CHECK(asked[0].request.algorithm == "best-fit");
  CHECK(asked[0].request.timeout_seconds <= App::kCompareSeconds);
  answer(asked[0]);
  frame(app);
  REQUIRE(app.compare != nullptr);
  CHECK_FALSE(app.comparing);
  CHECK(app.compare->run.result.algorithm == "best-fit");
  test::check_valid(app.compare->run.problem, app.compare->run.result);
  // The main run changes: a new comparison is asked for; the old one's answer is dropped.
  app.request.capacity = app.session->run.problem.capacity + 5;
  app.run();
  frame(app);
  REQUIRE(asked.size() == 2);
  CHECK(app.comparing);
  answer(asked[0]);  // late, and stale
  CHECK(app.compare->run.problem.capacity != asked[1].problem.capacity);
  answer(asked[1]);
  CHECK(app.compare->run.problem.capacity == app.session->run.problem.capacity);
  // Closed while a comparison is on its way: its answer does not reopen it.
  click(app, "compare.run");
  REQUIRE(asked.size() == 3);
  click(app, "compare.close");
  CHECK(app.compare == nullptr);
  CHECK_FALSE(app.comparing);
  answer(asked[2]);
  CHECK(app.compare == nullptr);
  // A failure is said, and ends the comparing.
  click(app, "compare.run");
  REQUIRE(asked.size() == 4);
  app.compare_failed(asked[3].ticket, "out of memory");
  CHECK_FALSE(app.comparing);
  CHECK(app.message_is_error);
  check_consistent(app);
}

// Colouring by size shows its scale in the legend: the ramp and the largest size it ends at.
TEST_CASE("the legend shows the size scale while colouring by size") {
  Headless imgui;
  App app;
  open(app, example_problem(kExamples[1]), RunRequest{.algorithm = "best-fit"});
  click(app, "legend.header");
  CHECK(app.widgets.find("legend.size_scale") == nullptr);
  click(app, "legend.by_size");
  REQUIRE(app.colour_mode == ColourMode::kBySize);
  const WidgetRect* scale = app.widgets.find("legend.size_scale");
  REQUIRE(scale != nullptr);
  CHECK(scale->x1 - scale->x0 > 100);
  click(app, "legend.by_id");
  CHECK(app.widgets.find("legend.size_scale") == nullptr);
}

// Two pre-placed buffers pinned to shared bytes at a shared time: the session lists where
// (each pair once, buffers by their index in the file), and the Problem panel says so. Two
// that only touch, and a buffer free to move, are no collision.
TEST_CASE("colliding pre-placed buffers are found and said") {
  Headless imgui;
  App app;
  app.runner.start = [&app](const Problem& p, const RunRequest& r) { app.finish_run(record_run(p, r)); };
  app.load_csv("id,lower,upper,size,offset\n"
               "a,0,10,4,0\nb,5,15,4,2\nc,0,20,3,\nd,10,20,2,0\ne,15,20,1,4\n", "clash.csv", 16);
  REQUIRE(app.session != nullptr);
  const auto& found = app.session->fixed_overlaps;
  REQUIRE(found.size() == 1);
  const Validation& v = found.front();
  CHECK(std::min(v.buffer, v.other) == 0);
  CHECK(std::max(v.buffer, v.other) == 1);
  CHECK(v.time_lower == 5);
  CHECK(v.time_upper == 10);
  CHECK(v.address_lower == 2);
  CHECK(v.address_upper == 4);
  frame(app);
  frame(app);
  CHECK(app.widgets.find("problem.pre_placed_overlaps") != nullptr);
  // Every algorithm refuses it before placing anything; the pre-placed buffers are still drawn
  // where the file puts them (auto's stepless failure drew none), and the diagnosis names the
  // pair (it blamed "the gaps left between buffers").
  for (const char* algorithm : {"auto", "telamalloc", "best-fit", "exact"}) {
    CAPTURE(algorithm);
    app.request.algorithm = algorithm;
    app.run();
    frame(app);
    REQUIRE(app.session->run.result.status == Status::kInfeasible);
    const std::vector<Offset> shown = app.session->player.offsets();
    CHECK(shown[0] == 0);
    CHECK(shown[1] == 2);
    CHECK(shown[3] == 0);
    CHECK(shown[4] == 4);
    CHECK(offsets_at_end(app.session->run)[1] == 2);
    const std::string text = load_summary(*app.session);
    CHECK(text.find("the pre-placed buffers") != std::string::npos);
    CHECK(text.find("[5, 10)") != std::string::npos);
  }
  // The same buffers with b moved clear of a: nothing to mark.
  app.load_csv("id,lower,upper,size,offset\na,0,10,4,0\nb,5,15,4,4\n", "clear.csv", 16);
  CHECK(app.session->fixed_overlaps.empty());
  frame(app);
  frame(app);
  CHECK(app.widgets.find("problem.pre_placed_overlaps") == nullptr);
}

// No capacity given: the least any allocation needs, a pre-placed buffer's top included (the
// load alone, 8 here, left b pinned outside the capacity, and every run refused the file).
TEST_CASE("the default capacity holds the pre-placed buffers") {
  Headless imgui;
  App app;
  app.runner.start = [&app](const Problem& p, const RunRequest& r) { app.finish_run(record_run(p, r)); };
  app.load_csv("id,lower,upper,size,offset\na,0,2,4,100\nb,1,3,4,\nc,2,4,4,\n", "highfixed.csv", 0);
  REQUIRE(app.session != nullptr);
  CHECK(app.session->run.problem.capacity == 104);
  CHECK(app.request.capacity == 104);
  // The message calls it the lower bound: so does the Problem panel (it showed the load, 8).
  CHECK(app.message.find("the lower bound, 104 bytes") != std::string::npos);
  CHECK(app.session->lower_bound == 104);
  CHECK(app.session->stats.lower_bound == 8);
  CHECK(state_json(app.session.get(), "").find("\"lower_bound\":104") != std::string::npos);
  app.run();
  REQUIRE(app.session->run.result.status == Status::kSolved);
  test::check_valid(app.session->run.problem, app.session->run.result);
}

// During a run the diagnoses wait: the run's end clears them, so a search started then was
// lost without a word. Each Cancel has its own ID (two "Cancel"s shared their clicks).
TEST_CASE("no smallest-capacity search is started during a run") {
  Headless imgui;
  App app;
  open(app, example_problem(kExamples[1]), RunRequest{.algorithm = "telamalloc"});
  bool started = false;
  app.runner.start = [&](const Problem&, const RunRequest&) { started = true; };  // answers never
  app.runner.cancel = [] {};
  app.runner.diagnose = [](const Problem&, const std::string&, uint64_t, double) {};
  app.run();
  REQUIRE(started);
  REQUIRE(app.running);
  frame(app);
  click(app, "minimize.start");
  CHECK(app.diagnosis.minimize_ticket == 0);
  app.find_smallest_capacity();  // as the page's API would
  CHECK(app.diagnosis.minimize_ticket == 0);
  CHECK(app.widgets.find("run.cancel") != nullptr);
  CHECK(app.widgets.collisions().empty());
}

// A trace file opens on its final allocation, as a run does (it opened on step 0, nothing
// placed, though the README says a run opens on its result).
TEST_CASE("a loaded trace opens on its last step") {
  Headless imgui;
  App app;
  const Problem problem = example_problem(kExamples[1]);
  std::ostringstream text;
  write_trace_jsonl(text, record_run(problem, RunRequest{.algorithm = "telamalloc", .capacity = problem.capacity}));
  app.load_trace(text.str(), "run.jsonl");
  REQUIRE(app.session != nullptr);
  CHECK(app.session->player.steps() > 0);
  CHECK(app.session->player.step() == app.session->player.steps());
  frame(app);
  frame(app);
  check_consistent(app);
}

// An allocation a diagnosis found has no run a link could ask for again: the page keeps it as
// a trace for a reload (web/page.js, tela_viz_trace_jsonl). Written so and loaded back, it is
// the same allocation, at the same capacity, on its last step; a run asked for is not kept so.
TEST_CASE("an allocation shown by a diagnosis, written as a trace, loads back as the same allocation") {
  Headless imgui;
  App app;
  app.runner.start = [&app](const Problem& p, const RunRequest& r) { app.finish_run(record_run(p, r)); };
  open(app, example_problem(kExamples[1]), RunRequest{.algorithm = "greedy"});
  CHECK_FALSE(app.session->asked_algorithm.empty());  // a run asked for: a link re-solves it
  const Problem problem = app.session->run.problem;
  const Size roomier = problem.capacity + 7;
  const SolveResult found = record_run(problem, RunRequest{.algorithm = "exact", .capacity = roomier}).result;
  REQUIRE(found.status == Status::kSolved);
  app.show_found(found.solution, roomier, "minimize: exact", "", "shown");
  CHECK(app.session->has_run);
  CHECK(app.session->asked_algorithm.empty());  // what page.js keeps as a trace
  std::ostringstream text;
  write_trace_jsonl(text, app.session->run);
  app.load_trace(text.str(), app.session->name);
  REQUIRE(app.session != nullptr);
  CHECK(app.session->run.problem.capacity == roomier);
  CHECK(app.session->player.step() == app.session->player.steps());
  CHECK(app.session->player.offsets() == found.solution.offsets);
  test::check_valid(app.session->run.problem, app.session->run.result);
  frame(app);
  check_consistent(app);
}

// In a narrow window (800 px) the frame time's row must not wrap as its figures change:
// its growing to two lines moved the smallest-capacity panel's Cancel under the pointer.
TEST_CASE("values that change frame by frame do not move the panels below them") {
  Headless imgui;
  App app;
  open(app, example_problem(kExamples[1]), RunRequest{.algorithm = "telamalloc"});
  const auto y_of = [&](const std::string& name) {
    for (int i = 0; i < 4; ++i) frame(app);  // a new size settles over a few frames
    const WidgetRect* w = app.widgets.find(name);
    REQUIRE(w != nullptr);
    return w->y0;
  };
  for (const float width : {700.0f, 800.0f, 900.0f}) {
    CAPTURE(width);
    ImGui::GetIO().DisplaySize = ImVec2(width, 1000);
    for (int i = 0; i < 120; ++i) app.frame_times.add(5), app.ui_times.add(0.5f);
    const float short_figures = y_of("minimize.header");
    for (int i = 0; i < 120; ++i) app.frame_times.add(11734.5f), app.ui_times.add(1234.5f);
    const float long_figures = y_of("minimize.header");
    CHECK(long_figures == short_figures);
  }
}

// ImGui 1.86's TextWrapped breaks after ',' and '.': "above the capacity 1," then "000." on
// the next line, "(68." then "6% of capacity)". The panels' text breaks at spaces only.
TEST_CASE("wrapped text breaks at spaces only, and each line fits unless one word is wider") {
  Headless imgui;
  ImGui::NewFrame();
  const std::string text = "the subset reaches 1,048,576 bytes, above the capacity 1,000. Live: 12 (68.6% of capacity)\nnext";
  for (float width = 40; width <= 700; width += 7) {
    CAPTURE(width);
    const std::string out = broken_at_spaces(text, width);
    std::string joined = out;
    std::replace(joined.begin(), joined.end(), '\n', ' ');
    std::string expected = text;
    std::replace(expected.begin(), expected.end(), '\n', ' ');
    CHECK(joined == expected);  // only spaces (and the newline already there) became newlines
    size_t start = 0;
    while (start <= out.size()) {
      const size_t end = std::min(out.find('\n', start), out.size());
      const std::string line = out.substr(start, end - start);
      if (line.find(' ') != std::string::npos) CHECK(ImGui::CalcTextSize(line.c_str()).x <= width);
      start = end + 1;
    }
    CHECK(out.find("next") == out.rfind('\n') + 1);  // the newline in the text is kept
  }
  ImGui::EndFrame();
}

TEST_CASE("text cut to a width: a head of whole characters and \"...\", within the width") {
  Headless imgui;
  ImGui::NewFrame();
  const std::string text = "not a regular expression: ünï (ü) Unexpected end of regex when in an open parenthesis.";
  CHECK(cut_to_width(text, 5000) == text);
  for (float width = 20; width <= 700; width += 3) {
    CAPTURE(width);
    const std::string out = cut_to_width(text, width);
    if (out == text) continue;
    REQUIRE(out.size() >= 3);
    CHECK(out.substr(out.size() - 3) == "...");
    const std::string head = out.substr(0, out.size() - 3);
    CHECK(text.compare(0, head.size(), head) == 0);  // a head of the text
    if (!head.empty()) CHECK((static_cast<unsigned char>(text[head.size()]) & 0xC0) != 0x80);  // not inside a character
    if (!head.empty()) CHECK(ImGui::CalcTextSize(out.c_str()).x <= width);
  }
  ImGui::EndFrame();
}

// A label said in the words there is room for: the longest form that fits, else the last.
TEST_CASE("first_that_fits: the longest form within the width, else the shortest") {
  Headless imgui;
  ImGui::NewFrame();
  const std::vector<std::string> forms = {"1,234/3,900 placed, deepest 1,396, 2 s", "1,234/3,900 placed", "1,234/3,900", "31%"};
  for (float width = 0; width <= 400; width += 5) {
    CAPTURE(width);
    const std::string out = first_that_fits(forms, width);
    const auto at = std::find(forms.begin(), forms.end(), out);
    REQUIRE(at != forms.end());
    if (out != forms.back()) CHECK(ImGui::CalcTextSize(out.c_str()).x <= width);
    for (auto longer = forms.begin(); longer != at; ++longer) CHECK(ImGui::CalcTextSize(longer->c_str()).x > width);
  }
  CHECK(first_that_fits(forms, 0) == "31%");
  CHECK(first_that_fits(forms, 1000) == forms.front());
  ImGui::EndFrame();
}

// A bad regex's note stays on the search bar's row, cut to it: wrapped onto a second line it
// pushed the canvas down a line with each keystroke that made or mended the error.
TEST_CASE("the search note never moves the canvas, at any width") {
  Headless imgui;
  for (const ImVec2 display : {ImVec2(1400, 860), ImVec2(900, 700), ImVec2(640, 360)}) {
    CAPTURE(display.x);
    ImGui::GetIO().DisplaySize = display;
    App app;
    open(app, test::problem_from(kTagged, 8), RunRequest{.algorithm = "best-fit"});
    const WidgetRect* plot = app.widgets.find("canvas.plot");
    REQUIRE(plot != nullptr);
    const float top = plot->y0;
    click(app, "search.regex");
    REQUIRE(app.inspect.search.regex);
    type_into(app, "search.text", "(Conv");
    frame(app);
    frame(app);
    REQUIRE(!app.inspect.search.error.empty());
    const WidgetRect* note = app.widgets.find("search.note");
    REQUIRE(note != nullptr);
    CHECK(note->y1 - note->y0 <= ImGui::GetTextLineHeightWithSpacing());
    const WidgetRect* box = app.widgets.find("search.text");
    CHECK(note->y0 == doctest::Approx(box->y0).epsilon(0.2));  // on the box's row
    CHECK(app.widgets.find("canvas.plot")->y0 == top);
    type_into(app, "search.text", "(Conv)");
    frame(app);
    CHECK(app.inspect.search.error.empty());
    CHECK(app.inspect.search.matches.size() == 3);  // Conv2D twice, conv_t
    CHECK(app.widgets.find("canvas.plot")->y0 == top);
    check_consistent(app);
  }
  ImGui::GetIO().DisplaySize = ImVec2(1400, 860);
}

// A short window (640 x 360) caps the player bar below its wrapped controls: the step's sentence
// lay below the window, out of reach. There the bar scrolls; elsewhere it has no scrollbar.
TEST_CASE("the player bar's step sentence can be reached in a short window") {
  Headless imgui;
  for (const ImVec2 display : {ImVec2(640, 360), ImVec2(1400, 860), ImVec2(800, 600)}) {
    CAPTURE(display.x);
    ImGui::GetIO().DisplaySize = display;
    App app;
    open(app, example_problem(kExamples[1]), RunRequest{.algorithm = "telamalloc"});
    app.seek(3);
    for (int i = 0; i < 3; ++i) frame(app);
    const ImGuiWindow* bar = ImGui::FindWindowByName("Player");
    REQUIRE(bar != nullptr);
    const float inner = bar->Size.y - 2 * ImGui::GetStyle().WindowPadding.y;
    const bool fits = bar->ContentSize.y <= inner + 1;
    CHECK((fits || bar->ScrollbarY));
    if (display.y >= 600) CHECK_FALSE(bar->ScrollbarY);
    if (display.y < 400) CHECK_FALSE(fits);  // the case this is about
  }
  ImGui::GetIO().DisplaySize = ImVec2(1400, 860);
}

// input.12 at 10 is over the capacity during [0, 3) and [3, 9): one time range, not two. A
// heuristic that gave up is not told to take longer: no time limit holds it back.
TEST_CASE("the diagnosis: touching over-capacity times are one range; a heuristic's failure suggests a search") {
  Headless imgui;
  App app;
  open(app, example_problem({"input.12.csv", 10, {}}), RunRequest{.algorithm = "telamalloc"});
  REQUIRE(app.session->run.result.status != Status::kSolved);
  std::string text = load_summary(*app.session);
  CHECK(text.find("during 1 time range (") != std::string::npos);
  CHECK(text.find("Worst: [0, 9)") != std::string::npos);
  CHECK(text.find("12 bytes live, 2 over") != std::string::npos);
  open(app, test::problem_from_file(TELA_SOURCE_DIR "/assets/examples/fits-but-infeasible.csv", 3),
       RunRequest{.algorithm = "best-fit"});
  REQUIRE(app.session->run.result.status == Status::kNotFound);
  text = load_summary(*app.session);
  CHECK(text.find("best-fit did not find") != std::string::npos);
  CHECK(text.find("time limit") == std::string::npos);
  CHECK(text.find("Try exact") != std::string::npos);
  check_consistent(app);
}

// The step's sentence within the player bar: at most the lines there is room for, the last cut
// with "...", the whole on hover (a long one ran below the bar, unseen).
TEST_CASE("a sentence kept to a number of lines: cut on its last, whole when it fits") {
  Headless imgui;
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(300, 400));
  ImGui::Begin("lines");
  const std::string sentence = "major backtrack: the conflict at step 812 blames b17, b4 and b230, none of them placed "
                               "in this phase, so nothing is lifted; the search ranks what is left again, the buffers "
                               "that found no room first";
  const float line = ImGui::GetTextLineHeight();
  for (int lines : {1, 2, 3}) {
    CAPTURE(lines);
    CHECK(text_wrapped_in_lines(sentence, lines));
    CHECK(ImGui::GetItemRectSize().y <= float(lines) * line + 1);
    CHECK(ImGui::GetItemRectSize().x <= ImGui::GetContentRegionAvail().x + 1);
  }
  CHECK_FALSE(text_wrapped_in_lines(sentence, 40));  // room for all of it: whole, wrapped
  CHECK(ImGui::GetItemRectSize().y > 3 * line);
  CHECK_FALSE(text_wrapped_in_lines("b4 placed at 0", 2));
  ImGui::End();
  ImGui::EndFrame();
}
