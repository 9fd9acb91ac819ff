#include "model/disjoint_batches.h"

#include <algorithm>
#include <vector>

namespace tela {
namespace {

constexpr size_t kMinBatch = 8;  // buffers per distinct start, on average, below which: no

struct Placed {
  Offset lower, upper;  // addresses [lower, upper)
  TimeValue end;        // live until then
};

// Merges `batch` (sorted by address) into the entries of `live` still live at `now` (sorted),
// into `merged`; false as soon as two neighbours share an address.
bool merge_disjoint(const std::vector<Placed>& live, const std::vector<Placed>& batch,
                    TimeValue now, std::vector<Placed>& merged) {
  merged.clear();
  Offset reached = 0;  // the end of the last range merged; every offset is >= 0
  const auto append = [&](const Placed& p) {
    if (p.lower < reached) return false;
    reached = p.upper;
    merged.push_back(p);
    return true;
  };
  size_t b = 0;
  for (const Placed& p : live) {
    if (p.end <= now) continue;
    for (; b < batch.size() && batch[b].lower < p.lower; ++b)
      if (!append(batch[b])) return false;
    if (!append(p)) return false;
  }
  for (; b < batch.size(); ++b)
    if (!append(batch[b])) return false;
  return true;
}

}  // namespace

bool disjoint_by_start_batches(const Problem& problem, std::span<const Offset> offsets,
                               std::span<const BufferIndex> order, size_t work_per_buffer) {
  // Few buffers per start (a trace with a time step per buffer): the tree sweep is cheaper.
  size_t starts = 0;
  for (size_t i = 0; i < order.size(); ++i)
    starts += i == 0 || problem.buffers[size_t(order[i])].lower != problem.buffers[size_t(order[i - 1])].lower;
  if (starts * kMinBatch > order.size()) return false;
  const size_t budget = work_per_buffer * order.size();
  size_t work = 0;
  std::vector<Placed> live, batch, merged;
  for (size_t first = 0; first < order.size();) {
    const TimeValue now = problem.buffers[size_t(order[first])].lower;
    batch.clear();
    size_t next = first;
    for (; next < order.size() && problem.buffers[size_t(order[next])].lower == now; ++next) {
      const Buffer& b = problem.buffers[size_t(order[next])];
      const Offset at = offsets[size_t(order[next])];
      batch.push_back({at, at + b.size, b.upper});
    }
    work += live.size() + batch.size();
    if (work > budget) return false;
    std::sort(batch.begin(), batch.end(), [](const Placed& x, const Placed& y) { return x.lower < y.lower; });
    if (!merge_disjoint(live, batch, now, merged)) return false;
    live.swap(merged);
    first = next;
  }
  return true;
}

}  // namespace tela
