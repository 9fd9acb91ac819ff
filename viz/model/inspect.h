// What an engineer asks of a loaded problem when an allocation fails, answered without ImGui
// (so it is unit-tested): which buffers match a search, which are live at a time, what a time
// range holds, and the categories of a metadata column to colour by.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/problem.h"

namespace tela::viz {

// A search over ids and metadata values: a case-insensitive substring, or an ECMAScript regex.
struct Search {
  std::string text{};
  bool regex = false;
  std::vector<BufferIndex> matches{};  // in file order
  std::vector<uint8_t> lit{};          // per buffer: 1 when it matches; empty when no search
  std::string error{};                 // a regex that does not compile: why
  int current = -1;                  // the match last jumped to (Enter), -1: none yet
};
// Fills `search.matches`, `lit` and `error` from its text; an empty text matches nothing and
// dims nothing.
void run_search(const Problem& problem, Search& search);

// The buffers live at time t (lower <= t < upper), largest first (ties in file order).
std::vector<BufferIndex> live_at(const Problem& problem, TimeValue t);

// What a time range [lower, upper) holds, for the region readout.
struct RegionSummary {
  TimeValue lower = 0, upper = 0;
  int64_t buffers = 0;        // live at some time in the range
  Size peak_load = 0;         // the largest load at one time in the range
  double mean_load = 0;       // the load averaged over the range's times
  Size placed_peak = 0;       // the highest address a buffer live in the range reaches
  double fragmentation = 0;   // placed_peak / peak_load (1: no waste); 0 with no load
};
// `offsets` as the player shows them (kUnplaced: not placed; those are left out of the peak).
RegionSummary summarise_region(const Problem& problem, const std::vector<Offset>& offsets,
                               TimeValue lower, TimeValue upper);

// The distinct values of one metadata column, most frequent first, and each buffer's value.
struct Categories {
  int column = -1;                   // the metadata column; -1: none
  std::vector<std::string> values{};   // most frequent first (ties by first appearance)
  std::vector<int64_t> counts{};       // buffers per value
  std::vector<int32_t> of_buffer{};    // index into `values`, per buffer
};
Categories categorise(const Problem& problem, int column);

// How many buffers fall in each power-of-two bin of a quantity (sizes in bytes, lifetimes in
// time units): bin k holds the values v with bit_width(v) == k, that is [2^(k-1), 2^k), and bin 0
// holds 0.
enum class Quantity { kSize, kLifetime };
struct Histogram {
  std::vector<int64_t> counts{};  // per bin, up to the highest bin used
  std::vector<double> bytes{};    // per bin, the bytes of its buffers (their share of the total)
};
int bin_of(uint64_t value);
uint64_t value_of(const Buffer& buffer, Quantity quantity);
Histogram histogram_of(const Problem& problem, Quantity quantity);
// Per buffer, 1 when it falls in `bin` of `quantity` (to light those buffers on the canvas).
std::vector<uint8_t> buffers_in_bin(const Problem& problem, Quantity quantity, int bin);

}  // namespace tela::viz
