#include "viz/ui/app.h"

#include <imgui.h>

#include <algorithm>
#include <utility>

#include "io/csv.h"
#include "services/generate.h"
#include "services/registry.h"

namespace tela::viz {

float FrameTimes::median() const {
  const int n = std::min(count, 120);
  if (n == 0) return 0;
  float sorted[120];
  std::copy(ms, ms + n, sorted);
  std::nth_element(sorted, sorted + n / 2, sorted + n);
  return sorted[n / 2];
}

std::vector<float> FrameTimes::recent() const {
  const int n = std::min(count, 120);
  std::vector<float> out;
  for (int i = count - n; i < count; ++i) out.push_back(ms[i % 120]);
  return out;
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
  keep_view_after_run = false;
  adopt_proven_bound();
  capacity_note.clear();
  ++revision;
  request.capacity = session->run.problem.capacity;
  close_compare();
  diagnosis = Diagnosis{};
  selected = hovered = -1;
  playing = false;
  canvas.profile_step = -1;
  fit_pending = fit_pending || refit;
  say(what);
}

Extent extent_of(const App& app) {
  if (!app.session) return {};
  const Session& s = *app.session;
  Size top = std::max({s.run.problem.capacity, s.lower_bound, s.run.result.peak, Size(1)});
  if (app.compare) top = std::max(top, app.compare->run.result.peak);
  top = std::max(top, app.diagnosis.subset_peak);  // a subset that does not fit, packed alone
  return {double(s.stats.time_lower), double(std::max(s.stats.time_upper, s.stats.time_lower + 1)),
          double(top) * 1.08};
}

// Fitted to what is drawn: the peak (and the lower bound, for an unsolved problem), and the
// capacity unless it lies far above them (a capacity of 100,000 over a peak of 1,637 left the
// allocation a strip a pixel high); zooming out still reaches it.
void App::fit_view() {
  const Extent e = extent_of(*this);
  view = {e.time_lower, e.time_upper, 0, e.address_upper};
  if (session) {
    const Session& s = *session;
    Size drawn = std::max({s.lower_bound, s.run.result.peak, Size(1)});
    if (compare) drawn = std::max(drawn, compare->run.result.peak);
    view.address_upper = std::min(e.address_upper, double(fitted_top(drawn, s.run.problem.capacity)) * 1.08);
  }
  fit_pending = false;
}

// The capacity: the one given (`origin` says by whom), else the file name's (NAME.CAPACITY.csv),
// else the lower bound, and the status line says which and why.
void App::load_csv(const std::string& text, const std::string& name, Size capacity, const std::string& origin) {
  std::string why = "capacity " + std::to_string(capacity) + " " + origin;
  if (capacity <= 0) {
    capacity = capacity_from_file_name(name).value_or(0);
    why = "capacity " + std::to_string(capacity) + " from the file name";
  }
  std::string error;
  auto loaded = session_from_csv(text, name, capacity, error);
  if (!loaded) {  // a bad file leaves what was loaded as it was
    fail(error);
    return;
  }
  if (loaded->run.problem.buffers.empty())  // valid, but most likely not the file meant
    why = "it lists no buffers (a header and nothing else), so there is nothing to place";
  else if (capacity <= 0)
    why = std::string("no capacity given") +
          (name == "pasted.csv" ? "" : " (name the file NAME.CAPACITY.csv to give one)") +
          ", so the capacity is the lower bound, " + std::to_string(loaded->run.problem.capacity) +
          (loaded->run.problem.capacity == 1 ? " byte" : " bytes") +
          ": the least any allocation needs. Change it under Algorithm";
  const std::string note = algorithm_for_size(loaded->run.problem.buffers.size());
  if (!note.empty()) why += "; " + note;
  forget_edits();  // (an undo would bring back a problem of another file)
  show(std::move(loaded), "loaded " + name + ": " + why);
  capacity_note = why;
}

void App::load_trace(const std::string& text, const std::string& name) {
  std::string error;
  auto loaded = session_from_trace(text, name, error);
  if (!loaded) {
    fail(error);
    return;
  }
  loaded->player.seek(loaded->player.steps());  // on its final allocation, as a run opens; Home replays
  forget_edits();  // (an undo would bring back a problem of another file)
  show(std::move(loaded), "loaded " + name);
  if (const Algorithm* a = algorithm_named_in(session->run.result.algorithm)) request.algorithm = a->name;
}

// TelaMalloc, the page's first algorithm (the one it teaches), looks at every buffer left for
// each placement: on a real model's trace of 10^4-10^5 buffers it runs out of time.
std::string App::algorithm_for_size(size_t buffers) {
  if (algorithm_chosen) return "";
  if (buffers <= size_t(kTelamallocPageLimit)) {  // small: back to TelaMalloc if auto was ours
    if (std::exchange(auto_for_size, false)) request.algorithm = "telamalloc";
    return "";
  }
  if (request.algorithm != "telamalloc") return "";
  request.algorithm = "auto";
  auto_for_size = true;
  return "solved by auto (TelaMalloc is slow past " + with_commas(kTelamallocPageLimit) +
         " buffers: choose it under Algorithm to watch it anyway)";
}

void App::generate_problem() {
  const auto kinds = generators();
  const GeneratorInfo& kind = kinds[size_t(std::clamp(generator.kind, 0, int(kinds.size()) - 1))];
  constexpr int kMostInPage = 100000;  // a page's memory; `tela generate` makes any count
  const int count = std::clamp(generator.count, 1, kMostInPage);
  const int seed = std::max(generator.seed, 0);
  RecordedRun run;
  run.problem = generate({.kind = kind.kind, .count = count, .seed = uint64_t(seed)});
  // The name and the link say what was made, so a count the page cut is not passed off as asked.
  const std::string args = std::string(kind.name) + "," + std::to_string(count) + "," + std::to_string(seed);
  // A count the page cut is said with the run's outcome too (the caller runs it at once).
  const std::string cut = count == generator.count ? ""
      : std::to_string(generator.count) + " buffers asked; the page makes " +
            std::to_string(count < generator.count ? kMostInPage : 1) + (count < generator.count ? " at most" : " at least");
  std::string what = "generated " + args + (cut.empty() ? "" : " (" + cut + ")");
  const std::string note = algorithm_for_size(run.problem.buffers.size());
  if (!note.empty()) what += "; Run: " + note;
  forget_edits();  // (an undo would bring back a problem of another file)
  show(make_session("generated " + args, std::move(run), false), what);
  session->source = "gen:" + args;
  capacity_note = cut;
}

void App::run() {
  if (!session || running || !runner.start) return;
  running = true;
  running_algorithm = request.algorithm;
  progress = Progress{};
  say("running " + request.algorithm + "...");
  runner.start(session->run.problem, request);
}

void App::run_failed(const std::string& why) {
  if (drop_next_result) {
    drop_next_result = false;
    return;
  }
  running = false;
  keep_view_after_run = false;
  if (why == "cancelled")  // the user's own choice: news, not an error
    return say(std::string("Cancelled: the run was stopped. The view still shows ") +
               (session && session->has_run ? "the previous run's result." : "the problem, not solved."));
  fail(why);
}

void App::finish_run(RecordedRun run) {
  if (drop_next_result) {  // the result of a run the user moved away from
    drop_next_result = false;
    return;
  }
  running = false;
  if (!session) return;
  const std::string name = session->name, source = session->source;
  const std::string algorithm = running_algorithm.empty() ? request.algorithm : running_algorithm;
  const bool solved = run.result.status == Status::kSolved;
  if (run.problem.capacity != session->run.problem.capacity) capacity_note.clear();  // asked anew
  const std::string text = (capacity_note.empty() ? "" : session->name + ": " + capacity_note + ". ") +
                           algorithm + ": " + name_of(run.result.status) +
                           (run.result.detail.empty() ? "" : " (" + run.result.detail + ")");
  // Infeasible, out of time, not found: what the run answered (the teaching examples expect
  // some), told apart from solved, but not an error of the page or of the input.
  solved ? say(text) : tell_outcome(text);
  session = make_session(name, std::move(run), true);
  session->source = source;
  session->asked_algorithm = algorithm;
  session->player.seek(session->player.steps());  // open on the result; Home, Play replays it
  ++revision;
  diagnosis = Diagnosis{};
  canvas.profile_step = -1;
  fit_pending = !std::exchange(keep_view_after_run, false);
  hovered = -1;  // the selection stays: a run keeps the problem's buffers and their order
  if (selected >= 0 && size_t(selected) >= session->run.problem.buffers.size()) selected = -1;
  // An open comparison was made against the previous run (its capacity, say): made again.
  if (compare || comparing) run_compare();
}

void App::say_for_step(const std::string& text, int64_t step) {
  StepNote kept = step_note.active ? step_note : StepNote{true, step, message, message_is_error, message_is_outcome};
  say(text);
  kept.step = step;
  step_note = std::move(kept);
}

void App::end_step_note_if_moved() {
  if (!step_note.active || (session && session->player.step() == step_note.step)) return;
  message = std::move(step_note.covered);
  message_is_error = step_note.covered_error;
  message_is_outcome = step_note.covered_outcome;
  step_note = StepNote{};
}

void App::seek(int64_t step) {
  if (!session) return;
  const int64_t before = session->player.step();
  session->player.seek(step);
  if (session->player.step() != before) step_changed_at = ImGui::GetTime();
}

}  // namespace tela::viz
