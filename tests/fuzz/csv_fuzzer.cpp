// Fuzzes the CSV reader. The first byte picks the reader's options (reading a problem or a
// solution, with or without a capacity); the rest is the file. Whatever comes in, the reader
// must either reject it with a line and words, or accept a problem that keeps every promise
// csv.h makes (the algorithms rely on them) and that writes back to the same problem. Accepted
// problems then go through the quick analyses every command runs on them.
#include <set>
#include <sstream>
#include <string>

#include "analysis/sections.h"
#include "io/csv.h"
#include "fuzz_check.h"
#include "analysis/proofs.h"
#include "model/validator.h"

namespace tela::fuzz {
namespace {

CsvReadOptions options_from(uint8_t mode) {
  CsvReadOptions options;
  options.require_offsets = mode & 1;
  // A capacity of 2^0 .. 2^62 bytes, or 0 (the CLI accepts 0 to 2^62).
  if (mode & 2) options.capacity = (mode >> 2) < 63 ? Size{1} << (mode >> 2) : 0;
  return options;
}

void check_accepted(const CsvReadResult& read, const CsvReadOptions& options) {
  const Problem& p = read.problem;
  FUZZ_CHECK(read.lines.size() == p.buffers.size(), "one line number per buffer");
  std::set<std::string> ids;
  Size total = 0;
  for (size_t i = 0; i < p.buffers.size(); ++i) {
    const Buffer& b = p.buffers[i];
    FUZZ_CHECK(!b.id.empty() && ids.insert(b.id).second, "ids are non-empty and unique: " << b.id);
    FUZZ_CHECK(b.lower < b.upper, "a live range is not empty");
    FUZZ_CHECK(b.lower >= -kMaxValue && b.upper <= kMaxValue, "times lie within 2^62");
    FUZZ_CHECK(b.size >= 0 && b.size <= kMaxValue, "sizes lie within 0..2^62");
    FUZZ_CHECK(b.alignment > 0 && (b.alignment & (b.alignment - 1)) == 0, "power-of-two alignment");
    total += b.size + b.alignment;
    FUZZ_CHECK(total <= kMaxValue, "sizes and alignments add up to at most 2^62");
    FUZZ_CHECK(i == 0 || read.lines[i] > read.lines[i - 1], "line numbers increase");
    if (b.fixed_offset && !options.require_offsets) {
      FUZZ_CHECK(*b.fixed_offset >= 0 && *b.fixed_offset % b.alignment == 0,
                 "a pre-placed offset is non-negative and aligned");
      FUZZ_CHECK(!options.capacity || *b.fixed_offset + b.size <= *options.capacity,
                 "a pre-placed buffer ends within the capacity");
    }
    if (options.require_offsets) FUZZ_CHECK(b.fixed_offset, "a solution gives every offset");
  }
}

// Writing an accepted problem with its own columns and reading it back gives the same problem.
void check_round_trip(const CsvReadResult& read, const CsvReadOptions& options) {
  Solution offsets;
  for (const Buffer& b : read.problem.buffers) offsets.offsets.push_back(b.fixed_offset.value_or(kUnplaced));
  std::ostringstream out;
  write_solution_csv(out, read.problem, offsets, read.columns);
  std::istringstream in(out.str());
  const CsvReadResult back = read_csv(in, "written.csv", options);
  FUZZ_CHECK(!back.error, "the written file reads back: " << back.error->message() << "\n" << out.str());
  FUZZ_CHECK(back.problem.buffers.size() == read.problem.buffers.size(), "as many buffers");
  for (size_t i = 0; i < back.problem.buffers.size(); ++i) {
    const Buffer& a = read.problem.buffers[i];
    const Buffer& b = back.problem.buffers[i];
    FUZZ_CHECK(a.id == b.id && a.lower == b.lower && a.upper == b.upper && a.size == b.size &&
                   a.alignment == b.alignment && a.fixed_offset == b.fixed_offset,
               "buffer " << i << " reads back the same: '" << a.id << "' vs '" << b.id << "'\n"
                         << out.str());
  }
}

// What `tela stats` and `tela validate` compute on what they read.
void analyse(const CsvReadResult& read, const CsvReadOptions& options) {
  Problem p = read.problem;
  p.capacity = options.capacity.value_or(kMaxValue);
  const ProblemStats stats = compute_stats(p);
  FUZZ_CHECK(stats.lower_bound >= 0 && stats.lower_bound <= stats.total_size, "0 <= lower bound <= total");
  prove_infeasible(p);
  Solution s;
  for (const Buffer& b : p.buffers) s.offsets.push_back(b.fixed_offset.value_or(kUnplaced));
  const Validation v = validate(p, s);
  describe(p, v);
  for (const Validation& overlap : find_overlaps(p, s, 8)) describe(p, overlap);
}

}  // namespace
}  // namespace tela::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tela;
  if (size == 0) return 0;
  const CsvReadOptions options = fuzz::options_from(data[0]);
  std::istringstream in(std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  const CsvReadResult read = read_csv(in, "fuzz.csv", options);
  if (read.error) {
    FUZZ_CHECK(read.error->line >= 1 && !read.error->what.empty(), "an error names a line and what");
    FUZZ_CHECK(read.problem.buffers.empty() && read.columns.empty(), "a rejected file gives nothing");
    return 0;
  }
  fuzz::check_accepted(read, options);
  fuzz::check_round_trip(read, options);
  fuzz::analyse(read, options);
  return 0;
}
