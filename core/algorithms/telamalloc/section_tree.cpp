#include "algorithms/telamalloc/section_tree.h"

namespace tela {

void SectionTree::reset(size_t sections) {
  leaves_ = 1;
  while (leaves_ < sections) leaves_ *= 2;
  nodes_.assign(2 * leaves_, Node{});
}

SectionTree::Node SectionTree::combine(const Node& left, const Node& right) {
  Node n = left;
  if (right.most > left.most) n.most = right.most, n.hot = right.hot;
  if (right.low < left.low) n.low = right.low, n.lowest = right.lowest;
  return n;
}

void SectionTree::update(int32_t first, int32_t last, const std::vector<Size>& contention,
                         const std::vector<Offset>& height) {
  if (first >= last) return;
  for (int32_t s = first; s < last; ++s) {
    Node& leaf = nodes_[leaves_ + size_t(s)];
    const Size c = contention[size_t(s)];
    leaf = {c, c > 0 ? height[size_t(s)] : INT64_MAX, s, c > 0 ? s : -1};
  }
  // Every ancestor of the changed leaves, level by level: O(span + log sections).
  for (size_t l = (leaves_ + size_t(first)) / 2, r = (leaves_ + size_t(last) - 1) / 2; l >= 1;
       l /= 2, r /= 2)
    for (size_t i = l; i <= r; ++i) nodes_[i] = combine(nodes_[2 * i], nodes_[2 * i + 1]);
}

SectionTree::Extremes SectionTree::extremes(int32_t first, int32_t last) const {
  Node left, right;  // what lies left of the walk, and right of it, kept in section order
  for (size_t l = leaves_ + size_t(first), r = leaves_ + size_t(last); l < r; l /= 2, r /= 2) {
    if (l & 1) left = combine(left, nodes_[l++]);
    if (r & 1) right = combine(nodes_[--r], right);
  }
  const Node all = combine(left, right);
  // (An empty range, or one without contention, still names its first section as the hottest.)
  return {all.most > 0 ? all.hot : first, all.lowest};
}

int32_t SectionTree::first_short(int32_t first, int32_t last, Offset floor, Size room) const {
  return first_short(1, 0, int32_t(leaves_), first, last, floor, room);
}

// Depth first, left first, skipping subtrees where every section is high enough or has room.
int32_t SectionTree::first_short(size_t node, int32_t node_first, int32_t node_last,
                                 int32_t first, int32_t last, Offset floor, Size room) const {
  if (node_last <= first || last <= node_first) return -1;
  const Node& n = nodes_[node];
  if (n.most <= room || n.low >= floor) return -1;
  if (node >= leaves_) return node_first;
  const int32_t middle = node_first + (node_last - node_first) / 2;
  const int32_t found = first_short(2 * node, node_first, middle, first, last, floor, room);
  return found >= 0 ? found : first_short(2 * node + 1, middle, node_last, first, last, floor, room);
}

}  // namespace tela
