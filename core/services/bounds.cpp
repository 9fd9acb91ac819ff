#include "services/bounds.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include "algorithms/exact/exact.h"
#include "analysis/proofs.h"
#include "analysis/sections.h"
#include "io/csv.h"  // kMaxValue
#include "io/input_error.h"  // printable
#include "model/checked_math.h"
#include "model/deadline.h"

namespace tela {
namespace {

std::vector<BufferIndex> sized_buffers(const Problem& problem) {
  std::vector<BufferIndex> sized;
  for (size_t i = 0; i < problem.buffers.size(); ++i)
    if (problem.buffers[i].size > 0) sized.push_back(BufferIndex(i));
  return sized;
}

// The buffers with a size, the sections they make and the sections each spans: what every
// bound below reads.
struct Layout {
  std::vector<BufferIndex> sized;
  std::vector<Section> sections;  // of the sized buffers
  std::vector<SectionSpan> spans;  // per buffer of the problem (meaningful for sized ones)
  explicit Layout(const Problem& problem)
      : sized(sized_buffers(problem)),
        sections(compute_sections(problem, sized)),
        spans(compute_section_spans(problem, sections)) {}
};

// Where every buffer live in a section is aligned to at least g, every offset there is a
// multiple of g, so each buffer but the highest is followed by its size rounded up to g before
// the next one starts: the section needs the rounded sizes, less the largest rounding of one.
// Kept in `best` when higher, for the few smallest alignments (above 1) the problem has.
void raise_by_alignment(const Problem& problem, const Layout& layout, LowerBound& best) {
  constexpr size_t kAlignments = 4;
  std::vector<Size> alignments;
  for (BufferIndex b : layout.sized)
    if (Size a = problem.buffers[size_t(b)].alignment; a > 1) alignments.push_back(a);
  std::sort(alignments.begin(), alignments.end());
  alignments.erase(std::unique(alignments.begin(), alignments.end()), alignments.end());
  if (alignments.size() > kAlignments) alignments.resize(kAlignments);
  const size_t n = layout.sections.size();
  for (const Size g : alignments) {
    // Per section, by differences: buffers aligned below g live there, and the rounded sizes.
    std::vector<int64_t> unaligned(n + 1, 0);
    std::vector<Size> rounded(n + 1, 0);
    Size most_padding = 0;
    for (BufferIndex b : layout.sized) {
      const Buffer& x = problem.buffers[size_t(b)];
      const SectionSpan span = layout.spans[size_t(b)];
      if (x.alignment < g) {
        ++unaligned[size_t(span.first)];
        --unaligned[size_t(span.last)];
        continue;
      }
      const Size up = align_up(x.size, g);  // within the problem's total of sizes and alignments
      rounded[size_t(span.first)] += up;
      rounded[size_t(span.last)] -= up;
      most_padding = std::max(most_padding, up - x.size);
    }
    if (most_padding == 0) continue;  // every size a multiple of g: no more than the load
    // The most padding of one buffer per section, painted in from the largest down (each
    // section takes the first, hence largest, that covers it), only where it may matter.
    std::vector<Size> need(n, 0);
    std::vector<bool> candidate(n, false);
    bool any = false;
    int64_t open = 0;
    Size sum = 0;
    for (size_t s = 0; s < n; ++s) {
      open += unaligned[s];
      sum += rounded[s];
      need[s] = sum;
      candidate[s] = open == 0 && sum - std::min(most_padding, g - 1) > best.value;
      any = any || candidate[s];
    }
    if (!any) continue;
    std::vector<std::pair<Size, BufferIndex>> padded;
    for (BufferIndex b : layout.sized) {
      const Buffer& x = problem.buffers[size_t(b)];
      if (x.alignment >= g && align_up(x.size, g) > x.size) padded.push_back({align_up(x.size, g) - x.size, b});
    }
    std::sort(padded.begin(), padded.end(), [](const auto& x, const auto& y) {
      return x.first > y.first || (x.first == y.first && x.second < y.second);
    });
    std::vector<int32_t> next(n + 1);  // the first section at or after s not yet painted
    for (size_t s = 0; s <= n; ++s) next[s] = int32_t(s);
    const auto find = [&](int32_t s) {
      int32_t root = s;
      while (next[size_t(root)] != root) root = next[size_t(root)];
      while (next[size_t(s)] != root) s = std::exchange(next[size_t(s)], root);
      return root;
    };
    std::vector<Size> padding(n, 0);
    for (const auto& [pad, b] : padded) {
      const SectionSpan span = layout.spans[size_t(b)];
      for (int32_t s = find(span.first); s < span.last; s = find(s + 1)) {
        padding[size_t(s)] = pad;
        next[size_t(s)] = s + 1;
      }
    }
    for (size_t s = 0; s < n; ++s) {
      if (!candidate[s] || need[s] - padding[s] <= best.value) continue;
      const Section& section = layout.sections[s];
      best.value = need[s] - padding[s];
      best.argument = "the " + std::to_string(section.live) + " buffers live at time " +
                      std::to_string(section.lower) + " are all aligned to " + std::to_string(g) +
                      ": with each size but the highest one's rounded up to " + std::to_string(g) +
                      ", they need " + std::to_string(best.value);
    }
  }
}

// The load at the busiest time, the pre-placed tops, and the aligned loads.
LowerBound quick_bound(const Problem& problem, const Layout& layout) {
  LowerBound best;
  for (const Section& s : layout.sections)
    if (s.load > best.value) {
      best.value = s.load;
      best.argument = "the load at time " + std::to_string(s.lower);
    }
  for (const Buffer& b : problem.buffers) {
    if (!b.fixed_offset) continue;
    const Size top = saturating_add(*b.fixed_offset, b.size);
    if (top > best.value) {
      best.value = top;
      best.argument = "pre-placed buffer '" + printable(b.id) + "' ends at " + std::to_string(top);
    }
  }
  raise_by_alignment(problem, layout, best);
  if (best.value == 0) best.argument = "no buffer takes any room";
  return best;
}

// Windows of sections around the busiest times, each settled by the exact search at the
// capacities from the best bound so far up to the window's own minimum (or until a search runs
// out of its budget).
class Bounder {
 public:
  Bounder(const Problem& problem, const SolveOptions& options, const BoundLimits& limits)
      : problem_(problem),
        options_(options),
        limits_(limits),
        limited_(options.timeout_seconds > 0),
        end_(now_seconds(options) + (limited_ ? options.timeout_seconds : 0)),
        layout_(problem),
        sized_(layout_.sized),
        sections_(layout_.sections) {}

  LowerBound run() {
    best_ = quick_bound(problem_, layout_);
    const int32_t n = int32_t(sections_.size());
    if (n == 0 || limits_.busy_times <= 0 || stopped()) return best_;
    count_buffers_by_section();
    // The busiest sections first (ties: the earliest); a few candidates per busy time, since
    // those inside a window already settled are passed over.
    std::vector<int32_t> order(size_t(n), 0);
    for (int32_t s = 0; s < n; ++s) order[size_t(s)] = s;
    const size_t candidates = std::min(size_t(n), size_t(limits_.busy_times) * 4);
    std::partial_sort(order.begin(), order.begin() + std::ptrdiff_t(candidates), order.end(),
                      [&](int32_t x, int32_t y) {
                        return sections_[size_t(x)].load > sections_[size_t(y)].load ||
                               (sections_[size_t(x)].load == sections_[size_t(y)].load && x < y);
                      });
    int32_t centres = 0;
    for (size_t k = 0; k < candidates && centres < limits_.busy_times; ++k) {
      const int32_t c = order[k];
      if (sections_[size_t(c)].live > limits_.max_buffers) continue;
      if (std::any_of(explored_.begin(), explored_.end(),
                      [&](const Window& w) { return w.first <= c && c < w.last; }))
        continue;
      ++centres;
      if (!grow_around(c)) break;
    }
    return best_;
  }

 private:
  struct Window {
    int32_t first, last;  // sections [first, last)
  };
  enum class Verdict { kSettled, kUnsettled, kStop };

  // Per section: the sized buffers whose first (starting_) or last (ending_) section it is,
  // which a window takes in when it grows to the right or to the left over that section.
  void count_buffers_by_section() {
    const std::vector<SectionSpan>& spans = layout_.spans;
    starting_.assign(sections_.size(), 0);
    ending_.assign(sections_.size(), 0);
    for (BufferIndex b : sized_) {
      ++starting_[size_t(spans[size_t(b)].first)];
      ++ending_[size_t(spans[size_t(b)].last - 1)];
    }
  }

  // Windows around section c, each about half as many buffers again as the one before, grown
  // towards the busier neighbour, while the search settles them. False: stop altogether.
  bool grow_around(int32_t c) {
    // The windows, planned from the counts alone; then their buffers, found in one pass over
    // the problem for the largest (the others are within it).
    std::vector<Window> plan;
    Window w{c, c + 1};
    int64_t count = sections_[size_t(c)].live;
    for (int32_t round = 0; round < limits_.windows_per_time; ++round) {
      plan.push_back(w);
      const int64_t target = count + std::max<int64_t>(count / 2, 4);
      bool grew = false;
      while (count < target) {
        const bool left = w.first > 0, right = w.last < int32_t(sections_.size());
        if (!left && !right) break;
        const bool go_left =
            left && (!right || sections_[size_t(w.first - 1)].load > sections_[size_t(w.last)].load);
        const int64_t added = go_left ? ending_[size_t(w.first - 1)] : starting_[size_t(w.last)];
        if (count + added > limits_.max_buffers) break;
        if (go_left) --w.first;
        else ++w.last;
        count += added;
        grew = true;
      }
      if (!grew) break;
    }
    pool_.clear();
    for (BufferIndex b : sized_)
      if (meets(b, plan.back())) pool_.push_back(b);
    std::optional<Window> settled;
    for (const Window& window : plan) {
      const Verdict v = settle(window);
      if (v == Verdict::kStop) return false;
      if (v == Verdict::kUnsettled) break;
      settled = window;
    }
    if (settled) explored_.push_back(*settled);
    return true;
  }

  bool meets(BufferIndex b, const Window& w) const {
    const SectionSpan span = layout_.spans[size_t(b)];
    return span.first < w.last && span.last > w.first;
  }

  // The buffers live in the window, their lives clipped to it, pre-placed ones kept in place.
  Problem window_problem(const Window& w) const {
    const TimeValue t0 = sections_[size_t(w.first)].lower, t1 = sections_[size_t(w.last - 1)].upper;
    Problem sub;
    for (BufferIndex b : pool_) {
      if (!meets(b, w)) continue;
      const Buffer& x = problem_.buffers[size_t(b)];
      sub.buffers.push_back({.lower = std::max(x.lower, t0), .upper = std::min(x.upper, t1), .size = x.size,
                             .alignment = x.alignment, .fixed_offset = x.fixed_offset});
    }
    return sub;
  }

  // Searches the window at capacities from the best bound up: an infeasible one raises the
  // bound past it, a solution caps what is left to try; galloping up while nothing fits, then
  // halving. kSettled when the window's minimum is known (or below the bound).
  Verdict settle(const Window& w) {
    Problem sub = window_problem(w);
    sub.capacity = kMaxValue;
    // Pre-placed buffers that collide: nothing fits at any capacity, which says nothing about
    // how much is needed (minimize reports the collision itself).
    if (prove_infeasible(sub)) return Verdict::kSettled;
    constexpr Size kUnknown = std::numeric_limits<Size>::max();
    Size low = best_.value, high = kUnknown, step = 1;
    while (low < high && low <= kMaxValue) {
      const Size c = high == kUnknown ? std::min(saturating_add(low, step - 1), kMaxValue) : low + (high - low) / 2;
      sub.capacity = c;
      const std::optional<SolveResult> r = probe(sub);
      if (!r) return Verdict::kStop;
      if (r->status == Status::kSolved) {
        high = std::min(high, peak_of(sub, r->solution));
      } else if (r->status == Status::kInfeasible) {
        low = c + 1;
        step = saturating_add(step, step);
        if (low > best_.value)
          best_ = {low, "buffers live in [" + std::to_string(sections_[size_t(w.first)].lower) +
                            ", " + std::to_string(sections_[size_t(w.last - 1)].upper) + ") (" +
                            std::to_string(sub.buffers.size()) + " of them) need " + std::to_string(low) + ": " +
                            std::to_string(c) + " proven infeasible by the exact search"};
      } else {
        return Verdict::kUnsettled;
      }
    }
    return Verdict::kSettled;
  }

  // One exact search with the budget's share; nullopt when the time, the budget or the caller
  // says stop. Its clock counts its own reads (so the budget is work, not time), and jumps
  // past any limit once the time given to the whole bound is up.
  std::optional<SolveResult> probe(const Problem& sub) {
    if (stopped()) return std::nullopt;
    const int64_t budget = std::min(limits_.probe_reads, limits_.total_reads - reads_);
    const SolveOptions o{.timeout_seconds = double(budget),
                         .cancel = options_.cancel,
                         .exact = options_.exact,
                         .clock = [this] {
                           ++reads_;
                           if (limited_ && now_seconds(options_) >= end_) return 1e300;
                           return double(reads_);
                         }};
    SolveResult r = exact(sub, o);
    if (r.status == Status::kCancelled) return std::nullopt;
    return r;
  }

  bool stopped() const {
    if (options_.cancel && options_.cancel->load(std::memory_order_relaxed)) return true;
    if (reads_ >= limits_.total_reads) return true;
    return limited_ && now_seconds(options_) >= end_;
  }

  const Problem& problem_;
  const SolveOptions& options_;
  const BoundLimits limits_;
  const bool limited_;
  const double end_;
  const Layout layout_;
  const std::vector<BufferIndex>& sized_;
  const std::vector<Section>& sections_;
  std::vector<int32_t> starting_, ending_;
  std::vector<BufferIndex> pool_;  // the buffers of the largest window around the current centre
  std::vector<Window> explored_;
  int64_t reads_ = 0;
  LowerBound best_;
};

}  // namespace

LowerBound quick_lower_bound(const Problem& problem) { return quick_bound(problem, Layout(problem)); }

LowerBound stronger_lower_bound(const Problem& problem, const SolveOptions& options, const BoundLimits& limits) {
  return Bounder(problem, options, limits).run();
}

}  // namespace tela
