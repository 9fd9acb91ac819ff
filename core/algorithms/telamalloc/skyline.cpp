#include "algorithms/telamalloc/skyline.h"

#include <algorithm>

namespace tela {
namespace {

std::vector<BufferIndex> buffers_where(const Problem& problem, bool fixed) {
  std::vector<BufferIndex> chosen;
  for (size_t i = 0; i < problem.buffers.size(); ++i)
    if (problem.buffers[i].fixed_offset.has_value() == fixed) chosen.push_back(BufferIndex(i));
  return chosen;
}

Offset align_down(Offset offset, Size alignment) { return offset & ~(alignment - 1); }

}  // namespace

Skyline::Skyline(const Problem& problem, const std::vector<Section>& sections,
                 const std::vector<SectionSpan>& spans)
    : problem_(problem),
      spans_(spans),
      free_index_(problem, buffers_where(problem, false)),
      fixed_index_(problem, buffers_where(problem, true)) {
  const size_t n = problem.buffers.size();
  offsets_.assign(n, kUnplaced);
  lowest_.assign(n, 0);
  highest_.resize(n);
  alignment_.resize(n);
  support_.assign(n, -1);
  height_.assign(sections.size(), 0);
  // Contention per section with a difference array: O(n + sections), not O(sum of spans).
  std::vector<Size> delta(sections.size() + 1, 0);
  for (size_t i = 0; i < n; ++i) {
    const Buffer& b = problem.buffers[i];
    highest_[i] = b.size > problem.capacity ? -1 : align_down(problem.capacity - b.size, b.alignment);
    alignment_[i] = b.alignment;
    if (b.fixed_offset) {
      offsets_[i] = *b.fixed_offset;
      fixed_index_.set_block(BufferIndex(i), {*b.fixed_offset, *b.fixed_offset + b.size});
      if (fixed_in_section_.empty()) fixed_in_section_.resize(sections.size());
      for (int32_t s = spans[i].first; s < spans[i].last; ++s)
        fixed_in_section_[size_t(s)].push_back({*b.fixed_offset, *b.fixed_offset + b.size});
      continue;
    }
    if (b.size == 0) {
      // A zero-sized buffer occupies no address, so any aligned offset within the capacity is
      // valid, and 0 always is: it is placed there from the start, outside the search. (Left
      // in the search, its domain rose with the tops of its neighbours and, rounded up to its
      // alignment, could pass the capacity: a false "infeasible" that fuzzing found.)
      offsets_[i] = 0;
      continue;
    }
    delta[size_t(spans[i].first)] += b.size;
    delta[size_t(spans[i].last)] -= b.size;
  }
  unplaced_load_.resize(sections.size());
  Size running = 0;
  for (size_t s = 0; s < sections.size(); ++s) unplaced_load_[s] = running += delta[s];
  tree_.reset(sections.size());
  tree_.update(0, int32_t(sections.size()), unplaced_load_, height_);
}

// The lowest offset at or above `start` clear of the pre-placed blocks alongside b.
Offset Skyline::placement_among_fixed(BufferIndex b, Offset start) const {
  const Buffer& buffer = problem_.buffers[size_t(b)];
  scratch_.clear();
  fixed_index_.collect_blocks(b, scratch_);
  sort_by_lower(scratch_, sort_scratch_);
  const Offset x = lowest_fit(scratch_, start, problem_.capacity, buffer.size, buffer.alignment);
  return x >= 0 && x <= highest_[size_t(b)] ? x : -1;
}

// The room above `height` less the parts of pre-placed blocks there.
Offset Skyline::room_among_fixed(int32_t section, Offset height) const {
  Offset room = problem_.capacity - height;
  for (const Occupied& f : fixed_in_section_[size_t(section)])
    room -= std::max<Offset>(0, f.upper - std::max(f.lower, height));
  return room;
}

std::optional<Conflict> Skyline::place(BufferIndex b, Offset offset, TraceObserver* observer) {
  const Buffer& buffer = problem_.buffers[size_t(b)];
  const SectionSpan span = spans_[size_t(b)];
  marks_.push_back({b, height_log_.size(), domain_log_.size()});
  offsets_[size_t(b)] = offset;
  const Offset top = offset + buffer.size;
  std::optional<Conflict> conflict;
  if (buffer.size == 0) return conflict;

  // Domains of the unplaced buffers alongside: none may go below this block now.
  free_index_.overlapping(b, [&](BufferIndex u, const Occupied&) {
    if (offsets_[size_t(u)] != kUnplaced || lowest_[size_t(u)] >= top) return;
    domain_log_.push_back({u, lowest_[size_t(u)], support_[size_t(u)]});
    lowest_[size_t(u)] = top;
    support_[size_t(u)] = b;
    if (observer) {
      const Buffer& other = problem_.buffers[size_t(u)];
      const BufferIndex cause[] = {b};
      emit(observer,
           {EventKind::kPropagate, Reason::kOverlapsPlaced, u, top, highest_[size_t(u)],
            std::max(buffer.lower, other.lower), std::min(buffer.upper, other.upper)},
           cause);
    }
    if (!conflict && align_up(top, problem_.buffers[size_t(u)].alignment) > highest_[size_t(u)])
      conflict = Conflict{.buffer = u, .blamed = b};
  });

  // The skyline over the block's life rises to its top; the sections there lose its size.
  for (int32_t s = span.first; s < span.last; ++s) {
    height_log_.push_back({s, height_[size_t(s)]});
    height_[size_t(s)] = std::max(height_[size_t(s)], top);
    unplaced_load_[size_t(s)] -= buffer.size;
  }
  tree_.update(span.first, span.last, unplaced_load_, height_);
  if (observer)
    emit(observer, {EventKind::kSkyline, Reason::kNone, -1, top, 0, buffer.lower, buffer.upper});
  for (int32_t s = span.first; s < span.last && !conflict; ++s)
    if (const Offset left = room(s, height_[size_t(s)]); left < unplaced_load_[size_t(s)])
      conflict = Conflict{.section = s, .room = left, .needed = unplaced_load_[size_t(s)], .blamed = b};
  return conflict;
}

void Skyline::undo() {
  const Mark mark = marks_.back();
  marks_.pop_back();
  const Buffer& buffer = problem_.buffers[size_t(mark.buffer)];
  for (size_t i = domain_log_.size(); i-- > mark.domains;) {
    const DomainChange& d = domain_log_[i];
    lowest_[size_t(d.buffer)] = d.lowest;
    support_[size_t(d.buffer)] = d.support;
  }
  domain_log_.resize(mark.domains);
  for (size_t i = height_log_.size(); i-- > mark.heights;)
    height_[size_t(height_log_[i].section)] = height_log_[i].height;
  height_log_.resize(mark.heights);
  if (buffer.size > 0) {
    const SectionSpan span = spans_[size_t(mark.buffer)];
    for (int32_t s = span.first; s < span.last; ++s) unplaced_load_[size_t(s)] += buffer.size;
    tree_.update(span.first, span.last, unplaced_load_, height_);
  }
  offsets_[size_t(mark.buffer)] = kUnplaced;
}

std::vector<BufferIndex> Skyline::support_chain(BufferIndex b) const {
  std::vector<BufferIndex> chain;
  for (; b >= 0 && offsets_[size_t(b)] != kUnplaced; b = support_[size_t(b)]) chain.push_back(b);
  return chain;
}

}  // namespace tela
