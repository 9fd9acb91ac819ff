#include "viz/model/palette.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace tela::viz {

Rgba with_alpha(Rgba colour, int alpha) { return (colour & 0x00FFFFFFu) | Rgba(alpha) << 24; }

namespace {

// OKLCH (Ottosson's perceptual lightness, chroma, hue) to sRGB: lightness set this way is the
// lightness a viewer sees, whatever the hue, and it survives colour-vision deficiencies.
Rgba from_oklch(double lightness, double chroma, double hue_turns) {
  const double a = chroma * std::cos(hue_turns * 2 * M_PI), b = chroma * std::sin(hue_turns * 2 * M_PI);
  const double l = std::pow(lightness + 0.3963377774 * a + 0.2158037573 * b, 3);
  const double m = std::pow(lightness - 0.1055613458 * a - 0.0638541728 * b, 3);
  const double s = std::pow(lightness - 0.0894841775 * a - 1.2914855480 * b, 3);
  const double linear[3] = {4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
                            -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
                            -0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s};
  int rgb[3];
  for (int i = 0; i < 3; ++i) {
    const double c = std::clamp(linear[i], 0.0, 1.0);
    rgb[i] = int(std::lround(255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * std::pow(c, 1 / 2.4) - 0.055)));
  }
  return rgba(rgb[0], rgb[1], rgb[2]);
}

}  // namespace

namespace {

Rgba compute_colour_of_buffer(size_t index) {
  constexpr double kGoldenTurn = 0.3819660112501051;  // 1 - 1/phi of a turn
  const double hue = std::fmod(double(index) * kGoldenTurn, 1.0);
  const double lightness = 0.58 + 0.13 * double(index % 3);  // three steps a viewer sees
  return from_oklch(lightness, 0.11, hue);
}

}  // namespace

// Memoised: the canvas asks for every visible block's colour every frame, and the conversion
// (powers, a sine, a cosine) was a third of a frame's UI time at 10^5 buffers. The UI runs on
// one thread; the table only grows, to the largest index asked for.
Rgba colour_of_buffer(size_t index) {
  static std::vector<Rgba> known;
  if (index >= known.size()) {
    const size_t from = known.size();
    known.resize(std::max(index + 1, from * 2));
    for (size_t i = from; i < known.size(); ++i) known[i] = compute_colour_of_buffer(i);
  }
  return known[index];
}

Rgba colour_of_size(double fraction) {
  // Endpoints of viridis: dark purple for the largest, yellow for the smallest.
  const double t = std::clamp(1.0 - fraction, 0.0, 1.0);
  const int r = int(68 + t * (253 - 68)), g = int(1 + t * (231 - 1)), b = int(84 + t * (37 - 84));
  return rgba(r, g, b);
}

}  // namespace tela::viz
