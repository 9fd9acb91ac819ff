#include "algorithms/improve/neighbourhood.h"

#include <algorithm>

namespace tela {
namespace {

// A few rounds of freeing what blocks the freed buffers: each round frees every blocker found,
// so needing more means the neighbourhood keeps spreading, and a smaller one is the better try.
constexpr int kBlockerRounds = 6;

Offset align_down(Offset offset, Size alignment) { return offset & ~(alignment - 1); }

// The freed buffers' lives, merged: whether another buffer meets any of them in time.
class Lives {
 public:
  Lives(const Problem& problem, const std::vector<BufferIndex>& freed) {
    for (BufferIndex b : freed) spans_.push_back({problem.buffers[size_t(b)].lower, problem.buffers[size_t(b)].upper});
    std::sort(spans_.begin(), spans_.end(), [](const Span& x, const Span& y) { return x.lower < y.lower; });
    size_t kept = 0;
    for (const Span& s : spans_) {
      if (kept > 0 && s.lower <= spans_[kept - 1].upper) spans_[kept - 1].upper = std::max(spans_[kept - 1].upper, s.upper);
      else spans_[kept++] = s;
    }
    spans_.resize(kept);
  }
  bool meets(const Buffer& b) const {
    // Merged spans are disjoint, so their ends ascend too: the first ending after b starts.
    auto it = std::partition_point(spans_.begin(), spans_.end(), [&](const Span& s) { return s.upper <= b.lower; });
    return it != spans_.end() && it->lower < b.upper;
  }
  TimeValue lower() const { return spans_.front().lower; }
  TimeValue upper() const { return spans_.back().upper; }

 private:
  struct Span {
    TimeValue lower, upper;
  };
  std::vector<Span> spans_;
};

// The `want` highest placed movable buffers live in the window, and the violator: the floor is
// the lowest offset among them, aligned for all of them.
std::vector<BufferIndex> top_slab(const Problem& problem, const std::vector<Offset>& offsets,
                                  const IntervalIndex& index, BufferIndex violator,
                                  const Window& window, Size ceiling, Offset& floor) {
  std::vector<BufferIndex> live;
  index.overlapping(window.lower, window.upper, [&](BufferIndex i, const Occupied&) {
    const Buffer& b = problem.buffers[size_t(i)];
    if (!b.fixed_offset && (window.longest == 0 || lifetime(b) <= window.longest)) live.push_back(i);
  });
  const auto higher = [&](BufferIndex a, BufferIndex b) {
    return offsets[size_t(a)] != offsets[size_t(b)] ? offsets[size_t(a)] > offsets[size_t(b)] : a < b;
  };
  if (std::find(live.begin(), live.end(), violator) == live.end()) live.push_back(violator);
  const size_t k = std::clamp<size_t>(window.want, 1, live.size());
  std::nth_element(live.begin(), live.begin() + ptrdiff_t(k - 1), live.end(), higher);
  // Low enough that the violator itself fits between the floor and the ceiling.
  const Size room = problem.buffers[size_t(violator)].size;
  floor = std::min({offsets[size_t(live[k - 1])], offsets[size_t(violator)], std::max<Offset>(0, ceiling - room)});
  std::vector<BufferIndex> freed;  // the violator among them: the floor is at most its offset
  for (BufferIndex i : live)
    if (offsets[size_t(i)] >= floor) freed.push_back(i);
  return freed;
}

Size largest_alignment(const Problem& problem, const std::vector<BufferIndex>& freed) {
  Size a = 1;
  for (BufferIndex b : freed) a = std::max(a, problem.buffers[size_t(b)].alignment);
  return a;
}

Neighbourhood make_sub_problem(const Problem& problem, const std::vector<Offset>& offsets,
                               std::vector<BufferIndex> freed, const std::vector<BufferIndex>& kept,
                               Offset floor, Size ceiling) {
  Neighbourhood n{.freed = std::move(freed), .floor = floor, .sub = {}};
  n.sub.capacity = ceiling - floor;
  n.sub.buffers.reserve(n.freed.size() + kept.size());
  for (BufferIndex b : n.freed) {
    Buffer copy = problem.buffers[size_t(b)];
    copy.fixed_offset.reset();
    n.sub.buffers.push_back(std::move(copy));
  }
  for (BufferIndex b : kept) {
    const Buffer& buffer = problem.buffers[size_t(b)];
    const Offset bottom = std::max(offsets[size_t(b)], floor), top = offsets[size_t(b)] + buffer.size;
    n.sub.buffers.push_back({.id = buffer.id, .lower = buffer.lower, .upper = buffer.upper,
                             .size = top - bottom, .alignment = 1, .fixed_offset = bottom - floor});
  }
  return n;
}

}  // namespace

TimeValue busiest_time_in(const Problem& problem, const IntervalIndex& index, TimeValue lower, TimeValue upper) {
  std::vector<std::pair<TimeValue, Size>> changes;  // (time, +size at a start, -size at an end)
  index.overlapping(lower, upper, [&](BufferIndex i, const Occupied&) {
    const Buffer& b = problem.buffers[size_t(i)];
    changes.push_back({std::max(b.lower, lower), b.size});
    if (b.upper < upper) changes.push_back({b.upper, -b.size});
  });
  std::sort(changes.begin(), changes.end());  // at one time, ends (negative) before starts
  TimeValue busiest = lower;
  Size load = 0, most = -1;
  for (size_t k = 0; k < changes.size(); ++k) {
    load += changes[k].second;
    const bool last_at_this_time = k + 1 == changes.size() || changes[k + 1].first != changes[k].first;
    if (last_at_this_time && load > most) {
      most = load;
      busiest = changes[k].first;
    }
  }
  return busiest;
}

std::optional<Neighbourhood> neighbourhood_of(const Problem& problem, const std::vector<Offset>& offsets,
                                              const IntervalIndex& index, BufferIndex violator,
                                              const Window& window, Size ceiling) {
  Offset floor = 0;
  std::vector<BufferIndex> freed = top_slab(problem, offsets, index, violator, window, ceiling, floor);
  floor = align_down(floor, largest_alignment(problem, freed));
  for (int round = 0; round < kBlockerRounds && freed.size() <= window.most; ++round) {
    std::sort(freed.begin(), freed.end());
    const Lives lives(problem, freed);
    std::vector<BufferIndex> kept, blockers;
    index.overlapping(lives.lower(), lives.upper(), [&](BufferIndex i, const Occupied&) {
      const Buffer& b = problem.buffers[size_t(i)];
      const Offset top = offsets[size_t(i)] + b.size;
      if (b.size == 0 || top <= floor || std::binary_search(freed.begin(), freed.end(), i) || !lives.meets(b)) return;
      (top > ceiling ? blockers : kept).push_back(i);
    });
    if (blockers.empty()) return make_sub_problem(problem, offsets, std::move(freed), kept, floor, ceiling);
    for (BufferIndex b : blockers) {
      if (problem.buffers[size_t(b)].fixed_offset) return std::nullopt;  // can never go lower
      freed.push_back(b);
      floor = std::min(floor, offsets[size_t(b)]);
    }
    floor = align_down(floor, largest_alignment(problem, freed));
  }
  return std::nullopt;
}

}  // namespace tela
