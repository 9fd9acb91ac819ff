// The interactive items of the last frame by stable name ("player.next_conflict",
// "compare.run") with their screen rectangles: the browser tests click these rectangles as a
// person would, and the tour points at them. It also catches two items sharing one ImGui ID
// (ImGui 1.86 says nothing: the second silently steals the first's clicks).
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

namespace tela::viz {

struct WidgetRect {
  std::string name;
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // CSS pixels, top left origin
  ImGuiID id = 0;
  // What its window shows (its content region): an item outside it is scrolled out of view,
  // and a wheel notch over it scrolls that window (a test scrolls there to reach the item).
  float view_x0 = 0, view_y0 = 0, view_x1 = 0, view_y1 = 0;
};

class WidgetRegistry {
 public:
  void begin_frame();  // the items recorded so far become the last frame's
  // Records the item just submitted under `name` (call right after the ImGui widget).
  void track(const std::string& name);
  // Records a rectangle that is not an ImGui item (a canvas region, an axis).
  void track_rect(const std::string& name, float x0, float y0, float x1, float y1);
  const std::vector<WidgetRect>& last_frame() const { return last_; }
  const WidgetRect* find(const std::string& name) const;  // in the last frame, or nullptr
  // "name1 and name2 share one ImGui ID", for every such pair seen since the start.
  const std::vector<std::string>& collisions() const { return collisions_; }
  // {"name": [x0, y0, x1, y1, view_x0, view_y0, view_x1, view_y1], ...} of the last frame
  std::string json() const;

 private:
  std::vector<WidgetRect> current_, last_;
  std::vector<std::string> collisions_;
};

// A drag that began on the current window's empty space (or, with `rows`, on any of its items:
// a list of rows) scrolls it, as a finger swipes a list on a phone; ImGui 1.86 scrolls only by
// the wheel and the scrollbar. A row swiped over is not chosen. Call before End/EndChild.
void scroll_by_drag(bool rows);

}  // namespace tela::viz
