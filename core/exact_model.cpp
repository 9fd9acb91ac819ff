#include "exact_model.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "interval_index.h"

namespace tela {
namespace {

// Each buffer's position when the buffers are sorted by `key` (ties: file order).
template <typename Key>
std::vector<int32_t> ranks_by(size_t n, Key key) {
  std::vector<BufferIndex> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = BufferIndex(i);
  std::stable_sort(order.begin(), order.end(), [&](BufferIndex a, BufferIndex b) { return key(a) < key(b); });
  std::vector<int32_t> rank(n);
  for (size_t i = 0; i < n; ++i) rank[size_t(order[i])] = int32_t(i);
  return rank;
}

}  // namespace

ExactModel::ExactModel(const Problem& p)
    : problem(p), sections(compute_sections(p)), spans(compute_section_spans(p, sections)) {
  const size_t n = p.buffers.size();
  std::vector<BufferIndex> fixed;
  for (size_t i = 0; i < n; ++i) {
    if (p.buffers[i].size == 0) continue;
    searched.push_back(BufferIndex(i));
    if (p.buffers[i].fixed_offset) fixed.push_back(BufferIndex(i));
  }
  fixed_alongside.resize(n);
  if (!fixed.empty()) {
    const IntervalIndex index(p, fixed);
    for (BufferIndex b : searched)
      if (!p.buffers[size_t(b)].fixed_offset)
        index.overlapping(b, [&](BufferIndex f, const Occupied&) {
          fixed_alongside[size_t(b)].push_back(f);
        });
  }
  twin_before.assign(n, -1);
  std::map<std::tuple<TimeValue, TimeValue, Size, Size>, BufferIndex> last_of_kind;
  for (BufferIndex b : searched) {
    const Buffer& x = p.buffers[size_t(b)];
    if (x.fixed_offset) continue;
    const auto [last, first_of_kind] = last_of_kind.try_emplace({x.lower, x.upper, x.size, x.alignment}, b);
    if (!first_of_kind) {
      twin_before[size_t(b)] = last->second;
      last->second = b;
    }
  }
  // The load of the busiest section each buffer lives in: buffers in crowded times first.
  std::vector<Size> crowd(n, 0);
  for (BufferIndex b : searched)
    for (int32_t s = spans[size_t(b)].first; s < spans[size_t(b)].last; ++s)
      crowd[size_t(b)] = std::max(crowd[size_t(b)], sections[size_t(s)].load);
  auto width = [&](BufferIndex b) { return p.buffers[size_t(b)].upper - p.buffers[size_t(b)].lower; };
  auto area = [&](BufferIndex b) { return p.buffers[size_t(b)].size * width(b); };
  // Longest-lived first, then largest area, then most crowded; and two rotations of that.
  auto by = [&](auto key) { orderings.push_back(ranks_by(n, key)); };
  by([&](BufferIndex b) { return std::make_tuple(-width(b), -area(b), -crowd[size_t(b)]); });
  by([&](BufferIndex b) { return std::make_tuple(-crowd[size_t(b)], -area(b), -width(b)); });
  by([&](BufferIndex b) { return std::make_tuple(-crowd[size_t(b)], -width(b), -area(b)); });
}

}  // namespace tela
