// What every command shares: reading problem files, opening outputs, exit codes.
#pragma once

#include <fstream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "io/csv.h"
#include "model/problem.h"
#include "services/registry.h"

namespace tela::cli {

// The exit codes every command uses.
constexpr int kExitDone = 0;
constexpr int kExitNoAllocation = 1;  // not found, proven infeasible, timed out, or invalid
constexpr int kExitBadInput = 2;      // unreadable or malformed input, wrong usage

struct LoadedProblem {
  Problem problem;
  std::vector<std::string> columns;  // the file's columns, to write the solution back alike
  std::vector<int64_t> lines;        // the line each buffer came from
};

// Reads a CSV problem (or, with require_offsets, a solution). On failure prints
// "file:line:column: what is wrong" to stderr and returns nullopt.
std::optional<LoadedProblem> load_problem(const std::string& path, std::optional<Size> capacity,
                                          bool require_offsets = false);

// An output stream for `path`: the file, or stdout for "" and "-". nullptr (after saying why on
// stderr) when the file cannot be created.
std::unique_ptr<std::ostream, void (*)(std::ostream*)> open_output(const std::string& path);


// "12.3 ms", "1.52 s": short and readable.
std::string format_seconds(double seconds);

// The exit code for a run's outcome.
int exit_code_of(Status status);

// Progress reports on stderr while it lives, for runs that last: on a terminal, one line
// rewritten in place twice a second (erased at the end); elsewhere, a line every 5 seconds.
class ProgressLine {
 public:
  ProgressLine(SolveOptions& options, const std::string& algorithm);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

 private:
  std::shared_ptr<bool> shown_ = std::make_shared<bool>(false);  // a line to erase
};

// The one-line summary a solve prints on stderr.
std::string summary_line(const Problem& problem, const SolveResult& result, Size lower_bound);

}  // namespace tela::cli
