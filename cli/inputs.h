// What every command shares: reading problem files, opening outputs, progress and summaries.
// (Exit codes: services/record.h, shared with the other front-ends.)
#pragma once

#include <fstream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "io/csv.h"
#include "model/problem.h"
#include "services/record.h"
#include "services/registry.h"

namespace tela::cli {

// The path that names standard input, for every command that reads one problem.
inline constexpr std::string_view kStandardInput = "-";

// How messages name an input: "<stdin>" for "-", else the path as given.
std::string input_name(const std::string& path);

// Reads a CSV problem (or, with require_offsets, a solution) from the file, or from standard
// input for "-". On failure prints "file:line:column: what is wrong" to stderr and returns
// nullopt.
std::optional<LoadedProblem> load_problem(const std::string& path, std::optional<Size> capacity,
                                          bool require_offsets = false);

// An output stream for `path`: the file, or stdout for "" and "-". nullptr (after saying why on
// stderr) when the file cannot be created.
std::unique_ptr<std::ostream, void (*)(std::ostream*)> open_output(const std::string& path);

// Whether `path` (as open_output takes it) can be created, asked before the work: a typo in
// -o must not cost a long run. Leaves no file behind that was not there; says why on stderr.
bool can_create_output(const std::string& path);

// Flushes `out` (from open_output) and says whether everything written reached it: a full disk
// or a closed pipe must not pass for success. Says why on stderr when not.
bool finish_output(std::ostream& out, const std::string& path);


// "12.3 ms", "1.52 s": short and readable.
std::string format_seconds(double seconds);

// "1 buffer", "12 buffers": a count and its noun, in the number it takes.
std::string buffers_text(size_t count);

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
