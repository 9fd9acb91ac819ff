// The smallest capacity that works (core/services/minimize.h), for any loaded problem: found on
// request off the frame's thread, with the two bounds drawn as they close in (the capacity found
// so far, and the one below which no allocation is proven to exist), then the final gap, the
// argument behind the lower bound, whether the answer is proven, and one click to look at the
// allocation found or to solve again at that capacity.
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string_view>
#include <utility>

#include "model/validator.h"
#include "viz/ui/app.h"
#include "viz/ui/wrapped_text.h"

namespace tela::viz {
namespace {

double steady_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// (capacity - proven below) / proven below, in percent: how far the answer may be from the best.
double gap_percent(Size capacity, Size below) {
  return below > 0 ? 100.0 * double(capacity - below) / double(below) : 0.0;
}

// A minimize cancelled once it had found an allocation (the page keeps the last one its steps
// brought, web/page.js): that allocation, the best so far, as an answer not proven minimal,
// with the bound the last step had proven. False (left cancelled) when it carries none, or
// when the validator rejects it at its capacity.
bool keep_best_so_far(MinimizeResult& m, const Problem& problem, const std::vector<MinimizeStep>& steps,
                      double seconds) {
  if (steps.empty() || m.capacity <= 0 || m.solution.offsets.size() != problem.buffers.size()) return false;
  Problem at = problem;
  at.capacity = m.capacity;
  if (!validate(at, m.solution).ok()) return false;
  const MinimizeStep& last = steps.back();
  m.status = Status::kSolved;
  m.capacity = peak_of(problem, m.solution);
  m.lower_bound = std::min(last.proven_below, m.capacity);
  m.bound_argument = "proven before it was stopped";
  m.proven_minimal = m.capacity <= last.proven_below;
  m.seconds = seconds;
  m.detail = last.capacity < m.capacity
                 ? "A step had reached " + with_commas(last.capacity) +
                       " when it was stopped, but its allocation had not come through, so " +
                       with_commas(m.capacity) + " is the best kept."
                 : "";
  return true;
}

}  // namespace

void App::find_smallest_capacity() {
  if (!session || diagnosis.minimize_ticket || running) return;  // a run's end would drop the answer
  diagnosis.smallest.reset();
  diagnosis.minimize_stopped = false;
  diagnosis.minimize_steps.clear();
  diagnosis.minimize_started = steady_seconds();
  request_diagnosis("minimize", diagnosis.minimize_ticket, minimize_seconds);
}

void App::minimize_step(uint64_t ticket, MinimizeStep step) {
  if (ticket == 0 || ticket != diagnosis.minimize_ticket) return;  // about an older request
  step.offsets = {};  // valid only during minimize's call: never kept
  diagnosis.minimize_steps.push_back(std::move(step));
}

void App::finish_minimize(uint64_t ticket, MinimizeResult smallest) {
  if (ticket == 0 || ticket != diagnosis.minimize_ticket) return;
  diagnosis.minimize_ticket = 0;
  diagnosis.minimize_stopped =
      smallest.status == Status::kCancelled && session &&
      keep_best_so_far(smallest, session->run.problem, diagnosis.minimize_steps,
                       steady_seconds() - diagnosis.minimize_started);
  if (session && smallest.status == Status::kSolved && smallest.lower_bound > 0)
    proven_bound = ProvenBound{session->run.problem.buffers, smallest.lower_bound, smallest.bound_argument};
  diagnosis.smallest = std::move(smallest);
  diagnosis.scroll_to_answer = true;
  adopt_proven_bound();
}

namespace {

bool same_buffers(const std::vector<Buffer>& a, const std::vector<Buffer>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Buffer& x, const Buffer& y) {
    return x.id == y.id && x.lower == y.lower && x.upper == y.upper && x.size == y.size &&
           x.alignment == y.alignment && x.fixed_offset == y.fixed_offset;
  });
}

}  // namespace

void App::adopt_proven_bound() {
  if (!session || !proven_bound || proven_bound->value <= session->lower_bound) return;
  if (!same_buffers(proven_bound->buffers, session->run.problem.buffers)) return;
  session->lower_bound = session->run.lower_bound = proven_bound->value;
  session->lower_bound_by = "the smallest-capacity search: " + proven_bound->argument;
}

// With auto, whatever the Run panel has: the capacity was found by minimize's searches, which
// a heuristic chosen there (best-fit, greedy) does not run, so it would fail where it was just
// shown to fit.
void App::solve_at(Size capacity) {
  if (!session || capacity <= 0) return;
  request.algorithm = "auto";
  RecordedRun run;
  run.problem = session->run.problem;
  run.problem.capacity = capacity;
  const std::string name = session->name, source = session->source;
  show(make_session(name, std::move(run), false), "solving at capacity " + std::to_string(capacity) + " with auto");
  session->source = source;
  this->run();
}

// The allocation itself: minimize records no steps, so the run opens on its result. The
// answer and its progress stay in the panel (it is the same problem).
void App::show_smallest() {
  if (!session || !diagnosis.smallest || diagnosis.smallest->status != Status::kSolved) return;
  const MinimizeResult& m = *diagnosis.smallest;
  show_found(m.solution, m.capacity, "minimize: " + m.algorithm, m.detail,
             "the allocation minimize found at capacity " + std::to_string(m.capacity) +
                 (diagnosis.minimize_stopped ? " before it was stopped" : "") + " (its steps are not recorded)");
}

void App::show_found(const Solution& solution, Size capacity, const std::string& algorithm, const std::string& detail,
                     const std::string& message) {
  if (!session || solution.offsets.size() != session->run.problem.buffers.size()) return;
  RecordedRun run;
  run.problem = session->run.problem;
  run.problem.capacity = capacity;
  run.result = {.status = Status::kSolved, .solution = solution, .peak = peak_of(run.problem, solution),
                .algorithm = algorithm, .detail = detail, .seconds = 0};
  const std::string name = session->name, source = session->source;
  Diagnosis kept = std::move(diagnosis);  // `show` clears it; the panels keep their answers
  show(make_session(name, std::move(run), true), message);
  session->source = source;
  diagnosis.smallest = std::move(kept.smallest);
  diagnosis.minimize_steps = std::move(kept.minimize_steps);
  diagnosis.minimize_stopped = kept.minimize_stopped;
}

namespace {

// The plot's frame: time across, capacity up, with the y range holding both bounds.
struct BoundsPlot {
  ImVec2 origin, size;
  double seconds = 1;
  double low = 0, high = 1;
  float x(double t) const { return origin.x + float(std::clamp(t / seconds, 0.0, 1.0)) * size.x; }
  float y(double v) const { return origin.y + size.y - float((v - low) / (high - low)) * size.y; }
};

BoundsPlot frame_for(const std::vector<MinimizeStep>& steps, double seconds, ImVec2 origin, ImVec2 size) {
  BoundsPlot p{origin, size, std::max(seconds, 1e-3)};
  double low = double(steps.front().proven_below), high = double(steps.front().capacity);
  for (const MinimizeStep& s : steps) {
    low = std::min(low, double(s.proven_below));
    high = std::max(high, double(s.capacity));
  }
  const double pad = std::max((high - low) * 0.1, 1.0);
  p.low = low - pad;
  p.high = high + pad;
  return p;
}

// Each step holds until the next (or `end`): the gap shaded, the capacity found above it, the
// proven bound below it.
void draw_bound_steps(ImDrawList* dl, const BoundsPlot& p, const std::vector<MinimizeStep>& steps, double end) {
  const ImU32 found = IM_COL32(90, 160, 255, 255), proven = IM_COL32(90, 210, 120, 255),
              gap = IM_COL32(255, 120, 90, 60);
  for (size_t i = 0; i < steps.size(); ++i) {
    const MinimizeStep& s = steps[i];
    const double until = i + 1 < steps.size() ? steps[i + 1].seconds : std::max(end, s.seconds);
    const float x0 = p.x(s.seconds), x1 = std::max(p.x(until), x0 + 1);
    const float top = p.y(double(s.capacity)), bottom = p.y(double(s.proven_below));
    dl->AddRectFilled(ImVec2(x0, top), ImVec2(x1, bottom), gap);
    dl->AddLine(ImVec2(x0, top), ImVec2(x1, top), found, 2);
    dl->AddLine(ImVec2(x0, bottom), ImVec2(x1, bottom), proven, 2);
    if (i + 1 < steps.size()) {  // the drop (or rise) to the next step
      dl->AddLine(ImVec2(x1, top), ImVec2(x1, p.y(double(steps[i + 1].capacity))), found, 2);
      dl->AddLine(ImVec2(x1, bottom), ImVec2(x1, p.y(double(steps[i + 1].proven_below))), proven, 2);
    }
  }
}

// The step in force at time `t` (the last one at or before it).
const MinimizeStep& step_at(const std::vector<MinimizeStep>& steps, double t) {
  size_t i = 0;
  while (i + 1 < steps.size() && steps[i + 1].seconds <= t) ++i;
  return steps[i];
}

void hover_readout(const BoundsPlot& p, const std::vector<MinimizeStep>& steps, double end) {
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  if (!ImGui::IsItemHovered()) return;
  const double t = std::clamp(double(mouse.x - p.origin.x) / double(p.size.x), 0.0, 1.0) * p.seconds;
  if (t > end) return;
  ImGui::GetWindowDrawList()->AddLine(ImVec2(mouse.x, p.origin.y), ImVec2(mouse.x, p.origin.y + p.size.y),
                                      IM_COL32(255, 255, 255, 120));
  const MinimizeStep& s = step_at(steps, t);
  ImGui::SetTooltip("at %.2f s: %s found (by %s%s)\nnone below %s: gap %.2f%%", t, with_commas(s.capacity).c_str(),
                    s.found_by.c_str(), s.moves ? (", " + std::to_string(s.moves) + " moves").c_str() : "",
                    with_commas(s.proven_below).c_str(), gap_percent(s.capacity, s.proven_below));
}

// Peak against time while minimize runs and after: where the search spent its time, and how
// much of the gap each phase closed.
void draw_bounds_plot(App& app, const std::vector<MinimizeStep>& steps, double end, double limit) {
  const ImVec2 size(ImGui::GetContentRegionAvail().x, 96);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("minimize plot", size);
  app.widgets.track("minimize.plot");
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y), IM_COL32(30, 32, 38, 255));
  const BoundsPlot p = frame_for(steps, std::max(limit, end), origin, size);
  draw_bound_steps(dl, p, steps, end);
  const ImU32 text = IM_COL32(200, 200, 200, 255);
  dl->AddText(ImVec2(origin.x + 3, origin.y + 1), text, with_commas(steps.front().capacity).c_str());
  dl->AddText(ImVec2(origin.x + 3, origin.y + size.y - ImGui::GetTextLineHeight() - 1), text,
              with_commas(steps.front().proven_below).c_str());
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, p.seconds < 10 ? "%.1f s" : "%.0f s", p.seconds);
  dl->AddText(ImVec2(origin.x + size.x - ImGui::CalcTextSize(seconds).x - 3, origin.y + size.y - ImGui::GetTextLineHeight() - 1),
              text, seconds);
  hover_readout(p, steps, end);
}

// Where the bounds stand now: "1,296 found by ..., none below 1,024: gap 26.56%".
void standing_text(const MinimizeStep& s) {
  text_wrapped("%s found (by %s%s); none below %s: gap %.2f%%", with_commas(s.capacity).c_str(),
                     s.found_by.c_str(), s.moves ? (", " + std::to_string(s.moves) + " moves").c_str() : "",
                     with_commas(s.proven_below).c_str(), gap_percent(s.capacity, s.proven_below));
}

// The answer: the capacity, the lower bound and what proves it, the gap, proven or not.
void answer_text(App& app, const MinimizeResult& m) {
  if (m.status != Status::kSolved) {
    text_wrapped("No capacity found: %s", m.detail.c_str());
    return;
  }
  if (app.diagnosis.minimize_stopped) {  // the best found before Cancel (keep_best_so_far)
    text_wrapped("Stopped by you at %.1f s. Smallest capacity found so far: %s, by %s.", m.seconds,
                       with_commas(m.capacity).c_str(), m.algorithm.c_str());
    text_wrapped("Lower bound: %s (%s). Gap %.2f%%: %s.", with_commas(m.lower_bound).c_str(),
                       m.bound_argument.c_str(), gap_percent(m.capacity, m.lower_bound),
                       m.proven_minimal ? "proven minimal" : "not proven minimal, the search was cut short");
    if (!m.detail.empty()) text_wrapped("%s", as_sentence(m.detail).c_str());
  } else {
    text_wrapped("Smallest capacity found: %s, by %s in %.2f s.", with_commas(m.capacity).c_str(),
                       m.algorithm.c_str(), m.seconds);
    text_wrapped("Lower bound: %s (%s). Gap %.2f%%: %s.", with_commas(m.lower_bound).c_str(),
                       m.bound_argument.c_str(), gap_percent(m.capacity, m.lower_bound),
                       m.proven_minimal ? "proven minimal" : "not proven minimal");
    const std::string_view said = "not proven minimal: ";  // said just above
    const std::string_view detail = m.detail;
    text_wrapped("%s", as_sentence(std::string(detail.starts_with(said) ? detail.substr(said.size()) : detail)).c_str());
  }
  if (button(app, "Show this allocation", "minimize.show")) app.show_smallest();
  ImGui::SameLine();
  if (button(app, "Solve here with auto", "minimize.solve_at")) app.solve_at(m.capacity);
  // The answer arrives below the button that asked for it, often below the column's fold.
  if (std::exchange(app.diagnosis.scroll_to_answer, false)) ImGui::SetScrollHereY(1.0f);
}

}  // namespace

void draw_minimize_panel(App& app) {
  if (!app.session || !header(app, "Smallest capacity", "minimize.header", ImGuiTreeNodeFlags_DefaultOpen)) return;
  auto& d = app.diagnosis;
  const bool running = d.minimize_ticket != 0;
  const double elapsed = running ? steady_seconds() - d.minimize_started : d.smallest ? d.smallest->seconds : 0;
  if (running) {
    char text[64];
    std::snprintf(text, sizeof text, "searching: %.1f of %.0f s", elapsed, app.minimize_seconds);
    const bool can_cancel = bool(app.runner.cancel_diagnosis);
    ImGui::ProgressBar(float(std::min(elapsed / app.minimize_seconds, 1.0)), ImVec2(can_cancel ? -70.0f : -1.0f, 0), text);
    if (can_cancel) {
      ImGui::SameLine();
      if (button(app, "Cancel##minimize", "minimize.cancel")) app.runner.cancel_diagnosis();
    }
  } else {
    float seconds = float(app.minimize_seconds);
    ImGui::SetNextItemWidth(120);
    if (ImGui::SliderFloat("time limit s", &seconds, 1.0f, 120.0f, "%.0f", ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp))
      app.minimize_seconds = seconds;
    app.widgets.track("minimize.seconds");
    // Not during a run: the worker does one thing at a time, and a run's end clears the
    // diagnoses, so a search started then was lost without a word.
    ImGui::BeginDisabled(app.running);
    if (button(app, "Find the smallest capacity", "minimize.start")) app.find_smallest_capacity();
    ImGui::EndDisabled();
    if (app.running) {
      ImGui::SameLine();
      ImGui::TextDisabled("(after the run)");
    }
  }
  // A search that settled in one step has no course to plot (it drew one dot between two equal
  // labels); the answer below says it all.
  const bool has_course = running || d.minimize_steps.size() > 1;
  if (!d.minimize_steps.empty() && has_course) {
    draw_bounds_plot(app, d.minimize_steps, elapsed, running ? app.minimize_seconds : elapsed);
    if (running) standing_text(d.minimize_steps.back());
  }
  if (d.smallest && !running) answer_text(app, *d.smallest);
}

}  // namespace tela::viz
