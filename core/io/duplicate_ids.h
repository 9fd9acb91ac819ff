// Finding a repeated id among a problem's buffers after they are all read, rather than one
// hash-table lookup per row while reading: on 10^6 rows that table was 16 MB of random
// accesses, a cache miss each, and about half of reading the file.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "model/problem.h"

namespace tela {

// Two rows with the same id: `row` is the first row (in row order) whose id an earlier row
// already has, `first` the earliest row with that id; what reading row by row would report.
struct DuplicateId {
  size_t row = 0;
  size_t first = 0;
};

// How ids are hashed; a parameter so that tests can make different ids collide.
using IdHash = uint64_t (*)(std::string_view);
uint64_t standard_id_hash(std::string_view id);

// The first duplicate among `buffers`' ids, or nullopt when they are all different. Rows are
// sorted by hash (in cache-sized buckets first); only ids whose hashes agree are compared.
std::optional<DuplicateId> first_duplicate_id(std::span<const Buffer> buffers,
                                              IdHash hash = standard_id_hash);

}  // namespace tela
