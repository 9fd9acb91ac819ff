// What the visualizer has loaded: a recorded run (problem, trace, result) and what is derived
// from it once (sections, spans, stats), plus the player over its events. Pure C++: the
// front-ends and the tests share it.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "analysis/sections.h"
#include "viz/model/player.h"
#include "viz/model/time_index.h"
#include "services/registry.h"
#include "io/trace_io.h"
#include "model/validator.h"

namespace tela::viz {

struct Session {
  std::string name;                 // the file or example it came from
  std::string source;               // for links: "example:NAME", "gen:KIND,COUNT,SEED" or ""
  RecordedRun run;
  std::vector<Section> sections;
  std::vector<SectionSpan> spans;   // per buffer
  TimeIndex by_time;                // the buffers live in a view's times, found fast
  ProblemStats stats;
  // What every allocation needs (quick_lower_bound): the peak load (stats.lower_bound), raised
  // by pre-placed tops and alignment. The page's "lower bound" everywhere, and the capacity of
  // a file that names none, so the two never disagree.
  Size lower_bound = 0;
  std::string lower_bound_by;       // when a search raised it (App::adopt_proven_bound): how
  int64_t busiest = -1;             // the section with the largest load (-1: none)
  Player player;
  bool has_run = false;             // false: a problem with no solve yet
  std::string asked_algorithm;      // what its run was asked to use ("auto" where the result
                                    // names a stage); empty before a run
  // Pre-placed buffers that collide (the file pins two to shared bytes at a shared time): no
  // allocation exists, and the canvas marks where. Up to kMostMarkedOverlaps of them.
  std::vector<Validation> fixed_overlaps;
};
constexpr size_t kMostMarkedOverlaps = 1000;

// The busiest time as a range of time: its section and the touching ones of the same load, so
// that the panel and the canvas show one range where the load stays at its worst (input.12 at
// 10: [0, 9), not [0, 3) then [3, 9)). Sections [first, last]; none when there is no section.
struct SectionRun {
  size_t first = 0, last = 0;
};
std::optional<SectionRun> busiest_run(const Session& session);

// The collisions among `problem`'s pre-placed buffers (indices into `problem`), at most `limit`.
std::vector<Validation> overlaps_of_pre_placed(const Problem& problem, size_t limit);

// What to run and how: the page's Run panel and the native window fill this in.
struct RunRequest {
  std::string algorithm = "telamalloc";
  Size capacity = 0;
  double timeout_seconds = 10;
  TelaMallocParams telamalloc{};
  // Events recorded at most: a long search emits tens of millions, more than a page's memory
  // holds. Past this the run goes on unrecorded and the result's detail says so.
  int64_t max_events = 1'000'000;
};

// Builds a session around a run (the derived data and a player at step 0).
std::unique_ptr<Session> make_session(std::string name, RecordedRun run, bool has_run);

// Reads a problem from CSV text; on error, returns nothing and sets `error` to the
// "file:line:column: what" message. `capacity` 0 means: the lower bound.
std::unique_ptr<Session> session_from_csv(const std::string& text, const std::string& name,
                                          Size capacity, std::string& error);
// Reads a trace file (`tela trace` output); same error convention.
std::unique_ptr<Session> session_from_trace(const std::string& text, const std::string& name,
                                            std::string& error);

// Solves `problem` with the request, recording the trace. `cancel` and `progress` as in
// SolveOptions. Unknown algorithm: detail says so and status is kNotFound.
RecordedRun record_run(const Problem& problem, const RunRequest& request,
                       const std::atomic<bool>* cancel = nullptr,
                       std::function<void(const Progress&)> progress = {});

// The page's state as JSON, for `window.telaState()` and the browser tests.
std::string state_json(const Session* session, const std::string& status_message);

}  // namespace tela::viz
