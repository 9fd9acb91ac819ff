// Buffers by time, so that a frame visits only the blocks its view shows: at 10^5 buffers a
// zoomed-in canvas would otherwise test every block to cull all but a few.
//
// Buffers are split into bands by the length of their lives (powers of two), each sorted by
// start. A buffer of band k that is live after time t started after t - longest(k), so one
// binary search per band finds the first candidate, and at most one band's worth of
// neighbours that end before t are visited for nothing. Plain data; built once per session.
#pragma once

#include <algorithm>
#include <vector>

#include "model/problem.h"

namespace tela::viz {

struct TimeIndex {
  // A buffer's times and size, copied beside its index: a frame reads these for every block
  // in view, and Problem's buffers (an id string each) are too large to stay in cache.
  struct Entry {
    TimeValue lower = 0, upper = 0;
    Size size = 0;
    BufferIndex buffer = -1;
  };
  struct Band {
    TimeValue longest = 0;              // the longest life among its buffers
    std::vector<Entry> entries;         // by start, ascending
  };
  std::vector<Band> bands;
};

TimeIndex index_by_time(const Problem& problem);

// Calls visit(entry) for every buffer live at some time in [lower, upper): lower < b.upper
// and b.lower < upper. Times are doubles, as a view's are. Within a band, in start order.
template <typename Visit>
void for_each_live_between(const TimeIndex& index, double lower, double upper, Visit visit) {
  for (const TimeIndex::Band& band : index.bands) {
    const double earliest = lower - double(band.longest);  // starts at or before: ended by `lower`
    auto it = std::upper_bound(band.entries.begin(), band.entries.end(), earliest,
                               [](double t, const TimeIndex::Entry& e) { return t < double(e.lower); });
    for (; it != band.entries.end() && double(it->lower) < upper; ++it)
      if (double(it->upper) > lower) visit(*it);
  }
}

}  // namespace tela::viz
