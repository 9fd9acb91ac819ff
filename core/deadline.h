// The time limit and cancel flag of a run, checked by algorithms between steps.
#pragma once

#include <chrono>

#include "solve.h"

namespace tela {

class Deadline {
 public:
  explicit Deadline(const SolveOptions& options)
      : cancel_(options.cancel),
        limited_(options.timeout_seconds > 0),
        end_(std::chrono::steady_clock::now() +
             std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                 std::chrono::duration<double>(limited_ ? options.timeout_seconds : 0))) {}

  // kSolved while the run may go on, else kTimeout or kCancelled. Reads the clock, so hot loops
  // should call it every few hundred steps.
  Status check() const {
    if (cancel_ && cancel_->load(std::memory_order_relaxed)) return Status::kCancelled;
    if (limited_ && std::chrono::steady_clock::now() >= end_) return Status::kTimeout;
    return Status::kSolved;
  }

 private:
  const std::atomic<bool>* cancel_;
  bool limited_;
  std::chrono::steady_clock::time_point end_;
};

}  // namespace tela
