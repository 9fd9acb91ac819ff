// An index of buffers by live range, answering "which of them overlap [lower, upper)" in time
// proportional to the answer, with sequential memory reads only.
//
// Times are replaced by their rank among the problem's distinct times, and buffers are split
// into classes by lifetime (in ranks): class k holds lifetimes in [2^k, 2^(k+1)), sorted by
// start. A buffer of class k that overlaps [lo, hi) must start in (lo - 2^(k+1), hi), one
// contiguous stretch of its class, found through a per-class table of bucket starts. Of what a
// scan reads, at least about half overlaps, so no query wanders far from its answer.
//
// Each entry also carries the buffer's current block of addresses (empty until set_block), so
// an allocator asking "what is placed alongside this buffer" reads one contiguous array instead
// of chasing every neighbour into the problem: that scan is the inner loop of greedy.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "analysis/lowest_fit.h"
#include "model/problem.h"

namespace tela {

class IntervalIndex {
 public:
  // Indexes the given buffers of `problem` (queries may name any buffer of the problem).
  IntervalIndex(const Problem& problem, const std::vector<BufferIndex>& buffers);

  // Calls visit(i, block) once for each indexed buffer whose live range meets [lower, upper).
  template <typename Visit>
  void overlapping(TimeValue lower, TimeValue upper, Visit&& visit) const {
    // In ranks: a range meets [lower, upper) iff it starts before the first time >= upper and
    // ends after the last time <= lower.
    const int32_t lo = int32_t(std::upper_bound(times_.begin(), times_.end(), lower) - times_.begin()) - 1;
    const int32_t hi = int32_t(std::lower_bound(times_.begin(), times_.end(), upper) - times_.begin());
    overlapping_ranks(lo, hi, visit);
  }

  // The same for the live range of buffer `query` of the problem, without a search for ranks.
  template <typename Visit>
  void overlapping(BufferIndex query, Visit&& visit) const {
    overlapping_ranks(ranks_[size_t(query)].lower, ranks_[size_t(query)].upper, visit);
  }

  // What collect_blocks and set_block look up about a buffer, looked up once: an allocator
  // that gathers the handles of its whole placement order in one pass lets the processor
  // overlap those cache misses instead of taking them one placement at a time.
  struct Handle {
    int32_t lower = 0, upper = 0;  // ranks
    uint32_t lifetime_class = 0, entry = 0;
  };
  Handle handle(BufferIndex buffer) const {
    const Ranks r = ranks_[size_t(buffer)];
    const Position p = positions_[size_t(buffer)];
    return {r.lower, r.upper, p.lifetime_class, p.entry};
  }

  // Appends to `blocks` the non-empty blocks of the indexed buffers that overlap buffer `query`
  // in time. Branch-free: whether an entry is kept is unpredictable, so it is written always
  // and kept by advancing the end or not (twice as fast as visiting on large problems).
  void collect_blocks(BufferIndex query, std::vector<Occupied>& blocks) const {
    collect_blocks(handle(query), blocks);
  }
  void collect_blocks(const Handle& query, std::vector<Occupied>& blocks) const {
    const int32_t lo = query.lower, hi = query.upper;
    for (size_t k = 0; k < classes_.size(); ++k) {
      size_t e, end;
      if (!scan_range(k, lo, hi, e, end)) continue;
      const LifetimeClass& c = classes_[k];
      size_t n = blocks.size();
      blocks.resize(n + (end - e));
      for (; e != end; ++e) {
        const Entry& entry = c.entries[e];
        blocks[n] = entry.block;
        n += size_t(entry.lower < hi) & size_t(entry.upper > lo) &
             size_t(entry.block.upper > entry.block.lower);
      }
      blocks.resize(n);
    }
  }

  // Calls visit(i, block) for each indexed buffer live at `time`.
  template <typename Visit>
  void live_at(TimeValue time, Visit&& visit) const {
    overlapping(time, time + 1, visit);
  }

  // Records where an indexed buffer sits; later visits pass it as `block`. Buffers that are
  // not indexed are ignored.
  void set_block(BufferIndex buffer, Occupied block) { set_block(handle(buffer), block); }
  void set_block(const Handle& buffer, Occupied block) {
    if (buffer.lifetime_class != kNotIndexed)
      classes_[buffer.lifetime_class].entries[buffer.entry].block = block;
  }

  size_t size() const { return size_; }

 private:
  struct Ranks {
    int32_t lower = 0, upper = 0;
  };
  // A buffer's live range in ranks next to its block: the scans read both for every entry,
  // so one stream of entries takes fewer cache misses than two parallel arrays.
  struct Entry {
    int32_t lower, upper;  // ranks
    Occupied block;
  };
  struct LifetimeClass {
    std::vector<Entry> entries;        // by lower rank
    std::vector<BufferIndex> buffers;  // per entry
    std::vector<uint32_t> bucket;      // bucket[q]: first entry with lower >= q << k
  };
  static constexpr uint32_t kNotIndexed = ~uint32_t{0};
  struct Position {
    uint32_t lifetime_class = kNotIndexed, entry = 0;
  };

  // The stretch of class k that holds every entry that may meet ranks (lo, hi); false if none.
  bool scan_range(size_t k, int32_t lo, int32_t hi, size_t& begin, size_t& end) const {
    const LifetimeClass& c = classes_[k];
    if (c.entries.empty()) return false;
    const int64_t first = std::max<int64_t>(0, int64_t(lo) - (int64_t{2} << k) + 1) >> k;
    const int64_t last = std::min<int64_t>((int64_t(hi) >> k) + 1, int64_t(c.bucket.size()) - 1);
    if (first >= last) return false;
    begin = c.bucket[size_t(first)];
    end = c.bucket[size_t(last)];
    return true;
  }

  template <typename Visit>
  void overlapping_ranks(int32_t lo, int32_t hi, Visit&& visit) const {
    for (size_t k = 0; k < classes_.size(); ++k) {
      size_t e, end;
      if (!scan_range(k, lo, hi, e, end)) continue;
      const LifetimeClass& c = classes_[k];
      for (; e != end; ++e)
        if (c.entries[e].lower < hi && c.entries[e].upper > lo) visit(c.buffers[e], c.entries[e].block);
    }
  }

  std::vector<TimeValue> times_;        // the problem's distinct times, ascending
  std::vector<Ranks> ranks_;            // per buffer of the problem
  std::vector<LifetimeClass> classes_;  // class k: lifetimes in [2^k, 2^(k+1)) ranks
  std::vector<Position> positions_;     // per buffer of the problem, for set_block
  size_t size_ = 0;
};

}  // namespace tela
