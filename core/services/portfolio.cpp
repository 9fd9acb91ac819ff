#include "services/portfolio.h"

#include <algorithm>
#include <atomic>
#include <span>
#include <string>
#include <string_view>

#include "algorithms/greedy/anchored.h"
#include "algorithms/improve/improve.h"
#include "services/bounds.h"
#include "analysis/proofs.h"
#include "model/deadline.h"  // now_seconds
#include "model/validator.h"
#include "services/registry.h"

namespace tela {
namespace {

struct Stage {
  std::string_view algorithm;  // its name in the registry, or what `run` is
  bool budgeted;               // stops after a number of placements (see PlacementBudget)
  AlgorithmFunction run = nullptr;  // for a stage that is not a registered algorithm
  bool improves = false;       // lowers the lowest allocation so far instead (see below)
};

// TelaMalloc either fits a problem within a few placements or may wander for as long as it is
// given (on hard problems, without end): it first gets a short budget of placements, not of
// milliseconds, so that `auto` gives the same answer on every machine and in WASM (a compiler
// wants the same allocation on every build), and exact the rest of the time. Should exact stop
// without an answer before the time is up (it no longer gives up on large parts, since
// issue 16, so only when cancelled), TelaMalloc gets what is left. The budget is flat, not per
// buffer: one that grew with the problem would hold a large problem's exact search back for
// longer than that search needs.
// Greedy anchored at the busiest time (algorithms/greedy/anchored.h) comes after greedy: a few
// greedy runs that often fit ML-like traces at their lower bound, where the searches after it
// can take their whole time.
// On problems too large for the searches to finish, the improvement (algorithms/improve/) then
// lowers the lowest of those allocations towards the capacity, with a budget of work (so again
// the same answer everywhere); smaller ones go straight to the searches, which settle them.
constexpr Stage kStages[] = {
    {"best-fit", false}, {"greedy", false}, {"anchored greedy", false, anchored_greedy_stage},
    {"improve", false, nullptr, true}, {"telamalloc", true}, {"exact", false}, {"telamalloc", false},
};

constexpr int64_t kTelaMallocPlacements = 1000;

// Counts a stage's placements and asks it to stop (through its cancel flag, which it reads at
// points that depend only on its work) when the budget is spent or the caller cancels.
struct PlacementBudget : TraceObserver {
  TraceObserver* next;
  int64_t left;
  const std::atomic<bool>* caller_cancel;
  std::atomic<bool> stop{false};
  PlacementBudget(TraceObserver* n, int64_t budget, const std::atomic<bool>* cancel)
      : next(n), left(budget), caller_cancel(cancel) {}
  void on_event(const TraceEvent& event, std::span<const BufferIndex> causes) override {
    if (event.kind == EventKind::kPlace && --left <= 0) stop = true;
    if (caller_cancel && caller_cancel->load(std::memory_order_relaxed)) stop = true;
    if (next) next->on_event(event, causes);
  }
};

// The lowest complete allocation the stages have built (valid but for the capacity), with the
// events that built it, for the improvement to start from.
struct Start {
  SolveResult result;
  Trace trace;
  Size peak = 0;
  bool found = false;
  void offer(const Problem& problem, const SolveResult& r, const Trace& events) {
    if (r.status != Status::kSolved && r.status != Status::kNotFound) return;
    if (r.solution.offsets.size() != problem.buffers.size()) return;
    for (Offset x : r.solution.offsets)
      if (x == kUnplaced) return;
    const Size p = peak_of(problem, r.solution);
    if (found && p >= peak) return;
    result = r, trace = events, peak = p, found = true;
  }
};

// The improvement from `start` towards the capacity; its trace is the start's, then the moves.
SolveResult improve_stage(const Problem& problem, const SolveOptions& options, const Start& start, Trace* trace) {
  const std::string from = "improve (from " + start.result.algorithm + ")";
  if (!start.found)  // at most kExactSettlesUpTo buffers, or no complete allocation
    return {.status = Status::kNotFound, .solution = {}, .algorithm = from, .detail = "not needed"};
  SolveOptions o = options;
  if (o.improve.work <= 0) o.improve.work = kAutoImproveWork;
  if (trace) *trace = start.trace;
  const ImproveResult r =
      improve(problem, start.result.solution, quick_lower_bound(problem).value, o, {}, problem.capacity);
  const Status status = r.stopped == Status::kTimeout || r.stopped == Status::kCancelled ? r.stopped
                        : r.peak <= problem.capacity                                   ? Status::kSolved
                                                                                       : Status::kNotFound;
  return {.status = status, .solution = r.solution, .peak = r.peak, .algorithm = from, .detail = r.detail};
}

// The seconds a stage may take: what is left of the limit (0: none).
double budget(const SolveOptions& options, double elapsed) {
  if (options.timeout_seconds <= 0) return 0;
  return std::max(1e-9, options.timeout_seconds - elapsed);
}

bool fits(const Problem& problem, const SolveResult& r) {
  return r.status == Status::kSolved && peak_of(problem, r.solution) <= problem.capacity &&
         validate(problem, r.solution).ok();
}

}  // namespace

SolveResult auto_solve(const Problem& problem, const SolveOptions& options) {
  const double start = now_seconds(options);
  if (std::optional<std::string> proof = prove_infeasible(problem))
    return {.status = Status::kInfeasible, .solution = {std::vector<Offset>(problem.buffers.size(), kUnplaced)},
            .algorithm = "auto", .detail = *proof};
  SolveResult last;
  Trace last_trace;
  Start lowest;
  Start nearest;  // the lowest complete allocation of any stage: what a failure says it missed by
  // Only the stages before the improvement offer it a start, and only where it will run.
  bool offering = problem.buffers.size() > kExactSettlesUpTo;
  for (const Stage& stage : kStages) {
    const double elapsed = now_seconds(options) - start;
    SolveOptions stage_options = options;
    stage_options.timeout_seconds = budget(options, elapsed);
    Trace trace;
    stage_options.observer = options.observer ? &trace : nullptr;
    PlacementBudget placements(stage_options.observer, kTelaMallocPlacements, options.cancel);
    if (stage.budgeted) {
      stage_options.observer = &placements;
      stage_options.cancel = &placements.stop;
    }
    SolveResult r = stage.improves ? improve_stage(problem, stage_options, lowest, stage_options.observer ? &trace : nullptr)
                                   : (stage.run ? stage.run : find_algorithm(stage.algorithm)->run)(problem, stage_options);
    if (!stage.run && !stage.improves) r.algorithm = std::string(stage.algorithm);  // others name their variant
    if (stage.improves) offering = false;
    if (offering) lowest.offer(problem, r, trace);
    nearest.offer(problem, r, {});
    const bool caller_cancelled = options.cancel && options.cancel->load();
    if (stage.budgeted && r.status == Status::kCancelled && !caller_cancelled) {
      r.status = Status::kNotFound;  // its budget is spent: on to the next stage
      r.detail = "gave up after " + std::to_string(kTelaMallocPlacements) + " placements";
    }
    const bool out_of_time = options.timeout_seconds > 0 && now_seconds(options) - start >= options.timeout_seconds;
    const bool settled = fits(problem, r) || r.status == Status::kInfeasible || r.status == Status::kCancelled;
    // No stage starts once the time is up: even its setup could overrun the limit.
    if (!settled && out_of_time && r.status != Status::kTimeout) {
      r.status = Status::kTimeout;
      r.detail = "the time ran out after " + r.algorithm + ": " + r.detail;
    }
    const bool stop = settled || out_of_time;
    last = std::move(r);
    last_trace = std::move(trace);
    if (stop) break;
  }
  if (options.observer) last_trace.replay_to(*options.observer);
  if (last.status == Status::kSolved && !fits(problem, last)) last.status = Status::kNotFound;
  // A failure says how near the stages came: a compiler engineer picks a capacity from it.
  if (last.status != Status::kSolved && last.status != Status::kInfeasible && nearest.found && nearest.peak > problem.capacity)
    last.detail += (last.detail.empty() ? "" : "; ") + std::string("the lowest complete allocation found (") +
                   nearest.result.algorithm + "'s) needs " + std::to_string(nearest.peak) + " bytes, above the capacity " +
                   std::to_string(problem.capacity);
  last.algorithm = "auto (" + last.algorithm + ")";
  return last;
}

}  // namespace tela
