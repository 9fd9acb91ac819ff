// Diagnosing a failed allocation: where the load exceeds the capacity, a minimal set of buffers
// that cannot fit together (core/services/explain.h), and how far the search got. The smallest
// capacity that works has a panel of its own (minimize_panel.cpp), below this one.
#include <imgui.h>

#include <algorithm>

#include "algorithms/best_fit/best_fit.h"
#include "io/csv.h"
#include "viz/ui/app.h"
#include "viz/ui/wrapped_text.h"

namespace tela::viz {

void App::explain_failure() { request_diagnosis("explain", diagnosis.explain_ticket, diagnosis_seconds); }

// One of each kind at a time: `ticket` is that kind's request in flight (0: none).
void App::request_diagnosis(const std::string& kind, uint64_t& ticket, double seconds) {
  if (!session || ticket || running) return;  // a run's end would drop the answer
  ticket = ++diagnosis_tickets;
  if (runner.diagnose)
    runner.diagnose(session->run.problem, kind, ticket, seconds);
  else
    diagnose_here(session->run.problem, kind, ticket, seconds);
}

void App::diagnose_here(const Problem& problem, const std::string& kind, uint64_t ticket,
                        double seconds) {
  const SolveOptions options{.timeout_seconds = seconds};
  if (kind == "explain")
    finish_explanation(ticket, explain(problem, options));
  else
    finish_minimize(ticket, minimize(problem, options, [&](const MinimizeStep& step) { minimize_step(ticket, step); }));
}

void App::finish_explanation(uint64_t ticket, Explanation explanation) {
  if (ticket == 0 || ticket != diagnosis.explain_ticket) return;  // about an older problem
  diagnosis.explain_ticket = 0;
  diagnosis.explanation = std::move(explanation);
  diagnosis.subset_packing.clear();
  diagnosis.subset_peak = 0;
  if (session && diagnosis.explanation->status == Status::kInfeasible)
    pack_subset_alone(session->run.problem, diagnosis.explanation->buffers);
}

// Best-fit on the subset alone, with room for anything: a handful of buffers, at once.
void App::pack_subset_alone(const Problem& problem, const std::vector<BufferIndex>& subset) {
  Problem alone;
  alone.capacity = kMaxValue;
  for (BufferIndex b : subset) alone.buffers.push_back(problem.buffers[size_t(b)]);
  const SolveResult packed = best_fit(alone, {});
  if (packed.status != Status::kSolved) return;
  diagnosis.subset_packing.assign(problem.buffers.size(), kUnplaced);
  for (size_t i = 0; i < subset.size(); ++i) diagnosis.subset_packing[size_t(subset[i])] = packed.solution.offsets[i];
  diagnosis.subset_peak = peak_of(alone, packed.solution);
}

namespace {

std::string ids_of(const Problem& p, const std::vector<BufferIndex>& buffers, size_t most) {
  std::string text;
  for (size_t i = 0; i < buffers.size() && i < most; ++i)
    text += (i ? ", " : "") + p.buffers[size_t(buffers[i])].id;
  if (buffers.size() > most) text += ", ... (" + std::to_string(buffers.size()) + " in all)";
  return text;
}

}  // namespace

const char* load_verdict(const Session& s) {
  if (!s.has_run || s.run.result.status == Status::kSolved) return "";
  if (s.busiest >= 0 && s.sections[size_t(s.busiest)].load > s.run.problem.capacity) return "over-capacity";
  return s.run.result.status == Status::kInfeasible ? "proven" : "open";
}

std::string load_summary(const Session& s) {
  const Size capacity = s.run.problem.capacity;
  if (!s.fixed_overlaps.empty()) {  // the file itself: no search is to blame (it said "the gaps")
    const Validation& v = s.fixed_overlaps.front();
    const auto& b = s.run.problem.buffers;
    return "No allocation can exist: the pre-placed buffers " + b[size_t(v.buffer)].id + " and " +
           b[size_t(v.other)].id + " are both live during [" + std::to_string(v.time_lower) + ", " +
           std::to_string(v.time_upper) + ") on addresses [" + std::to_string(v.address_lower) + ", " +
           std::to_string(v.address_upper) + ")" +
           (s.fixed_overlaps.size() > 1 ? ", and " + std::to_string(s.fixed_overlaps.size() - 1) + " more pair(s)" : "") +
           " (crossed in red on the canvas). No allocation moves a pre-placed buffer: the file needs correcting.";
  }
  const std::string verdict = load_verdict(s);
  if (verdict == "proven")
    return "The load never exceeds the capacity, yet no arrangement fits: a complete search proved it. The gaps "
           "left between buffers cannot be closed; \"Why does it not fit?\" finds a smallest set of buffers that clash.";
  if (verdict != "over-capacity") {
    const std::string open = "The load never exceeds the capacity: an allocation may exist that " +
                             s.run.result.algorithm + " did not find. ";
    // A time limit helps only a search that ran out of time; a heuristic does not search on.
    if (s.run.result.status == Status::kTimeout)
      return open + "It ran out of time: try a longer time limit (Algorithm panel), or exact.";
    return open + "Try exact (a complete search: it finds one or proves there is none), or auto.";
  }
  // Sections over the capacity that touch are one time range (input.12 at 10: [0, 3) and
  // [3, 9) were called two): a range starts where the section before is not over, or not
  // touching.
  const std::vector<Section>& x = s.sections;
  int ranges = 0;
  for (size_t i = 0; i < x.size(); ++i)
    ranges += x[i].load > capacity && (i == 0 || x[i - 1].load <= capacity || x[i - 1].upper != x[i].lower);
  const Section& worst = x[size_t(s.busiest)];
  const auto [first, last] = *busiest_run(s);  // the worst load's whole range, as the canvas outlines
  const TimeValue lower = x[first].lower, upper = x[last].upper;
  std::vector<BufferIndex> live;
  for (size_t i = 0; i < s.run.problem.buffers.size(); ++i) {
    const Buffer& b = s.run.problem.buffers[i];
    if (b.lower < worst.upper && b.upper > worst.lower) live.push_back(BufferIndex(i));
  }
  std::sort(live.begin(), live.end(), [&](BufferIndex a, BufferIndex b) {
    return s.run.problem.buffers[size_t(a)].size > s.run.problem.buffers[size_t(b)].size;
  });
  return "No allocation can exist: the load exceeds the capacity during " + std::to_string(ranges) + " time range" +
         (ranges == 1 ? "" : "s") + " (shaded orange on the canvas: \"load above capacity\" in the Legend). Worst: [" +
         std::to_string(lower) + ", " + std::to_string(upper) + ") (outlined in orange), " + std::to_string(worst.load) +
         (worst.load == 1 ? " byte live, " : " bytes live, ") + std::to_string(worst.load - capacity) + " over. Live " +
         (first == last ? "there" : "at " + std::to_string(worst.lower)) +
         ", largest first: " + ids_of(s.run.problem, live, 8) + ".";
}

namespace {

// How far a search that gave up got, when that says something (some but not all placed).
void how_far_it_got(const Session& s) {
  const auto& offsets = s.run.result.solution.offsets;
  const auto unplaced = std::count(offsets.begin(), offsets.end(), kUnplaced);
  if (unplaced == 0 || unplaced == int64_t(offsets.size())) return;
  const int64_t placed = int64_t(offsets.size()) - unplaced;
  // Where the trace shows that many placed: its last step (a search stopped there), an earlier
  // one (a complete search unwinds to nothing), or none (a trace cut short ends before it).
  const int64_t step = s.player.final_counts().placed == placed ? s.player.steps() : s.player.first_step_placing(placed);
  const std::string where = step == s.player.steps() ? "the last step shows it"
                            : step >= 0 ? "step " + with_commas(step) + " is the first to place as many"
                                        : "the trace keeps the search's first events only, and ends before it";
  text_wrapped("The deepest partial allocation placed %s of %s buffers (%s).", with_commas(placed).c_str(),
                     with_commas(int64_t(offsets.size())).c_str(), where.c_str());
}

// The infeasible subset: its members, which of them are drawn at this step (outlined), and
// the times they clash (yellow bands).
void explanation_text(App& app, const Session& s, const Explanation& e) {
  if (e.status == Status::kSolved) {  // the search fitted everything: say so, and offer it
    text_wrapped("It fits: a search placed every buffer within the capacity %lld, where %s did not.",
                       (long long)s.run.problem.capacity, s.run.result.algorithm.c_str());
    if (button(app, "Show that allocation", "diagnosis.show_fit"))
      app.show_found(e.solution, s.run.problem.capacity, "explain: an allocation that fits", e.detail,
                     "an allocation that fits, found by the search of \"Why does it not fit?\"");
    return;
  }
  if (e.status != Status::kInfeasible) {
    text_wrapped("%s", e.detail.c_str());
    return;
  }
  std::vector<BufferIndex> placed, unplaced;
  for (BufferIndex b : e.buffers) (s.player.offsets()[size_t(b)] == kUnplaced ? unplaced : placed).push_back(b);
  text_wrapped("These %d buffers cannot fit together%s: %s. They clash during the yellow "
                     "bands.", int(e.buffers.size()), e.minimal ? " (remove any one and the rest fit)" : "",
                     ids_of(s.run.problem, e.buffers, 12).c_str());
  if (!placed.empty())
    text_wrapped("Outlined in yellow: %s (placed at this step).", ids_of(s.run.problem, placed, 12).c_str());
  if (placed.empty() && !app.diagnosis.subset_packing.empty())
    text_wrapped("None is placed at this step: they are drawn in yellow where best-fit packs them alone, "
                       "reaching %s bytes, above the capacity %s.", with_commas(app.diagnosis.subset_peak).c_str(),
                       with_commas(s.run.problem.capacity).c_str());
  else if (!unplaced.empty())
    text_wrapped("Not placed at this step: %s.", ids_of(s.run.problem, unplaced, 12).c_str());
}

}  // namespace

void draw_diagnosis_panel(App& app) {
  if (!app.session || !app.session->has_run || app.session->run.result.status == Status::kSolved) return;
  if (!header(app, "Diagnosis", "diagnosis.header", ImGuiTreeNodeFlags_DefaultOpen)) return;
  const Session& s = *app.session;
  text_wrapped("%s", load_summary(s).c_str());
  how_far_it_got(s);
  auto& d = app.diagnosis;
  if (d.explain_ticket)
    ImGui::TextDisabled("Looking for the buffers that cannot fit together (up to %.0f s)...", app.diagnosis_seconds);
  else {
    ImGui::BeginDisabled(app.running);  // as "Find the smallest capacity": lost at the run's end
    if (button(app, "Why does it not fit?", "diagnosis.explain")) app.explain_failure();
    ImGui::EndDisabled();
  }
  if (d.explanation) explanation_text(app, s, *d.explanation);
}

}  // namespace tela::viz
