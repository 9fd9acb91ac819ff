// A problem from columns of numbers (a compiler's own arrays, NumPy's, JS typed arrays), checked
// as the CSV reader checks a file, with the same words: the front-ends that take arrays reject
// what `tela solve` would reject, and say why in the same way.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "io/input_error.h"
#include "model/problem.h"

namespace tela {

struct ArraysInput {
  std::span<const int64_t> lower, upper, size;  // one entry per buffer, all the same length
  std::span<const int64_t> alignment{};         // empty: every buffer aligned to 1
  std::span<const int64_t> offset{};            // empty: none pre-placed; else -1 leaves one free
  std::optional<Size> capacity{};               // when set, pre-placed buffers must fit it
};

struct ArraysResult {
  Problem problem;                 // buffers named "0", "1", ... by index; capacity as given
  std::optional<InputError> error;  // set when rejected: file "buffer I" (0-based), the column
                                    // named in `what`; the problem is then empty
};

// Checks every value (within +-2^62, upper > lower, size >= 0, alignment a power of two,
// pre-placed offsets non-negative, aligned, within the capacity, the sizes' sum within 2^62)
// and builds the problem in one pass.
ArraysResult problem_from_arrays(const ArraysInput& input);

// The same, with the records written into `storage` (cleared first; its memory kept when large
// enough): a caller that builds problem after problem can hand back a freed problem's buffers,
// whose memory is already mapped in, instead of faulting in a fresh block (80 MB for 10^6
// buffers) each time.
ArraysResult problem_from_arrays(const ArraysInput& input, std::vector<Buffer> storage);

}  // namespace tela
