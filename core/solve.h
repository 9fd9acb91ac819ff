// Running an allocation algorithm: options in, result out. Every algorithm has this signature
// and is listed in `algorithms()`, so the CLI, the bench, the tests and the web bindings pick up
// a new one without changes.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "model.h"
#include "trace.h"

namespace tela {

enum class Status {
  kSolved,      // every buffer placed within the capacity
  kInfeasible,  // proven: no allocation exists at this capacity (`detail` says why)
  kNotFound,    // the algorithm gave up or its answer exceeds the capacity; not a proof
  kTimeout,     // the time limit ran out first
  kCancelled,   // the caller asked it to stop
};
const char* name_of(Status status);

// TelaMalloc's search parameters (the CLI mirrors each as a flag of the same name).
struct TelaMallocParams {
  // Minor backtracks in a row, with no new depth reached, before a major backtrack.
  int64_t minor_backtracks = 64;
  // Major backtracks before the search restarts without them, as a complete search (which
  // alone can prove that nothing fits) for a while; later rounds with major backtracks get
  // twice as many each. 0: a complete search from the start.
  int64_t major_backtracks = 256;
};

// How far a run has got, for people waiting on a long one.
struct Progress {
  int64_t placed = 0;            // buffers placed now
  int64_t buffers = 0;           // buffers in the problem
  int64_t deepest = 0;           // most buffers placed at once so far
  int64_t minor_backtracks = 0;
  int64_t major_backtracks = 0;
  double seconds = 0;            // since the run started
};

struct SolveOptions {
  double timeout_seconds = 0;                  // 0: no limit
  const std::atomic<bool>* cancel = nullptr;   // set to true from elsewhere to stop the run
  TraceObserver* observer = nullptr;           // receives every step; nullptr: no trace
  TelaMallocParams telamalloc{};
  // Called about every `progress_seconds` while a run lasts (never for runs shorter than
  // that); empty: no reports.
  std::function<void(const Progress&)> progress{};
  double progress_seconds = 1.0;
  // Where time limits and progress reports read the time, in seconds from any fixed origin;
  // empty: the steady clock. Tests set a clock driven by the work done, so that when an
  // algorithm looks at its limit is checked without depending on the machine's speed.
  std::function<double()> clock{};
};

struct SolveResult {
  Status status = Status::kNotFound;
  Solution solution;      // offsets; kUnplaced for buffers not placed when the run stopped
  Size peak = 0;          // highest address used by the placed buffers
  std::string algorithm;  // which algorithm produced the solution
  std::string detail;     // plain words: why infeasible, where it stopped
  double seconds = 0;     // wall time of the run
};

using AlgorithmFunction = SolveResult (*)(const Problem&, const SolveOptions&);

struct Algorithm {
  std::string_view name;     // as given to --algo
  std::string_view summary;  // one line for --help
  AlgorithmFunction run;
};

// Every algorithm tela has, in the order --help lists them.
const std::vector<Algorithm>& algorithms();
const Algorithm* find_algorithm(std::string_view name);

// Runs `algorithm` on `problem`, times it, computes the peak and classifies the outcome:
// solved when the peak fits the capacity, infeasible when a quick proof says nothing can fit.
SolveResult solve(const Problem& problem, const Algorithm& algorithm, const SolveOptions& options);

}  // namespace tela
