// The data model: buffers, problems and solutions, as plain structs.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace tela {

using TimeValue = int64_t;  // a point in (program) time
using Offset = int64_t;     // an address, in bytes from the base of the pool
using Size = int64_t;       // a number of bytes

// One buffer: live during the half-open range [lower, upper), so a buffer that ends at t and
// one that starts at t never conflict.
struct Buffer {
  std::string id{};                    // as written in the file; unique within a problem
  TimeValue lower = 0;                 // first time the buffer is live
  TimeValue upper = 0;                 // first time it is no longer live (upper > lower)
  Size size = 0;                       // bytes; zero-sized buffers occupy nothing
  Size alignment = 1;                  // its offset must be a multiple of this power of two
  std::optional<Offset> fixed_offset{};  // pre-placed: the solution must keep this offset
};

// Buffers are referred to by their index in Problem::buffers everywhere in the core.
using BufferIndex = int32_t;

// Columns a file carried beyond the model's own (name, op, shape, category, ...): kept as text
// and never interpreted, so that they survive solve, trace and solution files and the viewer
// can show them, search them and colour by them. Either empty, or every column has one value
// per buffer: values[column][buffer].
struct Metadata {
  std::vector<std::string> names;                // as the file's header spells them, in its order
  std::vector<std::vector<std::string>> values;
};

struct Problem {
  std::vector<Buffer> buffers;
  Size capacity = 0;  // the pool's size: every offset + size must be <= capacity
  Metadata metadata{};  // the algorithms never read it
};

// Removes one buffer and its metadata (the only way to remove one that keeps them in step).
void remove_buffer(Problem& problem, BufferIndex buffer);

// Column `column`'s value for `buffer`, or "" when the problem has no such value.
const std::string& metadata_value(const Problem& problem, size_t column, BufferIndex buffer);

// An offset per buffer, in the order of Problem::buffers. kUnplaced marks a buffer that an
// algorithm that stopped early did not place (no offset a file can hold is that low).
constexpr Offset kUnplaced = std::numeric_limits<Offset>::min();
struct Solution {
  std::vector<Offset> offsets;
};

// How long a buffer lives, upper - lower. Times lie within +-2^62, so this reaches 2^63, one
// past int64_t: computed in unsigned arithmetic, where it is exact (upper > lower).
inline uint64_t lifetime(const Buffer& b) { return uint64_t(b.upper) - uint64_t(b.lower); }

// Whether two buffers are ever live at the same time.
inline bool overlap_in_time(const Buffer& a, const Buffer& b) {
  return a.lower < b.upper && b.lower < a.upper;
}

// Whether [a_offset, a_offset + a_size) and [b_offset, b_offset + b_size) share a byte.
inline bool overlap_in_space(Offset a_offset, Size a_size, Offset b_offset, Size b_size) {
  return a_size > 0 && b_size > 0 && a_offset < b_offset + b_size && b_offset < a_offset + a_size;
}

// The lowest multiple of alignment (a power of two) that is >= offset.
inline Offset align_up(Offset offset, Size alignment) {
  return (offset + alignment - 1) & ~(alignment - 1);
}

// The highest address any placed buffer reaches (0 when nothing is placed).
Size peak_of(const Problem& problem, const Solution& solution);

// 0, 1, ..., n-1: every buffer of the problem.
std::vector<BufferIndex> all_buffers(const Problem& problem);

}  // namespace tela
