#include "algorithms/best_fit/free_gaps.h"

namespace tela {

// A gap keeps its place among the others by address when it shrinks or grows into free space
// next to it, so by_start_ changes such a gap in place; by_size_ always moves it.

void FreeGaps::insert(Offset start, Offset end) {
  found_valid_ = false;  // an insert moves the keys after it
  if (start >= end) return;
  by_start_.insert({start, end});
  by_size_.insert({end - start, start});
}

void FreeGaps::erase_by_size(const Gap& g) {
  const bool found = found_valid_ && by_size_.at(found_).start == g.start;
  found_valid_ = false;  // erasing moves the keys after it
  by_size_.erase(found ? found_ : by_size_.lower_bound({g.end - g.start, g.start}));
}

bool FreeGaps::is_free(Offset offset, Size size) const {
  const auto gap = gap_at_or_below(offset);
  if (by_start_.at_end(gap)) return false;
  return offset + size <= by_start_.at(gap).end;
}

void FreeGaps::take(Offset offset, Size size) {
  if (size <= 0) return;
  const auto gap = gap_at_or_below(offset);
  const Gap g = by_start_.at(gap);
  const Gap below{g.start, offset}, above{offset + size, g.end};
  erase_by_size(g);
  if (below.start < below.end) {
    by_start_.replace(gap, below);
    by_size_.insert({below.end - below.start, below.start});
    insert(above.start, above.end);
  } else if (above.start < above.end) {
    by_start_.replace(gap, above);
    by_size_.insert({above.end - above.start, above.start});
  } else {
    by_start_.erase(gap);
  }
}

void FreeGaps::give_back(Offset offset, Size size) {
  if (size <= 0) return;
  found_valid_ = false;
  const Offset start = offset, end = offset + size;
  const auto next = by_start_.lower_bound({end, end});
  const bool joins_next = !by_start_.at_end(next) && by_start_.at(next).start == end;
  // No gap starts inside the block, so the one before `next` is the last at or below start.
  const auto prev = by_start_.previous(next);
  const bool joins_prev = !by_start_.at_end(prev) && by_start_.at(prev).end == start;
  Gap merged{start, end};
  if (joins_next) {
    const Gap n = by_start_.at(next);
    erase_by_size(n);
    merged.end = n.end;
  }
  if (joins_prev) {
    const Gap p = by_start_.at(prev);
    erase_by_size(p);
    merged.start = p.start;
    by_start_.replace(prev, merged);
    if (joins_next) by_start_.erase(next);  // after prev: erasing it leaves prev's place as it is
  } else if (joins_next) {
    by_start_.replace(next, merged);
  } else {
    by_start_.insert(merged);
  }
  by_size_.insert({merged.end - merged.start, merged.start});
}

}  // namespace tela
