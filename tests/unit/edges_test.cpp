// Every command near +-2^62, with every claim checked against exhaustive search. A small
// problem, which exhaustive search decides, is mapped onto huge values by a map that keeps
// every answer: times by a strictly increasing map onto [-2^62, 2^62] (only their order
// matters), and sizes, alignments, pre-placed offsets and the capacity times 2^shift
// (alignments too, so every offset stays a multiple of 2^shift and the allocations of the two
// problems correspond one to one). What tela says of the huge problem must then be what is
// true of the small one: sums of huge values that wrap give themselves away.
#include <bit>
#include <map>
#include <sstream>

#include "../common/brute_force.h"
#include "../common/complete_search.h"
#include "../common/small_problem.h"
#include "analysis/sections.h"
#include "services/explain.h"
#include "services/minimize.h"
#include "support.h"

namespace tela::test {
namespace {

constexpr int kProblems = 300;

struct Mapped {
  Problem big;
  int shift = 0;
};

// The largest shift that keeps the problem's sizes plus alignments, and its capacity, within
// 2^62, less `less`.
int widest_shift(const Problem& p, int less) {
  Size total = p.capacity;
  Size sum = 0;
  for (const Buffer& b : p.buffers) sum += b.size + b.alignment;
  total = std::max(total, sum);
  return std::max(0, 62 - int(std::bit_width(uint64_t(std::max<Size>(total, 1) - 1))) - less);
}

Mapped map_onto_edges(const Problem& small, int less) {
  Mapped m{small, widest_shift(small, less)};
  std::map<TimeValue, TimeValue> times;
  for (const Buffer& b : small.buffers) times[b.lower] = times[b.upper] = 0;
  const int64_t steps = std::max<int64_t>(1, int64_t(times.size()) - 1);
  const TimeValue step = kMaxValue / steps;  // half of 2^63 / steps: adding it twice cannot overflow
  int64_t i = 0;
  for (auto& [from, to] : times) {
    to = i == steps ? kMaxValue : -kMaxValue + step * i + step * i;
    ++i;
  }
  for (Buffer& b : m.big.buffers) {
    b.lower = times[b.lower];
    b.upper = times[b.upper];
    b.size <<= m.shift;
    b.alignment <<= m.shift;
    if (b.fixed_offset) *b.fixed_offset <<= m.shift;
  }
  m.big.capacity <<= m.shift;
  return m;
}

// The huge problem as a file holds it: through the writer and the reader, which must accept it.
Problem through_csv(const Problem& p, std::optional<Size> capacity) {
  std::ostringstream out;
  write_problem_csv(out, p);
  std::istringstream in(out.str());
  CsvReadResult read = read_csv(in, "edges.csv", {.capacity = capacity});
  INFO(out.str());
  REQUIRE_FALSE(read.error);
  read.problem.capacity = capacity.value_or(0);
  return read.problem;
}

std::string text_of(const Problem& p) {
  std::ostringstream out;
  write_problem_csv(out, p);
  return "capacity " + std::to_string(p.capacity) + "\n" + out.str();
}

// The most bytes live at once, counted here: at each buffer's start, what is live then.
Size busiest_load(const Problem& p) {
  Size most = 0;
  for (const Buffer& b : p.buffers) {
    Size live = 0;
    for (const Buffer& other : p.buffers) live += (other.lower <= b.lower && b.lower < other.upper) ? other.size : 0;
    most = std::max(most, live);
  }
  return most;
}

// Exactly at the limits once mapped: the capacity a power of two (2^62 once mapped), the sizes
// plus alignments adding up to it (a filler buffer, live apart from the rest, makes up the
// difference), and the filler pre-placed at the very top. A sum of these that wraps around
// 2^63 once gave a false proof of infeasibility.
Problem at_the_limits(Problem p) {
  Size total = 0;
  TimeValue last = 0;
  for (const Buffer& b : p.buffers) {
    total += b.size + b.alignment;
    last = std::max(last, b.upper);
  }
  p.capacity = Size(std::bit_ceil(uint64_t(total + 2)));
  const Size filler = p.capacity - total - 1;  // with its alignment of 1, the total is the capacity
  p.buffers.push_back({.id = "filler", .lower = last, .upper = last + 1, .size = filler,
                       .fixed_offset = p.capacity - filler});
  return p;
}

// Small problems of three kinds, and every fourth one at the limits.
Problem small_one(uint64_t seed) {
  const SmallMix mixes[] = {mix_with_copies(6), kDenseMix, kSmallMix};
  const Problem p = small_problem(seed, mixes[seed % 3]);
  return seed % 4 == 0 ? at_the_limits(p) : p;
}
int narrower(uint64_t seed) { return seed % 4 == 0 ? 0 : int(seed % 3); }

TEST_CASE("stats and validate near 2^62 say what is true of the small problem") {
  for (uint64_t seed = 1; seed <= kProblems; ++seed) {
    const Problem small = small_one(seed);
    const Mapped m = map_onto_edges(small, narrower(seed));
    const Problem big = through_csv(m.big, m.big.capacity);
    INFO("seed " << seed << ", shift " << m.shift << "\n" << text_of(big));
    const ProblemStats stats = compute_stats(big);
    CHECK(stats.lower_bound == busiest_load(small) << m.shift);
    CHECK(stats.total_size == compute_stats(small).total_size << m.shift);
    CHECK(stats.time_lower == -kMaxValue);  // the earliest and latest times mapped
    CHECK(stats.time_upper == kMaxValue);
    std::vector<Offset> offsets;
    if (!brute_force_fits(small, offsets)) continue;
    Solution solution;
    for (Offset o : offsets) solution.offsets.push_back(o << m.shift);
    CHECK(validate(big, solution).ok());
    for (size_t i = 0; i < big.buffers.size(); ++i)
      if (big.buffers[i].size > 0 && !big.buffers[i].fixed_offset) {
        Solution moved = solution;
        moved.offsets[i] = big.capacity;  // past the top
        CHECK(validate(big, moved).verdict == Verdict::kOverCapacity);
        break;
      }
  }
}

TEST_CASE("every algorithm near 2^62: valid answers, proofs that exhaustive search confirms") {
  for (uint64_t seed = 1; seed <= kProblems; ++seed) {
    const Problem small = small_one(seed);
    const Mapped m = map_onto_edges(small, narrower(seed));
    const Problem big = through_csv(m.big, m.big.capacity);
    const bool fits = brute_force_fits(small);
    for (const Algorithm& a : algorithms()) {
      const SolveResult r = solve(big, a, {.timeout_seconds = 5});
      INFO("seed " << seed << ", " << a.name << ": " << name_of(r.status) << ": " << r.detail << "\n" << text_of(big));
      if (r.status == Status::kSolved) check_valid(big, r);
      if (r.status == Status::kInfeasible) CHECK_FALSE(fits);
      if (searches_completely(a.name)) CHECK(r.status == (fits ? Status::kSolved : Status::kInfeasible));
      else CHECK((r.status == Status::kSolved || r.status == Status::kNotFound || r.status == Status::kInfeasible));
    }
  }
}

TEST_CASE("minimize near 2^62: the true minimum, at a capacity solve and validate accept") {
  for (uint64_t seed = 1; seed <= kProblems; ++seed) {
    const Problem small = small_one(seed);
    const Mapped m = map_onto_edges(small, narrower(seed));
    const Problem big = through_csv(m.big, std::nullopt);
    const MinimizeResult r = minimize(big, {.timeout_seconds = 10});
    INFO("seed " << seed << ", shift " << m.shift << ": " << name_of(r.status) << ": " << r.detail << "\n"
                 << text_of(big));
    if (r.status == Status::kInfeasible) {  // nothing up to 2^62 fits
      Problem roomiest = small;
      roomiest.capacity = kMaxValue >> m.shift;
      CHECK_FALSE(brute_force_fits(roomiest));
      continue;
    }
    REQUIRE(r.status == Status::kSolved);
    CHECK(r.capacity <= kMaxValue);
    const Size truth = brute_force_minimum(small) << m.shift;
    CHECK(r.capacity >= truth);
    if (r.proven_minimal) CHECK(r.capacity == truth);
    through_csv(big, r.capacity);  // the reader takes the capacity
    check_valid_at_peak(big, r.capacity, r.solution);
  }
}

TEST_CASE("explain near 2^62: the subset cannot fit, and each one removed lets the rest fit") {
  int explained = 0;
  for (uint64_t seed = 1; seed <= kProblems; ++seed) {
    const Problem small = small_one(seed);
    const Mapped m = map_onto_edges(small, narrower(seed));
    const Problem big = through_csv(m.big, m.big.capacity);
    const Explanation e = explain(big, {.timeout_seconds = 10});
    INFO("seed " << seed << ": " << name_of(e.status) << ": " << e.detail << "\n" << text_of(big));
    if (brute_force_fits(small)) {
      REQUIRE(e.status == Status::kSolved);
      CHECK(validate(big, e.solution).ok());
      continue;
    }
    REQUIRE(e.status == Status::kInfeasible);
    ++explained;
    CHECK_FALSE(brute_force_fits(only(small, e.buffers)));
    if (!e.minimal) continue;
    for (size_t i = 0; i < e.buffers.size(); ++i) {
      std::vector<BufferIndex> rest = e.buffers;
      rest.erase(rest.begin() + std::ptrdiff_t(i));
      CHECK(brute_force_fits(only(small, rest)));
    }
  }
  CHECK(explained > kProblems / 60);  // the problems include infeasible ones
}

}  // namespace
}  // namespace tela::test
