#include "algorithms/exact/model.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "analysis/interval_index.h"

namespace tela {
namespace {

}  // namespace

ExactModel::ExactModel(const Problem& p, const std::function<bool()>& stopped)
    : problem(p), sections(compute_sections(p)), spans(compute_section_spans(p, sections)) {
  const size_t n = p.buffers.size();
  std::vector<BufferIndex> fixed;
  for (size_t i = 0; i < n; ++i) {
    if (p.buffers[i].size == 0) continue;
    searched.push_back(BufferIndex(i));
    if (p.buffers[i].fixed_offset) fixed.push_back(BufferIndex(i));
  }
  // By first section: a counting sort (file order within a section).
  starts.assign(sections.size() + 1, 0);
  for (BufferIndex b : searched) ++starts[size_t(spans[size_t(b)].first) + 1];
  for (size_t s = 1; s < starts.size(); ++s) starts[s] += starts[s - 1];
  by_first_section.resize(searched.size());
  std::vector<size_t> next(starts.begin(), starts.end() - 1);
  for (BufferIndex b : searched) by_first_section[next[size_t(spans[size_t(b)].first)]++] = b;
  fixed_list_of.assign(n, -1);
  if (!fixed.empty()) {
    const IntervalIndex index(p, fixed);
    std::map<std::pair<int32_t, int32_t>, int32_t> list_of_span;
    for (size_t i = 0; i < searched.size(); ++i) {
      const BufferIndex b = searched[i];
      if (stopped && (i & 63) == 0 && stopped()) {  // a list may hold thousands of blocks
        complete = false;
        return;
      }
      if (p.buffers[size_t(b)].fixed_offset) continue;
      const SectionSpan span = spans[size_t(b)];
      const auto [found, added] =
          list_of_span.try_emplace({span.first, span.last}, int32_t(fixed_lists.size()));
      fixed_list_of[size_t(b)] = found->second;
      if (!added) continue;
      std::vector<BufferIndex>& list = fixed_lists.emplace_back();
      index.overlapping(b, [&](BufferIndex f, const Occupied&) { list.push_back(f); });
    }
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
}

}  // namespace tela
