#include "algorithms/greedy/address_union.h"

#include <algorithm>

namespace tela {

size_t AddressUnion::chunk_ending_after(Offset x) const {
  return size_t(std::partition_point(summaries_.begin(), summaries_.end(),
                                     [x](const Summary& s) { return s.upper <= x; }) -
                summaries_.begin());
}

void AddressUnion::add(Occupied block) {
  if (chunks_.empty()) {
    chunks_.push_back({block});
    summaries_.push_back({});
    summarise(0);
    return;
  }
  // The chunk holding the first range that ends at or after the block's start (touching
  // merges too); a block above everything joins the last chunk.
  size_t c = chunk_ending_after(block.lower - 1);
  if (c == chunks_.size()) --c;
  std::vector<Occupied>& ranges = chunks_[c];
  auto first = std::lower_bound(ranges.begin(), ranges.end(), block.lower,
                                [](const Occupied& r, Offset v) { return r.upper < v; });
  auto last = first;
  while (last != ranges.end() && last->lower <= block.upper) ++last;
  const size_t at = size_t(first - ranges.begin()), end = size_t(last - ranges.begin());
  // The widest inner gap this addition narrows or closes: gaps i in [at, end], each between
  // ranges i - 1 and i.
  Size narrowed = 0;
  for (size_t i = std::max<size_t>(at, 1); i <= std::min(end, ranges.size() - 1); ++i)
    narrowed = std::max(narrowed, ranges[i].lower - ranges[i - 1].upper);
  if (first == last) {
    ranges.insert(first, block);
  } else {
    first->lower = std::min(first->lower, block.lower);
    first->upper = std::max((last - 1)->upper, block.upper);
    ranges.erase(first + 1, last);
  }
  merge_into_next(c, at);
  // The widest gap changes only if the addition narrowed it (then it is found again), or
  // when a range new at either end of the chunk turns the gap next to it into an inner one.
  Summary& s = summaries_[c];
  if (narrowed >= s.widest_gap) {
    summarise(c);
  } else {
    if (at == 0 && ranges.size() > 1) s.widest_gap = std::max(s.widest_gap, ranges[1].lower - ranges[0].upper);
    if (at + 1 == ranges.size() && at > 0)
      s.widest_gap = std::max(s.widest_gap, ranges[at].lower - ranges[at - 1].upper);
    s.lower = ranges.front().lower;
    s.upper = ranges.back().upper;
  }
  split_if_full(c);
}

// A range grown to the end of its chunk may reach into the chunks after it.
void AddressUnion::merge_into_next(size_t c, size_t at) {
  Occupied& grown = chunks_[c][at];
  while (c + 1 < chunks_.size() && summaries_[c + 1].lower <= grown.upper) {
    std::vector<Occupied>& next = chunks_[c + 1];
    size_t k = 0;
    for (; k < next.size() && next[k].lower <= grown.upper; ++k)
      grown.upper = std::max(grown.upper, next[k].upper);
    next.erase(next.begin(), next.begin() + std::ptrdiff_t(k));
    if (!next.empty()) {
      summarise(c + 1);
      return;
    }
    chunks_.erase(chunks_.begin() + std::ptrdiff_t(c + 1));
    summaries_.erase(summaries_.begin() + std::ptrdiff_t(c + 1));
  }
}

void AddressUnion::summarise(size_t c) {
  const std::vector<Occupied>& ranges = chunks_[c];
  Summary& s = summaries_[c];
  s.lower = ranges.front().lower;
  s.upper = ranges.back().upper;
  s.widest_gap = 0;
  for (size_t i = 1; i < ranges.size(); ++i)
    s.widest_gap = std::max(s.widest_gap, ranges[i].lower - ranges[i - 1].upper);
}

void AddressUnion::split_if_full(size_t c) {
  if (chunks_[c].size() <= kMaxChunk) return;
  std::vector<Occupied>& full = chunks_[c];
  std::vector<Occupied> upper_half(full.begin() + std::ptrdiff_t(full.size() / 2), full.end());
  full.resize(full.size() / 2);
  chunks_.insert(chunks_.begin() + std::ptrdiff_t(c + 1), std::move(upper_half));
  summaries_.insert(summaries_.begin() + std::ptrdiff_t(c + 1), Summary{});
  summarise(c);
  summarise(c + 1);
}

Offset AddressUnion::first_fit(Offset x, Size size, Size alignment) const {
  Offset y = x;
  for (size_t c = chunk_ending_after(x); c < chunks_.size(); ++c) {
    const Summary& s = summaries_[c];
    if (y + size <= s.lower) return y;  // the gap before the chunk
    if (s.widest_gap < size) {          // no gap inside the chunk is wide enough
      y = std::max(y, align_up(s.upper, alignment));
      continue;
    }
    const std::vector<Occupied>& ranges = chunks_[c];
    auto r = std::upper_bound(ranges.begin(), ranges.end(), y,
                              [](Offset v, const Occupied& o) { return v < o.upper; });
    for (; r != ranges.end(); ++r) {
      if (y + size <= r->lower) return y;
      y = std::max(y, align_up(r->upper, alignment));
    }
  }
  return y;
}

}  // namespace tela
