#include "solve_options.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iterator>

namespace tela::web {
namespace {

// A number field, left as it is when absent; false (with `error` set) when not a number in
// [low, high] (`expected` says which, in words).
bool number_field(const val& js, const char* name, double low, double high, const char* expected,
                  double& out, std::string& error) {
  const val field = js[name];
  if (field.isUndefined() || field.isNull()) return true;
  if (field.typeOf().as<std::string>() != "number" || std::isnan(field.as<double>()) ||
      field.as<double>() < low || field.as<double>() > high) {
    error = std::string("option ") + name + " must be " + expected;
    return false;
  }
  out = field.as<double>();
  return true;
}

// The CLI's --minor-backtracks and --major-backtracks accept whole numbers up to 2^40.
bool count_field(const val& js, const char* name, int64_t& out, std::string& error) {
  double value = double(out);
  const char* expected = "a whole number from 0 to 2^40";
  if (!number_field(js, name, 0, double(int64_t{1} << 40), expected, value, error)) return false;
  if (value != std::floor(value)) {
    error = std::string("option ") + name + " must be " + expected;
    return false;
  }
  out = int64_t(value);
  return true;
}

// A rule's name in JS: camelCase ("tight_spots": "tightSpots").
std::string camel_case(const char* name) {
  std::string out;
  for (bool upper = false; *name; ++name) {
    if (*name == '_') {
      upper = true;
      continue;
    }
    out += upper ? char(std::toupper(static_cast<unsigned char>(*name))) : *name;
    upper = false;
  }
  return out;
}

// `exact: {sectionInference: false, ...}`: the exact search's rules (the CLI's --no-RULE),
// each a boolean, absent ones left on; an unknown name is an error, so that a typo does not
// silently measure nothing.
bool exact_field(const val& js, ExactParams& out, std::string& error) {
  const val exact = js["exact"];
  if (exact.isUndefined() || exact.isNull()) return true;
  if (exact.typeOf().as<std::string>() != "object") {
    error = "option exact must be an object of booleans, one per rule";
    return false;
  }
  // Object.keys called as a function value, not through val::call, whose method caller is a
  // thread_local: with it, objects built with -mbulk-memory do not link without atomics.
  const val names = val::global("Object")["keys"](exact);
  for (unsigned i = 0; i < names["length"].as<unsigned>(); ++i) {
    const std::string name = names[i].as<std::string>();
    const auto rule = std::find_if(std::begin(kExactRules), std::end(kExactRules),
                                   [&](const ExactRule& r) { return camel_case(r.name) == name; });
    if (rule == std::end(kExactRules)) {
      error = "option exact." + name + " is not a rule of the exact search";
      return false;
    }
    const val on = exact[name];
    if (on.typeOf().as<std::string>() != "boolean") {
      error = "option exact." + name + " must be true or false";
      return false;
    }
    out.*rule->field = on.as<bool>();
  }
  return true;
}

// minimize's improvement (ImproveParams), as the CLI's --seed, --improve-work, --window and
// --move-work.
bool improve_fields(const val& js, ImproveParams& out, std::string& error) {
  int64_t seed = int64_t(out.seed);
  if (!count_field(js, "seed", seed, error) || !count_field(js, "improveWork", out.work, error) ||
      !count_field(js, "window", out.window, error) || !count_field(js, "moveWork", out.move_work, error))
    return false;
  out.seed = uint64_t(seed);
  if (out.window < 1 || out.move_work < 1) {
    error = "options window and moveWork must be at least 1";
    return false;
  }
  return true;
}

val progress_to_js(const Progress& p) {
  val out = val::object();
  out.set("placed", double(p.placed));
  out.set("buffers", double(p.buffers));
  out.set("deepest", double(p.deepest));
  out.set("minorBacktracks", double(p.minor_backtracks));
  out.set("majorBacktracks", double(p.major_backtracks));
  out.set("seconds", p.seconds);
  return out;
}

}  // namespace

std::optional<JsSolveOptions> solve_options_from_js(const val& js, std::string& error) {
  JsSolveOptions out;
  SolveOptions& o = out.options;
  o.timeout_seconds = 60;  // as the CLI's --timeout
  if (js.isUndefined() || js.isNull()) return out;
  const char* seconds = "a number of seconds from 0 to 1e9";
  if (!number_field(js, "timeout", 0, 1e9, seconds, o.timeout_seconds, error) ||
      !number_field(js, "progressSeconds", 0, 1e9, seconds, o.progress_seconds, error) ||
      !count_field(js, "minorBacktracks", o.telamalloc.minor_backtracks, error) ||
      !count_field(js, "majorBacktracks", o.telamalloc.major_backtracks, error) ||
      !count_field(js, "maxEvents", out.max_events, error) || !exact_field(js, o.exact, error) ||
      !improve_fields(js, o.improve, error))
    return std::nullopt;
  if (!js["trace"].isUndefined()) out.record_trace = js["trace"].as<bool>();
  const val progress = js["progress"];
  if (!progress.isUndefined() && !progress.isNull()) {
    if (progress.typeOf().as<std::string>() != "function") {
      error = "option progress must be a function";
      return std::nullopt;
    }
    o.progress = [progress](const Progress& p) { progress(progress_to_js(p)); };
  }
  return out;
}

}  // namespace tela::web
