#include "viz/model/layout.h"

#include <algorithm>

namespace tela::viz {

namespace {

// Stacked: a narrow display tall enough for the canvas over the panels, or any display held
// upright (a tablet, a portrait monitor), where three columns would leave the timeline thin.
bool stacked(float width, float height) {
  return (width < kNarrowWidth && height >= 560) || height >= width * 1.2f;
}

// The side columns' widths: fixed ranges on a wide display (as they are from 1310 px up), a
// share of the width on a narrow one.
void column_widths(float width, float& side, float& log) {
  if (width >= kNarrowWidth) {
    side = std::clamp(width * 0.26f, 250.0f, 340.0f);
    log = std::clamp(width * 0.22f, 200.0f, 290.0f);
  } else {
    side = width * 0.36f;
    log = width * 0.26f;
  }
}

}  // namespace

float player_width_for(float width, float height) {
  if (stacked(width, height)) return width;
  float side = 0, log = 0;
  column_widths(width, side, log);
  return width - side - log;
}

Layout layout_for(float width, float height, float player_height) {
  Layout layout;
  if (stacked(width, height)) {
    // Canvas and player over the two panels side by side; the canvas gets half of what the
    // player leaves.
    layout.stacked = true;
    const float bar = std::min(player_height, height * 0.3f);
    const float canvas = (height - bar) * 0.5f;
    const float panels = height - canvas - bar;
    const float side = width * 0.6f;  // its values column starts at 130 px
    layout.centre = {0, 0, width, canvas};
    layout.player = {0, canvas, width, bar};
    layout.side = {0, canvas + bar, side, panels};
    layout.log = {side, canvas + bar, width - side, panels};
    return layout;
  }
  float side = 0, log = 0;
  column_widths(width, side, log);
  const float centre = width - side - log;
  const float bar = std::min(player_height, height * 0.45f);
  layout.side = {0, 0, side, height};
  layout.centre = {side, 0, centre, height - bar};
  layout.player = {side, height - bar, centre, bar};
  layout.log = {side + centre, 0, log, height};
  return layout;
}

}  // namespace tela::viz
