#include "palette.h"

#include <algorithm>
#include <cmath>

namespace tela::viz {

Rgba with_alpha(Rgba colour, int alpha) { return (colour & 0x00FFFFFFu) | Rgba(alpha) << 24; }

namespace {

// FNV-1a: stable across platforms and builds, unlike std::hash.
uint32_t hash_of(const std::string& text) {
  uint32_t h = 2166136261u;
  for (unsigned char c : text) h = (h ^ c) * 16777619u;
  return h;
}

Rgba from_hsv(float h, float s, float v) {
  const float c = v * s, x = c * (1 - std::fabs(std::fmod(h * 6, 2.0f) - 1)), m = v - c;
  float r = 0, g = 0, b = 0;
  switch (int(h * 6) % 6) {
    case 0: r = c, g = x; break;
    case 1: r = x, g = c; break;
    case 2: g = c, b = x; break;
    case 3: g = x, b = c; break;
    case 4: r = x, b = c; break;
    default: r = c, b = x; break;
  }
  return rgba(int((r + m) * 255), int((g + m) * 255), int((b + m) * 255));
}

}  // namespace

Rgba colour_of_id(const std::string& id) {
  const uint32_t h = hash_of(id);
  const float hue = float(h % 360) / 360.0f;
  const float value = 0.55f + 0.35f * float((h >> 9) % 4) / 3.0f;  // four lightness steps
  return from_hsv(hue, 0.55f, value);
}

Rgba colour_of_size(double fraction) {
  // Endpoints of viridis: dark purple for the largest, yellow for the smallest.
  const double t = std::clamp(1.0 - fraction, 0.0, 1.0);
  const int r = int(68 + t * (253 - 68)), g = int(1 + t * (231 - 1)), b = int(84 + t * (37 - 84));
  return rgba(r, g, b);
}

}  // namespace tela::viz
