// Parts of a problem the exact search has exhausted without success, so that meeting one again
// fails at once. A part is identified by 128 bits of hashes of what decides its search (the
// buffers left, the floors of its sections, the lowest offset allowed): a fixed-size table,
// allocated once, where a newer entry replaces an older one in the same slot. A lost entry
// only costs a repeated search; a false match would need two 64-bit hashes to collide at once.
#pragma once

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
    table_.assign(n, PartKey{});
  }
  bool contains(const PartKey& k) const { return k.a != 0 && table_[slot(k)] == k; }
  void add(const PartKey& k) {
    if (k.a != 0) table_[slot(k)] = k;
  }
  void clear() { std::fill(table_.begin(), table_.end(), PartKey{}); }

 private:
  size_t slot(const PartKey& k) const { return size_t(k.b) & (table_.size() - 1); }
  std::vector<PartKey> table_;
};

}  // namespace tela
