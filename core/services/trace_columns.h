// A trace as parallel columns, one entry per event, with event i's blamed buffers at
// causes[cause_begin[i], cause_begin[i + 1]): the layout in which the Python module, the JS API
// and the page's two WASM modules pass traces. The columns and their names are listed here
// once; the front-ends iterate over them instead of naming them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/trace.h"

namespace tela {

struct TraceColumns {
  std::vector<uint8_t> kind;    // EventKind
  std::vector<uint8_t> reason;  // Reason
  std::vector<int32_t> buffer;
  std::vector<int64_t> offset, limit, time_lower, time_upper;
  std::vector<uint32_t> cause_begin;  // events + 1 entries
  std::vector<int32_t> causes;
};

// A column's names: snake_case for Python, camelCase for JavaScript.
struct ColumnName {
  std::string_view snake;
  std::string_view camel;
};

// Calls visit(name, column) for every column of `c` (const or not), always in this order.
template <typename Columns, typename Visit>
void for_each_column(Columns& c, Visit&& visit) {
  visit(ColumnName{"kind", "kind"}, c.kind);
  visit(ColumnName{"reason", "reason"}, c.reason);
  visit(ColumnName{"buffer", "buffer"}, c.buffer);
  visit(ColumnName{"offset", "offset"}, c.offset);
  visit(ColumnName{"limit", "limit"}, c.limit);
  visit(ColumnName{"time_lower", "timeLower"}, c.time_lower);
  visit(ColumnName{"time_upper", "timeUpper"}, c.time_upper);
  visit(ColumnName{"cause_begin", "causeBegin"}, c.cause_begin);
  visit(ColumnName{"causes", "causes"}, c.causes);
}

TraceColumns columns_of(const Trace& trace);

// The trace the columns hold, for a problem of `buffer_count` buffers; nullopt, with `error`
// saying what is wrong, when they disagree (lengths, cause ranges, kinds, buffer indices).
std::optional<Trace> trace_from_columns(const TraceColumns& columns, size_t buffer_count,
                                        std::string& error);

// JavaScript has no 64-bit integer arrays: there the int64 columns travel as doubles (exact up
// to 2^53, beyond any time or offset a page can draw). Copies raw bytes received under the
// camelCase name `name` into that column; false when the name is unknown or the byte count does
// not fit the column's element type.
bool set_column_from_js(TraceColumns& columns, std::string_view name, const void* data,
                        size_t bytes);

}  // namespace tela
