#include "analysis/interval_index.h"

#include <algorithm>
#include <bit>

namespace tela {

IntervalIndex::IntervalIndex(const Problem& problem, const std::vector<BufferIndex>& buffers)
    : size_(buffers.size()) {
  positions_.resize(problem.buffers.size());
  if (buffers.empty()) return;  // nothing to find: skip ranking the problem's times
  // Ranks for every buffer of the problem, from its starts and its ends, each sorted (files
  // usually list buffers by start, so the starts are sorted already) and merged.
  using TimeCode = std::pair<TimeValue, uint32_t>;  // (time, buffer * 2 + is_upper)
  std::vector<TimeCode> starts, ends, events(problem.buffers.size() * 2);
  starts.reserve(problem.buffers.size());
  ends.reserve(problem.buffers.size());
  for (size_t i = 0; i < problem.buffers.size(); ++i) {
    starts.push_back({problem.buffers[i].lower, uint32_t(i * 2)});
    ends.push_back({problem.buffers[i].upper, uint32_t(i * 2 + 1)});
  }
  for (std::vector<TimeCode>* v : {&starts, &ends})
    if (!std::is_sorted(v->begin(), v->end())) std::sort(v->begin(), v->end());
  std::merge(starts.begin(), starts.end(), ends.begin(), ends.end(), events.begin());
  ranks_.resize(problem.buffers.size());
  for (const auto& [time, code] : events) {
    if (times_.empty() || times_.back() != time) times_.push_back(time);
    Ranks& r = ranks_[code / 2];
    (code % 2 ? r.upper : r.lower) = int32_t(times_.size() - 1);
  }

  // Entries by class, each class in order of start (buffers taken in start order), then of
  // index: std::sort orders ties differently in libstdc++ and libc++, and queries visit in
  // this order, so without the tie-break native and WASM traces differ.
  std::vector<BufferIndex> by_start = buffers;
  const auto earlier = [&](BufferIndex a, BufferIndex b) {
    const int32_t x = ranks_[size_t(a)].lower, y = ranks_[size_t(b)].lower;
    return x != y ? x < y : a < b;
  };
  if (!std::is_sorted(by_start.begin(), by_start.end(), earlier))
    std::sort(by_start.begin(), by_start.end(), earlier);
  for (BufferIndex i : by_start) {
    const Ranks r = ranks_[size_t(i)];
    const size_t k = size_t(std::bit_width(uint32_t(r.upper - r.lower))) - 1;
    if (classes_.size() <= k) classes_.resize(k + 1);
    LifetimeClass& c = classes_[k];
    positions_[size_t(i)] = {uint32_t(k), uint32_t(c.entries.size())};
    c.entries.push_back({r.lower, r.upper, {}});
    c.buffers.push_back(i);
  }
  const size_t rank_count = times_.size();
  for (size_t k = 0; k < classes_.size(); ++k) {
    LifetimeClass& c = classes_[k];
    if (c.entries.empty()) continue;
    c.bucket.resize((rank_count >> k) + 3);
    size_t e = 0;
    for (size_t q = 0; q < c.bucket.size(); ++q) {
      while (e < c.entries.size() && int64_t(c.entries[e].lower) < int64_t(q << k)) ++e;
      c.bucket[q] = uint32_t(e);
    }
  }
}

}  // namespace tela
