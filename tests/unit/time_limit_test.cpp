// Time limits and cancellation, measured: every algorithm in the registry must stop within 10%
// of its time limit, and within 100 ms of a cancel request from another thread (what the page's
// Stop button does). Measured on problems no algorithm finishes quickly.
#include <atomic>
#include <chrono>
#include <thread>

#include "analysis.h"
#include "support.h"

namespace tela::test {
namespace {

using Clock = std::chrono::steady_clock;

// A crowded problem, slow for every algorithm: 100,000 short-lived buffers over 100 time steps
// (thousands live at once: greedy scans them all for each buffer) above 2,000 one-byte blocks
// pre-placed for the whole time, two bytes apart (best-fit and TelaMalloc must step around all
// of them for every buffer they place). It fits easily: the capacity is the total size.
const Problem& crowded() {
  static const Problem p = [] {
    Problem q;
    uint64_t state = 7;
    auto next = [&](int64_t n) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      return int64_t((state >> 33) % uint64_t(n));
    };
    for (int i = 0; i < 2000; ++i)
      q.buffers.push_back({.id = "pin" + std::to_string(i), .lower = 0, .upper = 100, .size = 1,
                           .fixed_offset = 2 * i});
    for (int i = 0; i < 100000; ++i) {
      const TimeValue lower = next(99);
      q.buffers.push_back({.id = "b" + std::to_string(i), .lower = lower,
                           .upper = lower + 1 + next(12), .size = 2 + next(64)});
    }
    q.capacity = 4000 + compute_stats(q).total_size;
    return q;
  }();
  return p;
}

TEST_CASE("every algorithm stops within 10% of its time limit") {
  const double limit = 0.5;
  for (const Algorithm& a : algorithms()) {
    const SolveResult r = solve(crowded(), a, {.timeout_seconds = limit});
    MESSAGE(a.name << ": " << std::string(name_of(r.status)) << " after " << r.seconds << " s (limit " << limit
                   << " s, overshoot " << (r.seconds - limit) * 1000 << " ms)");
    CHECK(r.status == Status::kTimeout);
    CHECK(r.seconds <= limit * 1.1);
  }
}

#ifndef __EMSCRIPTEN__  // the WASM build has no threads; the page runs solves in a worker
TEST_CASE("every algorithm stops within 100 ms of a cancel from another thread") {
  for (const Algorithm& a : algorithms()) {
    std::atomic<bool> cancel{false};
    Clock::time_point asked{};
    std::thread stopper([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      asked = Clock::now();
      cancel = true;
    });
    const SolveResult r = solve(crowded(), a, {.timeout_seconds = 30, .cancel = &cancel});
    const Clock::time_point ended = Clock::now();
    stopper.join();  // `asked` is read only after this
    const double latency = std::chrono::duration<double>(ended - asked).count();
    MESSAGE(a.name << ": " << std::string(name_of(r.status)) << " " << latency * 1000 << " ms after the cancel");
    CHECK(r.status == Status::kCancelled);
    CHECK(latency < 0.1);
  }
}
#endif

}  // namespace
}  // namespace tela::test
