#include "algorithms/best_fit/free_gaps.h"

#include <iterator>

namespace tela {

void FreeGaps::insert(Offset start, Offset end, Nodes* reuse) {
  if (start >= end) return;
  if (!reuse || reuse->start.empty()) {
    by_start_.emplace(start, end);
    by_size_.emplace(end - start, start);
    return;
  }
  reuse->start.key() = start;
  reuse->start.mapped() = end;
  reuse->size.value() = {end - start, start};
  by_start_.insert(std::move(reuse->start));
  by_size_.insert(std::move(reuse->size));
  *reuse = {};
}

FreeGaps::Nodes FreeGaps::extract(ByStart::iterator gap) {
  Nodes nodes;
  nodes.size = by_size_.extract({gap->second - gap->first, gap->first});
  nodes.start = by_start_.extract(gap);
  return nodes;
}

bool FreeGaps::is_free(Offset offset, Size size) const {
  auto gap = by_start_.upper_bound(offset);
  if (gap == by_start_.begin()) return false;
  --gap;
  return gap->first <= offset && offset + size <= gap->second;
}

void FreeGaps::take(Offset offset, Size size) {
  if (size <= 0) return;
  auto gap = std::prev(by_start_.upper_bound(offset));
  const Offset start = gap->first, end = gap->second;
  Nodes nodes = extract(gap);
  insert(start, offset, &nodes);
  insert(offset + size, end, &nodes);
}

void FreeGaps::give_back(Offset offset, Size size) {
  if (size <= 0) return;
  Offset start = offset, end = offset + size;
  Nodes nodes;  // those of a neighbour merged in, for the merged gap
  auto next = by_start_.lower_bound(end);
  if (next != by_start_.end() && next->first == end) {
    end = next->second;
    nodes = extract(next);
  }
  auto after = by_start_.lower_bound(start);
  if (after != by_start_.begin()) {
    auto prev = std::prev(after);
    if (prev->second == start) {
      start = prev->first;
      nodes = extract(prev);  // the next one's nodes, if any, are freed here
    }
  }
  insert(start, end, &nodes);
}

}  // namespace tela
