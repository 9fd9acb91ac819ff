#include "algorithms/greedy/placed_blocks.h"

#include <algorithm>
#include <bit>

namespace tela {

namespace {

// The first index of `starts` (sorted, distinct) holding t or more, galloping up from `from`
// (no higher than the answer): files list buffers mostly by start and most live briefly, so
// both ranks of a buffer lie close to the last ones and the search stays in cache.
int32_t rank_from(const std::vector<TimeValue>& starts, size_t from, TimeValue t) {
  size_t lo = from, hi = from;
  for (size_t step = 1; hi < starts.size() && starts[hi] < t; step *= 2) {
    lo = hi + 1;
    hi += step;
  }
  hi = std::min(hi, starts.size());
  return int32_t(std::lower_bound(starts.begin() + std::ptrdiff_t(lo), starts.begin() + std::ptrdiff_t(hi), t) -
                 starts.begin());
}

}  // namespace

StartRanks start_ranks(const Problem& problem) {
  std::vector<TimeValue> starts;
  starts.reserve(problem.buffers.size());
  for (const Buffer& b : problem.buffers) starts.push_back(b.lower);
  if (!std::is_sorted(starts.begin(), starts.end())) std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  StartRanks ranks{.of = {}, .count = starts.size()};
  ranks.of.reserve(problem.buffers.size());
  TimeValue last_lower = 0;
  int32_t last_lo = 0;
  for (const Buffer& b : problem.buffers) {
    const int32_t lo = rank_from(starts, b.lower >= last_lower ? size_t(last_lo) : 0, b.lower);
    ranks.of.push_back({lo, rank_from(starts, size_t(lo), b.upper)});
    last_lower = b.lower, last_lo = lo;
  }
  return ranks;
}

bool placed_blocks_pay_off(const StartRanks& ranks) {
  std::vector<int64_t> live(ranks.count + 1, 0);  // by difference, then summed
  for (const RankRange& r : ranks.of) ++live[size_t(r.lo)], --live[size_t(r.hi)];
  for (size_t t = 1; t < live.size(); ++t) live[t] += live[t - 1];
  const int64_t levels = std::bit_width(ranks.count);
  int64_t scanned = 0, added = 0;
  for (const RankRange& r : ranks.of) {
    scanned += live[size_t(r.lo)];
    added += 2 * (r.hi - r.lo) + levels;
  }
  return scanned > 32 * added;
}

PlacedBlocks::PlacedBlocks(size_t ranks)
    : leaves_(std::bit_ceil(std::max<size_t>(ranks, 1))), nodes_(2 * leaves_) {}

void PlacedBlocks::add(int32_t lo, int32_t hi, Occupied block) {
  // Level by level from the leaves: the nodes whose ranks meet [lo, hi) are consecutive.
  for (size_t first = size_t(lo) + leaves_, last = size_t(hi - 1) + leaves_; first >= 1;
       first >>= 1, last >>= 1)
    for (size_t node = first; node <= last; ++node) nodes_[node].add(block);
}

Offset PlacedBlocks::lowest_fit(int32_t lo, int32_t hi, Size size, Size alignment) {
  constexpr Offset kEnd = int64_t{1} << 62;
  pieces_.clear();
  for (size_t a = size_t(lo) + leaves_, b = size_t(hi) + leaves_; a < b; a >>= 1, b >>= 1) {
    if (a & 1) pieces_.push_back(&nodes_[a++]);
    if (b & 1) pieces_.push_back(&nodes_[--b]);
  }
  // Each piece in turn raises x to its own lowest fit at or above x, until every piece has
  // found x clear in a row: x never passes the answer (a spot clear in all is clear in each),
  // so this ends on it. It starts at the highest address below which some piece has no
  // window of the size (dense_end), and each piece resumes where it stopped last round.
  Offset x = 0;
  const size_t n = pieces_.size();
  cursors_.resize(n);
  for (size_t i = 0; i < n; ++i)
    x = std::max(x, align_up(pieces_[i]->dense_end(size, cursors_[i]), alignment));
  for (size_t i = 0, clear = 0; clear < n && x + size <= kEnd; i = i + 1 == n ? 0 : i + 1) {
    const Offset y = pieces_[i]->first_fit(x, size, alignment, cursors_[i]);
    clear = y == x ? clear + 1 : 1;
    x = y;
  }
  return x + size <= kEnd ? x : -1;
}

}  // namespace tela
