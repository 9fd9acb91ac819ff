// An ordered set kept as a row of small sorted arrays, for the few thousand free gaps of a
// best-fit heap: a search is a binary search over the arrays' last keys, then one inside an
// array, all in a few cache lines, where a red-black tree walks a chain of scattered nodes
// (the two trees of gaps were a quarter of best fit on 10^6 buffers). Inserting or erasing
// moves at most one array's tail.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace tela {

// Keys are small, copyable and ordered by `Less`; no two keys in the set compare equal.
template <typename Key, typename Less>
class SortedBlocks {
 public:
  // A key's place: array, then index in it. Past the last key: {arrays, 0}.
  struct Position {
    size_t block = 0, index = 0;
  };

  // The first key not less than `key`.
  Position lower_bound(const Key& key) const {
    const size_t b = size_t(std::lower_bound(lasts_.begin(), lasts_.end(), key, less_) - lasts_.begin());
    if (b == blocks_.size()) return end();
    const std::vector<Key>& keys = blocks_[b];
    return {b, size_t(std::lower_bound(keys.begin(), keys.end(), key, less_) - keys.begin())};
  }
  // The last key not greater than `key`, or end() when every key is greater.
  Position last_not_after(const Key& key) const {
    Position p = lower_bound(key);
    if (!at_end(p) && !less_(key, at(p))) return p;  // equal
    return previous(p);
  }

  Position end() const { return {blocks_.size(), 0}; }
  bool at_end(Position p) const { return p.block == blocks_.size(); }
  const Key& at(Position p) const { return blocks_[p.block][p.index]; }
  Position next(Position p) const {
    return ++p.index < blocks_[p.block].size() ? p : Position{p.block + 1, 0};
  }
  // The key before p, or end() when p is the first.
  Position previous(Position p) const {
    if (p.index > 0) return {p.block, p.index - 1};
    if (p.block == 0) return end();
    return {p.block - 1, blocks_[p.block - 1].size() - 1};
  }

  void insert(const Key& key) {
    if (blocks_.empty()) {
      blocks_.push_back({key});
      lasts_.push_back(key);
      return;
    }
    // Into the first array whose last key is not less, else the last array.
    size_t b = size_t(std::lower_bound(lasts_.begin(), lasts_.end(), key, less_) - lasts_.begin());
    if (b == blocks_.size()) --b;
    std::vector<Key>& keys = blocks_[b];
    keys.insert(std::lower_bound(keys.begin(), keys.end(), key, less_), key);
    lasts_[b] = keys.back();
    if (keys.size() >= kMaxBlock) split(b);
  }

  // Puts `key` in the place of the key at p; the caller keeps the order (key lies between its
  // neighbours), which saves the erase and insert a changed key would otherwise need.
  void replace(Position p, const Key& key) {
    std::vector<Key>& keys = blocks_[p.block];
    keys[p.index] = key;
    if (p.index + 1 == keys.size()) lasts_[p.block] = key;
  }

  // Erases the key at p.
  void erase(Position p) {
    std::vector<Key>& keys = blocks_[p.block];
    keys.erase(keys.begin() + std::ptrdiff_t(p.index));
    if (keys.empty()) {
      blocks_.erase(blocks_.begin() + std::ptrdiff_t(p.block));
      lasts_.erase(lasts_.begin() + std::ptrdiff_t(p.block));
      return;
    }
    lasts_[p.block] = keys.back();
  }

 private:
  static constexpr size_t kMaxBlock = 128;

  void split(size_t b) {
    std::vector<Key> upper(blocks_[b].begin() + std::ptrdiff_t(kMaxBlock / 2), blocks_[b].end());
    blocks_[b].resize(kMaxBlock / 2);
    lasts_[b] = blocks_[b].back();
    lasts_.insert(lasts_.begin() + std::ptrdiff_t(b + 1), upper.back());
    blocks_.insert(blocks_.begin() + std::ptrdiff_t(b + 1), std::move(upper));
  }

  std::vector<std::vector<Key>> blocks_;  // each sorted, non-empty, all in order
  std::vector<Key> lasts_;                // each array's last key, for the first search
  Less less_{};
};

}  // namespace tela
