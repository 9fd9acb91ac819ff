// Trace files: JSON Lines, one object a line, so a run recorded natively can be replayed in the
// browser. The file holds the whole run: a header, the problem's buffers, every event (with its
// plain-words text, for people reading the file), and the result.
//   {"type":"header","format":"tela-trace","version":1,"algorithm":"greedy","capacity":12,"buffers":5}
//   {"type":"buffer","id":"b0","lower":0,"upper":3,"size":4,"alignment":1}        one per buffer
// A problem with metadata columns (io/csv.h) names them at the end of the header,
// "metadata":["name","op"], and each buffer line carries its values, "meta":["conv1","Conv2D"].
//   {"type":"event","kind":"place","buffer":0,"offset":0,"limit":4,"reason":"lowest-fit",...}
//   {"type":"result","status":"solved","peak":12,"lower_bound":12,"offsets":[...]}
// Timings are left out on purpose: the same run gives the same file on every machine.
#pragma once

#include <istream>
#include <optional>
#include <ostream>
#include <string>

#include "io/input_error.h"
#include "model/run.h"
#include "model/packed_trace.h"
#include "model/trace.h"

namespace tela {

void write_trace_jsonl(std::ostream& out, const RecordedRun& run);
void write_trace_jsonl(std::ostream& out, const PackedRun& run);  // the same bytes

struct TraceReadResult {
  RecordedRun run;
  std::optional<InputError> error;  // file:line: what is wrong, when the file is rejected
};
TraceReadResult read_trace_jsonl(std::istream& in, const std::string& file_name);

}  // namespace tela
