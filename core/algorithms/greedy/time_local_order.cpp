#include "algorithms/greedy/time_local_order.h"

#include <algorithm>
#include <functional>
#include <queue>
#include <span>
#include <utility>

namespace tela {
namespace {

// The overlap graph of one window, as lists of successors (CSR): member m (its position in the
// window, i.e. its priority) must wait for `waiting[m]` members, and on placement releases
// successors[first[m] .. first[m + 1]).
struct WindowGraph {
  std::vector<uint32_t> first, successors, waiting;
  std::vector<uint32_t> place;  // scratch for the walk
};

// Scratch storage reused from window to window.
struct Scratch {
  std::vector<std::pair<TimeValue, TimeValue>> lives;  // per member, copied once: the sweep
                                                       // reads them often, the problem is large
  std::vector<uint32_t> by_start, active;
  std::vector<std::pair<uint32_t, uint32_t>> edges;  // (earlier, later) in priority
};

// Builds the graph by a sweep over start times: the members still live when a member starts
// are exactly those it overlaps among the ones started before it. False when the window has
// more than `max_edges` overlapping pairs.
bool build_graph(const Problem& problem, std::span<const BufferIndex> window, size_t max_edges,
                 Scratch& s, WindowGraph& g) {
  s.lives.clear();
  for (BufferIndex i : window) s.lives.push_back({problem.buffers[size_t(i)].lower, problem.buffers[size_t(i)].upper});
  const auto lower = [&](uint32_t m) { return s.lives[m].first; };
  const auto upper = [&](uint32_t m) { return s.lives[m].second; };
  s.by_start.resize(window.size());
  for (uint32_t m = 0; m < window.size(); ++m) s.by_start[m] = m;
  std::sort(s.by_start.begin(), s.by_start.end(), [&](uint32_t a, uint32_t b) {
    return lower(a) != lower(b) ? lower(a) < lower(b) : a < b;
  });
  s.active.clear();
  s.edges.clear();
  for (uint32_t m : s.by_start) {
    const TimeValue start = lower(m);
    std::erase_if(s.active, [&](uint32_t a) { return upper(a) <= start; });
    for (uint32_t a : s.active) s.edges.push_back({std::min(a, m), std::max(a, m)});
    if (s.edges.size() > max_edges) return false;
    s.active.push_back(m);
  }
  g.first.assign(window.size() + 1, 0);
  g.waiting.assign(window.size(), 0);
  for (const auto& [from, to] : s.edges) {
    ++g.first[from + 1];
    ++g.waiting[to];
  }
  for (size_t m = 0; m < window.size(); ++m) g.first[m + 1] += g.first[m];
  g.successors.resize(s.edges.size());
  std::vector<uint32_t> fill(g.first.begin(), g.first.end() - 1);
  for (const auto& [from, to] : s.edges) g.successors[fill[from]++] = to;
  return true;
}

// Kahn's algorithm: of the members whose predecessors are all out, the earliest-starting next
// (ties by priority, so the order is the same on every platform).
void append_in_time_order(std::span<const BufferIndex> window, const Scratch& s, WindowGraph& g,
                          std::vector<BufferIndex>& out) {
  // Keyed by place in s.by_start, which sorts by (start, priority): one integer to compare.
  std::vector<uint32_t>& place = g.place;
  place.resize(window.size());
  for (uint32_t p = 0; p < window.size(); ++p) place[s.by_start[p]] = p;
  std::priority_queue<uint32_t, std::vector<uint32_t>, std::greater<uint32_t>> ready;
  for (uint32_t m = 0; m < window.size(); ++m)
    if (g.waiting[m] == 0) ready.push(place[m]);
  while (!ready.empty()) {
    const uint32_t m = s.by_start[ready.top()];
    ready.pop();
    out.push_back(window[m]);
    for (uint32_t e = g.first[m]; e < g.first[m + 1]; ++e)
      if (--g.waiting[g.successors[e]] == 0) ready.push(place[g.successors[e]]);
  }
}

}  // namespace

std::vector<BufferIndex> time_local_order(const Problem& problem,
                                          const std::vector<BufferIndex>& order,
                                          const TimeLocalOrderOptions& options) {
  std::vector<BufferIndex> out;
  out.reserve(order.size());
  Scratch scratch;
  WindowGraph graph;
  const size_t window_size =
      options.window > 0 ? options.window : std::clamp<size_t>(order.size() / 16, 1024, 65536);
  for (size_t begin = 0; begin < order.size(); begin += window_size) {
    const std::span<const BufferIndex> window(
        order.data() + begin, std::min(window_size, order.size() - begin));
    if (build_graph(problem, window, window.size() * options.edges_per_buffer, scratch, graph))
      append_in_time_order(window, scratch, graph, out);
    else
      out.insert(out.end(), window.begin(), window.end());
  }
  return out;
}

}  // namespace tela
