// The state colours must stay apart for viewers with deuteranopia (the commonest colour-vision
// deficiency): simulated with Machado et al.'s (2009) matrix at full severity, in linear RGB.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <utility>
#include <vector>

#include "viz/model/palette.h"

using namespace tela::viz;

namespace {

double to_linear(double c) {
  c /= 255;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}
double to_srgb(double c) {
  c = std::fmin(1, std::fmax(0, c));
  return 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * std::pow(c, 1 / 2.4) - 0.055);
}

std::vector<double> as_deuteranope_sees(Rgba colour) {
  static constexpr double kMatrix[3][3] = {{0.367322, 0.860646, -0.227968},
                                           {0.280085, 0.672501, 0.047413},
                                           {-0.011820, 0.042940, 1.968881}};
  const double rgb[3] = {to_linear(colour & 255), to_linear((colour >> 8) & 255),
                         to_linear((colour >> 16) & 255)};
  std::vector<double> seen(3);
  for (int i = 0; i < 3; ++i)
    seen[size_t(i)] = to_srgb(kMatrix[i][0] * rgb[0] + kMatrix[i][1] * rgb[1] + kMatrix[i][2] * rgb[2]);
  return seen;
}

double distance(const std::vector<double>& a, const std::vector<double>& b) {
  return std::sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
}

}  // namespace

TEST_CASE("the colours shown together during a search stay distinct under deuteranopia") {
  const std::vector<std::pair<const char*, Rgba>> states = {
      {"placed", colour::kPlaced},           {"just placed", colour::kJustPlaced},
      {"minor backtrack", colour::kMinorBacktrack}, {"major backtrack", colour::kMajorBacktrack},
      {"conflict", colour::kConflict},       {"domain", colour::kDomain}};
  for (size_t i = 0; i < states.size(); ++i) {
    for (size_t j = i + 1; j < states.size(); ++j) {
      INFO(states[i].first << " vs " << states[j].first);
      CHECK(distance(as_deuteranope_sees(states[i].second), as_deuteranope_sees(states[j].second)) > 50);
    }
  }
}

std::vector<double> rgb_of(Rgba c) { return {double(c & 255), double((c >> 8) & 255), double((c >> 16) & 255)}; }

TEST_CASE("buffers next to each other in the file get clearly different colours") {
  // Neighbours up to two apart, over the first 5,000 buffers: far apart in RGB, and also as a
  // deuteranope sees them (lightness differs between any three in a row).
  double closest = 1e9, closest_seen = 1e9;
  for (size_t i = 0; i < 5000; ++i) {
    for (size_t k = 1; k <= 2; ++k) {
      closest = std::fmin(closest, distance(rgb_of(colour_of_buffer(i)), rgb_of(colour_of_buffer(i + k))));
      closest_seen = std::fmin(closest_seen, distance(as_deuteranope_sees(colour_of_buffer(i)),
                                                      as_deuteranope_sees(colour_of_buffer(i + k))));
    }
  }
  MESSAGE("closest neighbours: " << closest << " apart in RGB, " << closest_seen << " as a deuteranope sees them");
  CHECK(closest > 60);
  CHECK(closest_seen > 25);
}

TEST_CASE("a buffer's colour is pinned: the page and the native window draw the same") {
  // Pinned so that a change of palette is a decision, not an accident; within one unit per
  // channel, as the WASM build's pow and cos may round the last bit differently.
  const Rgba pinned[3] = {0xFF785DAEu, 0xFF6DB280u, 0xFFFFC5B5u};
  for (size_t i = 0; i < 3; ++i) {
    const Rgba c = colour_of_buffer(i);
    INFO("buffer " << i);
    CHECK((c >> 24) == 0xFFu);  // opaque
    for (int shift : {0, 8, 16})
      CHECK(std::abs(int((c >> shift) & 255) - int((pinned[i] >> shift) & 255)) <= 1);
  }
}
