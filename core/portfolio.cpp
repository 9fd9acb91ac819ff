#include "portfolio.h"

#include <algorithm>
#include <chrono>

#include "best_fit.h"
#include "exact.h"
#include "greedy.h"
#include "proofs.h"
#include "telamalloc.h"
#include "validator.h"

namespace tela {
namespace {

using Clock = std::chrono::steady_clock;

struct Stage {
  const char* name;
  AlgorithmFunction run;
  double share;  // of the time limit (or, with none, seconds); 0: whatever is left
};

// TelaMalloc either fits a problem within milliseconds or wanders for long (it solves none of
// the challenging suite in an hour): a small budget, 5% of the limit and at most 50 ms.
constexpr Stage kStages[] = {
    {"best-fit", best_fit, 0},
    {"greedy", greedy_by_size, 0},
    {"telamalloc", telamalloc, 0.05},
    {"exact", exact, 0},
};
constexpr double kMostForTelaMalloc = 0.05;

// The seconds a stage may take: its share, never beyond what is left of the limit (0: none).
double budget(const Stage& stage, const SolveOptions& options, double elapsed) {
  if (options.timeout_seconds <= 0) return stage.share > 0 ? kMostForTelaMalloc : 0;
  const double left = std::max(1e-9, options.timeout_seconds - elapsed);
  return stage.share > 0 ? std::min({left, stage.share * options.timeout_seconds, kMostForTelaMalloc})
                         : left;
}

// Sends a stage's recorded events on to the caller's observer.
void forward(const Trace& trace, TraceObserver* observer) {
  for (size_t i = 0; i < trace.events.size(); ++i) observer->on_event(trace.events[i], trace.causes_of(i));
}

bool fits(const Problem& problem, const SolveResult& r) {
  return r.status == Status::kSolved && peak_of(problem, r.solution) <= problem.capacity &&
         validate(problem, r.solution).ok();
}

}  // namespace

SolveResult auto_solve(const Problem& problem, const SolveOptions& options) {
  const auto start = Clock::now();
  if (std::optional<std::string> proof = prove_infeasible(problem))
    return {.status = Status::kInfeasible, .solution = {std::vector<Offset>(problem.buffers.size(), kUnplaced)},
            .algorithm = "auto", .detail = *proof};
  SolveResult last;
  Trace last_trace;
  for (const Stage& stage : kStages) {
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    SolveOptions stage_options = options;
    stage_options.timeout_seconds = budget(stage, options, elapsed);
    Trace trace;
    stage_options.observer = options.observer ? &trace : nullptr;
    SolveResult r = stage.run(problem, stage_options);
    r.algorithm = stage.name;
    const bool out_of_time = options.timeout_seconds > 0 &&
                             std::chrono::duration<double>(Clock::now() - start).count() >= options.timeout_seconds;
    const bool stop = fits(problem, r) || r.status == Status::kInfeasible || r.status == Status::kCancelled ||
                      (r.status == Status::kTimeout && out_of_time);
    last = std::move(r);
    last_trace = std::move(trace);
    if (stop) break;
  }
  if (options.observer) forward(last_trace, options.observer);
  if (last.status == Status::kSolved && !fits(problem, last)) last.status = Status::kNotFound;
  last.algorithm = "auto (" + last.algorithm + ")";
  return last;
}

}  // namespace tela
