#include "io/duplicate_ids.h"

#include <algorithm>
#include <bit>
#include <functional>
#include <vector>

namespace tela {
namespace {

// A row as one 64-bit key: its id's hash above, the row number in the low `row_bits` bits, so
// that sorting the keys groups rows by hash (what of it the row bits leave) in row order.
// Rows whose kept hash bits agree have their ids compared, so losing bits costs no exactness.
struct RowKeys {
  std::vector<uint64_t> keys;
  int row_bits = 0;
  uint64_t hash_of(uint64_t key) const { return key >> row_bits; }
  size_t row_of(uint64_t key) const { return size_t(key & ((uint64_t{1} << row_bits) - 1)); }
};

// The keys sorted: first spread into buckets by their top bits (one pass, at most 16,384
// buckets, so that the writes stay in cache), then each bucket, of some 16 keys, sorted alone.
RowKeys sorted_keys(std::span<const Buffer> buffers, IdHash hash) {
  const size_t n = buffers.size();
  RowKeys sorted;
  sorted.row_bits = std::max(1, int(std::bit_width(n)));
  const int bits = std::min(14, std::max(0, int(std::bit_width(n / 16))));
  const auto bucket = [&](uint64_t key) { return bits == 0 ? size_t{0} : size_t(key >> (64 - bits)); };
  std::vector<uint64_t> keys;
  keys.reserve(n);
  std::vector<size_t> starts((size_t{1} << bits) + 1, 0);
  for (size_t i = 0; i < n; ++i) {
    keys.push_back((hash(buffers[i].id) << sorted.row_bits) | i);
    ++starts[bucket(keys.back()) + 1];
  }
  for (size_t b = 1; b < starts.size(); ++b) starts[b] += starts[b - 1];
  sorted.keys.resize(n);
  std::vector<size_t> next(starts.begin(), starts.end() - 1);
  for (const uint64_t key : keys) sorted.keys[next[bucket(key)]++] = key;
  for (size_t b = 0; b + 1 < starts.size(); ++b)
    std::sort(sorted.keys.begin() + std::ptrdiff_t(starts[b]),
              sorted.keys.begin() + std::ptrdiff_t(starts[b + 1]));
  return sorted;
}

}  // namespace

uint64_t standard_id_hash(std::string_view id) { return std::hash<std::string_view>{}(id); }

std::optional<DuplicateId> first_duplicate_id(std::span<const Buffer> buffers, IdHash hash) {
  const RowKeys sorted = sorted_keys(buffers, hash);
  const std::vector<uint64_t>& keys = sorted.keys;
  std::optional<DuplicateId> found;
  for (size_t run = 0; run < keys.size();) {
    size_t end = run + 1;
    while (end < keys.size() && sorted.hash_of(keys[end]) == sorted.hash_of(keys[run])) ++end;
    // Rows of one hash, in row order: each later one is checked against the earlier ones, so
    // the first match is its id's first row. (Different ids rarely share a hash.)
    for (size_t j = run + 1; j < end; ++j) {
      const size_t row = sorted.row_of(keys[j]);
      if (found && found->row < row) break;
      for (size_t i = run; i < j; ++i)
        if (buffers[sorted.row_of(keys[i])].id == buffers[row].id) {
          found = DuplicateId{row, sorted.row_of(keys[i])};
          break;
        }
      if (found && found->row == row) break;
    }
    run = end;
  }
  return found;
}

}  // namespace tela
