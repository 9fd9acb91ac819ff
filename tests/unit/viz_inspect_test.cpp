// The memory viewer's questions, checked against plain recomputation: search over ids and
// metadata, the buffers live at a time, a region's readout, the categories to colour by.
#include <doctest/doctest.h>

#include <algorithm>

#include "../common/random.h"
#include "support.h"
#include "viz/model/inspect.h"

namespace tela::test {
namespace {

using viz::Search;

Problem tagged() {
  return problem_from("id,lower,upper,size,op,name\n"
                      "a,0,4,3,Conv2D,block1/conv\n"
                      "b,2,6,8,ReLU,block1/relu\n"
                      "c,5,9,4,conv2d,block2/conv\n"
                      "d,1,3,8,Add,block2/add\n",
                      100);
}

// A random problem of `n` buffers with an op column of a few values.
Problem random_problem(uint64_t seed, int n) {
  Random random(seed);
  Problem p;
  p.capacity = 1000;
  p.metadata.names = {"op"};
  p.metadata.values.resize(1);
  for (int i = 0; i < n; ++i) {
    const TimeValue lower = random.below<TimeValue>(20);
    p.buffers.push_back({.id = "b" + std::to_string(i), .lower = lower,
                         .upper = lower + 1 + random.below<TimeValue>(6), .size = random.below<Size>(9)});
    p.metadata.values[0].push_back("op" + std::to_string(random.below(4)));
  }
  return p;
}

}  // namespace

TEST_CASE("search: a case-insensitive substring of an id or any metadata value") {
  const Problem p = tagged();
  Search s{.text = "CONV"};
  viz::run_search(p, s);
  CHECK(s.matches == std::vector<BufferIndex>{0, 2});
  CHECK(s.lit == std::vector<uint8_t>{1, 0, 1, 0});
  s.text = "block2";
  viz::run_search(p, s);
  CHECK(s.matches == std::vector<BufferIndex>{2, 3});
  s.text = "b";  // the id "b" and every "block..." name
  viz::run_search(p, s);
  CHECK(s.matches.size() == 4);
  s.text = "";
  viz::run_search(p, s);
  CHECK(s.matches.empty());
  CHECK(s.lit.empty());  // no search dims nothing
}

// Text beyond ASCII is matched as typed (a signed char compared with tolower's 0..255 had
// matched no byte above 127); ASCII letters still fold case around it.
TEST_CASE("search: ids and metadata beyond ASCII") {
  const Problem p = problem_from("id,lower,upper,size,name\n"
                                 "a,0,4,3,\xc3\xbcn\xc3\xaf" "code\n"   // ünïcode
                                 "b,2,6,8,plain\n"
                                 "\xe5\xb1\x82,1,3,8,x\n",           // 层
                                 100);
  Search s{.text = "\xc3\xbcn\xc3\xaf"};  // ünï
  viz::run_search(p, s);
  CHECK(s.matches == std::vector<BufferIndex>{0});
  s.text = "\xc3\xaf" "CODE";  // ïCODE
  viz::run_search(p, s);
  CHECK(s.matches == std::vector<BufferIndex>{0});
  s.text = "\xe5\xb1\x82";
  viz::run_search(p, s);
  CHECK(s.matches == std::vector<BufferIndex>{2});
}

TEST_CASE("search: a regex, and a bad one says why and matches nothing") {
  const Problem p = tagged();
  Search s{.text = "^(relu|add)$", .regex = true};
  viz::run_search(p, s);
  CHECK(s.matches == std::vector<BufferIndex>{1, 3});
  CHECK(s.error.empty());
  s.text = "conv(";
  viz::run_search(p, s);
  CHECK(s.matches.empty());
  CHECK(s.lit.empty());
  CHECK(s.error.find("not a regular expression") == 0);
}

TEST_CASE("live at a time: exactly the buffers with lower <= t < upper, largest first") {
  for (uint64_t seed = 1; seed <= 50; ++seed) {
    const Problem p = random_problem(seed, 40);
    for (TimeValue t = -1; t <= 26; ++t) {
      const auto live = viz::live_at(p, t);
      std::vector<BufferIndex> expected;
      for (size_t b = 0; b < p.buffers.size(); ++b)
        if (p.buffers[b].lower <= t && t < p.buffers[b].upper) expected.push_back(BufferIndex(b));
      std::vector<BufferIndex> sorted = live;
      std::sort(sorted.begin(), sorted.end());
      CHECK(sorted == expected);
      for (size_t i = 1; i < live.size(); ++i) {
        const Buffer &a = p.buffers[size_t(live[i - 1])], &b = p.buffers[size_t(live[i])];
        CHECK((a.size > b.size || (a.size == b.size && live[i - 1] < live[i])));
      }
    }
  }
}

TEST_CASE("a region's peak, mean load, buffers and fragmentation, against time by time") {
  for (uint64_t seed = 1; seed <= 50; ++seed) {
    const Problem p = random_problem(seed, 30);
    const SolveResult solved = solve_checked(p, "greedy", {});
    REQUIRE(solved.status == Status::kSolved);
    Random random(seed * 7);
    for (int k = 0; k < 10; ++k) {
      const TimeValue lower = random.below<TimeValue>(24), upper = lower + 1 + random.below<TimeValue>(8);
      const viz::RegionSummary r = viz::summarise_region(p, solved.solution.offsets, lower, upper);
      Size peak = 0, total = 0, top = 0;
      int64_t live = 0;
      for (TimeValue t = lower; t < upper; ++t) {
        Size load = 0;
        for (const Buffer& b : p.buffers) load += b.lower <= t && t < b.upper ? b.size : 0;
        peak = std::max(peak, load);
        total += load;
      }
      for (size_t i = 0; i < p.buffers.size(); ++i) {
        if (p.buffers[i].upper <= lower || p.buffers[i].lower >= upper) continue;
        ++live;
        top = std::max(top, solved.solution.offsets[i] + p.buffers[i].size);
      }
      CHECK(r.peak_load == peak);
      CHECK(r.mean_load == doctest::Approx(double(total) / double(upper - lower)));
      CHECK(r.buffers == live);
      CHECK(r.placed_peak == top);
      CHECK(r.fragmentation == doctest::Approx(peak > 0 ? double(top) / double(peak) : 0));
    }
  }
}

TEST_CASE("categories: most frequent first, every buffer counted once") {
  const Problem p = tagged();
  const viz::Categories none = viz::categorise(p, 5);
  CHECK(none.column == -1);
  const viz::Categories ops = viz::categorise(p, 0);
  CHECK(ops.values == std::vector<std::string>{"Conv2D", "ReLU", "conv2d", "Add"});  // all once: file order
  const Problem r = random_problem(3, 200);
  const viz::Categories c = viz::categorise(r, 0);
  REQUIRE(c.of_buffer.size() == 200);
  int64_t total = 0;
  for (size_t v = 0; v < c.values.size(); ++v) {
    total += c.counts[v];
    if (v > 0) CHECK(c.counts[v - 1] >= c.counts[v]);
    CHECK(std::count(c.of_buffer.begin(), c.of_buffer.end(), int32_t(v)) == c.counts[v]);
  }
  CHECK(total == 200);
  for (size_t b = 0; b < 200; ++b) CHECK(c.values[size_t(c.of_buffer[b])] == r.metadata.values[0][b]);
}

}  // namespace tela::test

namespace tela::test {

TEST_CASE("histograms: power-of-two bins of sizes and lifetimes, every buffer in one bin") {
  CHECK(viz::bin_of(0) == 0);
  CHECK(viz::bin_of(1) == 1);
  CHECK(viz::bin_of(2) == 2);
  CHECK(viz::bin_of(3) == 2);
  CHECK(viz::bin_of(4) == 3);
  CHECK(viz::bin_of(uint64_t{1} << 62) == 63);
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    const Problem p = random_problem(seed, 60);
    for (viz::Quantity q : {viz::Quantity::kSize, viz::Quantity::kLifetime}) {
      const viz::Histogram h = viz::histogram_of(p, q);
      int64_t total = 0;
      for (size_t bin = 0; bin < h.counts.size(); ++bin) {
        const auto in = viz::buffers_in_bin(p, q, int(bin));
        int64_t count = 0;
        double bytes = 0;
        for (size_t b = 0; b < p.buffers.size(); ++b) {
          const uint64_t v = q == viz::Quantity::kSize ? uint64_t(p.buffers[b].size) : lifetime(p.buffers[b]);
          const bool inside = bin == 0 ? v == 0 : (v >= (uint64_t{1} << (bin - 1)) && v < (uint64_t{1} << bin));
          CHECK(bool(in[b]) == inside);
          count += inside;
          bytes += inside ? double(p.buffers[b].size) : 0;
        }
        CHECK(h.counts[bin] == count);
        CHECK(h.bytes[bin] == bytes);
        total += count;
      }
      CHECK(total == int64_t(p.buffers.size()));
    }
  }
}

}  // namespace tela::test
