// Which buffer may go next: the levels of the search and their ranked candidates.
#include <algorithm>
#include <tuple>

#include "algorithms/telamalloc/search.h"

namespace tela::telamalloc_internal {

namespace {

// Each buffer's place in the order of `key` (a key per buffer, all distinct).
template <typename Key>
std::vector<BufferIndex> ranks_by(const Problem& problem, Key key) {
  std::vector<BufferIndex> order = all_buffers(problem);
  std::sort(order.begin(), order.end(), [&](BufferIndex a, BufferIndex b) { return key(a) < key(b); });
  std::vector<BufferIndex> rank(order.size());
  for (size_t i = 0; i < order.size(); ++i) rank[size_t(order[i])] = BufferIndex(i);
  return rank;
}

// Keeps the best `kept` of `candidates` (in no order), when there are many more; true if some
// were left out.
template <typename Candidate>
bool keep_best(std::vector<Candidate>& candidates, size_t kept) {
  if (candidates.size() <= 4 * kept) return false;
  std::nth_element(candidates.begin(), candidates.begin() + std::ptrdiff_t(kept), candidates.end());
  candidates.resize(kept);
  candidates.shrink_to_fit();
  return true;
}

}  // namespace

// The current phase's buffers that may go next, best first: those that would sit lowest (the
// lowest point of the skyline is filled first), then prioritised ones, then those live in the
// most contended section, then larger, then longer-lived, then in file order.
// Blocks settle bottom-up: a buffer may go next only if it would sit at or above the last one
// placed. Any allocation, compacted downwards, is reached this way by placing its buffers in
// order of offset, so the restriction loses no solution while it spares the search from trying
// the same packing in every order.
std::vector<Search::Candidate> Search::rank_candidates() {
  if (thorough_) return rank_thoroughly();
  const Offset last_offset =
      levels_.size() > phase_start_ ? sky_.offsets()[size_t(levels_.back().placed)] : 0;
  // The lowest section with something left to place, and the most contended (earliest on ties).
  const auto [hot, lowest] = sky_.extremes(phase_sections_[0], phase_sections_[1]);
  most_contention_ = sky_.contention(hot);  // only falls as buffers are placed
  // Where the lowest section has no slack, its lowest free byte must be used, and only a
  // buffer that sits exactly there can use it (its placement is at least that height, and
  // anything covering that byte starts there): the next buffer is one of those (any allocation
  // has one there, and it is the lowest block left, so placing it next loses nothing). This
  // spares zero-slack problems from trying the bottom row in every order.
  // (With pre-placed blocks the lowest free byte may sit above one of them: not used then.)
  const bool tight = lowest >= 0 && !sky_.has_fixed() &&
                     sky_.room(lowest, sky_.height(lowest)) == sky_.contention(lowest);
  std::vector<Candidate> ranked = spare_list();
  ranked.reserve(left_.size());
  for (BufferIndex b : left_) {
    if (out_of_time()) return {};  // the caller stops
    const Offset at = sky_.placement(b);
    if (at < 0) return {};  // it can never be placed: nothing below this point can succeed
    if (at < last_offset) continue;
    if (tight && (at != sky_.height(lowest) || !covers(b, lowest))) continue;
    ranked.push_back({at, key_of(priority_[size_t(b)], !covers(b, hot), size_rank_[size_t(b)]), b});
  }
  return ranked;
}

// The same with section inference (core/section_inference.h), dominance, and buffers at the
// same offset in one order only.
std::vector<Search::Candidate> Search::rank_thoroughly() {
  const Level* below = levels_.size() > phase_start_ ? &levels_.back() : nullptr;
  const Offset last_offset = below ? sky_.offsets()[size_t(below->placed)] : 0;
  // Buffers at the same offset live at different times and commute: they go in order_.
  // (Every level of the phase obeys this: the phase starts over when the search turns
  // thorough, or switches order_, as the tight-spot rule of rank_candidates does not allow
  // for it.)
  const BufferIndex last_rank = below ? (*order_)[size_t(below->placed)] : -1;
  const int32_t hot = sky_.extremes(phase_sections_[0], phase_sections_[1]).hot;
  most_contention_ = sky_.contention(hot);
  std::vector<Candidate> ranked = spare_list();
  Offset lowest_top = 0;
  if (!position_all(lowest_top)) return ranked;
  const SectionInference inference =
      infer_sections(sky_, floor_, phase_sections_[0], phase_sections_[1], last_offset);
  if (inference.full >= 0) {
    section_dead_end(inference.full, inference.room, Reason::kSectionFull);
    return ranked;
  }
  for (BufferIndex b : left_) {
    const Offset at = at_[size_t(b)];
    // Dominance (as in MiniMalloc): a buffer placed at or above the top another buffer left
    // could have need not be tried: everything placed from then on sits at or above it, so
    // that other buffer could be moved down below it, into an allocation that places it first.
    if (at < last_offset || at >= lowest_top) continue;
    if (at == last_offset && (*order_)[size_t(b)] < last_rank) continue;
    // Ties between buffers at the same offset, prioritised alike: in order_ (longer-lived
    // first, as MiniMalloc does, in alternate rounds). Not by contention, as rank_candidates
    // does: as the first tie-break it keeps the thorough rounds from solving hard problems
    // that this order solves at once (the challenging suite), so it is not used here.
    ranked.push_back({at, key_of(priority_[size_t(b)], false, (*order_)[size_t(b)]), b});
  }
  if (inference.tight < 0) return ranked;
  const int32_t bound = tight_rank_bound(ranked, inference);
  if (bound < 0) {
    section_dead_end(inference.tight, sky_.room(inference.tight, inference.low), Reason::kUnfillable);
    ranked.clear();
  }
  std::erase_if(ranked, [&](const Candidate& c) {
    return c.at != inference.low || c.static_rank() > bound;
  });
  return ranked;
}

// The tight section's lowest free byte must be used, by a buffer sitting at `low`. Buffers at
// `low` go in order_, so the next one is that buffer or one before it: the highest rank among
// the candidates there that could (-1: none, a dead end).
int32_t Search::tight_rank_bound(const std::vector<Candidate>& ranked,
                                 const SectionInference& inference) const {
  int32_t bound = -1;
  for (const Candidate& c : ranked)
    if (c.at == inference.low && covers(c.buffer, inference.tight))
      bound = std::max(bound, c.static_rank());
  return bound;
}

std::vector<Search::Candidate> Search::spare_list() {
  std::vector<Candidate> list;
  if (!spare_.empty()) {
    list = std::move(spare_.back());
    spare_.pop_back();
    list.clear();
  }
  return list;
}

// Where each buffer left would go (at_), the lowest top any could have, and per section the
// lowest offset its buffers left can take (floor_). False: one can never be placed (or time
// is up).
bool Search::position_all(Offset& lowest_top) {
  lowest_top = INT64_MAX;
  for (int32_t s = phase_sections_[0]; s < phase_sections_[1]; ++s) floor_[size_t(s)] = INT64_MAX;
  for (BufferIndex b : left_) {
    if (out_of_time()) return false;
    const Offset at = sky_.placement(b);
    if (at < 0) return false;
    at_[size_t(b)] = at;
    lowest_top = std::min(lowest_top, at + problem_.buffers[size_t(b)].size);
    for (int32_t s = spans_[size_t(b)].first; s < spans_[size_t(b)].last; ++s)
      floor_[size_t(s)] = std::min(floor_[size_t(s)], at);
  }
  return true;
}

// A level with no candidate because a section cannot hold what is left: say so, and blame
// the last placement (its support chain) for the major backtrack that may follow.
void Search::section_dead_end(int32_t section, Offset room, Reason reason) {
  const BufferIndex last = levels_.size() > phase_start_ ? levels_.back().placed : -1;
  note_conflict(unplaced_in(section), last);
  if (!observer_) return;
  const Section& s = sections_[size_t(section)];
  emit(observer_, {EventKind::kConflict, reason, -1, room, sky_.contention(section),
                   s.lower, s.upper}, last_explanation_);
  last_conflict_step_ = counter_.events;
}

void Search::pop_level() {
  spare_.push_back(std::move(levels_.back().candidates));
  levels_.pop_back();
}

Search::Level Search::new_level() {
  Level level{rank_candidates()};
  level.more = keep_best(level.candidates, kKept);
  return level;
}

// The level's kept candidates are all tried: rank again (the state is the level's own, its
// placement undone) and keep the best of those not tried yet.
void Search::refill(Level& level) {
  Level current = std::move(level);
  levels_.pop_back();  // ranking reads the level below
  std::vector<Candidate> ranked = rank_candidates();
  levels_.push_back(std::move(current));
  Level& refilled = levels_.back();
  std::vector<uint8_t> tried(problem_.buffers.size(), 0);
  for (const Candidate& c : refilled.candidates) tried[size_t(c.buffer)] = 1;
  std::erase_if(ranked, [&](const Candidate& c) { return tried[size_t(c.buffer)] != 0; });
  refilled.more = keep_best(ranked, kKept);
  refilled.candidates.insert(refilled.candidates.end(), ranked.begin(), ranked.end());
}

// Each buffer's place in the order larger first, then longer-lived, then file order.
std::vector<BufferIndex> Search::size_ranks() const {
  return ranks_by(problem_, [&](BufferIndex b) {
    const Buffer& x = problem_.buffers[size_t(b)];
    return std::make_tuple(-x.size, UINT64_MAX - lifetime(x), b);  // longer-lived first
  });
}

// Each buffer's place in the order longer-lived first, then larger area, then file order.
std::vector<BufferIndex> Search::life_ranks() const {
  return ranks_by(problem_, [&](BufferIndex b) {
    const Buffer& x = problem_.buffers[size_t(b)];
    const uint64_t life = lifetime(x);
    // Saturated: with times at +-2^62 the area overflows (it is only a sort key).
    const uint64_t area = life != 0 && uint64_t(x.size) > UINT64_MAX / life ? UINT64_MAX
                                                                            : uint64_t(x.size) * life;
    return std::make_tuple(UINT64_MAX - life, UINT64_MAX - area, b);
  });
}

}  // namespace tela::telamalloc_internal
