#include "algorithms/telamalloc/section_inference.h"

#include <algorithm>

namespace tela {

SectionInference infer_sections(const Skyline& sky, const std::vector<Offset>& floors,
                                int32_t first, int32_t last, Offset last_offset) {
  SectionInference inference;
  inference.low = INT64_MAX;
  for (int32_t s = first; s < last; ++s)
    if (sky.contention(s) > 0)
      inference.low = std::min(inference.low, std::max(last_offset, floors[size_t(s)]));
  for (int32_t s = first; s < last; ++s) {
    const Size load = sky.contention(s);
    if (load == 0) continue;
    const Offset from = std::max(last_offset, floors[size_t(s)]);
    const Offset room = sky.room(s, from);
    if (room < load) {
      inference.full = s;
      inference.room = room;
      return inference;
    }
    // (With pre-placed blocks the lowest free byte may sit above one of them: not used then.)
    if (inference.tight < 0 && !sky.has_fixed() && from == inference.low && room == load)
      inference.tight = s;
  }
  return inference;
}

}  // namespace tela
