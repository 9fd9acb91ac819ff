#include "problem_handle.h"

#include <cmath>
#include <optional>
#include <sstream>

#include "analysis/proofs.h"
#include "analysis/sections.h"
#include "io/csv.h"
#include "io/drawing.h"
#include "js_arrays.h"
#include "model/validator.h"
#include "run_handle.h"
#include "services/explain.h"
#include "services/minimize.h"
#include "solve_options.h"

namespace tela::web {
namespace {

val error_result(const std::string& message) {
  val out = val::object();
  out.set("error", message);
  return out;
}

// {lower, upper, load: Float64Array, live: Int32Array}
val sections_to_js(const std::vector<Section>& s) {
  val out = val::object();
  out.set("lower", doubles_to_js(s.size(), [&](size_t i) { return s[i].lower; }));
  out.set("upper", doubles_to_js(s.size(), [&](size_t i) { return s[i].upper; }));
  out.set("load", doubles_to_js(s.size(), [&](size_t i) { return s[i].load; }));
  std::vector<int32_t> live(s.size());
  for (size_t i = 0; i < s.size(); ++i) live[i] = s[i].live;
  out.set("live", copy_to_js(live));
  return out;
}

// The capacity as the CLI's --capacity takes it: a whole number from 0 to 2^62.
bool capacity_from_js(const val& js, std::optional<Size>& capacity, std::string& error) {
  if (js.isUndefined() || js.isNull()) return true;
  const double value = js.typeOf().as<std::string>() == "number" ? js.as<double>() : std::nan("");
  if (!(value >= 0 && value <= double(kMaxValue)) || value != std::floor(value)) {
    // String(js), not js.toString(): val::call keeps a thread_local (see solve_options.cpp).
    error = "capacity '" + val::global("String")(js).as<std::string>() +
            "' must be a whole number of bytes from 0 to 2^62";
    return false;
  }
  capacity = Size(value);
  return true;
}

val validation_to_js(const Problem& problem, const Solution& solution) {
  const Validation v = validate(problem, solution);
  val out = val::object();
  out.set("ok", v.ok());
  out.set("verdict", std::string(name_of(v.verdict)));
  out.set("text", describe(problem, v));
  out.set("buffer", v.buffer);
  out.set("other", v.other);
  out.set("offset", offset_to_js(v.offset));
  out.set("timeLower", double(v.time_lower));
  out.set("timeUpper", double(v.time_upper));
  out.set("addressLower", double(v.address_lower));
  out.set("addressUpper", double(v.address_upper));
  out.set("peak", double(peak_of(problem, solution)));
  return out;
}

}  // namespace

val load_problem(const std::string& csv_text, const std::string& file_name, const val& capacity) {
  CsvReadOptions options;
  std::string error;
  if (!capacity_from_js(capacity, options.capacity, error)) return error_result(error);
  std::istringstream in(csv_text);
  CsvReadResult read = read_csv(in, file_name, options);
  if (read.error) return error_result(read.error->message());
  auto loaded = std::make_shared<LoadedProblem>(static_cast<LoadedProblem&&>(read));
  val out = val::object();
  out.set("problem", val(ProblemHandle(std::move(loaded))));
  return out;
}

val ProblemHandle::buffers() const {
  const std::vector<Buffer>& b = problem().buffers;
  val ids = val::array();
  for (size_t i = 0; i < b.size(); ++i) ids.set(i, b[i].id);
  val out = val::object();
  out.set("id", ids);
  out.set("lower", doubles_to_js(b.size(), [&](size_t i) { return b[i].lower; }));
  out.set("upper", doubles_to_js(b.size(), [&](size_t i) { return b[i].upper; }));
  out.set("size", doubles_to_js(b.size(), [&](size_t i) { return b[i].size; }));
  out.set("alignment", doubles_to_js(b.size(), [&](size_t i) { return b[i].alignment; }));
  out.set("fixedOffset", doubles_to_js(b.size(), [&](size_t i) {
            return offset_to_js(b[i].fixed_offset.value_or(kUnplaced));
          }));
  return out;
}

val ProblemHandle::stats() const {
  const ProblemStats s = compute_stats(problem());
  val out = val::object();
  out.set("buffers", double(s.buffers));
  out.set("fixed", double(s.fixed));
  out.set("timeLower", double(s.time_lower));
  out.set("timeUpper", double(s.time_upper));
  out.set("lowerBound", double(s.lower_bound));
  out.set("peakTime", double(s.peak_time));
  out.set("peakLive", s.peak_live);
  out.set("sections", double(s.sections));
  out.set("totalSize", double(s.total_size));
  out.set("largest", s.largest);  // buffer index, -1 for none
  out.set("longest", s.longest);
  return out;
}

double ProblemHandle::lowerBound() const {
  return double(lower_bound(compute_sections(problem())));
}

val ProblemHandle::sections() const { return sections_to_js(compute_sections(problem())); }

namespace {

// `with_offsets`: the step brings an allocation lower than any sent before, so it goes along
// (once per lower capacity: a step that only raises the proven bound repeats none).
val minimize_step_to_js(const MinimizeStep& step, bool with_offsets) {
  val out = val::object();
  out.set("seconds", step.seconds);
  out.set("capacity", double(step.capacity));
  out.set("provenBelow", double(step.proven_below));
  out.set("foundBy", step.found_by);
  out.set("moves", double(step.moves));
  if (with_offsets) {
    const auto& offsets = step.offsets;
    out.set("offsets", doubles_to_js(offsets.size(), [&](size_t i) { return offset_to_js(offsets[i]); }));
  }
  return out;
}

}  // namespace

val ProblemHandle::minimize(const val& options) const {
  std::string error;
  std::optional<JsSolveOptions> parsed = solve_options_from_js(options, error);
  if (!parsed) return error_result(error);
  const val on_step = options.isUndefined() || options.isNull() ? val::undefined() : options["onStep"];
  if (!on_step.isUndefined() && !on_step.isNull() && on_step.typeOf().as<std::string>() != "function")
    return error_result("option onStep must be a function");
  std::function<void(const MinimizeStep&)> report;
  if (!on_step.isUndefined() && !on_step.isNull())
    report = [&on_step, sent = std::optional<Size>()](const MinimizeStep& step) mutable {
      const bool with_offsets = !step.offsets.empty() && (!sent || step.capacity < *sent);
      if (with_offsets) sent = step.capacity;
      on_step(minimize_step_to_js(step, with_offsets));
    };
  const MinimizeResult r = tela::minimize(problem(), parsed->options, report);
  val out = val::object();
  out.set("status", std::string(name_of(r.status)));
  out.set("capacity", double(r.capacity));
  out.set("lowerBound", double(r.lower_bound));
  out.set("boundArgument", r.bound_argument);
  out.set("provenMinimal", r.proven_minimal);
  out.set("algorithm", r.algorithm);
  out.set("detail", r.detail);
  out.set("seconds", r.seconds);
  const auto& offsets = r.solution.offsets;
  out.set("offsets", doubles_to_js(offsets.size(), [&](size_t i) { return offset_to_js(offsets[i]); }));
  return out;
}

val ProblemHandle::explain(const val& options) const {
  std::string error;
  std::optional<JsSolveOptions> parsed = solve_options_from_js(options, error);
  if (!parsed) return error_result(error);
  const Explanation e = tela::explain(problem(), parsed->options);
  val out = val::object();
  out.set("status", std::string(name_of(e.status)));
  out.set("buffers", copy_to_js(e.buffers));
  out.set("minimal", e.minimal);
  out.set("detail", e.detail);
  out.set("collisions", sections_to_js(e.collisions));
  if (e.status == Status::kSolved) {  // the allocation that fits it all, for a caller to show
    const auto& offsets = e.solution.offsets;
    out.set("offsets", doubles_to_js(offsets.size(), [&](size_t i) { return offset_to_js(offsets[i]); }));
  }
  return out;
}

val ProblemHandle::proveInfeasible() const {
  const std::optional<std::string> proof = prove_infeasible(problem());
  return proof ? val(*proof) : val::null();
}

val ProblemHandle::solve(const std::string& algorithm, const val& options) const {
  const Algorithm* found = find_algorithm(algorithm);
  if (!found) return error_result("unknown algorithm '" + algorithm + "'");
  std::string error;
  std::optional<JsSolveOptions> parsed = solve_options_from_js(options, error);
  if (!parsed) return error_result(error);
  Trace trace;
  SolveResult result = solve_recording(problem(), *found, parsed->options,
                                       parsed->record_trace ? &trace : nullptr, parsed->max_events);
  val out = val::object();
  const Size lower = lower_bound(compute_sections(problem()));
  // val(T&&) moves the run into the JS-owned object; set(key, T) would copy the whole trace.
  out.set("run", val(RunHandle(loaded_, std::move(result), std::move(trace), lower)));
  return out;
}

val ProblemHandle::validate(const val& offsets) const {
  return validation_to_js(problem(), solution_from_js(offsets));
}

std::string ProblemHandle::solutionCsv(const val& offsets) const {
  std::ostringstream out;
  write_solution_csv(out, problem(), solution_from_js(offsets), loaded_->columns);
  return out.str();
}

// A whole number in [lo, hi] from an option, or what is wrong with it in `error`.
static bool count_option(const val& options, const char* name, int lo, int hi, int& value, std::string& error) {
  const val js = options[name];
  if (js.isUndefined()) return true;
  const double v = js.typeOf().as<std::string>() == "number" ? js.as<double>() : std::nan("");
  if (!(v >= lo && v <= hi) || v != std::floor(v)) {
    error = std::string("option ") + name + " must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
    return false;
  }
  value = int(v);
  return true;
}

// draw's `colours`: a fill per buffer, 0xRRGGBB, by index (fewer than the buffers: the rest get
// the default fills).
static bool colours_from_js(const val& js, std::vector<uint32_t>& colours, std::string& error) {
  if (js.isUndefined() || js.isNull()) return true;
  const std::vector<double> values = js.typeOf().as<std::string>() == "object" && !js["length"].isUndefined()
                                         ? emscripten::convertJSArrayToNumberVector<double>(js)
                                         : std::vector<double>{std::nan("")};
  for (const double v : values) {
    if (!(v >= 0 && v <= 0xFFFFFF) || v != std::floor(v)) {
      error = "option colours must be an array of 0xRRGGBB numbers (0 to 16777215)";
      return false;
    }
    colours.push_back(uint32_t(v));
  }
  return true;
}

val ProblemHandle::draw(const val& offsets, const val& options) const {
  DrawingOptions o{.capacity = problem().capacity};
  if (!options.isUndefined() && !options.isNull()) {
    std::string error;
    if (const val format = options["format"]; !format.isUndefined()) {
      const std::string name = format.typeOf().as<std::string>() == "string" ? format.as<std::string>() : "";
      const std::optional<DrawingFormat> named = drawing_format_named(name);
      if (!named) return error_result("option format must be 'ascii', 'svg' or 'tikz'");
      o.format = *named;
    }
    std::optional<Size> capacity;
    if (!count_option(options, "columns", 1, 100000, o.columns, error) ||
        !count_option(options, "rows", 1, 1000000, o.rows, error) || !capacity_from_js(options["capacity"], capacity, error))
      return error_result(error);
    if (capacity) o.capacity = *capacity;
    if (!colours_from_js(options["colours"], o.colours, error)) return error_result(error);
  }
  std::ostringstream out;
  write_drawing(out, problem(), solution_from_js(offsets), o);
  val result = val::object();
  result.set("text", out.str());
  return result;
}

std::string ProblemHandle::describeEvent(const val& event) const {
  // Indices from JS are checked: an event of another problem must not read out of bounds.
  const int kind = event["kind"].as<int>(), reason = event["reason"].as<int>();
  const int buffer = event["buffer"].as<int>(), count = bufferCount();
  if (kind < 0 || kind >= kEventKindCount || reason < 0 || reason >= kReasonCount ||
      buffer < -1 || buffer >= count)
    return "";
  TraceEvent e;
  e.kind = EventKind(kind);
  e.reason = Reason(reason);
  e.buffer = buffer;
  e.offset = Offset(event["offset"].as<double>());
  e.limit = Offset(event["limit"].as<double>());
  e.time_lower = TimeValue(event["timeLower"].as<double>());
  e.time_upper = TimeValue(event["timeUpper"].as<double>());
  std::vector<BufferIndex> causes;
  if (!event["causes"].isUndefined())
    causes = emscripten::convertJSArrayToNumberVector<BufferIndex>(event["causes"]);
  for (BufferIndex c : causes)
    if (c < 0 || c >= count) return "";
  return describe(problem(), e, causes);
}

}  // namespace tela::web
