#include "algorithms/best_fit/free_gaps.h"

#include <iterator>

namespace tela {

void FreeGaps::insert(Offset start, Offset end) {
  if (start >= end) return;
  by_start_.emplace(start, end);
  by_size_.emplace(end - start, start);
}

void FreeGaps::erase(std::map<Offset, Offset>::iterator gap) {
  by_size_.erase({gap->second - gap->first, gap->first});
  by_start_.erase(gap);
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
  erase(gap);
  insert(start, offset);
  insert(offset + size, end);
}

void FreeGaps::give_back(Offset offset, Size size) {
  if (size <= 0) return;
  Offset start = offset, end = offset + size;
  auto next = by_start_.lower_bound(end);
  if (next != by_start_.end() && next->first == end) {
    end = next->second;
    erase(next);
  }
  auto after = by_start_.lower_bound(start);
  if (after != by_start_.begin()) {
    auto prev = std::prev(after);
    if (prev->second == start) {
      start = prev->first;
      erase(prev);
    }
  }
  insert(start, end);
}

}  // namespace tela
