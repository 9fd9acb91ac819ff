#include "services/minimize.h"

#include <algorithm>
#include <numeric>  // std::gcd

#include "algorithms/greedy/anchored.h"
#include "algorithms/improve/improve.h"
#include "analysis/proofs.h"
#include "analysis/sections.h"
#include "io/csv.h"  // kMaxValue
#include "model/checked_math.h"
#include "model/deadline.h"  // now_seconds
#include "model/validator.h"
#include "services/bounds.h"
#include "services/portfolio.h"
#include "services/registry.h"

namespace tela {
namespace {

// No allocation can use less: the busiest time's load, the pre-placed tops, the aligned load,
// raised where the exact search proves a window around the busiest times needs more
// (services/bounds.h), with at most a tenth of the time.
LowerBound least_capacity(const Problem& problem, const SolveOptions& options) {
  return stronger_lower_bound(problem, {.timeout_seconds = options.timeout_seconds / 10,
                                        .cancel = options.cancel,
                                        .exact = options.exact,
                                        .clock = options.clock});
}

// Enough for any allocation (everything stacked above the highest pre-placed block), but no
// more than the largest capacity `solve` and `validate` accept: minimize never answers a
// capacity they would refuse.
Size ample_capacity(const Problem& problem) {
  Size total = 0, fixed_top = 0;
  for (const Buffer& b : problem.buffers) {
    total = saturating_add(total, saturating_add(b.size, b.alignment));
    fixed_top = std::max(fixed_top, saturating_add(b.fixed_offset.value_or(0), b.size));
  }
  return std::min(saturating_add(total, fixed_top), kMaxValue);
}

// The step between capacities worth probing: the gcd of the sizes, the alignments above 1 and
// the pre-placed offsets. Any allocation pushed down buffer by buffer in order of offset, each
// to the lowest offset (a multiple of its alignment) clear of those below it, keeps its peak
// and puts every offset at a multiple of this step: so a capacity holds an allocation exactly
// when the multiple of the step at or below it does, and the least capacity is a multiple of
// it. (The challenging suite's sizes are multiples of 1024: bisecting D's gap of 101,376 bytes
// takes 7 probes rather than 17.)
Size capacity_step(const Problem& problem) {
  Size step = 0;
  for (const Buffer& b : problem.buffers) {
    step = std::gcd(step, b.size);
    if (b.alignment > 1) step = std::gcd(step, b.alignment);
    if (b.fixed_offset) step = std::gcd(step, *b.fixed_offset);
  }
  return std::max<Size>(step, 1);
}

class Minimizer {
 public:
  Minimizer(const Problem& problem, const SolveOptions& options, const std::function<void(const MinimizeStep&)>& on_step)
      : problem_(problem), options_(options), on_step_(on_step) {}

  MinimizeResult run() {
    bound_ = least_capacity(problem_, options_);
    result_.lower_bound = bound_.value;
    result_.bound_argument = bound_.argument;
    proven_below_ = result_.lower_bound;
    Problem roomy = problem_;
    roomy.capacity = ceiling_;
    if (std::optional<std::string> proof = prove_infeasible(roomy)) {
      result_.status = Status::kInfeasible;
      result_.detail = *proof;
      return finish();
    }
    // Best-fit to the end (O(n log n): there is always an answer to give); greedy within half
    // the time left, as its scans of the buffers alongside cost O(live) each: on a trace with
    // 5,000 buffers live at once it took 7 s, and minimize --timeout 2 took 8.
    double greedy_seconds = 0;
    for (std::string_view heuristic : {"best-fit", "greedy"}) {
      const double before = elapsed();
      SolveOptions o{.cancel = options_.cancel, .clock = options_.clock};
      if (options_.timeout_seconds > 0 && heuristic == "greedy")
        o.timeout_seconds = std::max((options_.timeout_seconds - elapsed()) / 2, 1e-3);
      SolveResult r = find_algorithm(heuristic)->run(roomy, o);
      greedy_seconds = elapsed() - before;
      r.algorithm = std::string(heuristic);
      keep_if_better(r);
    }
    report();  // at once: the anchored starts may take half the time
    try_anchored_starts(roomy, greedy_seconds);
    lower_the_best();
    if (problem_.buffers.size() > kExactSettlesUpTo && result_.status == Status::kSolved)
      descend();
    else
      bisect();
    return finish();
  }

 private:
  // The lower bound first with a quarter of the time left, then rounds of iterative deepening
  // over the capacities above it: in a round every probe gets the same slice of time, a
  // kFirstSlices-th of the time left in the first round and twice the last round's in each
  // next one. A round starts at the lowest capacity not proven infeasible, then halves [that,
  // best found) (or up to the ceiling while nothing is found) until they meet; a probe that
  // runs out of its slice leaves its capacity unsettled for the round, to be probed again in
  // the next with twice the time. The bound is probed again once a round's slice is longer
  // than the quarter it had (no capacity is probed again with no more time than it failed
  // with: the exact search would repeat itself). Rounds go on while a probe of the last one
  // ran out of time and time is left; without a time limit there is one round and every
  // probe runs to its end.
  //
  // Why the bound apart: it is most often the answer, and where it is, it is where the exact
  // search is strongest (no slack at the busiest time): on the challenging suite at 10 s, A-C
  // and E-K are proven at the bound by a probe of at most 0.7 s (E), while with every probe
  // at a sixteenth of the time E's capacities above the bound timed out one after the other
  // and the bound was reached in the second round, at 4.85 s rather than 0.9 s. Why not half
  // of the time for it (b3803f7, from an ML trace now past kExactSettlesUpTo, probed by
  // descend()): where the bound is not the answer its probe settles nothing, and the probes
  // above it succeed in their first seconds or not in 60-100 s. Challenging D, 600 s (bound
  // 986112, improvement 1087488): half for the bound, first success at 303 s, 1024000 at the
  // end; this schedule 1017856 at 207 s. J (bound 989184): 1020928 at 402 s, now at 208 s;
  // J at 10 s: 1029120, now 1021952. (One run each, a shared 2-core machine.)
  static constexpr double kBoundShare = 4, kFirstSlices = 32;
  void bisect() {
    double slice = 0, bound_slice = 0;  // no time limit: no limit per probe either
    if (options_.timeout_seconds > 0) {
      const double left = options_.timeout_seconds - elapsed();
      slice = std::max(left / kFirstSlices, 1e-3);
      bound_slice = std::max(left / kBoundShare, 1e-3);
    }
    if (round_up(proven_below_) > proven_below_) {  // the least capacity is a multiple of step_
      proven_below_ = round_up(proven_below_);       // (a bound proven by the windows may not be)
      report();  // callers watching the steps see what makes the answer proven
    }
    const Size bound = proven_below_;
    for (bool first_round = true;; first_round = false) {
      Size low = proven_below_;
      bool first = true, stopped = false;
      if (!first_round && low == bound && slice <= bound_slice) {
        low = round_up(bound + 1);  // it failed with more time than this round's
        first = false;
        stopped = true;
      }
      while (result_.status == Status::kSolved ? low < result_.capacity : low <= ceiling_) {
        const Size above = result_.status == Status::kSolved ? result_.capacity : ceiling_ + 1;
        const Size probe = first ? low : low + (above - low) / 2 / step_ * step_;
        first = false;
        const std::optional<SolveResult> r =
            solve_at(probe, 1, "auto", first_round && probe == bound ? bound_slice : slice);
        if (!r) return;
        stopped = stopped || r->status == Status::kTimeout;
        take(probe, *r, low);
      }
      if (!stopped || slice == 0) return;
      slice *= 2;
    }
  }

  // The least multiple of step_ at or above `capacity` (no capacity in between can hold an
  // allocation that the one below it cannot: see capacity_step).
  Size round_up(Size capacity) const { return (capacity + step_ - 1) / step_ * step_; }

  // A probe's outcome: a lower allocation is kept; else `low` passes the probe (to the next
  // multiple of step_), and when nothing fits there, nothing fits below that multiple either.
  void take(Size probe, const SolveResult& r, Size& low) {
    if (r.status == Status::kSolved) {
      if (keep_if_better(r)) report();
      return;
    }
    if (r.status == Status::kInfeasible) {
      proven_below_ = std::max(proven_below_, round_up(probe + 1));
      report();
    } else {
      unproven_ = true;
    }
    low = round_up(probe + 1);
  }

  // Past kExactSettlesUpTo buffers the heuristics and the improvement have run already, and
  // the exact search finds nothing far below the best in a probe's time: probes go down from
  // the best found, by an eighth of the gap to what is proven, with the exact search alone and
  // half the time left each. What it finds often lies below its capacity. (A 10,000-piece
  // packing, bound 1024: the improvement stops at 1369, exact at 1326 finds 1287 in 3.6 s, at
  // 1250 finds 1250 in 2.1 s, at 1225 nothing in 8 s; halving probed 1024, 1196, ...)
  //
  // A probe that finds an allocation does so in its first dive (about one node per buffer);
  // past that it backtracks near the top and seldom comes back in the time left, so once one
  // probe has succeeded the next ones stop at kDivesPerProbe times its time, and more
  // capacities get probed. Which capacities a dive gets through is erratic (the packing
  // above: 1280, 1260 and 1250 found in ~1.7 s each, 1255 not in 3 s), and a stopped probe
  // proves nothing: it halves the step down from the best rather than barring every capacity
  // below it. A stopped probe has still placed most buffers under its capacity (its deepest
  // partial allocation): greedy completes it, sometimes below the best so far. The next probe
  // begins with the exact search's next ordering: on a large problem its first round is all a
  // probe has time for, and another ordering gets through elsewhere.
  static constexpr double kDivesPerProbe = 1.5;
  void descend() {
    Size low = proven_below_;
    double dive_seconds = 0;  // the last successful probe's time (0: none yet)
    Size step = 0;            // down from the best; 0: an eighth of the gap to what is proven
    uint8_t ordering = 0;     // the exact search's first (ExactParams::first_ordering)
    while (result_.status == Status::kSolved && low < result_.capacity) {
      const Size best = result_.capacity, eighth = std::max<Size>(1, (best - low) / 8);
      const Size probe = best - (step > 0 ? std::min(step, eighth) : eighth);
      const double before = elapsed();
      const std::optional<SolveResult> r = solve_at(probe, 2, "exact", kDivesPerProbe * dive_seconds, ordering);
      if (!r) return;
      if (r->status == Status::kSolved) {
        dive_seconds = elapsed() - before;
        step = 0;
      }
      if (r->status == Status::kTimeout) {
        if (complete_partial(*r)) report();
        ordering = uint8_t((ordering + 1) % 6);
        step = (best - probe) / 2;
        if (step > 0) {
          unproven_ = true;
          continue;
        }
      }
      take(probe, *r, low);
    }
  }

  // Places the buffers a stopped probe left by greedy around those it placed (each at the
  // lowest offset clear of them, largest first); keeps the allocation if it is lower than the
  // best so far, and says whether it did.
  bool complete_partial(const SolveResult& partial) {
    Problem pinned = problem_;
    pinned.capacity = ceiling_;
    const std::vector<Offset>& offsets = partial.solution.offsets;
    if (offsets.size() != pinned.buffers.size()) return false;
    for (size_t i = 0; i < offsets.size(); ++i)
      if (offsets[i] != kUnplaced) pinned.buffers[i].fixed_offset = offsets[i];
    // Within the time left: greedy alone may take longer than the whole limit (see run()).
    SolveOptions o{.cancel = options_.cancel, .clock = options_.clock};
    if (options_.timeout_seconds > 0) o.timeout_seconds = std::max(options_.timeout_seconds - elapsed(), 1e-3);
    SolveResult r = find_algorithm("greedy")->run(pinned, o);
    r.algorithm = "exact, completed by greedy";
    return keep_if_better(r);
  }

  // Greedy around the busiest time, in each stacking order (algorithms/greedy/anchored.h), then
  // around where each answer peaks as well: on ML-like traces often far closer to the bound
  // than plain greedy, for a few greedy runs each. Then the same with best-fit around the
  // stacks, which the sweeps between them sometimes bring lower still (ml 30,000 --density 20:
  // 0.80% above the bound with greedy, 0.35% with best-fit). Each start gets as many rounds as
  // fit in half the time (each a greedy run, plus sweeps), up to four, and none once not one
  // fits. (ml 20000 s1: one round 0.89% above the bound, four 0%. ml 100,000 --density 40,
  // where a greedy run takes 1.7 s: a third of 10 s fitted no round; one round is 0.33% lower.)
  static constexpr int kAnchorRounds = 4;
  void try_anchored_starts(const Problem& roomy, double greedy_seconds) {
    for (AnchorFill fill : {AnchorFill::kGreedy, AnchorFill::kBestFit})
      for (AnchorOrder order : kAnchorOrders) {
        if (result_.status == Status::kSolved && result_.capacity <= result_.lower_bound) return;
        if (options_.cancel && options_.cancel->load()) return;
        int rounds = kAnchorRounds;
        double limit = 0;
        if (options_.timeout_seconds > 0) {
          limit = options_.timeout_seconds / 2 - elapsed();
          rounds = int(std::min<double>(kAnchorRounds, limit / std::max(greedy_seconds, 1e-9)));
          if (rounds < 1) return;
        }
        std::optional<SolveResult> r = anchored_greedy(roomy, order, {.timeout_seconds = limit, .cancel = options_.cancel},
                                                       rounds, result_.lower_bound, fill);
        if (!r) return;  // nothing movable live at the busiest time: no stack to build
        r->algorithm = std::string(fill == AnchorFill::kGreedy ? "anchored greedy (" : "anchored best-fit (") +
                       name_of(order) + ")";
        if (keep_if_better(*r)) report();
      }
  }

  // Brings the heuristics' best down by large-neighbourhood search (improve.h) before the
  // probes: on a problem too large for the exact search to probe whole, the probes find
  // nothing, and this is what closes the gap. It gets a share of the time (most of it on such
  // problems) and ends sooner when it can go no lower.
  void lower_the_best() {
    if (result_.status != Status::kSolved || result_.capacity <= proven_below_) return;
    SolveOptions o = options_;
    if (options_.timeout_seconds > 0) {
      const double share = problem_.buffers.size() > kExactSettlesUpTo ? 0.75 : 0.25;
      o.timeout_seconds = std::max((options_.timeout_seconds - elapsed()) * share, 1e-3);
    }
    const std::string from = "improve (from " + result_.algorithm + ")";
    const ImproveResult r = improve(problem_, result_.solution, proven_below_, o, [&](const ImproveStep& step) {
      moves_ = step.moves;
      if (on_step_)
        on_step_({.seconds = elapsed(), .capacity = step.peak, .proven_below = proven_below_, .found_by = from,
                  .moves = step.moves, .offsets = step.offsets});
    });
    moves_ = r.moves;
    if (r.stopped == Status::kCancelled) return;
    if (r.peak < result_.capacity)
      keep_if_better({.status = Status::kSolved, .solution = r.solution, .peak = r.peak,
                      .algorithm = from, .detail = r.detail, .seconds = 0});
  }

  // One probe by `algorithm` with 1/share of the time left; nullopt when the whole time is up
  // or cancelled. `most`: with a timeout, no more seconds than this (0: no such limit);
  // `ordering`: the exact search's first (ExactParams::first_ordering).
  std::optional<SolveResult> solve_at(Size capacity, int share, std::string_view algorithm = "auto",
                                      double most = 0, uint8_t ordering = 0) {
    const double left = options_.timeout_seconds > 0 ? options_.timeout_seconds - elapsed() : 0;
    if (options_.timeout_seconds > 0 && left <= 0) return std::nullopt;
    if (options_.cancel && options_.cancel->load()) return std::nullopt;
    Problem p = problem_;
    p.capacity = capacity;
    double seconds = options_.timeout_seconds > 0 ? std::max(left / share, 1e-3) : 0;
    if (most > 0 && seconds > 0) seconds = std::min(seconds, most);  // (no timeout: none)
    SolveOptions o{.timeout_seconds = seconds,
                   .cancel = options_.cancel,
                   .telamalloc = options_.telamalloc,
                   .exact = options_.exact,
                   .clock = options_.clock};
    o.exact.first_ordering = ordering;
    SolveResult r = solve(p, *find_algorithm(algorithm), o);
    if (r.status == Status::kCancelled) return std::nullopt;
    ++probes_;
    return r;
  }

  // Keeps `r` if it is a valid allocation below the best so far; says whether it did.
  bool keep_if_better(const SolveResult& r) {
    if (r.status != Status::kSolved) return false;
    Problem roomy = problem_;
    roomy.capacity = ceiling_;
    const Size peak = peak_of(problem_, r.solution);
    if (!validate(roomy, r.solution).ok()) return false;
    if (result_.status == Status::kSolved && peak >= result_.capacity) return false;
    result_.status = Status::kSolved;
    result_.capacity = peak;
    result_.solution = r.solution;
    result_.algorithm = r.algorithm;
    return true;
  }

  // Tells `on_step_` where the bounds stand (nothing before an allocation is found).
  void report() const {
    if (on_step_ && result_.status == Status::kSolved)
      on_step_({elapsed(), result_.capacity, proven_below_, result_.algorithm, moves_, result_.solution.offsets});
  }

  MinimizeResult finish() {
    result_.seconds = elapsed();
    if (result_.status != Status::kSolved && result_.status != Status::kInfeasible && proven_below_ > ceiling_) {
      result_.status = Status::kInfeasible;
      result_.detail = "no capacity up to " + std::to_string(ceiling_) + " holds an allocation (" +
                       (result_.lower_bound > ceiling_ ? "the lower bound is " + std::to_string(result_.lower_bound)
                                                       : std::string("proven at ") + std::to_string(ceiling_)) +
                       ")";
      return result_;
    }
    if (result_.status != Status::kSolved) {
      if (result_.status != Status::kInfeasible)
        result_.status = options_.cancel && options_.cancel->load() ? Status::kCancelled : Status::kTimeout;
      return result_;
    }
    result_.proven_minimal = result_.capacity <= proven_below_;
    if (result_.detail.empty())
      result_.detail =
          result_.capacity == result_.lower_bound ? "it equals the lower bound (" + bound_.argument + ")"
          : result_.proven_minimal ? std::to_string(result_.capacity - 1) + " is proven infeasible"
          : "not proven minimal: capacities from " + std::to_string(proven_below_) + " to " +
                std::to_string(result_.capacity - 1) + " are " +
                (unproven_ ? "unsettled (out of time)" : "untried") + "; lower bound: " +
                bound_.argument;
    result_.detail += ", " + std::to_string(probes_) + (probes_ == 1 ? " probe" : " probes");
    return result_;
  }

  double elapsed() const { return now_seconds(options_) - start_; }

  const Problem& problem_;
  const SolveOptions& options_;
  const std::function<void(const MinimizeStep&)>& on_step_;
  const double start_ = now_seconds(options_);
  const Size ceiling_ = ample_capacity(problem_);  // the largest capacity probed
  const Size step_ = capacity_step(problem_);      // capacities worth probing are its multiples
  MinimizeResult result_;
  LowerBound bound_;  // result_.lower_bound and why
  Size proven_below_ = 0;  // every capacity below this is proven infeasible
  bool unproven_ = false;
  int probes_ = 0;
  int64_t moves_ = 0;  // the improvement's, for progress reports
};

}  // namespace

MinimizeResult minimize(const Problem& problem, const SolveOptions& options,
                        const std::function<void(const MinimizeStep&)>& on_step) {
  return Minimizer(problem, options, on_step).run();
}

}  // namespace tela
