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

void remove_buffer(Problem& problem, BufferIndex buffer) {
  if (buffer < 0 || size_t(buffer) >= problem.buffers.size()) return;
  problem.buffers.erase(problem.buffers.begin() + buffer);
  for (auto& column : problem.metadata.values)
    if (size_t(buffer) < column.size()) column.erase(column.begin() + buffer);
}

const std::string& metadata_value(const Problem& problem, size_t column, BufferIndex buffer) {
  static const std::string kNone;
  const auto& values = problem.metadata.values;
  if (column >= values.size() || buffer < 0 || size_t(buffer) >= values[column].size()) return kNone;
  return values[column][size_t(buffer)];
}

}  // namespace tela
