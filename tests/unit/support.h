// Helpers the unit tests share: problems from CSV text, the example files, solving and checking.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "io/csv.h"
#include "model/validator.h"
#include "services/registry.h"

namespace tela::test {

inline CsvReadResult read_text(const std::string& text, CsvReadOptions options = {}) {
  std::istringstream in(text);
  return read_csv(in, "test.csv", options);
}

// A problem from CSV text that must be well-formed.
inline Problem problem_from(const std::string& text, Size capacity) {
  CsvReadResult read = read_text(text, {.capacity = capacity});
  INFO((read.error ? read.error->message() : std::string()));
  REQUIRE_FALSE(read.error);
  read.problem.capacity = capacity;
  return read.problem;
}

// The example problems shipped in assets/examples (TELA_SOURCE_DIR is set by the build).
inline std::vector<std::string> example_files() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(TELA_SOURCE_DIR "/assets/examples"))
    if (entry.path().extension() == ".csv") files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

inline Problem problem_from_file(const std::string& path, Size capacity) {
  std::ifstream in(path);
  REQUIRE(in);
  CsvReadResult read = read_csv(in, path, {.capacity = capacity});
  REQUIRE_FALSE(read.error);
  read.problem.capacity = capacity;
  return read.problem;
}

// Asserts that a solved result is a valid allocation, saying why when it is not.
inline void check_valid(const Problem& problem, const SolveResult& result) {
  const Validation v = validate(problem, result.solution);
  INFO(result.algorithm << ": " << describe(problem, v));
  CHECK(v.ok());
}

// Solves with the algorithm so named, asserting that what it calls solved is valid.
inline SolveResult solve_checked(const Problem& problem, const char* algorithm, SolveOptions options) {
  SolveResult r = solve(problem, *find_algorithm(algorithm), options);
  if (r.status == Status::kSolved) check_valid(problem, r);
  return r;
}

// The buffers `keep` alone, at the same capacity: an explanation's subset, built here rather
// than by explain (which is under test).
inline Problem only(const Problem& problem, const std::vector<BufferIndex>& keep) {
  Problem sub;
  sub.capacity = problem.capacity;
  for (BufferIndex b : keep) sub.buffers.push_back(problem.buffers[size_t(b)]);
  return sub;
}

// Asserts that `solution` is a valid allocation at `capacity` and reaches exactly that high:
// what minimize promises of the capacity it answers.
inline void check_valid_at_peak(Problem problem, Size capacity, const Solution& solution) {
  problem.capacity = capacity;
  const Validation v = validate(problem, solution);
  INFO(describe(problem, v));
  CHECK(v.ok());
  CHECK(peak_of(problem, solution) == capacity);
}

}  // namespace tela::test
