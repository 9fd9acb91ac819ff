// What the exact search knows about a problem before it starts: the buffers it must place
// (zero-sized ones occupy nothing and are set aside), the sections each one spans, which
// pre-placed buffers live alongside each free one, which buffers are interchangeable, and the
// static orderings its restarts break ties with.
#pragma once

#include <functional>
#include <vector>

#include "analysis.h"
#include "model.h"

namespace tela {

struct ExactModel {
  // `stopped` is asked now and then while the model is built (it can take long with many
  // pre-placed buffers); when it says true, building stops and `complete` is false.
  explicit ExactModel(const Problem& problem, const std::function<bool()>& stopped = {});

  bool complete = true;
  const Problem& problem;
  std::vector<Section> sections;
  std::vector<SectionSpan> spans;          // per buffer of the problem
  std::vector<BufferIndex> searched;       // buffers with a size, in file order
  // Free buffers: the pre-placed buffers of positive size live at the same time (rarely any).
  std::vector<std::vector<BufferIndex>> fixed_alongside;
  // Identical free buffers (same life, size and alignment) are interchangeable: each may be
  // placed only after the one before it in file order (-1: none), which spares the search
  // from trying them in every order.
  std::vector<BufferIndex> twin_before;
};

}  // namespace tela
