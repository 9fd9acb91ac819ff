// Reading and writing problems and solutions in the field's CSV format:
//   id,lower,upper,size[,alignment][,offset]
// UTF-8 text (a byte order mark first is skipped), lines ending in LF, CRLF or a lone CR.
// Columns are found by their header names, in any order. An `offset` column pre-places a buffer
// (an empty cell leaves it free); a solution is the same rows with every offset filled in.
// Any other column (name, op, shape, ...) is kept as the problem's metadata, as text, and
// written back; one spelt within two letters of a missing column of the model's is a typo and
// rejected.
#pragma once

#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "io/input_error.h"
#include "model/problem.h"

namespace tela {

// The largest magnitude accepted for any number in a file, and for the sum of all sizes and
// alignments: it keeps every offset an algorithm can compute, and every load, inside 64 bits.
constexpr int64_t kMaxValue = int64_t{1} << 62;

struct CsvReadOptions {
  // When set, a fixed offset whose buffer would end above it is an input error.
  std::optional<Size> capacity{};
  // When true, every row must carry an offset (reading a solution). The offsets are then only
  // parsed, not checked: judging them (negative, misaligned, too high) is the validator's job.
  bool require_offsets = false;
};

// A problem as a front-end read it: kept with the file's columns so that a solution can be
// written back alike, and with each buffer's line so that messages can point at it.
struct LoadedProblem {
  Problem problem;                   // capacity taken from the options (0 when absent)
  std::vector<std::string> columns;  // the header's column names in file order: the model's
                                     // lower-cased, metadata's as written
  std::vector<int64_t> lines;        // the file line each buffer came from
};

struct CsvReadResult : LoadedProblem {
  std::optional<InputError> error;  // set when the input was rejected; the rest is then empty
};

// Reads a whole problem. `file_name` is used only in error messages. Input that is not text
// (a NUL byte: binary, or UTF-16) or has a line over 1 MiB is rejected where it is found, and
// reading stops there: an endless stream (/dev/zero) is never read to its end.
CsvReadResult read_csv(std::istream& in, const std::string& file_name,
                       const CsvReadOptions& options = {});

// Writes the problem's rows with the solution's offsets, in `columns` order (an `offset` column
// is appended when absent). Buffers with no offset in the solution get an empty cell.
void write_solution_csv(std::ostream& out, const Problem& problem, const Solution& solution,
                        const std::vector<std::string>& columns);

// The columns a file of this problem needs: id, lower, upper, size, then alignment and offset
// when a buffer uses them, then its metadata columns.
std::vector<std::string> columns_of(const Problem& problem);

// Writes a problem (no offsets but the fixed ones) in the columns columns_of gives.
void write_problem_csv(std::ostream& out, const Problem& problem);

// The capacity a file's name gives by the field's convention NAME.CAPACITY.csv (as in
// "A.1048576.csv"); nullopt when it gives none, or one past 2^62 (what --capacity refuses).
std::optional<Size> capacity_from_file_name(const std::string& path);

}  // namespace tela
