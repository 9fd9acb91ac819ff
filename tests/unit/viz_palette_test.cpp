// The state colours must stay apart for viewers with deuteranopia (the commonest colour-vision
// deficiency): simulated with Machado et al.'s (2009) matrix at full severity, in linear RGB.
#include <doctest/doctest.h>

#include <cmath>
#include <utility>
#include <vector>

#include "palette.h"

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

TEST_CASE("colours by id are stable and vary in lightness") {
  // Pinned: a buffer keeps its colour from run to run, in the page as in the native window
  // (the hash is tela's own, not std::hash, which differs between standard libraries).
  CHECK(colour_of_id("b17") == 0xFF679BE5u);
  CHECK(colour_of_id("b18") == 0xFFAA784Cu);
  CHECK(colour_of_id("a") == 0xFF583F8Cu);
  CHECK(colour_of_id(std::string("b1") + "7") == colour_of_id("b17"));  // by text, not by object
  // Lightness takes four steps, so neighbours do not differ by hue alone.
  double darkest = 1e9, lightest = 0;
  for (int i = 0; i < 200; ++i) {
    const Rgba c = colour_of_id("b" + std::to_string(i));
    const double light = double(c & 255) + double((c >> 8) & 255) + double((c >> 16) & 255);
    darkest = std::fmin(darkest, light), lightest = std::fmax(lightest, light);
  }
  CHECK(lightest - darkest > 150);
}
