// Where the page's four windows go for a display size. Three columns (side panels, canvas over
// the player bar, event log) when the display is wide; on a display held upright (a phone, a
// tablet) or a narrow, tall one (a browser in half a screen) the canvas and player span the
// width above the side panels and the log; on a narrow, short one the columns share the width
// by proportion. No
// window ever leaves the display, so every widget stays reachable. Pure C++, unit-tested.
#pragma once

namespace tela::viz {

struct Rect {
  float x = 0, y = 0, width = 0, height = 0;
};

struct Layout {
  Rect side;    // the "tela" column: open, run, statistics and the other panels
  Rect centre;  // the address-time canvas over the load plot
  Rect player;  // the transport, the scrubber and the step's sentence
  Rect log;     // the event log and the inspection tabs
  bool stacked = false;  // the canvas above the panels (a narrow, tall display)
};

// Below this width the three columns at their smallest no longer fit beside a usable canvas.
constexpr float kNarrowWidth = 760;

// `player_height`: what the player bar needs at the width it gets (its controls wrap on a
// narrow bar); the layout caps it so that the canvas keeps most of its column.
Layout layout_for(float width, float height, float player_height);

// The width the player bar gets at a display width (the controls' wrapping depends on it).
float player_width_for(float width, float height);

}  // namespace tela::viz
