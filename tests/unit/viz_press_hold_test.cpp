// The press hold's rule: a press where the last frame saw the pointer goes on at once; one where
// the pointer has just arrived reaches ImGui a frame after the frame that shows the pointer there.
#include <doctest/doctest.h>

#include <vector>

#include "viz/model/press_hold.h"

using namespace tela::viz;

TEST_CASE("a press where the pointer already was goes on at once") {
  PressHold hold;
  CHECK(hold.start_frame(10, 20).empty());
  CHECK_FALSE(hold.hold(0, 10, 20));
  CHECK(hold.start_frame(10, 20).empty());
}

TEST_CASE("a press where the pointer has just arrived waits for a frame that shows it there") {
  PressHold hold;
  CHECK(hold.start_frame(10, 20).empty());
  CHECK(hold.hold(0, 300, 40));                          // moved and pressed between two frames
  CHECK(hold.start_frame(300, 40).empty());              // this frame hovers the new place
  CHECK(hold.start_frame(300, 40) == std::vector<int>{0});  // the next one gets the press
  CHECK(hold.start_frame(300, 40).empty());              // once
}

TEST_CASE("a press before the first frame waits, and each button keeps its own press") {
  PressHold hold;
  CHECK(hold.hold(1, 5, 5));
  CHECK(hold.start_frame(5, 5).empty());
  CHECK(hold.hold(0, 6, 5));
  CHECK(hold.start_frame(6, 5) == std::vector<int>{1});
  CHECK(hold.start_frame(6, 5) == std::vector<int>{0});
  CHECK(hold.start_frame(6, 5).empty());
}
