#include "viz/model/inspect.h"

#include <algorithm>
#include <bit>
#include <cctype>
#include <regex>
#include <unordered_map>
#include <utility>

namespace tela::viz {
namespace {

std::string lower_case(std::string s) {
  for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Whether any of the buffer's texts (its id, then each metadata value) satisfies `matches`.
template <typename Matches>
bool any_text(const Problem& problem, BufferIndex b, Matches matches) {
  if (matches(problem.buffers[size_t(b)].id)) return true;
  for (size_t c = 0; c < problem.metadata.names.size(); ++c)
    if (matches(metadata_value(problem, c, b))) return true;
  return false;
}

}  // namespace

void run_search(const Problem& problem, Search& search) {
  search.matches.clear();
  search.lit.clear();
  search.error.clear();
  search.current = -1;
  if (search.text.empty()) return;
  const size_t n = problem.buffers.size();
  search.lit.assign(n, 0);
  auto keep = [&](BufferIndex b) {
    search.lit[size_t(b)] = 1;
    search.matches.push_back(b);
  };
  if (search.regex) {
    std::regex pattern;
    try {
      pattern = std::regex(search.text, std::regex::ECMAScript | std::regex::icase);
    } catch (const std::regex_error& e) {
      search.error = std::string("not a regular expression: ") + e.what();
      search.lit.clear();
      return;
    }
    try {  // a pathological pattern can run out of its stack or complexity budget
      for (size_t b = 0; b < n; ++b)
        if (any_text(problem, BufferIndex(b), [&](const std::string& s) { return std::regex_search(s, pattern); }))
          keep(BufferIndex(b));
    } catch (const std::regex_error& e) {
      search.matches.clear();
      search.lit.clear();
      search.error = std::string("the regular expression is too complex to run: ") + e.what();
    }
    return;
  }
  const std::string needle = lower_case(search.text);
  const auto contains = [&](const std::string& s) {
    // Both sides as unsigned bytes: a signed char never equals tolower's 128..255, so no text
    // beyond ASCII ("ünï") ever matched. Case is folded for ASCII letters only.
    return std::search(s.begin(), s.end(), needle.begin(), needle.end(), [](char a, char b) {
             return std::tolower(static_cast<unsigned char>(a)) == static_cast<unsigned char>(b);
           }) != s.end();
  };
  for (size_t b = 0; b < n; ++b)
    if (any_text(problem, BufferIndex(b), contains)) keep(BufferIndex(b));
}

std::vector<BufferIndex> live_at(const Problem& problem, TimeValue t) {
  std::vector<BufferIndex> live;
  for (size_t b = 0; b < problem.buffers.size(); ++b)
    if (problem.buffers[b].lower <= t && t < problem.buffers[b].upper) live.push_back(BufferIndex(b));
  std::stable_sort(live.begin(), live.end(), [&](BufferIndex a, BufferIndex b) {
    return problem.buffers[size_t(a)].size > problem.buffers[size_t(b)].size;
  });
  return live;
}

RegionSummary summarise_region(const Problem& problem, const std::vector<Offset>& offsets,
                               TimeValue lower, TimeValue upper) {
  RegionSummary r{.lower = lower, .upper = std::max(upper, lower + 1)};
  // The load's steps inside the range: +size where a buffer's life enters it, -size where it
  // leaves (times clipped to the range).
  std::vector<std::pair<TimeValue, Size>> steps;
  for (size_t i = 0; i < problem.buffers.size(); ++i) {
    const Buffer& b = problem.buffers[i];
    if (b.upper <= r.lower || b.lower >= r.upper) continue;
    ++r.buffers;
    steps.emplace_back(std::max(b.lower, r.lower), b.size);
    steps.emplace_back(std::min(b.upper, r.upper), -b.size);
    if (i < offsets.size() && offsets[i] != kUnplaced) r.placed_peak = std::max(r.placed_peak, offsets[i] + b.size);
  }
  std::sort(steps.begin(), steps.end());
  Size load = 0;
  double area = 0;
  for (size_t k = 0; k < steps.size(); ++k) {
    load += steps[k].second;
    const bool last_at_time = k + 1 == steps.size() || steps[k + 1].first != steps[k].first;
    if (!last_at_time) continue;
    r.peak_load = std::max(r.peak_load, load);
    if (k + 1 < steps.size()) area += double(load) * double(steps[k + 1].first - steps[k].first);
  }
  r.mean_load = area / double(r.upper - r.lower);
  r.fragmentation = r.peak_load > 0 ? double(r.placed_peak) / double(r.peak_load) : 0;
  return r;
}

Categories categorise(const Problem& problem, int column) {
  Categories c;
  if (column < 0 || size_t(column) >= problem.metadata.names.size()) return c;
  c.column = column;
  std::unordered_map<std::string, int32_t> index;
  std::vector<int32_t> first_order(problem.buffers.size());
  for (size_t b = 0; b < problem.buffers.size(); ++b) {
    const std::string& v = metadata_value(problem, size_t(column), BufferIndex(b));
    auto [it, added] = index.try_emplace(v, int32_t(c.values.size()));
    if (added) c.values.push_back(v), c.counts.push_back(0);
    ++c.counts[size_t(it->second)];
    first_order[b] = it->second;
  }
  // Most frequent first, so the legend's top rows and the first colours go to the big groups.
  std::vector<int32_t> order(c.values.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = int32_t(i);
  std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) { return c.counts[size_t(a)] > c.counts[size_t(b)]; });
  std::vector<int32_t> rank(order.size());
  Categories sorted{.column = column};
  for (size_t r = 0; r < order.size(); ++r) {
    rank[size_t(order[r])] = int32_t(r);
    sorted.values.push_back(std::move(c.values[size_t(order[r])]));
    sorted.counts.push_back(c.counts[size_t(order[r])]);
  }
  sorted.of_buffer.resize(first_order.size());
  for (size_t b = 0; b < first_order.size(); ++b) sorted.of_buffer[b] = rank[size_t(first_order[b])];
  return sorted;
}

int bin_of(uint64_t value) { return int(std::bit_width(value)); }

uint64_t value_of(const Buffer& buffer, Quantity quantity) {
  return quantity == Quantity::kSize ? uint64_t(std::max<Size>(buffer.size, 0)) : lifetime(buffer);
}

Histogram histogram_of(const Problem& problem, Quantity quantity) {
  Histogram h;
  for (const Buffer& b : problem.buffers) {
    const size_t bin = size_t(bin_of(value_of(b, quantity)));
    if (bin >= h.counts.size()) h.counts.resize(bin + 1, 0), h.bytes.resize(bin + 1, 0);
    ++h.counts[bin];
    h.bytes[bin] += double(b.size);
  }
  return h;
}

std::vector<uint8_t> buffers_in_bin(const Problem& problem, Quantity quantity, int bin) {
  std::vector<uint8_t> in(problem.buffers.size(), 0);
  for (size_t b = 0; b < in.size(); ++b) in[b] = bin_of(value_of(problem.buffers[b], quantity)) == bin;
  return in;
}

}  // namespace tela::viz
