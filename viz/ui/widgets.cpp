#include "viz/ui/widgets.h"

#include <imgui_internal.h>  // ImGui::GetItemID: the ID of the item just submitted

#include <algorithm>
#include <cstdio>

namespace tela::viz {
namespace {

// The rectangle with what the current window shows of its contents (where ImGui clips them).
WidgetRect with_view(WidgetRect w) {
  const ImRect view = ImGui::GetCurrentWindowRead()->InnerClipRect;
  w.view_x0 = view.Min.x, w.view_y0 = view.Min.y, w.view_x1 = view.Max.x, w.view_y1 = view.Max.y;
  return w;
}

}  // namespace

void WidgetRegistry::begin_frame() {
  last_.swap(current_);
  current_.clear();
}

void WidgetRegistry::track(const std::string& name) {
  const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
  const ImGuiID id = ImGui::GetItemID();
  for (const WidgetRect& w : current_) {
    if (w.id == 0 || w.id != id || w.name == name) continue;
    const std::string clash = w.name + " and " + name + " share one ImGui ID";
    if (std::find(collisions_.begin(), collisions_.end(), clash) == collisions_.end()) {
      collisions_.push_back(clash);
      std::fprintf(stderr, "tela-viz: %s\n", clash.c_str());
    }
    IM_ASSERT(false && "two widgets share one ImGui ID");  // debug builds stop here
  }
  current_.push_back(with_view({name, lo.x, lo.y, hi.x, hi.y, id}));
}

void WidgetRegistry::track_rect(const std::string& name, float x0, float y0, float x1, float y1) {
  current_.push_back(with_view({name, x0, y0, x1, y1, 0}));
}

const WidgetRect* WidgetRegistry::find(const std::string& name) const {
  for (const WidgetRect& w : last_)
    if (w.name == name) return &w;
  return nullptr;
}

std::string WidgetRegistry::json() const {
  std::string out = "{";
  char numbers[192];
  for (const WidgetRect& w : last_) {
    std::snprintf(numbers, sizeof numbers, "[%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f]", double(w.x0), double(w.y0),
                  double(w.x1), double(w.y1), double(w.view_x0), double(w.view_y0), double(w.view_x1),
                  double(w.view_y1));
    out += (out.size() > 1 ? ",\"" : "\"") + w.name + "\":" + numbers;
  }
  return out + "}";
}

void scroll_by_drag(bool rows) {
  ImGuiContext& g = *GImGui;
  ImGuiWindow* window = g.CurrentWindow;
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID key = ImGui::GetID("##swipe");
  bool swiping = storage->GetBool(key) && ImGui::IsMouseDown(ImGuiMouseButton_Left);
  if (!swiping) {
    const bool from_here = g.ActiveId != 0 && (g.ActiveId == window->MoveId || (rows && g.ActiveIdWindow == window));
    swiping = from_here && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 6.0f);
    if (swiping && g.ActiveId != window->MoveId) ImGui::ClearActiveID();  // the row is not chosen
  }
  storage->SetBool(key, swiping);
  if (swiping) ImGui::SetScrollY(window->Scroll.y - g.IO.MouseDelta.y);
}

}  // namespace tela::viz
