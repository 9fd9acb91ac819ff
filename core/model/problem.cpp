#include "model/problem.h"

#include <algorithm>

namespace tela {

Size peak_of(const Problem& problem, const Solution& solution) {
  Size peak = 0;
  for (size_t i = 0; i < problem.buffers.size() && i < solution.offsets.size(); ++i)
    if (solution.offsets[i] != kUnplaced)
      peak = std::max(peak, solution.offsets[i] + problem.buffers[i].size);
  return peak;
}

std::vector<BufferIndex> all_buffers(const Problem& problem) {
  std::vector<BufferIndex> all(problem.buffers.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = BufferIndex(i);
  return all;
}

}  // namespace tela
