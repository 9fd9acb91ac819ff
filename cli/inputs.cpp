#include "inputs.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <iostream>

#include <unistd.h>

namespace tela::cli {

std::string input_name(const std::string& path) {
  return path == kStandardInput ? "<stdin>" : path;
}

namespace {

// The problem read, or nullopt after its error went to stderr.
std::optional<LoadedProblem> read_problem(std::istream& in, const std::string& name,
                                          const CsvReadOptions& options) {
  CsvReadResult read = read_csv(in, name, options);
  if (read.error) {
    std::cerr << read.error->message() << "\n";
    return std::nullopt;
  }
  return static_cast<LoadedProblem&&>(read);
}

}  // namespace

std::optional<LoadedProblem> load_problem(const std::string& path, std::optional<Size> capacity,
                                          bool require_offsets) {
  const CsvReadOptions options{.capacity = capacity, .require_offsets = require_offsets};
  if (path == kStandardInput) return read_problem(std::cin, input_name(path), options);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << path << ": cannot open: " << std::strerror(errno) << "\n";
    return std::nullopt;
  }
  if (std::filesystem::is_directory(path)) {
    std::cerr << path << ": is a directory, not a CSV file\n";
    return std::nullopt;
  }
  return read_problem(in, path, options);
}

std::unique_ptr<std::ostream, void (*)(std::ostream*)> open_output(const std::string& path) {
  if (path.empty() || path == "-") return {&std::cout, [](std::ostream*) { std::cout.flush(); }};
  auto* file = new std::ofstream(path, std::ios::binary);
  if (!*file) {
    std::cerr << path << ": cannot create: " << std::strerror(errno) << "\n";
    delete file;
    return {nullptr, [](std::ostream*) {}};
  }
  return {file, [](std::ostream* s) { delete s; }};
}

bool can_create_output(const std::string& path) {
  if (path.empty() || path == "-") return true;
  std::error_code ignored;
  const bool existed = std::filesystem::exists(path, ignored);
  {
    const std::ofstream probe(path, std::ios::binary | std::ios::app);  // app: no truncation
    if (!probe) {
      std::cerr << path << ": cannot create: " << std::strerror(errno) << "\n";
      return false;
    }
  }
  if (!existed) std::filesystem::remove(path, ignored);
  return true;
}

bool finish_output(std::ostream& out, const std::string& path) {
  out.flush();
  if (out) return true;
  std::cerr << (path.empty() || path == "-" ? std::string("stdout") : path)
            << ": cannot write: " << (errno ? std::strerror(errno) : "write failed") << "\n";
  return false;
}

ProgressLine::ProgressLine(SolveOptions& options, const std::string& algorithm) {
  const bool terminal = isatty(STDERR_FILENO) != 0;
  options.progress_seconds = terminal ? 0.5 : 5.0;
  options.progress = [algorithm, terminal, shown = shown_](const Progress& p) {
    std::string line = "tela: " + algorithm + ": " + format_seconds(p.seconds) + ", " +
                       std::to_string(p.placed) + " of " + std::to_string(p.buffers) +
                       " buffers placed";
    if (p.deepest != p.placed) line += " (at most " + std::to_string(p.deepest) + " so far)";
    if (p.minor_backtracks || p.major_backtracks)
      line += ", " + std::to_string(p.minor_backtracks) + " minor and " +
              std::to_string(p.major_backtracks) + " major backtracks";
    if (terminal) {
      std::cerr << "\r" << line << "\x1b[K" << std::flush;
      *shown = true;
    } else {
      std::cerr << line << "\n";
    }
  };
}

ProgressLine::~ProgressLine() {
  if (*shown_) std::cerr << "\r\x1b[K" << std::flush;
}

std::string buffers_text(size_t count) {
  return std::to_string(count) + (count == 1 ? " buffer" : " buffers");
}

std::string format_seconds(double seconds) {
  char text[32];
  if (seconds < 1e-3) std::snprintf(text, sizeof text, "%.1f us", seconds * 1e6);
  else if (seconds < 1) std::snprintf(text, sizeof text, "%.1f ms", seconds * 1e3);
  else std::snprintf(text, sizeof text, "%.2f s", seconds);
  return text;
}

std::string summary_line(const Problem& problem, const SolveResult& result, Size lower_bound) {
  const std::string head = "tela: " + result.algorithm + ": ";
  const std::string numbers = "peak " + std::to_string(result.peak) + ", lower bound " +
                              std::to_string(lower_bound) + ", capacity " +
                              std::to_string(problem.capacity) + ", " +
                              buffers_text(problem.buffers.size()) + ", " + format_seconds(result.seconds);
  switch (result.status) {
    case Status::kSolved: return head + "solved: " + numbers;
    case Status::kInfeasible:
      return head + "no allocation exists (proven infeasible): " + result.detail;
    case Status::kNotFound: return head + "no allocation found (not proven infeasible): " + result.detail;
    case Status::kTimeout:
      return head + "no allocation found: out of time (not proven infeasible); " + result.detail;
    case Status::kCancelled: return head + "cancelled; " + result.detail;
  }
  return head;
}

}  // namespace tela::cli
