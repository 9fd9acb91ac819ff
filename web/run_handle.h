// The JS `Run` object: one finished solve, its result and its recorded trace.
#pragma once

#include <emscripten/val.h>

#include <memory>
#include <string>

#include "problem_handle.h"
#include "services/registry.h"
#include "model/trace.h"

namespace tela::web {

using emscripten::val;

class RunHandle {
 public:
  RunHandle(std::shared_ptr<const LoadedProblem> loaded, SolveResult result, Trace trace,
            Size lower_bound)
      : loaded_(std::move(loaded)), result_(std::move(result)), trace_(std::move(trace)),
        lower_bound_(lower_bound) {}

  std::string status() const { return name_of(result_.status); }  // solved, timeout, ...
  std::string algorithm() const { return result_.algorithm; }
  std::string detail() const { return result_.detail; }
  double seconds() const { return result_.seconds; }
  double peak() const { return double(result_.peak); }
  double lowerBound() const { return double(lower_bound_); }
  // `tela solve`'s exit code for this outcome: 0 solved, 1 otherwise.
  int exitCode() const { return result_.status == Status::kSolved ? 0 : 1; }
  // Float64Array, one offset per buffer, NaN for a buffer the run did not place.
  val offsets() const;
  // The validator's verdict on this run's offsets (as ProblemHandle::validate).
  val validate() const;
  // The solution as `tela solve -o` writes it.
  std::string solutionCsv() const;
  // The trace as `tela trace -o` writes it (JSON Lines), for saving; not for reading back here.
  std::string traceJsonl() const;

  int eventCount() const { return int(trace_.events.size()); }
  // The whole trace as parallel typed arrays, one entry per event:
  //   {kind, reason: Uint8Array; buffer: Int32Array; offset, limit, timeLower, timeUpper:
  //    Float64Array; causeBegin: Uint32Array (eventCount + 1 entries); causes: Int32Array}
  // Event i blames causes[causeBegin[i] .. causeBegin[i + 1]). Kind and reason are indices into
  // tela.eventKinds() and tela.reasons().
  val trace() const;
  // Event i in plain words, as the trace file's "text".
  std::string describe(int event) const;

 private:
  std::shared_ptr<const LoadedProblem> loaded_;
  SolveResult result_;
  Trace trace_;
  Size lower_bound_;
};

}  // namespace tela::web
