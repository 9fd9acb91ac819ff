#include "services/trace_columns.h"

#include "io/csv.h"

#include <cstring>

#include <type_traits>

namespace tela {

TraceColumns columns_of(const Trace& trace) {
  TraceColumns c;
  for (const TraceEvent& e : trace.events) {
    c.kind.push_back(uint8_t(e.kind));
    c.reason.push_back(uint8_t(e.reason));
    c.buffer.push_back(e.buffer);
    c.offset.push_back(e.offset);
    c.limit.push_back(e.limit);
    c.time_lower.push_back(e.time_lower);
    c.time_upper.push_back(e.time_upper);
  }
  c.cause_begin = trace.cause_begin;
  c.causes = trace.causes;
  return c;
}

namespace {

// What is wrong with the columns' shape, or "" when each has the length the events need.
std::string shape_error(const TraceColumns& c, size_t buffer_count) {
  const size_t n = c.kind.size();
  bool lengths_agree = true;
  for_each_column(c, [&](ColumnName name, const auto& column) {
    if (name.snake != "cause_begin" && name.snake != "causes" && column.size() != n)
      lengths_agree = false;
  });
  if (!lengths_agree) return "the trace's columns differ in length";
  if (c.cause_begin.size() != n + 1 || c.cause_begin.front() != 0 ||
      c.cause_begin.back() != c.causes.size())
    return "the trace's cause ranges do not cover its causes";
  for (size_t i = 0; i < n; ++i) {
    if (c.cause_begin[i] > c.cause_begin[i + 1]) return "the trace's cause ranges go backwards";
    if (c.kind[i] >= kEventKindCount || c.reason[i] >= kReasonCount)
      return "event " + std::to_string(i) + " has an unknown kind or reason";
    if (c.buffer[i] < -1 || c.buffer[i] >= int64_t(buffer_count))
      return "event " + std::to_string(i) + " names a buffer the problem does not have";
  }
  for (int32_t b : c.causes)
    if (b < 0 || b >= int64_t(buffer_count)) return "a trace event blames a buffer the problem does not have";
  return "";
}

}  // namespace

std::optional<Trace> trace_from_columns(const TraceColumns& c, size_t buffer_count,
                                        std::string& error) {
  error = shape_error(c, buffer_count);
  if (!error.empty()) return std::nullopt;
  Trace trace;
  for (size_t i = 0; i < c.kind.size(); ++i) {
    const TraceEvent e{EventKind(c.kind[i]), Reason(c.reason[i]), c.buffer[i], c.offset[i],
                       c.limit[i], c.time_lower[i], c.time_upper[i]};
    trace.on_event(e, {c.causes.data() + c.cause_begin[i], c.causes.data() + c.cause_begin[i + 1]});
  }
  return trace;
}

bool set_column_from_js(TraceColumns& columns, std::string_view name, const void* data,
                        size_t bytes) {
  bool set = false;
  for_each_column(columns, [&](ColumnName column_name, auto& column) {
    using Element = typename std::decay_t<decltype(column)>::value_type;
    // int64 columns arrive as doubles (see the header); the others as themselves.
    using Wire = std::conditional_t<std::is_same_v<Element, int64_t>, double, Element>;
    if (column_name.camel != name || bytes % sizeof(Wire) != 0) return;
    std::vector<Wire> wire(bytes / sizeof(Wire));
    if (bytes > 0) std::memcpy(wire.data(), data, bytes);
    if constexpr (std::is_same_v<Wire, double>) {
      for (double v : wire)
        if (!(v > -kMaxValue && v < kMaxValue)) return;  // NaN, infinite or beyond any file's value
    }
    column.assign(wire.begin(), wire.end());
    set = true;
  });
  return set;
}

}  // namespace tela
