// The time limit, cancel flag and progress reports of a run, checked by algorithms between
// steps.
#pragma once

#include <chrono>

#include "model/run.h"

namespace tela {

// The time as a run's options read it: their clock, or else the steady clock (seconds).
inline double now_seconds(const SolveOptions& options) {
  if (options.clock) return options.clock();
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

class Deadline {
 public:
  explicit Deadline(const SolveOptions& options)
      : options_(options),
        limited_(options.timeout_seconds > 0),
        start_(now_seconds(options)),
        end_(start_ + (limited_ ? options.timeout_seconds : 0)),
        next_report_(start_ + options.progress_seconds) {}

  // kSolved while the run may go on, else kTimeout or kCancelled; reports progress when one is
  // due (`progress` is called only then). Reads the clock, so hot loops should call it every
  // few hundred steps.
  template <typename MakeProgress>
  Status check(MakeProgress&& progress) {
    if (options_.cancel && options_.cancel->load(std::memory_order_relaxed)) return Status::kCancelled;
    const double now = now_seconds(options_);
    if (limited_ && now >= end_) return Status::kTimeout;
    if (options_.progress && now >= next_report_) {
      Progress p = progress();
      p.seconds = now - start_;
      options_.progress(p);
      next_report_ = now + options_.progress_seconds;
    }
    return Status::kSolved;
  }

 private:
  const SolveOptions& options_;  // outlives the run it limits
  bool limited_;
  double start_;
  double end_;
  double next_report_;
};

}  // namespace tela
