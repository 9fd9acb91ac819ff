// The guided tour: a few pages, each standing beside the widget it talks about and pointing at
// it (found by name in the widget registry).
#include <imgui.h>

#include <algorithm>

#include "viz/ui/app.h"
#include "viz/ui/wrapped_text.h"

namespace tela::viz {

namespace {

struct TourPage {
  const char* widget;  // what the page talks about: the tour stands beside it, pointing at it
  const char* text;
};
constexpr TourPage kTour[] = {
    {"canvas.plot",
     "Welcome to tela. Each rectangle is a buffer: its width is the time it is live, its height "
     "its size, and its height above the axis the address the allocator gave it."},
    {"player.play",
     "The player replays the allocator's search one event at a time: Play, the arrows, or the "
     "Space and arrow keys. The line under it says what just happened, in plain words."},
    {"player.next_conflict",
     "Jump to the next conflict or backtrack (keys c and b). Orange blocks are lifted by a minor "
     "backtrack, red ones by a major backtrack; yellow outlines mark what a conflict blames."},
    {"open.header", "Open has teaching examples, files (or drop one on the page) and generators."},
    {"load.plot",
     "The load over time: blue is placed, grey still to place (TelaMalloc's contention); a click "
     "lists what is live then. On both plots the wheel zooms, a drag pans and a double-click "
     "fits; press ? for every key."}};
constexpr int kTourPages = int(sizeof kTour / sizeof kTour[0]);

// The tour's window beside `target` (below it, or above when there is no room), and an arrow
// from the window to the target.
void place_beside(const WidgetRect* target, const ImVec2& display) {
  constexpr float kWidth = 320;
  if (!target) {
    ImGui::SetNextWindowPos(ImVec2(display.x / 2, display.y / 2), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    return;
  }
  const float x = std::clamp((target->x0 + target->x1) / 2 - kWidth / 2, 8.0f, display.x - kWidth - 8);
  const bool below = target->y1 + 150 < display.y;
  const float y = below ? std::min(target->y1 + 24, (target->y0 + target->y1) / 2 + 40) : target->y0 - 24;
  ImGui::SetNextWindowPos(ImVec2(x, y), ImGuiCond_Always, ImVec2(0, below ? 0 : 1));
}

void point_at(const WidgetRect* target) {
  if (!target) return;
  const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
  const ImVec2 centre((target->x0 + target->x1) / 2, (target->y0 + target->y1) / 2);
  const bool below = pos.y > centre.y;
  const ImVec2 from(std::clamp(centre.x, pos.x + 10, pos.x + size.x - 10), below ? pos.y : pos.y + size.y);
  const ImVec2 to(centre.x, below ? std::min(target->y1, centre.y + 20) : std::max(target->y0, centre.y - 20));
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  const Rgba c = colour::kConflict;
  dl->AddLine(from, to, c, 2.5f);
  dl->AddCircleFilled(to, 5, c);
  dl->AddRect(ImVec2(target->x0 - 2, target->y0 - 2), ImVec2(target->x1 + 2, target->y1 + 2), c, 3, 0, 2);
}

}  // namespace

void draw_tour(App& app) {
  if (app.tour_step < 0) return;
  const TourPage& page = kTour[std::clamp(app.tour_step, 0, kTourPages - 1)];
  const WidgetRect* target = app.widgets.find(page.widget);
  place_beside(target, ImGui::GetIO().DisplaySize);
  ImGui::SetNextWindowSize(ImVec2(320, 0));
  ImGui::Begin("Tour", nullptr, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoResize |
                                    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  text_wrapped("%s", page.text);
  ImGui::Text("%d / %d", app.tour_step + 1, kTourPages);
  ImGui::SameLine(190);
  const bool last = app.tour_step + 1 >= kTourPages;
  bool done = button(app, "Skip", "tour.skip");
  ImGui::SameLine();
  if (button(app, last ? "Done###tour_next" : "Next###tour_next", "tour.next")) {
    if (last) done = true;
    else ++app.tour_step;
  }
  point_at(target);
  ImGui::End();
  if (done) {
    app.tour_step = -1;
    if (app.tour_done) app.tour_done();
  }
}

}  // namespace tela::viz
