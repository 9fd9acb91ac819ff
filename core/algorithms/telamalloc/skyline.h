// The state TelaMalloc's heuristic and its solver share, kept incrementally with an undo log.
//
// Blocks are placed bottom-up: a buffer goes at the lowest aligned offset at or above its
// domain's lower bound that avoids pre-placed blocks. That bound is the top of the highest
// placed buffer live alongside it (its "support"), so the per-time skyline (the top of what is
// placed there) and the domains move together. Any allocation can be rebuilt this way by
// placing its buffers in order of offset, so searching over orders loses no solution.
//
// After each placement the solver propagates:
//   - domains: every unplaced buffer overlapping the new one in time may not go below its top
//     (an empty domain is a conflict);
//   - sections: above the skyline of each time the new buffer covers there must be room for
//     every buffer still to place there (cumulative reasoning: one check per section, however
//     many buffers overlap, so 1000 fully overlapping blocks cost 1000 checks, not 10^6).
// A conflict's explanation is the support chain of the new block: it, what it rests on, and so
// on down to address 0.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "analysis/sections.h"
#include "analysis/interval_index.h"
#include "model/problem.h"
#include "algorithms/telamalloc/section_tree.h"
#include "model/trace.h"

namespace tela {

struct Conflict {
  BufferIndex buffer = -1;   // a buffer left without an offset, or -1 for a section
  int32_t section = -1;      // the section without room, when buffer is -1
  Offset room = 0;           // section: the bytes left above the skyline
  Size needed = 0;           // section: the bytes still to place there
  BufferIndex blamed = -1;   // whose support chain explains it
};

class Skyline {
 public:
  Skyline(const Problem& problem, const std::vector<Section>& sections,
          const std::vector<SectionSpan>& spans);

  bool placed(BufferIndex b) const { return offsets_[size_t(b)] != kUnplaced; }
  const std::vector<Offset>& offsets() const { return offsets_; }
  Size contention(int32_t section) const { return unplaced_load_[size_t(section)]; }
  size_t depth() const { return marks_.size(); }  // placements on the undo log

  // Where b would go now; -1 when no offset up to its domain's upper bound is free. Inline:
  // the search asks it for every candidate at every level.
  Offset placement(BufferIndex b) const {
    const Offset start = align_up(lowest_[size_t(b)], alignment_[size_t(b)]);
    if (fixed_index_.size() == 0) return start <= highest_[size_t(b)] ? start : -1;
    return placement_among_fixed(b, start);
  }

  // Places b at `offset`, propagates, reports propagate and skyline events, and returns the
  // first conflict found (the placement stays; undo() removes it).
  std::optional<Conflict> place(BufferIndex b, Offset offset, TraceObserver* observer);

  // Removes the latest placement and everything it propagated.
  void undo();

  // b, the buffer it rests on, the one that rests on, ... (placed buffers only).
  std::vector<BufferIndex> support_chain(BufferIndex b) const;
  // The buffer whose top is b's domain lower bound (-1: none).
  BufferIndex support_of(BufferIndex b) const { return support_[size_t(b)]; }

  // The room above `floor` (at least the skyline) in a section: the capacity less the floor
  // and less the parts of pre-placed blocks above it.
  Offset room(int32_t section, Offset floor) const {
    const Offset height = std::max(floor, height_[size_t(section)]);
    return fixed_in_section_.empty() ? problem_.capacity - height : room_among_fixed(section, height);
  }
  bool has_fixed() const { return fixed_index_.size() > 0; }
  Offset height(int32_t section) const { return height_[size_t(section)]; }

  // Over sections [first, last): the most contended one and the lowest one with something
  // left to place (core/section_tree.h).
  SectionTree::Extremes extremes(int32_t first, int32_t last) const {
    return tree_.extremes(first, last);
  }
  // The first section in [first, last) below `floor` with more left to place than `room`.
  int32_t first_short(int32_t first, int32_t last, Offset floor, Size room) const {
    return tree_.first_short(first, last, floor, room);
  }

 private:
  Offset placement_among_fixed(BufferIndex b, Offset start) const;
  Offset room_among_fixed(int32_t section, Offset height) const;

  const Problem& problem_;
  const std::vector<SectionSpan>& spans_;
  IntervalIndex free_index_;   // buffers to place, by live range
  IntervalIndex fixed_index_;  // pre-placed buffers, with their blocks
  std::vector<std::vector<Occupied>> fixed_in_section_;  // only when there are pre-placed ones

  std::vector<Offset> offsets_;
  std::vector<Offset> lowest_, highest_;
  std::vector<Size> alignment_;       // copied from the buffers: read for every candidate
  std::vector<BufferIndex> support_;  // unplaced: owner of lowest_; placed: what it rests on
  std::vector<Offset> height_;        // per section: the skyline
  std::vector<Size> unplaced_load_;   // per section: contention
  SectionTree tree_;                  // both of the above, for range queries

  // Undo log: what each placement changed.
  struct HeightChange {
    int32_t section;
    Offset height;
  };
  struct DomainChange {
    BufferIndex buffer;
    Offset lowest;
    BufferIndex support;
  };
  struct Mark {
    BufferIndex buffer;
    size_t heights, domains;  // log sizes before the placement
  };
  std::vector<HeightChange> height_log_;
  std::vector<DomainChange> domain_log_;
  std::vector<Mark> marks_;
  mutable std::vector<Occupied> scratch_, sort_scratch_;
};

}  // namespace tela
