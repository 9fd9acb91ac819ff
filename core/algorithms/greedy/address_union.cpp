#include "algorithms/greedy/address_union.h"

#include <algorithm>

namespace tela {
namespace {

// The first index i of `items` with ends_after(items[i]) (false, then true along them),
// searched outward from `hint` (any index: a guess), in steps that double: found in O(log d)
// for an answer d places from the guess, reading only the cache lines near it when the guess
// is good.
template <typename T, typename EndsAfter>
size_t first_from(const std::vector<T>& items, size_t hint, EndsAfter ends_after) {
  const size_t n = items.size();
  size_t lo = std::min(hint, n), hi = lo;  // narrowed until the answer is known in [lo, hi]
  if (lo < n && !ends_after(items[lo])) {
    for (size_t step = 1; hi < n && !ends_after(items[hi]); step *= 2) {
      lo = hi + 1;
      hi = std::min(n, hi + step);
    }
  } else {
    for (size_t step = 1; lo > 0 && ends_after(items[lo - 1]); step *= 2) {
      hi = lo - 1;
      lo = lo > step ? lo - step : 0;
    }
  }
  return size_t(std::partition_point(items.begin() + std::ptrdiff_t(lo), items.begin() + std::ptrdiff_t(hi),
                                     [&](const T& item) { return !ends_after(item); }) -
                items.begin());
}

// The first range ending above v, from `hint`.
size_t first_ending_after(const std::vector<Occupied>& ranges, Offset v, size_t hint) {
  return first_from(ranges, hint, [v](const Occupied& r) { return r.upper > v; });
}

}  // namespace

size_t AddressUnion::chunk_ending_after(Offset x) const {
  return size_t(std::partition_point(chunks_.begin(), chunks_.end(),
                                     [x](const Chunk& c) { return c.summary.upper <= x; }) -
                chunks_.begin());
}

size_t AddressUnion::chunk_ending_after(Offset x, size_t hint) const {
  return first_from(chunks_, hint, [x](const Chunk& c) { return c.summary.upper > x; });
}

void AddressUnion::add(Occupied block) {
  if (chunks_.empty()) {
    chunks_.push_back({.ranges = {block}, .summary = {}});
    summarise(0);
    return;
  }
  // The chunk holding the first range that ends at or after the block's start (touching
  // merges too); a block above everything joins the last chunk.
  // Most additions land where the last one did (greedy fills the lowest gaps, and a node is
  // asked about one stretch of time after another): looked for there first.
  size_t c = chunk_ending_after(block.lower - 1, last_add_.chunk);
  if (c == chunks_.size()) --c;
  std::vector<Occupied>& ranges = chunks_[c].ranges;
  auto first = ranges.begin() + std::ptrdiff_t(first_ending_after(
                                    ranges, block.lower - 1, c == last_add_.chunk ? last_add_.range : 0));
  last_add_ = {c, size_t(first - ranges.begin())};
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
  Summary& s = chunks_[c].summary;
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
  Occupied& grown = chunks_[c].ranges[at];
  while (c + 1 < chunks_.size() && chunks_[c + 1].summary.lower <= grown.upper) {
    std::vector<Occupied>& next = chunks_[c + 1].ranges;
    size_t k = 0;
    for (; k < next.size() && next[k].lower <= grown.upper; ++k)
      grown.upper = std::max(grown.upper, next[k].upper);
    next.erase(next.begin(), next.begin() + std::ptrdiff_t(k));
    if (!next.empty()) {
      summarise(c + 1);
      return;
    }
    chunks_.erase(chunks_.begin() + std::ptrdiff_t(c + 1));
  }
}

void AddressUnion::summarise(size_t c) {
  const std::vector<Occupied>& ranges = chunks_[c].ranges;
  Summary& s = chunks_[c].summary;
  s.lower = ranges.front().lower;
  s.upper = ranges.back().upper;
  s.widest_gap = 0;
  for (size_t i = 1; i < ranges.size(); ++i)
    s.widest_gap = std::max(s.widest_gap, ranges[i].lower - ranges[i - 1].upper);
}

void AddressUnion::split_if_full(size_t c) {
  if (chunks_[c].ranges.size() <= kMaxChunk) return;
  std::vector<Occupied>& full = chunks_[c].ranges;
  std::vector<Occupied> upper_half(full.begin() + std::ptrdiff_t(full.size() / 2), full.end());
  full.resize(full.size() / 2);
  chunks_.insert(chunks_.begin() + std::ptrdiff_t(c + 1), Chunk{.ranges = std::move(upper_half), .summary = {}});
  summarise(c);
  summarise(c + 1);
}

Offset AddressUnion::first_fit(Offset x, Size size, Size alignment) const {
  Cursor at{chunk_ending_after(x), 0};  // the chunks before end at or below x
  return first_fit(x, size, alignment, at);
}

Offset AddressUnion::first_fit(Offset x, Size size, Size alignment, Cursor& at) const {
  Offset y = x;
  for (; at.chunk < chunks_.size(); ++at.chunk, at.range = 0) {
    const Summary& s = chunks_[at.chunk].summary;
    if (s.upper <= y) continue;          // wholly below
    if (y + size <= s.lower) return y;   // the gap before the chunk
    if (s.widest_gap < size) {           // no gap inside the chunk is wide enough
      y = std::max(y, align_up(s.upper, alignment));
      continue;
    }
    const std::vector<Occupied>& ranges = chunks_[at.chunk].ranges;
    for (at.range = first_ending_after(ranges, y, at.range); at.range < ranges.size(); ++at.range) {
      const Occupied& r = ranges[at.range];
      if (y + size <= r.lower) return y;
      y = std::max(y, align_up(r.upper, alignment));
    }
  }
  return y;
}

Offset AddressUnion::dense_end(Size size, Cursor& at) {
  if (size < dense_size_ || dense_size_ == 0) dense_size_ = size, dense_end_ = 0;
  Offset e = dense_end_;
  size_t c = chunk_ending_after(e, dense_at_.chunk);
  size_t r = c < chunks_.size() ? first_ending_after(chunks_[c].ranges, e, c == dense_at_.chunk ? dense_at_.range : 0) : 0;
  // Pushed on only for the size it was found for: past it, a larger size's end may hold a
  // window this size fits in.
  for (; size == dense_size_ && c < chunks_.size(); ++c, r = 0) {
    const Summary& s = chunks_[c].summary;
    if (r == 0 && s.lower - e >= size) break;  // [e, s.lower) is such a window
    if (s.widest_gap < size) {
      e = s.upper;
      continue;
    }
    const std::vector<Occupied>& ranges = chunks_[c].ranges;
    for (; r < ranges.size() && ranges[r].lower - e < size; ++r) e = ranges[r].upper;
    if (r < ranges.size()) break;
  }
  dense_end_ = e;
  dense_at_ = at = {c, r};
  return e;
}

}  // namespace tela
