#include <iterator>
#include <set>

#include "analysis/sections.h"
#include "../common/random.h"
#include "support.h"

namespace tela::test {
namespace {

TEST_CASE("sections are maximal intervals with a constant live set") {
  // a [0,3) b [3,9) c [0,9) d [9,21) e [0,21): the shipped example.
  const Problem p = problem_from_file(TELA_SOURCE_DIR "/assets/examples/input.12.csv", 12);
  const std::vector<Section> s = compute_sections(p);
  REQUIRE(s.size() == 3);
  CHECK(s[0].lower == 0);
  CHECK(s[0].upper == 3);
  CHECK(s[0].live == 3);
  CHECK(s[1].lower == 3);
  CHECK(s[1].upper == 9);
  CHECK(s[2].upper == 21);
  CHECK(s[2].load == 8);
  CHECK(lower_bound(s) == 12);
}

// Sections by definition: between consecutive times where a buffer starts or ends, with
// something live.
std::vector<Section> sections_by_definition(const Problem& p, const std::vector<BufferIndex>& only) {
  std::set<TimeValue> times;
  for (BufferIndex i : only) times.insert({p.buffers[size_t(i)].lower, p.buffers[size_t(i)].upper});
  std::vector<Section> sections;
  for (auto t = times.begin(); t != times.end() && std::next(t) != times.end(); ++t) {
    Section s{*t, *std::next(t), 0, 0};
    for (BufferIndex i : only)
      if (p.buffers[size_t(i)].lower <= s.lower && s.lower < p.buffers[size_t(i)].upper)
        s.load += p.buffers[size_t(i)].size, ++s.live;
    if (s.live > 0) sections.push_back(s);
  }
  return sections;
}

TEST_CASE("sections match their definition, over narrow time spans (counted per time) and wide") {
  Random random(11);
  for (int round = 0; round < 400; ++round) {
    Problem p;
    const int n = 1 + random.below(12);
    // Narrow: times within a few steps per buffer; wide: times up to +-2^62 apart.
    const bool wide = round % 3 == 0;
    for (int i = 0; i < n; ++i) {
      const TimeValue lower = wide ? (int64_t(random.below(int64_t{1} << 40)) << 21) - (int64_t{1} << 61)
                                   : random.below(int64_t{2} * n) - 3;
      const TimeValue life = wide ? 1 + (int64_t(random.below(int64_t{1} << 40)) << 20)
                                  : 1 + random.below(int64_t{4});
      p.buffers.push_back({.id = "b" + std::to_string(i), .lower = lower, .upper = lower + life,
                           .size = random.below(int64_t{3})});
    }
    std::vector<BufferIndex> some;
    for (BufferIndex i = 0; i < n; ++i)
      if (random.below(3) > 0) some.push_back(i);
    for (const std::vector<BufferIndex>& only : {all_buffers(p), some}) {
      const std::vector<Section> got = compute_sections(p, only), want = sections_by_definition(p, only);
      REQUIRE(got.size() == want.size());
      for (size_t k = 0; k < got.size(); ++k)
        CHECK((got[k].lower == want[k].lower && got[k].upper == want[k].upper &&
               got[k].load == want[k].load && got[k].live == want[k].live));
    }
  }
}

TEST_CASE("times where nothing is live are not sections; equal loads stay separate sections") {
  const Problem p = problem_from("id,lower,upper,size\na,0,2,4\nb,2,4,4\nc,6,8,1\n", 10);
  const std::vector<Section> s = compute_sections(p);
  REQUIRE(s.size() == 3);
  CHECK(s[1].lower == 2);
  CHECK(s[2].lower == 6);
  const std::vector<SectionSpan> spans = compute_section_spans(p, s);
  CHECK(spans[0].first == 0);
  CHECK(spans[0].last == 1);
  CHECK(spans[2].first == 2);
  CHECK(spans[2].last == 3);
}

TEST_CASE("section spans cover exactly the sections a buffer is live in") {
  const Problem p = problem_from("id,lower,upper,size\nlong,0,10,1\na,2,4,1\nb,3,8,1\n", 10);
  const std::vector<Section> s = compute_sections(p);
  const std::vector<SectionSpan> spans = compute_section_spans(p, s);
  for (size_t i = 0; i < p.buffers.size(); ++i)
    for (size_t k = 0; k < s.size(); ++k) {
      const bool live = p.buffers[i].lower <= s[k].lower && s[k].upper <= p.buffers[i].upper;
      CHECK(live == (int32_t(k) >= spans[i].first && int32_t(k) < spans[i].last));
    }
}

TEST_CASE("the contention profile of a subset counts only those buffers") {
  const Problem p = problem_from_file(TELA_SOURCE_DIR "/assets/examples/input.12.csv", 12);
  const std::vector<Section> unplaced = compute_sections(p, {1, 3});  // b2 [3,9), b4 [9,21)
  REQUIRE(unplaced.size() == 2);
  CHECK(unplaced[0].lower == 3);
  CHECK(unplaced[0].load == 4);
  CHECK(unplaced[1].upper == 21);
  CHECK(compute_sections(p, {}).empty());
}

TEST_CASE("stats describe the problem") {
  const Problem p = problem_from("id,lower,upper,size,offset\na,0,2,4,\nb,1,9,2,0\nc,5,6,7,\n", 20);
  const ProblemStats s = compute_stats(p);
  CHECK(s.buffers == 3);
  CHECK(s.time_lower == 0);
  CHECK(s.time_upper == 9);
  CHECK(s.lower_bound == 9);
  CHECK(s.peak_time == 5);
  CHECK(s.peak_live == 2);
  CHECK(s.largest == 2);
  CHECK(s.longest == 1);
  CHECK(s.total_size == 13);
  CHECK(s.fixed == 1);
}

}  // namespace
}  // namespace tela::test
