#include "algorithms/improve/improve.h"

#include <algorithm>
#include <string>

#include "algorithms/exact/exact.h"
#include "algorithms/exact/nogoods.h"  // mix64
#include "algorithms/improve/neighbourhood.h"
#include "model/checked_math.h"
#include "model/deadline.h"

namespace tela {
namespace {

// Tries per buffer to move (see window()).
constexpr int kTries = 4;
// Failed steps of one byte in a row before the improvement settles: each tries other windows.
constexpr int kPatience = 3;
// Buffers passed over in one step before it is given up.
constexpr size_t kFailuresPerStep = 4;
// Most buffers one move frees. (Once the exact search's depth limit, 1200; kept: a move's
// search reads all its buffers at every node, and its work budget is for small problems.)
constexpr size_t kMostFreed = 1000;

class Improver {
 public:
  Improver(const Problem& problem, const Solution& start, Size lowest, Size good_enough,
           const SolveOptions& options, const std::function<void(const ImproveStep&)>& on_step)
      : problem_(problem),
        options_(options),
        params_(options.improve),
        on_step_(on_step),
        lowest_(lowest),
        good_enough_(good_enough),
        deadline_(options),
        start_(now_seconds(options)),
        index_(problem, all_buffers(problem)),
        offsets_(start.offsets) {}

  ImproveResult run() {
    const Size first = peak_of(problem_, {offsets_});
    Size peak = first, step = std::max<Size>(1, (peak - lowest_) / 4);
    int64_t steps = 0;
    int failed_in_a_row = 0;
    while (peak > std::max(lowest_, good_enough_) && !stopped()) {
      const Size ceiling = std::max(lowest_, peak - step);
      if (lower_to(ceiling)) {
        const Size before = peak;
        peak = peak_of(problem_, {offsets_});
        if (peak >= before) break;  // cannot happen (see below()); never loop on it
        ++steps;
        failed_in_a_row = 0;
        step = std::max<Size>(1, std::min(step * 2, (peak - lowest_) / 2));
        if (on_step_) on_step_({now_seconds(options_) - start_, peak, moves_, offsets_});
      } else if (!stopped()) {
        if (step == 1 && ++failed_in_a_row >= kPatience) break;
        step = std::max<Size>(1, step / 2);
      }
    }
    // A step cut short (time, work, cancel) has moved buffers below the peak already, and may
    // have lowered it: the answer is what the offsets reach, and whoever watches hears of it.
    if (const Size reached = peak_of(problem_, {offsets_}); reached < peak) {
      peak = reached;
      ++steps;
      if (on_step_) on_step_({now_seconds(options_) - start_, peak, moves_, offsets_});
    }
    return finish(first, peak, steps);
  }

 private:
  // Moves every buffer above `ceiling` below it; false when one cannot be (or time is up).
  bool lower_to(Size ceiling) {
    std::vector<BufferIndex> above;
    for (size_t i = 0; i < offsets_.size(); ++i)
      if (top(BufferIndex(i)) > ceiling) above.push_back(BufferIndex(i));
    // Highest first: the buffers at the peak are the hardest to move, so a step that cannot be
    // taken fails early. Ties in an order of the seed's.
    std::sort(above.begin(), above.end(), [&](BufferIndex a, BufferIndex b) {
      if (top(a) != top(b)) return top(a) > top(b);
      return mix64(uint64_t(a) ^ params_.seed) < mix64(uint64_t(b) ^ params_.seed);
    });
    // A buffer that cannot be moved now may be once others have moved: it is passed over and
    // tried again at the end, unless too many fail (then the ceiling is too low for now).
    std::vector<BufferIndex> failed;
    for (BufferIndex b : above) {
      if (top(b) <= ceiling || move(b, ceiling)) continue;
      if (stopped() || failed.size() >= kFailuresPerStep) return false;
      failed.push_back(b);
    }
    for (BufferIndex b : failed)
      if (top(b) > ceiling && !move(b, ceiling)) return false;
    return true;
  }

  // Frees a neighbourhood of `violator` and places it below `ceiling`, in up to kTries ever
  // larger neighbourhoods; true once it is below.
  bool move(BufferIndex violator, Size ceiling) {
    for (int t = 0; t < kTries; ++t) {
      if (stopped()) return false;
      const std::optional<Neighbourhood> n =
          neighbourhood_of(problem_, offsets_, index_, violator, window(violator, t), ceiling);
      // (A small problem of thousands of pre-placed blocks costs more to set up than it is worth.)
      if (!n || n->sub.capacity <= 0 || n->sub.buffers.size() > 2 * kMostFreed) continue;
      ++moves_;
      SolveOptions sub{.timeout_seconds = double(params_.move_work),
                       .cancel = options_.cancel,
                       .exact = options_.exact,
                       .clock = [this] { return double(work_++); }};
      const SolveResult r = exact(n->sub, sub);
      if (r.status == Status::kCancelled) stop_ = Status::kCancelled;
      if (r.status != Status::kSolved || !below(*n, r.solution, ceiling)) continue;
      for (size_t k = 0; k < n->freed.size(); ++k) {
        const BufferIndex b = n->freed[k];
        const Offset to = r.solution.offsets[k] + n->floor;
        if (to == offsets_[size_t(b)]) continue;
        offsets_[size_t(b)] = to;
        if (options_.observer) emit(options_.observer, {EventKind::kPlace, Reason::kImproved, b, to});
      }
      return true;
    }
    return false;
  }

  // Whether the small problem's answer puts every freed buffer between the floor and the
  // ceiling (what the exact search promises; checked, because a step that "succeeds" without
  // lowering the peak would be taken again and again).
  static bool below(const Neighbourhood& n, const Solution& s, Size ceiling) {
    for (size_t k = 0; k < n.freed.size(); ++k) {
      const Offset x = s.offsets[k];
      if (x < 0 || x == kUnplaced || x + n.sub.buffers[k].size > ceiling - n.floor) return false;
    }
    return true;
  }

  // Try t: 0, 1 and 3, the top slab of the violator's life, about window * 2^t buffers, the
  // window widened on each side by up to t / 2 lives; 2, every buffer live at the busiest
  // time of its life, at any height (at the time that sets the lower bound, a peak comes down
  // only when everything live then is packed without a gap). Sizes and widths are scaled by
  // up to 2x by the seed and the moves so far, so that a retry looks elsewhere.
  Window window(BufferIndex violator, int t) const {
    const Buffer& b = problem_.buffers[size_t(violator)];
    if (t == 2) {
      const TimeValue busiest = busiest_time_in(problem_, index_, b.lower, b.upper);
      return {.lower = busiest, .upper = busiest + 1, .want = kMostFreed, .most = kMostFreed,
              .longest = std::max<uint64_t>(lifetime(b), 1) * 8};
    }
    const uint64_t r = mix64(params_.seed * 0x9E3779B97F4A7C15ull + uint64_t(moves_) * 31 + uint64_t(t));
    const auto pad = [&](uint64_t bits) {
      const uint64_t reach = std::min<uint64_t>(lifetime(b), uint64_t{1} << 52) * uint64_t(t);
      return TimeValue((reach / 128) * (bits % 65));
    };
    const size_t base = size_t(std::max<int64_t>(1, params_.window)) << std::min(t, 2);
    const size_t want = base + base * ((r >> 16) % 101) / 100;
    return {.lower = saturating_add(b.lower, -pad(r)), .upper = saturating_add(b.upper, pad(r >> 8)),
            .want = want, .most = std::min<size_t>(4 * want, kMostFreed)};
  }

  bool stopped() {
    if (stop_ != Status::kSolved) return true;
    if (params_.work > 0 && work_ >= params_.work) {
      work_spent_ = true;
      return true;
    }
    // Every buffer stays placed while the improvement moves them.
    stop_ = deadline_.check([n = int64_t(offsets_.size())] { return Progress{.placed = n, .buffers = n, .deepest = n}; });
    return stop_ != Status::kSolved;
  }

  Size top(BufferIndex b) const { return offsets_[size_t(b)] + problem_.buffers[size_t(b)].size; }

  ImproveResult finish(Size first, Size peak, int64_t steps) {
    ImproveResult r{.solution = {std::move(offsets_)}, .peak = peak, .moves = moves_, .improved = steps,
                    .stopped = stop_, .detail = {}};
    r.detail = (peak < first ? "lowered the peak from " + std::to_string(first) + " to " + std::to_string(peak)
                             : "could not lower the peak of " + std::to_string(first)) +
               " in " + std::to_string(moves_) + (moves_ == 1 ? " move" : " moves") + "; " +
               (peak <= lowest_         ? std::string("it reached the lower bound")
                : peak <= good_enough_        ? "it is at most " + std::to_string(good_enough_) + ", as asked"
                : stop_ == Status::kTimeout   ? std::string("out of time")
                : stop_ == Status::kCancelled ? std::string("cancelled")
                : work_spent_                 ? std::string("its work budget is spent")
                                              : std::string("no move lowers it further"));
    return r;
  }

  const Problem& problem_;
  const SolveOptions& options_;
  const ImproveParams& params_;
  const std::function<void(const ImproveStep&)>& on_step_;
  const Size lowest_;
  const Size good_enough_;
  Deadline deadline_;
  const double start_;
  IntervalIndex index_;
  std::vector<Offset> offsets_;
  int64_t moves_ = 0;
  int64_t work_ = 0;  // clock reads of the moves' exact searches: their work, machine-free
  bool work_spent_ = false;
  Status stop_ = Status::kSolved;
};

}  // namespace

ImproveResult improve(const Problem& problem, const Solution& start, Size lowest, const SolveOptions& options,
                      const std::function<void(const ImproveStep&)>& on_step, Size good_enough) {
  return Improver(problem, start, lowest, good_enough, options, on_step).run();
}

}  // namespace tela
