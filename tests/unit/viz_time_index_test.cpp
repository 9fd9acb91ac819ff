// The canvas visits only the buffers its view's times show (viz/model/time_index.h): checked
// against a scan of every buffer, on random problems with short and very long lives, for
// windows inside, across and outside the problem's times, fractional ones included.
#include <doctest/doctest.h>

#include <algorithm>

#include "../common/random.h"
#include "viz/model/time_index.h"

namespace tela::test {
namespace {

Problem random_lives(Random& random, int n, TimeValue horizon) {
  Problem p;
  p.capacity = 1;
  for (int i = 0; i < n; ++i) {
    const TimeValue lower = random.below<TimeValue>(horizon);
    // Mostly short lives, a few spanning much of the horizon (the long-lived weights of a model).
    const TimeValue length = random.below(10) == 0 ? 1 + random.below<TimeValue>(horizon) : 1 + random.below<TimeValue>(4);
    p.buffers.push_back({.id = "b" + std::to_string(i), .lower = lower, .upper = lower + length, .size = 1});
  }
  return p;
}

std::vector<BufferIndex> visited(const viz::TimeIndex& index, const Problem& p, double lower, double upper) {
  std::vector<BufferIndex> out;
  viz::for_each_live_between(index, lower, upper, [&](const viz::TimeIndex::Entry& e) {
    const Buffer& b = p.buffers[size_t(e.buffer)];
    CHECK((e.lower == b.lower && e.upper == b.upper && e.size == b.size));
    out.push_back(e.buffer);
  });
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<BufferIndex> scanned(const Problem& p, double lower, double upper) {
  std::vector<BufferIndex> out;
  for (size_t i = 0; i < p.buffers.size(); ++i)
    if (double(p.buffers[i].lower) < upper && double(p.buffers[i].upper) > lower) out.push_back(BufferIndex(i));
  return out;
}

}  // namespace

TEST_CASE("the time index visits exactly the buffers live in a window, each once") {
  for (uint64_t seed = 1; seed <= 30; ++seed) {
    Random random(seed);
    const TimeValue horizon = 1 + random.below<TimeValue>(200);
    const Problem p = random_lives(random, int(random.below(300)), horizon);
    const viz::TimeIndex index = viz::index_by_time(p);
    for (int q = 0; q < 50; ++q) {
      const double lower = double(random.below<TimeValue>(horizon + 20)) - 10 + (q % 3) * 0.25;
      const double upper = lower + double(random.below<TimeValue>(horizon / 2 + 2)) + (q % 2) * 0.5;
      INFO("seed " << seed << ", window [" << lower << ", " << upper << ")");
      CHECK(visited(index, p, lower, upper) == scanned(p, lower, upper));
    }
  }
}

TEST_CASE("the time index of no buffers visits nothing") {
  const Problem empty;
  CHECK(visited(viz::index_by_time(empty), empty, -1e9, 1e9).empty());
}

}  // namespace tela::test
