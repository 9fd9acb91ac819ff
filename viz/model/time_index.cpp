#include "viz/model/time_index.h"

#include <bit>
#include <numeric>

namespace tela::viz {

namespace {

// Band k holds lives of length in [2^k, 2^(k+1)); a degenerate life (length <= 0) joins band 0.
size_t band_of(const Buffer& b) {
  const TimeValue length = std::max<TimeValue>(1, b.upper - b.lower);
  return size_t(std::bit_width(uint64_t(length)) - 1);
}

}  // namespace

TimeIndex index_by_time(const Problem& problem) {
  const auto& buffers = problem.buffers;
  std::vector<BufferIndex> order(buffers.size());
  std::iota(order.begin(), order.end(), BufferIndex(0));
  std::stable_sort(order.begin(), order.end(),
                   [&](BufferIndex a, BufferIndex b) { return buffers[size_t(a)].lower < buffers[size_t(b)].lower; });
  TimeIndex index;
  for (BufferIndex b : order) {
    const Buffer& buffer = buffers[size_t(b)];
    const size_t k = band_of(buffer);
    if (k >= index.bands.size()) index.bands.resize(k + 1);
    TimeIndex::Band& band = index.bands[k];
    band.longest = std::max(band.longest, buffer.upper - buffer.lower);
    band.entries.push_back({buffer.lower, buffer.upper, buffer.size, b});
  }
  std::erase_if(index.bands, [](const TimeIndex::Band& band) { return band.entries.empty(); });
  return index;
}

}  // namespace tela::viz
