#include <sstream>

#include "analysis.h"
#include "generate.h"
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
  // Golden values: if a generator changes on purpose, update them; if they differ between the
  // native and the WASM test run, something in core/ is not portable.
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
}

}  // namespace
}  // namespace tela::test
