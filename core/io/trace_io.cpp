#include "io/trace_io.h"

#include <algorithm>
#include <array>
#include <string_view>

#include <nlohmann/json.hpp>

#include "io/csv.h"  // kMaxValue
#include "io/json_line.h"
#include "io/json_text.h"
#include "model/checked_math.h"

namespace tela {
namespace {

// ordered_json keeps "type" first and fields in a readable order.
using json = nlohmann::ordered_json;

constexpr int kVersion = 1;

// Where a line that is not JSON goes wrong, and how, in nlohmann's words without its prefix
// ("[json.exception.parse_error.101] parse error at line 1, column 9: "). Found by a second,
// SAX pass, only for such a line: the WASM build catches no exceptions.
struct JsonSyntaxError : nlohmann::json_sax<json> {
  size_t column = 0;
  std::string what;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
    column = std::max<size_t>(position, 1);
    what = e.what();
    if (const size_t colon = what.find(": "); colon != std::string::npos) what.erase(0, colon + 2);
    return false;
  }
};

// The kinds' and reasons' names as views, their lengths counted once, not at every event.
template <size_t N>
constexpr std::array<std::string_view, N> views_of(const std::array<const char*, N>& names) {
  std::array<std::string_view, N> views{};
  for (size_t i = 0; i < N; ++i) views[i] = names[i];
  return views;
}
constexpr auto kKindViews = views_of(kEventKindNames);
constexpr auto kReasonViews = views_of(kReasonNames);

// One event's line; the fields in the order and form the file has always had.
void write_event(JsonLine& line, const Problem& problem, int64_t step, const TraceEvent& e,
                 std::span<const BufferIndex> causes) {
  line.begin("event");
  line.field("step", step);
  line.word_field("kind", kKindViews[size_t(e.kind)]);
  if (e.buffer >= 0) line.field("buffer", e.buffer);
  // (A conflict's offset and limit are its numbers: the room and what is left to place, or
  // the lowest offset left; a major backtrack's limit is the step of its conflict.)
  if (e.kind != EventKind::kConsider) line.field("offset", e.offset);
  if (e.kind == EventKind::kPropagate || e.kind == EventKind::kConflict ||
      e.kind == EventKind::kMajorBacktrack)
    line.field("limit", e.limit);
  if (e.time_upper > e.time_lower) {
    line.key("time");
    line.raw("[");
    line.integer(e.time_lower);
    line.raw(",");
    line.integer(e.time_upper);
    line.raw("]");
  }
  if (e.reason != Reason::kNone) line.word_field("reason", kReasonViews[size_t(e.reason)]);
  if (!causes.empty()) {
    line.key("causes");
    line.raw("[");
    for (size_t i = 0; i < causes.size(); ++i) {
      if (i) line.raw(",");
      line.integer(causes[i]);
    }
    line.raw("]");
  }
  line.key("text");
  line.string_written_by([&](std::string& text) { describe_into(text, problem, e, causes); });
}

void write_buffer(JsonLine& line, const Buffer& b) {
  line.begin("buffer");
  line.field("id", b.id);
  line.field("lower", b.lower);
  line.field("upper", b.upper);
  line.field("size", b.size);
  line.field("alignment", b.alignment);
  if (b.fixed_offset) line.field("offset", *b.fixed_offset);
}

// A buffer's metadata values, when the problem has metadata columns: "meta":["conv1","Conv2D"].
void write_metadata(JsonLine& line, const Problem& problem, BufferIndex b) {
  if (problem.metadata.names.empty()) return;
  line.key("meta");
  line.raw("[");
  for (size_t c = 0; c < problem.metadata.names.size(); ++c) {
    if (c) line.raw(",");
    line.string(metadata_value(problem, c, b));
  }
  line.raw("]");
}

// Unplaced buffers (a run that stopped early) are null.
void write_result(JsonLine& line, const SolveResult& result, Size lower_bound) {
  line.begin("result");
  line.field("status", name_of(result.status));
  line.field("peak", result.peak);
  line.field("lower_bound", lower_bound);
  line.key("offsets");
  line.raw("[");
  const std::vector<Offset>& offsets = result.solution.offsets;
  for (size_t i = 0; i < offsets.size(); ++i) {
    if (i) line.raw(",");
    if (offsets[i] == kUnplaced) line.raw("null");
    else line.integer(offsets[i]);
  }
  line.raw("]");
  if (!result.detail.empty()) line.field("detail", result.detail);
}

// Bytes that are not UTF-8 (in an id) are written as U+FFFD: dump() would throw on them.
void write_line(std::ostream& out, const json& j) {
  out << lenient_dump(j) << '\n';
}

// Reads one JSON Lines file; every check failure sets `error` and stops.
class TraceReader {
 public:
  explicit TraceReader(const std::string& file) : file_(file) {}

  TraceReadResult read(std::istream& in) {
    TraceReadResult out;
    std::string text;
    bool header = false, result = false;
    while (std::getline(in, text)) {
      ++line_;
      if (!text.empty() && text.back() == '\r') text.pop_back();
      if (text.find_first_not_of(" \t") == std::string::npos) continue;
      if (result) return fail(out, "text after the result line");
      const json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
      if (j.is_discarded()) {
        JsonSyntaxError error;
        json::sax_parse(text, &error);
        return fail(out, "not valid JSON: " + error.what, int64_t(error.column));
      }
      if (!j.is_object())
        return fail(out, std::string("a JSON ") + j.type_name() + ", not an object: each line of a trace is one {...}");
      const std::string type = string_field(j, "type");
      bool ok = false;
      if (!header) {
        ok = type == "header" && read_header(j, out.run);
        if (!ok && !error_) error_ = "the first line must be the trace header";
        header = true;
      } else if (type == "buffer") {
        ok = read_buffer(j, out.run.problem);
      } else if (type == "event") {
        ok = read_event(j, out.run);
      } else if (type == "result") {
        ok = read_result(j, out.run);
        result = true;
      } else {
        error_ = "unknown line type '" + printable(type) + "'";
      }
      if (!ok) return fail(out, *error_);
    }
    if (!header) return fail(out, "the file is empty; expected a tela trace");
    if (out.run.problem.buffers.size() != expected_buffers_)
      return fail(out, "the header announces " + std::to_string(expected_buffers_) +
                           " buffers but the file has " +
                           std::to_string(out.run.problem.buffers.size()));
    if (!result) return fail(out, "the trace ends without a result line");
    return out;
  }

 private:
  TraceReadResult& fail(TraceReadResult& out, const std::string& what, int64_t column = 0) {
    out = {};
    out.error = InputError{file_, line_, column, what};
    return out;
  }

  static std::string string_field(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : "";
  }

  // Reads an integer field into `value`; absent and optional leaves it untouched.
  bool integer(const json& j, const char* key, int64_t& value, bool required = true) {
    auto it = j.find(key);
    if (it == j.end()) {
      if (required) error_ = std::string("missing field '") + key + "'";
      return !required;
    }
    return in_range(*it, key, value);
  }

  // The CSV reader's limits hold for traces too (found by fuzzing: sizes near 2^63 overflowed
  // the load sums of `stats`): every number within +-2^62.
  bool in_range(const json& j, const std::string& what, int64_t& value) {
    if (!j.is_number_integer()) {
      error_ = "field '" + what + "' is not an integer";
      return false;
    }
    if (j.is_number_unsigned() ? j.get<uint64_t>() > uint64_t(kMaxValue)
                               : (j.get<int64_t>() > kMaxValue || j.get<int64_t>() < -kMaxValue)) {
      error_ = "field '" + what + "' is out of range; values must lie within +-2^62";
      return false;
    }
    value = j.get<int64_t>();
    return true;
  }

  bool read_header(const json& j, RecordedRun& run) {
    if (string_field(j, "format") != "tela-trace") {
      error_ = "not a tela trace (the header's format is not \"tela-trace\")";
      return false;
    }
    int64_t version = 0, count = 0;
    if (!integer(j, "version", version) || !integer(j, "capacity", run.problem.capacity) ||
        !integer(j, "buffers", count))
      return false;
    if (version != kVersion) {
      error_ = "trace version " + std::to_string(version) + " is not supported (this tela reads " +
               std::to_string(kVersion) + ")";
      return false;
    }
    if (count < 0) {
      error_ = "negative buffer count";
      return false;
    }
    run.result.algorithm = string_field(j, "algorithm");
    expected_buffers_ = size_t(count);
    // The header's count is only a claim (checked against the lines at the end): reserving it
    // whole let a header announcing 5.4e11 buffers ask for 43 TB at once (found by fuzzing).
    run.problem.buffers.reserve(std::min<size_t>(expected_buffers_, size_t{1} << 20));
    return read_metadata_names(j, run.problem.metadata);
  }

  // The problem file's metadata columns (optional): "metadata": ["name", "op", ...].
  bool read_metadata_names(const json& j, Metadata& metadata) {
    auto it = j.find("metadata");
    if (it == j.end()) return true;
    if (!it->is_array()) return bad_metadata("the header's 'metadata' is not a list of column names");
    for (const json& name : *it) {
      if (!name.is_string()) return bad_metadata("the header's 'metadata' is not a list of column names");
      metadata.names.push_back(name.get<std::string>());
    }
    metadata.values.resize(metadata.names.size());
    return true;
  }

  // A buffer's metadata values, one per column the header names: "meta": ["conv1", "Conv2D"].
  bool read_metadata_values(const json& j, const std::string& id, Metadata& metadata) {
    auto it = j.find("meta");
    if (metadata.names.empty() && it == j.end()) return true;
    if (it == j.end() || !it->is_array() || it->size() != metadata.names.size() ||
        !std::all_of(it->begin(), it->end(), [](const json& v) { return v.is_string(); }))
      return bad_metadata("buffer '" + printable(id) + "' needs 'meta': one text per metadata column (" +
                          std::to_string(metadata.names.size()) + ")");
    for (size_t c = 0; c < metadata.names.size(); ++c) metadata.values[c].push_back((*it)[c].get<std::string>());
    return true;
  }

  bool bad_metadata(std::string what) {
    error_ = std::move(what);
    return false;
  }

  bool read_buffer(const json& j, Problem& problem) {
    Buffer b;
    b.id = string_field(j, "id");
    int64_t offset = -1;
    if (!integer(j, "lower", b.lower) || !integer(j, "upper", b.upper) ||
        !integer(j, "size", b.size) || !integer(j, "alignment", b.alignment, false) ||
        !integer(j, "offset", offset, false))
      return false;
    if (b.id.empty() || b.upper <= b.lower || b.size < 0 || b.alignment <= 0 ||
        (b.alignment & (b.alignment - 1)) != 0) {
      error_ = "buffer '" + printable(b.id) + "' is malformed (needs an id, lower < upper, size >= 0, "
               "a power-of-two alignment)";
      return false;
    }
    if (offset > kMaxValue - b.size) {
      error_ = "buffer '" + printable(b.id) + "' ends past 2^62, the highest address tela handles";
      return false;
    }
    if (offset >= 0) b.fixed_offset = offset;
    if (!read_metadata_values(j, b.id, problem.metadata)) return false;
    total_ = saturating_add(total_, saturating_add(b.size, b.alignment));
    if (total_ > kMaxValue) {
      error_ = "the sizes add up to more than 2^62 bytes; tela cannot address that";
      return false;
    }
    problem.buffers.push_back(std::move(b));
    return true;
  }

  bool read_event(const json& j, RecordedRun& run) {
    TraceEvent e;
    if (!event_kind_from_name(string_field(j, "kind"), e.kind)) {
      error_ = "unknown event kind '" + printable(string_field(j, "kind")) + "'";
      return false;
    }
    if (j.contains("reason") && !reason_from_name(string_field(j, "reason"), e.reason)) {
      error_ = "unknown reason '" + printable(string_field(j, "reason")) + "'";
      return false;
    }
    int64_t buffer = -1;
    if (!integer(j, "buffer", buffer, false) || !integer(j, "offset", e.offset, false) ||
        !integer(j, "limit", e.limit, false))
      return false;
    if (!buffer_index(buffer, run.problem, e.buffer)) return false;
    if (auto t = j.find("time"); t != j.end()) {
      if (!t->is_array() || t->size() != 2 || !(*t)[0].is_number_integer() ||
          !(*t)[1].is_number_integer()) {
        error_ = "field 'time' must be [lower, upper]";
        return false;
      }
      e.time_lower = (*t)[0].get<int64_t>();
      e.time_upper = (*t)[1].get<int64_t>();
    }
    std::vector<BufferIndex> causes;
    if (auto c = j.find("causes"); c != j.end()) {
      if (!c->is_array()) {
        error_ = "field 'causes' must be a list of buffer indices";
        return false;
      }
      for (const json& item : *c) {
        BufferIndex index = -1;
        if (!item.is_number_integer() || !buffer_index(item.get<int64_t>(), run.problem, index) ||
            index < 0) {
          if (!error_) error_ = "field 'causes' must be a list of buffer indices";
          return false;
        }
        causes.push_back(index);
      }
    }
    run.trace.on_event(e, causes);
    return true;
  }

  bool buffer_index(int64_t value, const Problem& problem, BufferIndex& out) {
    if (value < -1 || value >= int64_t(problem.buffers.size())) {
      error_ = "buffer index " + std::to_string(value) + " does not name a buffer listed above";
      return false;
    }
    out = BufferIndex(value);
    return true;
  }

  bool read_result(const json& j, RecordedRun& run) {
    const std::string status = string_field(j, "status");
    const std::optional<Status> known = status_from_name(status);
    if (!known) {
      error_ = "unknown status '" + printable(status) + "'";
      return false;
    }
    run.result.status = *known;
    if (!integer(j, "peak", run.result.peak) || !integer(j, "lower_bound", run.lower_bound))
      return false;
    run.result.detail = string_field(j, "detail");
    if (auto s = j.find("seconds"); s != j.end() && s->is_number()) run.result.seconds = s->get<double>();
    auto offsets = j.find("offsets");
    if (offsets == j.end() || !offsets->is_array() ||
        offsets->size() != run.problem.buffers.size()) {
      error_ = "field 'offsets' must list one offset per buffer";
      return false;
    }
    for (const json& o : *offsets) {
      int64_t offset = kUnplaced;
      if (!o.is_null() && !in_range(o, "offsets", offset)) {
        error_ = "field 'offsets' must hold integers within +-2^62 (or null for unplaced buffers)";
        return false;
      }
      run.result.solution.offsets.push_back(offset);
    }
    return true;
  }

  const std::string& file_;
  int64_t line_ = 0;
  size_t expected_buffers_ = 0;
  Size total_ = 0;  // of the sizes and alignments read so far
  std::optional<std::string> error_;
};

}  // namespace

namespace {

// The header and the buffers' lines.
void write_head(std::ostream& out, JsonLine& line, const Problem& problem,
                const std::string& algorithm) {
  json header = {{"type", "header"},
                 {"format", "tela-trace"},
                 {"version", kVersion},
                 {"algorithm", algorithm},
                 {"capacity", problem.capacity},
                 {"buffers", problem.buffers.size()}};
  const Metadata& metadata = problem.metadata;  // a file without metadata reads as before
  if (!metadata.names.empty()) header["metadata"] = metadata.names;
  write_line(out, header);
  for (size_t i = 0; i < problem.buffers.size(); ++i) {
    write_buffer(line, problem.buffers[i]);
    write_metadata(line, problem, BufferIndex(i));
    line.end(out);
  }
}

void write_tail(std::ostream& out, JsonLine& line, const SolveResult& result, Size lower_bound) {
  write_result(line, result, lower_bound);
  line.end(out);
  line.flush(out);
}

}  // namespace

void write_trace_jsonl(std::ostream& out, const RecordedRun& run) {
  JsonLine line;
  write_head(out, line, run.problem, run.result.algorithm);
  for (size_t i = 0; i < run.trace.events.size(); ++i) {
    write_event(line, run.problem, int64_t(i), run.trace.events[i], run.trace.causes_of(i));
    line.end(out);
  }
  write_tail(out, line, run.result, run.lower_bound);
}

void write_trace_jsonl(std::ostream& out, const PackedRun& run) {
  JsonLine line;
  write_head(out, line, run.problem, run.result.algorithm);
  int64_t step = 0;
  for (PackedTrace::Reader r(run.trace); r.next(); ++step) {
    write_event(line, run.problem, step, r.event(), r.causes());
    line.end(out);
  }
  write_tail(out, line, run.result, run.lower_bound);
}

TraceReadResult read_trace_jsonl(std::istream& in, const std::string& file_name) {
  return TraceReader(file_name).read(in);
}

}  // namespace tela
