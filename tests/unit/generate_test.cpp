#include <algorithm>
#include <set>
#include <utility>
#include <vector>
#include <sstream>

#include "analysis/sections.h"
#include "services/generate.h"
#include "support.h"

namespace tela::test {
namespace {

std::string csv_of(const Problem& p) {
  std::ostringstream out;
  write_problem_csv(out, p);
  return out.str();
}

// FNV-1a of the CSV text: pins the generators' output, so the native and the WASM build (whose
// standard libraries differ) are proven to generate the very same problems.
uint64_t fingerprint(const std::string& text) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return h;
}

TEST_CASE("the same seed gives the same problem; another seed another") {
  for (GeneratorKind kind : {GeneratorKind::kRandom, GeneratorKind::kMlTrace, GeneratorKind::kPacking,
                            GeneratorKind::kOverlap}) {
    const std::string a = csv_of(generate({.kind = kind, .count = 50, .seed = 3}));
    CHECK(a == csv_of(generate({.kind = kind, .count = 50, .seed = 3})));
    CHECK(a != csv_of(generate({.kind = kind, .count = 50, .seed = 4})));
  }
}

TEST_CASE("generated problems are identical on every platform") {
  // Golden values copied from the generators' own output: they prove nothing about what a
  // generator makes (the property tests below do), only that the native and the WASM build
  // make the same thing. If a generator changes on purpose, update them; if they differ
  // between the native and the WASM test run, something in core/ is not portable.
  CHECK(fingerprint(csv_of(generate({.kind = GeneratorKind::kRandom, .count = 100, .seed = 1}))) ==
        2432137793461666123ull);
  CHECK(fingerprint(csv_of(generate({.kind = GeneratorKind::kMlTrace, .count = 100, .seed = 1}))) ==
        6537576507306636958ull);
  CHECK(fingerprint(csv_of(generate({.kind = GeneratorKind::kPacking, .count = 100, .seed = 1}))) ==
        17715549159129789965ull);
}

TEST_CASE("generated problems are well-formed and their capacity is the lower bound") {
  for (GeneratorKind kind : {GeneratorKind::kRandom, GeneratorKind::kMlTrace, GeneratorKind::kOverlap}) {
    const Problem p = generate({.kind = kind, .count = 300, .seed = 9});
    CHECK(p.buffers.size() == 300);
    CHECK(p.capacity == lower_bound(compute_sections(p)));
    std::istringstream in(csv_of(p));
    CHECK_FALSE(read_csv(in, "generated.csv").error);
  }
}

// What each generator promises (generate.h, generate.cpp), over many seeds: independent of
// the pinned fingerprints above.
TEST_CASE("each generator makes the problems it describes") {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    const Problem random = generate({.kind = GeneratorKind::kRandom, .count = 200, .seed = seed});
    for (const Buffer& b : random.buffers) CHECK((b.size >= 1 && b.size <= 1024 && b.lower >= 0));
    const Problem overlap = generate({.kind = GeneratorKind::kOverlap, .count = 50, .seed = seed});
    for (const Buffer& b : overlap.buffers) CHECK((b.lower == 0 && b.upper == 10 && b.size >= 1 && b.size <= 1024));
    // One op per step, its output live 1 to 12 steps, 3% kept 16 to 4096 steps; tensors of
    // 4 KiB to 1 MiB base size in 4 KiB steps, a quarter aligned to 64 bytes.
    const Problem ml = generate({.kind = GeneratorKind::kMlTrace, .count = 2000, .seed = seed});
    int64_t long_lived = 0, aligned = 0;
    for (size_t i = 0; i < ml.buffers.size(); ++i) {
      const Buffer& b = ml.buffers[i];
      const int64_t life = b.upper - b.lower;
      CHECK(b.lower == int64_t(i));
      CHECK(((life >= 1 && life <= 12) || (life >= 16 && life <= 4096)));
      CHECK((b.size % 4096 == 0 && b.size >= 4096 && b.size <= 2 * 1048576));
      CHECK((b.alignment == 1 || b.alignment == 64));
      long_lived += life >= 16;
      aligned += b.alignment == 64;
    }
    CHECK((long_lived >= 20 && long_lived <= 100));   // 3% of 2000 is 60
    CHECK((aligned >= 400 && aligned <= 600));         // 25% of 2000 is 500
    std::set<std::string> ids;
    for (const Buffer& b : ml.buffers) ids.insert(b.id);
    CHECK(ids.size() == ml.buffers.size());
  }
}

// The most buffers live at one time (a sweep over starts and ends).
int64_t most_live(const Problem& p) {
  std::vector<std::pair<TimeValue, int>> edges;
  for (const Buffer& b : p.buffers) edges.insert(edges.end(), {{b.lower, 1}, {b.upper, -1}});
  std::sort(edges.begin(), edges.end());  // at equal times ends (-1) come first: [lower, upper)
  int64_t live = 0, most = 0;
  for (const auto& [time, change] : edges) most = std::max(most, live += change);
  return most;
}

TEST_CASE("an ML trace's density: buffers per step, the same draws, more live at once") {
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    const Problem sparse = generate({.kind = GeneratorKind::kMlTrace, .count = 20000, .seed = seed});
    // Density 1 is the original generator, number for number.
    CHECK(csv_of(sparse) ==
          csv_of(generate({.kind = GeneratorKind::kMlTrace, .count = 20000, .seed = seed, .density = 1})));
    const Problem dense =
        generate({.kind = GeneratorKind::kMlTrace, .count = 20000, .seed = seed, .density = 50});
    REQUIRE(dense.buffers.size() == sparse.buffers.size());
    for (size_t i = 0; i < dense.buffers.size(); ++i) {
      const Buffer &d = dense.buffers[i], &s = sparse.buffers[i];
      CHECK(d.lower == int64_t(i) / 50);  // 50 start at each step
      CHECK((d.upper - d.lower == s.upper - s.lower && d.size == s.size && d.alignment == s.alignment));
    }
    CHECK(dense.capacity == lower_bound(compute_sections(dense)));
    // ~90 live at once become ~880: short lives alone hold 50 x 6.5 steps' worth, and the
    // long-lived, over 400 steps, do not accumulate as they do over 20,000.
    CHECK(most_live(sparse) < 200);
    CHECK(most_live(dense) > 300);
    CHECK(most_live(dense) > 5 * most_live(sparse));
  }
}

TEST_CASE("a packing puzzle fills capacity x time exactly") {
  for (int64_t count : {1, 2, 10, 100, 500}) {
    const Problem p = generate({.kind = GeneratorKind::kPacking, .count = count, .seed = 5, .capacity = 256});
    CHECK(int64_t(p.buffers.size()) == count);
    CHECK(p.capacity == 256);
    int64_t area = 0;
    for (const Buffer& b : p.buffers) area += (b.upper - b.lower) * b.size;
    const ProblemStats s = compute_stats(p);
    CHECK(area == 256 * (s.time_upper - s.time_lower));
    for (const Section& section : compute_sections(p)) CHECK(section.load == 256);
  }
  // At the largest capacity a file holds, pieces' areas pass 2^63 (the sanitizer tree reports
  // the overflow): the puzzle must still fill every section exactly.
  const Problem huge = generate({.kind = GeneratorKind::kPacking, .count = 50, .seed = 1, .capacity = kMaxValue});
  CHECK(huge.buffers.size() == 50);
  for (const Section& section : compute_sections(huge)) CHECK(section.load == kMaxValue);
}

TEST_CASE("a generated problem past 2^62 bytes in all is told apart from one any reader takes") {
  // Five pieces of a 2^62-high rectangle: more than one piece per time, so more than 2^62 in all.
  const Problem huge = generate({.kind = GeneratorKind::kPacking, .count = 5, .seed = 1, .capacity = kMaxValue});
  CHECK_FALSE(within_readable_total(huge));
  std::ostringstream out;
  write_problem_csv(out, huge);
  CHECK(read_text(out.str()).error);  // what the check spares a reader
  const Problem small = generate({.kind = GeneratorKind::kPacking, .count = 5, .seed = 1, .capacity = 1024});
  CHECK(within_readable_total(small));
  CHECK(within_readable_total(generate({.kind = GeneratorKind::kMlTrace, .count = 1000, .seed = 1})));
}

}  // namespace
}  // namespace tela::test
