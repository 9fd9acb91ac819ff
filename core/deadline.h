// The time limit, cancel flag and progress reports of a run, checked by algorithms between
// steps.
#pragma once

#include <chrono>

#include "solve.h"

namespace tela {

class Deadline {
  static std::chrono::steady_clock::duration seconds(double s) {
    return std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(s));
  }

 public:
  explicit Deadline(const SolveOptions& options)
      : cancel_(options.cancel),
        limited_(options.timeout_seconds > 0),
        end_(start_ + seconds(limited_ ? options.timeout_seconds : 0)),
        report_(options.progress),
        interval_(seconds(options.progress_seconds)),
        next_report_(start_ + interval_) {}

  // kSolved while the run may go on, else kTimeout or kCancelled; reports progress when one is
  // due (`progress` is called only then). Reads the clock, so hot loops should call it every
  // few hundred steps.
  template <typename MakeProgress>
  Status check(MakeProgress&& progress) {
    if (cancel_ && cancel_->load(std::memory_order_relaxed)) return Status::kCancelled;
    const auto now = std::chrono::steady_clock::now();
    if (limited_ && now >= end_) return Status::kTimeout;
    if (report_ && now >= next_report_) {
      Progress p = progress();
      p.seconds = std::chrono::duration<double>(now - start_).count();
      report_(p);
      next_report_ = now + interval_;
    }
    return Status::kSolved;
  }

 private:
  const std::atomic<bool>* cancel_;
  bool limited_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point end_;
  std::function<void(const Progress&)> report_;
  std::chrono::steady_clock::duration interval_;
  std::chrono::steady_clock::time_point next_report_;
};

}  // namespace tela
