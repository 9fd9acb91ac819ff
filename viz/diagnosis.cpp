// Diagnosing a failed allocation: where the load exceeds the capacity, a minimal set of buffers
// that cannot fit together (core/explain.h), the smallest capacity that works
// (core/minimize.h) with a one-click re-solve there, and how far the search got.
#include <imgui.h>

#include <algorithm>

#include "app.h"

namespace tela::viz {

void App::explain_failure() { request_diagnosis("explain", diagnosis.explain_ticket); }

void App::find_smallest_capacity() { request_diagnosis("minimize", diagnosis.minimize_ticket); }

// One of each kind at a time: `ticket` is that kind's request in flight (0: none).
void App::request_diagnosis(const std::string& kind, uint64_t& ticket) {
  if (!session || ticket) return;
  ticket = ++diagnosis_tickets;
  if (runner.diagnose)
    runner.diagnose(session->run.problem, kind, ticket, diagnosis_seconds);
  else
    diagnose_here(session->run.problem, kind, ticket, diagnosis_seconds);
}

void App::diagnose_here(const Problem& problem, const std::string& kind, uint64_t ticket,
                        double seconds) {
  const SolveOptions options{.timeout_seconds = seconds};
  if (kind == "explain")
    finish_explanation(ticket, explain(problem, options));
  else
    finish_minimize(ticket, minimize(problem, options));
}

void App::finish_explanation(uint64_t ticket, Explanation explanation) {
  if (ticket == 0 || ticket != diagnosis.explain_ticket) return;  // about an older problem
  diagnosis.explain_ticket = 0;
  diagnosis.explanation = std::move(explanation);
}

void App::finish_minimize(uint64_t ticket, MinimizeResult smallest) {
  if (ticket == 0 || ticket != diagnosis.minimize_ticket) return;
  diagnosis.minimize_ticket = 0;
  diagnosis.smallest = std::move(smallest);
}

void App::solve_at(Size capacity) {
  if (!session || capacity <= 0) return;
  RecordedRun run;
  run.problem = session->run.problem;
  run.problem.capacity = capacity;
  const std::string name = session->name, source = session->source;
  show(make_session(name, std::move(run), false), "solving at capacity " + std::to_string(capacity));
  session->source = source;
  this->run();
}

namespace {

std::string ids_of(const Problem& p, const std::vector<BufferIndex>& buffers, size_t most) {
  std::string text;
  for (size_t i = 0; i < buffers.size() && i < most; ++i)
    text += (i ? ", " : "") + p.buffers[size_t(buffers[i])].id;
  if (buffers.size() > most) text += ", ... (" + std::to_string(buffers.size()) + " in all)";
  return text;
}

void over_capacity_summary(const Session& s) {
  std::vector<const Section*> over;
  for (const Section& x : s.sections)
    if (x.load > s.run.problem.capacity) over.push_back(&x);
  if (over.empty()) {
    ImGui::TextWrapped("The load never exceeds the capacity: a fit may exist, the search did not find it.");
    return;
  }
  ImGui::TextWrapped("The load exceeds the capacity at %d time ranges (red on the canvas), e.g. "
                     "[%lld, %lld): %lld bytes live, %lld over.", int(over.size()),
                     (long long)over[0]->lower, (long long)over[0]->upper, (long long)over[0]->load,
                     (long long)(over[0]->load - s.run.problem.capacity));
}

void how_far_it_got(const Session& s) {
  std::vector<BufferIndex> unplaced;
  const auto& offsets = s.run.result.solution.offsets;
  for (size_t i = 0; i < offsets.size(); ++i)
    if (offsets[i] == kUnplaced) unplaced.push_back(BufferIndex(i));
  if (unplaced.empty()) return;
  ImGui::TextWrapped("Deepest partial allocation: %d of %d placed; not placed: %s.",
                     int(offsets.size() - unplaced.size()), int(offsets.size()),
                     ids_of(s.run.problem, unplaced, 6).c_str());
}

}  // namespace

void draw_diagnosis_panel(App& app) {
  if (!app.session || !app.session->has_run || app.session->run.result.status == Status::kSolved) return;
  if (!ImGui::CollapsingHeader("Diagnosis", ImGuiTreeNodeFlags_DefaultOpen)) return;
  const Session& s = *app.session;
  over_capacity_summary(s);
  how_far_it_got(s);
  auto& d = app.diagnosis;
  if (d.explain_ticket)
    ImGui::TextDisabled("Looking for the buffers that cannot fit together (up to %.0f s)...", app.diagnosis_seconds);
  else if (ImGui::Button("Why does it not fit?"))
    app.explain_failure();
  if (d.explanation) {
    if (d.explanation->status == Status::kInfeasible) {
      ImGui::TextWrapped("These %d buffers cannot fit together (outlined in yellow): %s",
                         int(d.explanation->buffers.size()), ids_of(s.run.problem, d.explanation->buffers, 12).c_str());
    } else {
      ImGui::TextWrapped("%s", d.explanation->detail.c_str());
    }
  }
  if (d.minimize_ticket)
    ImGui::TextDisabled("Looking for the smallest capacity that works (up to %.0f s)...", app.diagnosis_seconds);
  else if (ImGui::Button("Smallest capacity that works"))
    app.find_smallest_capacity();
  if (d.smallest) {
    if (d.smallest->status == Status::kSolved) {
      ImGui::TextWrapped("%lld%s", (long long)d.smallest->capacity,
                         d.smallest->proven_minimal ? " (proven minimal)" : " (not proven minimal)");
      ImGui::SameLine();
      if (ImGui::Button("Solve at this capacity")) app.solve_at(d.smallest->capacity);
    } else {
      ImGui::TextWrapped("%s", d.smallest->detail.c_str());
    }
  }
}

}  // namespace tela::viz
