#include "io/arrays.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "io/csv.h"  // kMaxValue

#if defined(__linux__) && !defined(__EMSCRIPTEN__)
#include <sys/mman.h>
#endif

namespace tela {
namespace {

// Asks Linux for transparent huge pages under a large block not yet touched: a large problem's
// records fault in one 4 KiB page at a time, which can take as long as the solve itself, and a
// 2 MiB page takes 512 times fewer faults. Only advice: nothing changes where it is not
// taken.
void advise_huge_pages([[maybe_unused]] void* data, [[maybe_unused]] size_t bytes) {
#if defined(__linux__) && !defined(__EMSCRIPTEN__) && defined(MADV_HUGEPAGE)
  constexpr uintptr_t kPage = 4096;
  if (bytes < (uintptr_t{4} << 20)) return;
  const uintptr_t begin = (reinterpret_cast<uintptr_t>(data) + kPage - 1) & ~(kPage - 1);
  const uintptr_t end = (reinterpret_cast<uintptr_t>(data) + bytes) & ~(kPage - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#endif
}

// The decimal text of 0, 1, 2, ... (the buffers' ids), counted up in place: a million ids cost
// a million increments of the last digit, not a million conversions of a number to text.
class DecimalCounter {
 public:
  std::string_view text() const { return {digits_ + first_, sizeof digits_ - first_}; }
  void next() {
    size_t i = sizeof digits_ - 1;
    while (digits_[i] == '9') digits_[i--] = '0';  // 20 digits hold any size_t: no carry out
    ++digits_[i];
    if (i < first_) first_ = i;
  }

 private:
  char digits_[20] = {'0', '0', '0', '0', '0', '0', '0', '0', '0', '0',
                      '0', '0', '0', '0', '0', '0', '0', '0', '0', '0'};
  size_t first_ = sizeof digits_ - 1;  // "0"
};

std::optional<InputError> error_at(size_t buffer, std::string what) {
  return InputError{"buffer " + std::to_string(buffer), 0, 0, std::move(what)};
}

bool in_range(int64_t v) { return v <= kMaxValue && v >= -kMaxValue; }

std::optional<InputError> check_value(size_t i, const char* name, int64_t v) {
  if (in_range(v)) return std::nullopt;
  return error_at(i, std::string(name) + " " + std::to_string(v) +
                         " is out of range; values must lie within +-2^62");
}

// The columns' lengths and the capacity: what must hold before any buffer is read.
std::optional<InputError> check_shape(const ArraysInput& in) {
  const size_t n = in.lower.size();
  auto length_error = [&](const char* name, size_t length) {
    return InputError{"arrays", 0, 0,
                      std::string(name) + " has " + std::to_string(length) +
                          " entries; lower has " + std::to_string(n)};
  };
  if (in.upper.size() != n) return length_error("upper", in.upper.size());
  if (in.size.size() != n) return length_error("size", in.size.size());
  if (!in.alignment.empty() && in.alignment.size() != n)
    return length_error("alignment", in.alignment.size());
  if (!in.offset.empty() && in.offset.size() != n)
    return length_error("offset", in.offset.size());
  if (in.capacity && (*in.capacity < 0 || *in.capacity > kMaxValue))
    return InputError{"arrays", 0, 0,
                      "capacity " + std::to_string(*in.capacity) +
                          " must be a whole number of bytes from 0 to 2^62"};
  return std::nullopt;
}

std::optional<InputError> set_alignment(size_t i, int64_t alignment, Buffer& b) {
  b.alignment = alignment;
  if (auto e = check_value(i, "alignment", b.alignment)) return e;
  if (b.alignment <= 0 || (b.alignment & (b.alignment - 1)) != 0)
    return error_at(i, "alignment " + std::to_string(b.alignment) + " is not a power of two");
  return std::nullopt;
}

std::optional<InputError> set_fixed_offset(size_t i, Offset offset, std::optional<Size> capacity,
                                           Buffer& b) {
  if (auto e = check_value(i, "offset", offset)) return e;
  if (offset < 0)
    return error_at(i, "offset " + std::to_string(offset) + " is negative (-1 leaves the buffer free)");
  if (offset % b.alignment != 0)
    return error_at(i, "offset " + std::to_string(offset) + " is not a multiple of the alignment " +
                           std::to_string(b.alignment));
  if (capacity && offset + b.size > *capacity)
    return error_at(i, "offset " + std::to_string(offset) + " + size " + std::to_string(b.size) +
                           " = " + std::to_string(offset + b.size) + " exceeds the capacity " +
                           std::to_string(*capacity));
  b.fixed_offset = offset;
  return std::nullopt;
}

// Buffer i from the columns (all but its id), checked in the order the CSV reader checks a row:
// the error, in its words, for the first check that fails.
std::optional<InputError> read_buffer(const ArraysInput& in, size_t i, Buffer& b) {
  b.lower = in.lower[i];
  b.upper = in.upper[i];
  b.size = in.size[i];
  if (auto e = check_value(i, "lower", b.lower)) return e;
  if (auto e = check_value(i, "upper", b.upper)) return e;
  if (auto e = check_value(i, "size", b.size)) return e;
  if (b.upper <= b.lower)
    return error_at(i, "upper (" + std::to_string(b.upper) + ") must be greater than lower (" +
                           std::to_string(b.lower) + "): the live range [lower, upper) is empty");
  if (b.size < 0) return error_at(i, "size " + std::to_string(b.size) + " is negative");
  if (!in.alignment.empty()) {
    if (auto e = set_alignment(i, in.alignment[i], b)) return e;
  }
  if (!in.offset.empty() && in.offset[i] != -1) return set_fixed_offset(i, in.offset[i], in.capacity, b);
  return std::nullopt;
}

// Whether read_buffer accepts these values: the same checks, with no words (the loop over a
// million buffers asks this, and read_buffer only for the one it rejects; should the two ever
// disagree, read_buffer's verdict stands).
bool acceptable(int64_t lower, int64_t upper, Size size, Size alignment, Offset offset,
                const std::optional<Size>& capacity) {
  return in_range(lower) && in_range(upper) && in_range(size) && upper > lower && size >= 0 &&
         in_range(alignment) && alignment > 0 && (alignment & (alignment - 1)) == 0 &&
         (offset == -1 || (in_range(offset) && offset >= 0 && offset % alignment == 0 &&
                           (!capacity || offset + size <= *capacity)));
}

}  // namespace

ArraysResult problem_from_arrays(const ArraysInput& in) { return problem_from_arrays(in, {}); }

ArraysResult problem_from_arrays(const ArraysInput& in, std::vector<Buffer> storage) {
  ArraysResult out;
  auto reject = [&](std::optional<InputError> error) {
    out.problem = {};
    out.error = std::move(error);
    return std::move(out);
  };
  if (auto e = check_shape(in)) return reject(e);
  const size_t n = in.lower.size();
  out.problem.capacity = in.capacity.value_or(0);
  // Exactly n records, each written once as it is read (no zeroed block filled in afterwards).
  std::vector<Buffer>& buffers = out.problem.buffers;
  buffers = std::move(storage);
  buffers.clear();
  buffers.reserve(n);
  advise_huge_pages(buffers.data(), n * sizeof(Buffer));
  const bool aligned = !in.alignment.empty(), placed = !in.offset.empty();
  DecimalCounter id;
  Size total = 0;
  for (size_t i = 0; i < n; ++i, id.next()) {
    const int64_t lower = in.lower[i], upper = in.upper[i], size = in.size[i];
    const Size alignment = aligned ? in.alignment[i] : 1;
    const Offset offset = placed ? in.offset[i] : -1;
    if (!acceptable(lower, upper, size, alignment, offset, in.capacity)) [[unlikely]] {
      Buffer rejected;
      if (auto e = read_buffer(in, i, rejected)) return reject(e);
    }
    Buffer& b = buffers.emplace_back();
    b.id = id.text();
    b.lower = lower;
    b.upper = upper;
    b.size = size;
    b.alignment = alignment;
    if (offset != -1) b.fixed_offset = offset;
    total += size + alignment;
    if (total > kMaxValue)
      return reject(error_at(i, "the sizes add up to more than 2^62 bytes; tela cannot address that"));
  }
  return out;
}

}  // namespace tela
