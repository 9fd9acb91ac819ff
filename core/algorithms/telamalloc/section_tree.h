// Per-section contention and skyline height, with the range queries TelaMalloc's heuristic
// asks at every level: the most contended section, the lowest section with something left to
// place, and the first section left with too little room above a floor.
//
// Why a tree: scanning every section of the phase at every level costs O(buffers x sections)
// per descent. A placement changes only the sections its buffer lives in, so updates cost
// O(span + log sections) and queries O(log sections). Ties go to the earliest section, as a
// scan from the bottom would.
#pragma once

#include <cstdint>
#include <vector>

#include "model/problem.h"

namespace tela {

class SectionTree {
 public:
  void reset(size_t sections);
  // Re-reads sections [first, last) from these arrays (indexed by section) after they changed.
  void update(int32_t first, int32_t last, const std::vector<Size>& contention,
              const std::vector<Offset>& height);

  struct Extremes {
    int32_t hot = -1;     // the most contended section (earliest on ties)
    int32_t lowest = -1;  // the lowest section with contention > 0 (earliest on ties), or -1
  };
  Extremes extremes(int32_t first, int32_t last) const;

  // The first section in [first, last) lower than `floor` whose contention exceeds `room`
  // (-1: none). Sections without contention are never reported.
  int32_t first_short(int32_t first, int32_t last, Offset floor, Size room) const;

 private:
  struct Node {
    Size most = -1;          // the highest contention below this node
    Offset low = INT64_MAX;  // the lowest height among contended sections
    int32_t hot = -1;        // where the highest contention is
    int32_t lowest = -1;     // where the lowest height is
  };
  static Node combine(const Node& left, const Node& right);
  int32_t first_short(size_t node, int32_t node_first, int32_t node_last, int32_t first,
                      int32_t last, Offset floor, Size room) const;

  size_t leaves_ = 0;  // a power of two: node i has children 2i and 2i+1, leaf s is leaves_ + s
  std::vector<Node> nodes_;
};

}  // namespace tela
