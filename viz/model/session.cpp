#include "viz/model/session.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "io/csv.h"
#include "io/json_text.h"
#include "services/bounds.h"
#include "services/record.h"

namespace tela::viz {

namespace {

// A trace cut short (a long search keeps its first events only) ends on a partial allocation
// though the run found a whole one: steps that place each buffer where the answer has it end
// the trace there (reason "answer"), so its last step shows what the result says.
void end_on_answer(RecordedRun& run) {
  const std::vector<Offset>& answer = run.result.solution.offsets;
  if (run.result.status != Status::kSolved || run.trace.events.empty() || answer.size() != run.problem.buffers.size())
    return;
  const std::vector<Offset> offsets = offsets_at_end(run);  // where the trace's last step has them
  for (size_t b = 0; b < answer.size(); ++b)
    if (offsets[b] != answer[b])
      run.trace.on_event({.kind = EventKind::kPlace, .reason = Reason::kAnswer, .buffer = BufferIndex(b), .offset = answer[b]},
                         {});
}

}  // namespace

std::optional<SectionRun> busiest_run(const Session& s) {
  if (s.busiest < 0) return std::nullopt;
  const auto& x = s.sections;
  const Size load = x[size_t(s.busiest)].load;
  SectionRun run{size_t(s.busiest), size_t(s.busiest)};
  while (run.first > 0 && x[run.first - 1].upper == x[run.first].lower && x[run.first - 1].load == load) --run.first;
  while (run.last + 1 < x.size() && x[run.last].upper == x[run.last + 1].lower && x[run.last + 1].load == load) ++run.last;
  return run;
}

std::vector<Validation> overlaps_of_pre_placed(const Problem& problem, size_t limit) {
  Problem fixed;  // the pre-placed ones alone: the sweep then steps over them only
  Solution at;
  std::vector<BufferIndex> index_in_problem;
  for (size_t i = 0; i < problem.buffers.size(); ++i) {
    const Buffer& b = problem.buffers[i];
    if (!b.fixed_offset) continue;
    fixed.buffers.push_back({.id = b.id, .lower = b.lower, .upper = b.upper, .size = b.size});  // alignment 1
    at.offsets.push_back(*b.fixed_offset);
    index_in_problem.push_back(BufferIndex(i));
  }
  if (fixed.buffers.size() < 2) return {};
  fixed.capacity = kMaxValue;  // only collisions are asked about here
  // validate's sweep is O(n log n) and finds one if there is any; find_overlaps lists them all
  // but scans every live pair, so it runs only where there is something to list.
  const Validation first = validate(fixed, at);
  if (first.verdict != Verdict::kOverlap) return {};
  std::vector<Validation> found =
      fixed.buffers.size() <= 100'000 ? find_overlaps(fixed, at, limit) : std::vector<Validation>{first};
  for (Validation& v : found) v.buffer = index_in_problem[size_t(v.buffer)], v.other = index_in_problem[size_t(v.other)];
  return found;
}

std::unique_ptr<Session> make_session(std::string name, RecordedRun run, bool has_run) {
  auto s = std::make_unique<Session>();
  s->name = std::move(name);
  s->run = std::move(run);
  s->has_run = has_run;
  s->sections = compute_sections(s->run.problem);
  s->spans = compute_section_spans(s->run.problem, s->sections);
  s->stats = compute_stats(s->run.problem);
  s->by_time = index_by_time(s->run.problem);
  for (size_t i = 0; i < s->sections.size(); ++i)
    if (s->busiest < 0 || s->sections[i].load > s->sections[size_t(s->busiest)].load) s->busiest = int64_t(i);
  s->lower_bound = std::max(s->stats.lower_bound, quick_lower_bound(s->run.problem).value);
  s->run.lower_bound = s->lower_bound;
  s->fixed_overlaps = overlaps_of_pre_placed(s->run.problem, kMostMarkedOverlaps);
  end_on_answer(s->run);
  if (s->run.result.solution.offsets.size() != s->run.problem.buffers.size())
    s->run.result.solution.offsets.assign(s->run.problem.buffers.size(), kUnplaced);
  s->player = Player(&s->run);  // points into the session, which never moves (unique_ptr)
  return s;
}

std::unique_ptr<Session> session_from_csv(const std::string& text, const std::string& name,
                                          Size capacity, std::string& error) {
  std::istringstream in(text);
  CsvReadOptions options;
  if (capacity > 0) options.capacity = capacity;
  CsvReadResult read = read_csv(in, name, options);
  if (read.error) {
    error = read.error->message();
    return nullptr;
  }
  RecordedRun run;
  run.problem = std::move(read.problem);
  // No capacity given: the least any allocation needs, pre-placed tops included (the load
  // alone left a buffer pinned above it outside the capacity, and the file refused).
  run.problem.capacity = capacity > 0 ? capacity : quick_lower_bound(run.problem).value;
  run.result.status = Status::kNotFound;
  run.result.detail = "not solved yet";
  return make_session(name, std::move(run), false);
}

std::unique_ptr<Session> session_from_trace(const std::string& text, const std::string& name,
                                            std::string& error) {
  std::istringstream in(text);
  TraceReadResult read = read_trace_jsonl(in, name);
  if (read.error) {
    error = read.error->message();
    return nullptr;
  }
  return make_session(name, std::move(read.run), true);
}

RecordedRun record_run(const Problem& problem, const RunRequest& request,
                       const std::atomic<bool>* cancel,
                       std::function<void(const Progress&)> progress) {
  RecordedRun run;
  run.problem = problem;
  if (request.capacity > 0) run.problem.capacity = request.capacity;
  const Algorithm* algorithm = find_algorithm(request.algorithm);
  if (!algorithm) {
    run.result.detail = "no algorithm named '" + request.algorithm + "'";
    run.result.solution.offsets.assign(problem.buffers.size(), kUnplaced);
    return run;
  }
  SolveOptions options{.timeout_seconds = request.timeout_seconds, .cancel = cancel,
                       .telamalloc = request.telamalloc, .progress = std::move(progress),
                       .progress_seconds = 0.1};
  return tela::record_run(std::move(run.problem), *algorithm, options, request.max_events);
}

std::string state_json(const Session* s, const std::string& status_message) {
  nlohmann::ordered_json j;
  j["message"] = status_message;
  if (!s) {
    j["buffers"] = 0;
    j["steps"] = 0;
    j["step"] = 0;
    return lenient_dump(j);  // ids may not be UTF-8
  }
  const StepCounts c = s->player.counts();
  j["name"] = s->name;
  j["source"] = s->source;
  j["buffers"] = s->run.problem.buffers.size();
  j["capacity"] = s->run.problem.capacity;
  j["lower_bound"] = s->lower_bound;
  j["pre_placed_overlaps"] = s->fixed_overlaps.size();
  j["algo"] = s->has_run ? s->run.result.algorithm : "";
  j["status"] = s->has_run ? name_of(s->run.result.status) : "unsolved";
  j["step"] = s->player.step();
  j["steps"] = s->player.steps();
  j["placed"] = c.placed;
  j["peak"] = c.peak;
  j["final_peak"] = s->run.result.peak;
  j["minor_backtracks"] = c.minor_backtracks;
  j["major_backtracks"] = c.major_backtracks;
  const TraceEvent* e = s->player.current_event();
  j["event"] = e ? name_of(e->kind) : "";
  j["event_buffer"] = e ? e->buffer : -1;
  j["event_offset"] = e ? e->offset : 0;
  j["event_reason"] = e ? name_of(e->reason) : "";
  return lenient_dump(j);  // ids may not be UTF-8
}

}  // namespace tela::viz
