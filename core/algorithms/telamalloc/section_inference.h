// Section inference, the stronger reasoning TelaMalloc's solver switches to once its search
// has backtracked (core/telamalloc.cpp, "thorough" levels).
//
// Blocks settle bottom-up, so nothing goes below the last placement any more; and nothing left
// in a section goes below its floor, the lowest offset any of its buffers left can take (which
// may lie well above the section's skyline, when they all live beside something higher).
// Above that, the section must hold everything left there (as in MiniMalloc). Where a section
// holds it exactly, starting from the lowest point of all, that space must be filled from the
// bottom now: the next buffer must sit there.
#pragma once

#include <vector>

#include "model/problem.h"
#include "algorithms/telamalloc/skyline.h"

namespace tela {

struct SectionInference {
  int32_t full = -1;   // the first section without room for what is left there (-1: none)
  Offset room = 0;     // the room `full` has
  int32_t tight = -1;  // the first section to fill from `low` now (-1: none)
  Offset low = 0;      // the lowest offset anything left may take
};

// Over sections [first, last), given each section's floor (`floors`, indexed by section; read
// only where something is left) and the offset of the last placement.
SectionInference infer_sections(const Skyline& sky, const std::vector<Offset>& floors,
                                int32_t first, int32_t last, Offset last_offset);

}  // namespace tela
