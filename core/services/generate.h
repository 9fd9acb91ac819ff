// Problem generators, for tests, benchmarks and the page's "generate" menu. Deterministic for a
// seed on every platform (their own random numbers, not the standard library's distributions,
// which differ between libstdc++ and Emscripten's libc++).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "model/problem.h"

namespace tela {

enum class GeneratorKind {
  kRandom,   // independent buffers: uniform start, short-to-medium lives, sizes 1..1024
  kMlTrace,  // a compiler's view of a network: each op's output lives until its last reader,
             // most briefly; some (skip connections, saved activations) much longer
  kPacking,  // a rectangle of capacity x time cut into pieces: peak = capacity is achievable
  kOverlap,  // every buffer live over the same time (TelaMalloc's worst case, 1000 of them)
};

// Every generator with its name (as `tela generate --kind` and the page's `?gen=` take it) and
// one line for --help and the page's menu, in the order both list them.
struct GeneratorInfo {
  GeneratorKind kind;
  std::string_view name;
  std::string_view summary;
};
std::span<const GeneratorInfo> generators();
bool generator_from_name(std::string_view name, GeneratorKind& kind);

struct GenerateOptions {
  GeneratorKind kind = GeneratorKind::kRandom;
  int64_t count = 100;       // buffers
  uint64_t seed = 1;
  Size capacity = 0;         // kPacking: the rectangle's height (0: 1024); others: ignored
  // kMlTrace: buffers that start at each time step (a graph's ops each make several outputs,
  // or run side by side). Lives are drawn in steps as before, so the buffers live at the
  // busiest time grow with it: of 10^6 buffers, 1 gives ~100 live at once, 1000 ~33,000 and
  // 4000 ~54,000 (long-lived buffers then outlast the shorter trace). Real compilers' graphs
  // have thousands live at once. 1 is the original generator, number for number.
  int64_t density = 1;
};

// The problem's capacity is its lower bound (kPacking: the rectangle's height).
Problem generate(const GenerateOptions& options);

// Whether a generated problem's sizes and alignments add up to at most 2^62 (kMaxValue), as
// every reader of problems requires (csv.h, arrays.h). A packing of a huge capacity passes it:
// a front-end refuses such a problem rather than hand out a file that no command reads back.
bool within_readable_total(const Problem& problem);

}  // namespace tela
