// The address-time canvas and the load plot under it. Like ImPlot's plots, they take what they
// draw and the view to draw it in, and return what the user did with the mouse (hover, click,
// zoom, pan, an edge dragged); the caller decides what that changes. Only the canvas's own
// memory between frames (CanvasState) is written.
#pragma once

#include <memory>
#include <optional>

#include "services/explain.h"
#include "viz/model/inspect.h"
#include "viz/model/palette.h"
#include "viz/model/profile.h"
#include "viz/model/session.h"
#include "viz/model/view.h"
#include "viz/ui/layer_cache.h"
#include "viz/ui/widgets.h"

namespace tela::viz {

// A range of times [lower, upper), as the region readout takes it.
struct TimeRange {
  TimeValue lower = 0, upper = 0;
};

// A canvas's layers as drawn last frame, each replayed while what it shows is unchanged.
struct CanvasLayers {
  LayerCache blocks, over_capacity, skyline, total_load, placed_load;
};

// What one canvas keeps between frames.
struct CanvasState {
  int64_t profile_step = -1;  // the step `profile` was computed for
  StepProfile profile;
  // Where the current event's block (placed or lifted) was drawn last frame (x0, y0, x1, y1);
  // all zero when the event has no block. The browser tests check its colour there.
  float event_rect[4] = {0, 0, 0, 0};
  float rect[4] = {0, 0, 0, 0};  // where the canvas itself was drawn (x0, y0, x1, y1)
  float figure_rect[4] = {0, 0, 0, 0};  // the canvas with its axes' labels: what a PNG holds
  int64_t drawn_step = -1;       // the step the canvas showed in the last frame
  int edit_edge = 0;             // while dragging: 1 left, 2 right, 3 top edge of the selection
  double edit_value = 0;         // the dragged edge's value (time or address)
  bool edit_moved = false;       // the press on the edge has moved past ImGui's drag threshold:
                                 // a click without a drag edits nothing
  bool selecting = false;        // a time range is being dragged out (Shift+drag, or the time axis)
  double select_from = 0;        // ... from this time
  bool measuring = false;        // the ruler is being dragged (right button)
  double ruler[4] = {0, 0, 0, 0};  // the ruler's ends (time, address, time, address)
  bool has_ruler = false;          // a ruler is shown (until the next one, or Escape)
  std::shared_ptr<CanvasLayers> layers;  // made on first use
};

// What a canvas draws: a run at its player's step, and what to mark on it.
struct CanvasData {
  const Session& session;
  uint64_t revision = 0;           // changes whenever `session` is replaced (App::revision)
  ColourMode colour_mode = ColourMode::kById;
  BufferIndex selected = -1;       // outlined, with its domain and the buffers beside it in time
  bool diagnose = false;           // a failed run: mark the worst time and `explanation`
  const Explanation* explanation = nullptr;  // buffers that cannot fit together
  const std::vector<Offset>* subset_packing = nullptr;  // them packed alone (App::Diagnosis)
  bool editable = false;           // the selected block's edges can be dragged
  double step_changed_at = 0;      // ImGui time of the last step change (animations)
  bool played = true;              // the player steps through it: the step's block is marked
                                   // (not on Compare's second run, shown whole in its colours)
  const std::vector<uint8_t>* lit = nullptr;  // a search's matches (1 per buffer): the rest dim
  const Categories* categories = nullptr;     // ColourMode::kByMetadata's values per buffer
  BufferIndex highlighted = -1;    // a table row under the mouse: outlined brightly
  std::optional<TimeValue> marked_time;  // the live table's time: a vertical line
  std::optional<TimeRange> region;       // the selected time range: a band
};

// Where a canvas is and what it may show.
struct CanvasFrame {
  const char* id;                  // the ImGui ID; also names its rectangles in the registry
  float width = 0, height = 0;
  View view;
  Extent extent;                   // the limits on zoom and pan
};

// What the user did on a canvas in this frame.
struct CanvasInput {
  BufferIndex hovered = -1;        // the block under the mouse
  bool clicked = false;            // a click, not a drag: select `hovered` (-1: clear)
  bool fit = false;                // a double-click: fit the view to the problem
  std::optional<View> view;        // the view zoomed or panned to
  std::optional<Buffer> edited;    // the selected buffer after an edge was dragged and released
  std::optional<double> pointer_time;  // the time under the mouse over the plot, not rounded
                                       // (what w and s zoom about; l lists what is live then)
  std::optional<TimeRange> region; // a time range dragged out and released
};

// A block's fill in `mode` (by state: the placed colour; the states are drawn over it). The
// canvas and the page's drawings (Export's SVG and TikZ) colour alike.
Rgba colour_of_block(const Session& session, ColourMode mode, const Categories* categories, BufferIndex b);

CanvasInput draw_canvas(const CanvasData& data, const CanvasFrame& frame, CanvasState& state,
                        WidgetRegistry& widgets);

// What the user did on the load plot: the wheel zooms the shared time axis; a click picks a
// time (the live table lists what is live then).
struct LoadPlotInput {
  std::optional<View> view;
  std::optional<TimeValue> clicked_time;
  bool fit = false;  // double-clicked: fit the view, as on the canvas
};

// The load over time, on the canvas's time axis (`frame.view`'s times; its own load axis).
LoadPlotInput draw_load_plot(const Session& session, uint64_t revision, CanvasState& state,
                             const CanvasFrame& frame, std::optional<TimeValue> marked_time,
                             WidgetRegistry& widgets);

}  // namespace tela::viz
