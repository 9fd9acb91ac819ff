// The types of a run, shared by every algorithm and front-end: its options, its progress
// reports and its result.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "model/problem.h"
#include "model/trace.h"

namespace tela {

enum class Status {
  kSolved,      // every buffer placed within the capacity
  kInfeasible,  // proven: no allocation exists at this capacity (`detail` says why)
  kNotFound,    // the algorithm gave up or its answer exceeds the capacity; not a proof
  kTimeout,     // the time limit ran out first
  kCancelled,   // the caller asked it to stop
};
constexpr Status kAllStatuses[] = {Status::kSolved, Status::kInfeasible, Status::kNotFound,
                                   Status::kTimeout, Status::kCancelled};
// The status's name in files, tables and the page ("solved", "not-found", ...) and back.
const char* name_of(Status status);
std::optional<Status> status_from_name(std::string_view name);

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

}  // namespace tela
