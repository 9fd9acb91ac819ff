#include "viz/model/press_hold.h"

#include <utility>

namespace tela::viz {

std::vector<int> PressHold::start_frame(double x, double y) {
  std::vector<int> due = std::exchange(due_, std::exchange(waiting_, {}));
  seen_ = true;
  seen_x_ = x;
  seen_y_ = y;
  return due;
}

bool PressHold::hold(int button, double x, double y) {
  if (seen_ && x == seen_x_ && y == seen_y_) return false;
  waiting_.push_back(button);
  return true;
}

}  // namespace tela::viz
