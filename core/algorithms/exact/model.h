// What the exact search knows about a problem before it starts: the buffers it must place
// (zero-sized ones occupy nothing and are set aside), the sections each one spans, which
// pre-placed buffers live alongside each free one, which buffers are interchangeable, and the
// static orderings its restarts break ties with.
#pragma once

#include <functional>
#include <span>
#include <vector>

#include "analysis/sections.h"
#include "model/problem.h"

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
  // The searched buffers whose life starts in section s.
  std::span<const BufferIndex> starting_in(int32_t s) const {
    return std::span<const BufferIndex>(by_first_section).subspan(starts[size_t(s)], starts[size_t(s) + 1] - starts[size_t(s)]);
  }
  std::vector<BufferIndex> by_first_section;  // the searched buffers by first section
  std::vector<size_t> starts;                 // per section s: where its buffers begin there
  // Free buffers: the pre-placed buffers of positive size live at the same time (rarely any).
  std::span<const BufferIndex> fixed_alongside(BufferIndex b) const {
    const int32_t list = fixed_list_of[size_t(b)];
    return list < 0 ? std::span<const BufferIndex>() : std::span<const BufferIndex>(fixed_lists[size_t(list)]);
  }
  // Those lists, one per span of sections: buffers spanning the same sections meet the same
  // pre-placed ones, so memory grows with the spans, not with buffers x pre-placed ones (a list
  // per buffer is too large to build, or even to free, within a time limit).
  std::vector<std::vector<BufferIndex>> fixed_lists;
  std::vector<int32_t> fixed_list_of;  // per buffer: its list, -1 for none
  // Identical free buffers (same life, size and alignment) are interchangeable: each may be
  // placed only after the one before it in file order (-1: none), which spares the search
  // from trying them in every order.
  std::vector<BufferIndex> twin_before;
};

}  // namespace tela
