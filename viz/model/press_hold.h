// A mouse press where the pointer has only just arrived waits one frame. ImGui 1.86 lets an
// item that allows overlap (a tab of a tab bar) take a click only if it was hovered in the frame
// before, so a press in the frame the pointer reached it (a quick flick and click; a test's
// click) was lost, and the first click on a tab after a click elsewhere did nothing. Pure C++,
// unit-tested; viz/platform/frame.cpp feeds it GLFW's presses.
#pragma once

#include <vector>

namespace tela::viz {

class PressHold {
 public:
  // At the start of a frame, with the pointer where that frame sees it: the buttons whose held
  // press is due (the frame before showed the pointer where they were pressed).
  std::vector<int> start_frame(double x, double y);
  // On a press at (x, y): true if it must wait, the pointer being elsewhere than where the last
  // frame saw it; false to hand it on now.
  bool hold(int button, double x, double y);

 private:
  bool seen_ = false;
  double seen_x_ = 0, seen_y_ = 0;
  std::vector<int> waiting_;  // held since the last frame started
  std::vector<int> due_;      // held before it: handed on at the next frame's start
};

}  // namespace tela::viz
