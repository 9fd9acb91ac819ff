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

// The exact search's rules (core/algorithms/exact/), each of which can be switched off to
// measure what it buys, as MiniMalloc's SolverParams allow; all on by default. Every rule only
// cuts branches that hold no allocation or that another branch covers, so switching one off
// never changes whether a problem is solved or proven infeasible, only how long it takes (and
// which of several allocations comes out). The CLI mirrors each as --no-RULE (dashes for
// underscores), the JS API as exact: {ruleName: false} (camelCase).
struct ExactParams {
  // In every section, the lowest offset anything left can take plus the load left must fit.
  bool section_inference = true;
  // The same check for the node a placement opens, made before that node is set up.
  bool lookahead = true;
  // A section with no slack at the lowest offset left must have that byte filled next.
  bool tight_spots = true;
  // No buffer goes at or above the lowest top another buffer left could have.
  bool dominance = true;
  // A buffer that nothing left meets in time is tried at one place only.
  bool hatless = true;
  // Interchangeable buffers (same life, size, alignment) go in file order.
  bool twins = true;
  // Buffers at one offset go in rank order (not in every order).
  bool tie_order = true;
  // Parts no buffer left joins in time are solved one after the other.
  bool decomposition = true;
  // Parts searched without success are remembered, and fail at once when met again.
  bool nogoods = true;
  // A valley of the floor with a section without slack must be covered along its floor, wall
  // to wall, by lives of buffers left (algorithms/exact/valleys.h).
  bool valleys = true;
  // On a part with no slack, tight spots may branch only on the buffers that can fill the
  // lowest free byte of one tight section, the one with the fewest of them: every other
  // restart round (needs tight_spots).
  bool fewest_fits = true;
  // Restarts over six orderings with a doubling node limit (off: one ordering, no limit).
  bool restarts = true;
  // Not a rule (the rules above are the bools, kExactRules lists them): with restarts, the
  // ordering they begin with, modulo six. On a large problem the first round is all the time
  // allows, so a caller that probes again may ask for another (minimize's descent does).
  uint8_t first_ordering = 0;
};

// The rules by name (snake_case, as the fields), with what each does in a few words: what the
// front-ends build their flags from and what `tela bench --ablation` switches off in turn.
struct ExactRule {
  const char* name;
  bool ExactParams::*field;
  const char* summary;
};
inline constexpr ExactRule kExactRules[] = {
    {"section_inference", &ExactParams::section_inference, "the load left in a section must fit above its lowest offset"},
    {"lookahead", &ExactParams::lookahead, "section inference for a node before it is opened"},
    {"tight_spots", &ExactParams::tight_spots, "a section with no slack has its lowest free byte filled next"},
    {"dominance", &ExactParams::dominance, "nothing placed above another buffer's lowest top"},
    {"hatless", &ExactParams::hatless, "a buffer nothing left meets is tried at one place only"},
    {"twins", &ExactParams::twins, "interchangeable buffers in file order"},
    {"tie_order", &ExactParams::tie_order, "buffers at one offset in rank order"},
    {"decomposition", &ExactParams::decomposition, "independent parts solved one after the other"},
    {"nogoods", &ExactParams::nogoods, "parts searched without success fail at once when met again"},
    {"valleys", &ExactParams::valleys, "a valley without slack must be coverable along its floor, wall to wall"},
    {"fewest_fits", &ExactParams::fewest_fits, "without slack, tight spots branch on the section the fewest buffers can fill"},
    {"restarts", &ExactParams::restarts, "six orderings, a doubling node limit (off: one, no limit)"},
};

// The improvement's parameters (core/algorithms/improve/; used by `minimize`). The CLI mirrors
// each as a flag (--seed, --improve-work, --window), the JS API as improve: {seed, work, window}.
struct ImproveParams {
  // Breaks ties and picks windows: another seed, another path down (the same seed and work,
  // the same answer on any machine).
  uint64_t seed = 1;
  // The exact search's work across all moves, in units of ~8,000 buffers looked at; the
  // improvement stops when it is spent. 0: no limit but the time.
  int64_t work = 0;
  // About how many buffers the first try of a move frees; later tries free twice as many, and
  // twice again.
  int64_t window = 24;
  // The exact search's work per move, in the same units: a move that needs more is given up.
  int64_t move_work = 24;
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
  ExactParams exact{};
  ImproveParams improve{};
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

// A run with everything it did: what a trace file holds and what the visualizer replays.
struct RecordedRun {
  Problem problem;
  Trace trace;
  SolveResult result;  // status, solution, peak, algorithm, detail, seconds
  Size lower_bound = 0;
};

}  // namespace tela
