// Parts of a problem the exact search has exhausted without success, so that meeting one again
// fails at once. A part is identified by 128 bits of hashes of what decides its search (the
// buffers left, how high each may start, the lowest offset allowed): a fixed-size table,
// allocated once, of buckets of a few entries. A full bucket gives up the entry that cost the
// least search to establish, so the failures near the root, which spare the most work, stay.
// A lost entry only costs a repeated search; a false match would need two 64-bit hashes to
// collide at once.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace tela {

struct PartKey {
  uint64_t a = 0, b = 0;
  bool operator==(const PartKey&) const = default;
};

// splitmix64: a good mix for building Zobrist-style keys.
inline uint64_t mix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

class Nogoods {
 public:
  // About `slots` entries (rounded up to a power of two, at least 1024).
  explicit Nogoods(size_t slots) {
    size_t n = 1024;
    while (n < slots) n *= 2;
    table_.assign(n, Entry{});
  }
  bool contains(const PartKey& k) const {
    if (k.a == 0) return false;
    const Entry* bucket = &table_[first(k)];
    for (size_t i = 0; i < kWays; ++i)
      if (bucket[i].key == k) return true;
    return false;
  }
  // `work`: what it took to establish (nodes searched).
  void add(const PartKey& k, int64_t work) {
    if (k.a == 0) return;
    Entry* bucket = &table_[first(k)];
    Entry* victim = bucket;
    for (size_t i = 0; i < kWays; ++i) {
      if (bucket[i].key == k || bucket[i].key.a == 0) {
        victim = &bucket[i];
        break;
      }
      if (bucket[i].work < victim->work) victim = &bucket[i];
    }
    *victim = {k, work};
  }
  void clear() { std::fill(table_.begin(), table_.end(), Entry{}); }

 private:
  static constexpr size_t kWays = 4;
  struct Entry {
    PartKey key;
    int64_t work = 0;
  };
  size_t first(const PartKey& k) const { return size_t(k.b) & (table_.size() - kWays); }
  std::vector<Entry> table_;
};

}  // namespace tela
