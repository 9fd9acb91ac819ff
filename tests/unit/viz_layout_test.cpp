// The page's layout at any display size: the four windows stay on the display, never overlap,
// cover it whole, and the canvas keeps a usable share; wide displays keep the three columns.
#include <doctest/doctest.h>

#include <cstddef>
#include <vector>

#include "viz/model/layout.h"

using namespace tela::viz;

namespace {

float area(const Rect& r) { return r.width * r.height; }

bool overlap(const Rect& a, const Rect& b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

void check_tiles(const Layout& layout, float width, float height) {
  const std::vector<Rect> windows = {layout.side, layout.centre, layout.player, layout.log};
  float covered = 0;
  for (std::size_t i = 0; i < windows.size(); ++i) {
    const Rect& r = windows[i];
    CHECK(r.x >= 0);
    CHECK(r.y >= 0);
    CHECK(r.width > 0);
    CHECK(r.height > 0);
    CHECK(r.x + r.width <= width + 0.01f);
    CHECK(r.y + r.height <= height + 0.01f);
    covered += area(r);
    for (std::size_t j = i + 1; j < windows.size(); ++j) CHECK_FALSE(overlap(r, windows[j]));
  }
  CHECK(covered == doctest::Approx(width * height).epsilon(0.001));
}

}  // namespace

TEST_CASE("every display size gets four windows that tile it") {
  for (float width : {320.0f, 390.0f, 400.0f, 640.0f, 759.0f, 760.0f, 800.0f, 1280.0f, 1920.0f, 3840.0f})
    for (float height : {300.0f, 360.0f, 559.0f, 560.0f, 844.0f, 1080.0f, 2160.0f})
      for (float player : {118.0f, 150.0f, 400.0f}) {
        CAPTURE(width);
        CAPTURE(height);
        CAPTURE(player);
        const Layout layout = layout_for(width, height, player);
        check_tiles(layout, width, height);
        // The canvas keeps a third of the display's width and a third of its height or more.
        CHECK(layout.centre.width >= width * 0.33f);
        CHECK(layout.centre.height >= height * 0.33f);
        CHECK(layout.player.width == doctest::Approx(player_width_for(width, height)));
      }
}

TEST_CASE("a wide display keeps three columns; the canvas sits over the player") {
  const Layout layout = layout_for(1400, 860, 118);
  CHECK_FALSE(layout.stacked);
  CHECK(layout.side.x == 0);
  CHECK(layout.side.height == 860);
  CHECK(layout.log.height == 860);
  CHECK(layout.centre.x == layout.side.width);
  CHECK(layout.player.y == layout.centre.height);
  CHECK(layout.player.height == 118);
  CHECK(layout.log.x == doctest::Approx(layout.centre.x + layout.centre.width));
}

TEST_CASE("a narrow, tall display puts the canvas and player above the panels") {
  const Layout layout = layout_for(390, 844, 200);
  CHECK(layout.stacked);
  CHECK(layout.centre.width == 390);
  CHECK(layout.player.width == 390);
  CHECK(layout.player.y == layout.centre.height);
  CHECK(layout.side.y == layout.log.y);
  CHECK(layout.side.y == doctest::Approx(layout.player.y + layout.player.height));
  CHECK(layout.player.height == 200);
}

TEST_CASE("a display held upright stacks at any width; a landscape one keeps its columns") {
  CHECK(layout_for(768, 1024, 150).stacked);   // a tablet
  CHECK(layout_for(1080, 1920, 150).stacked);  // a portrait monitor
  CHECK_FALSE(layout_for(1024, 768, 150).stacked);
  CHECK_FALSE(layout_for(640, 360, 150).stacked);
  CHECK(layout_for(700, 600, 150).stacked);    // narrow and tall enough
}

TEST_CASE("a player bar that asks for too much is capped") {
  CHECK(layout_for(1400, 860, 5000).player.height == doctest::Approx(860 * 0.45f));
  CHECK(layout_for(390, 844, 5000).player.height == doctest::Approx(844 * 0.3f));
}
