// Colours, chosen to stay distinct for colour-blind viewers: the state colours are the
// Okabe-Ito palette (distinguishable under deuteranopia and protanopia), and colours by id vary
// in lightness as well as hue so two neighbours never differ by hue alone.
#pragma once

#include <cstdint>
#include <cstddef>

namespace tela::viz {

using Rgba = uint32_t;  // ImGui's packed colour: 0xAABBGGRR

constexpr Rgba rgba(int r, int g, int b, int a = 255) {
  return Rgba(r) | Rgba(g) << 8 | Rgba(b) << 16 | Rgba(a) << 24;
}
Rgba with_alpha(Rgba colour, int alpha);

namespace colour {
constexpr Rgba kPlaced = rgba(0, 114, 178);         // blue
constexpr Rgba kJustPlaced = rgba(86, 180, 233);    // sky blue
constexpr Rgba kMinorBacktrack = rgba(230, 159, 0); // orange
// Red, and much darker than the minor backtrack's orange: the two differ in lightness as well
// as hue, so they stay apart under colour-blindness too.
constexpr Rgba kMajorBacktrack = rgba(200, 16, 46);
constexpr Rgba kConflict = rgba(240, 228, 66);      // yellow: a conflict's explanation
constexpr Rgba kDomain = rgba(0, 158, 115);         // bluish green: a propagated domain
constexpr Rgba kCapacity = rgba(204, 121, 167);     // reddish purple
constexpr Rgba kLowerBound = rgba(0, 158, 115);
constexpr Rgba kSkyline = rgba(255, 255, 255);
constexpr Rgba kOverCapacity = rgba(213, 94, 0, 70);   // vermillion, see-through
constexpr Rgba kAboveCapacity = rgba(213, 94, 0);      // a block placed above the capacity
constexpr Rgba kToPlace = rgba(150, 150, 165, 150);     // load not placed yet: neutral grey
constexpr Rgba kFolded = rgba(150, 150, 150);       // items too small to draw one by one
constexpr Rgba kSelected = rgba(255, 255, 255);
constexpr Rgba kRegion = rgba(255, 255, 255);      // a selected time range, the ruler
constexpr Rgba kSearchMatch = rgba(255, 60, 255);  // magenta: search matches, the live table's time
}  // namespace colour

enum class ColourMode { kById, kBySize, kByState, kByMetadata };

// A buffer's colour by its place in the file (the same problem gets the same colours in every
// run). Hues step by the golden angle and lightness cycles through three steps, so buffers
// next to each other in the file, which tend to be neighbours on the canvas too, never get
// close colours.
Rgba colour_of_buffer(size_t index);
// Light for small, dark for large, on one hue ramp (viridis-like, colour-blind safe).
Rgba colour_of_size(double fraction);

}  // namespace tela::viz
