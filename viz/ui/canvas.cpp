// The address-time canvas: x = time, y = address (0 at the bottom). Two passes, as in Tracy's
// timeline: the first culls what is off screen and folds blocks smaller than a few pixels into
// row runs of a coarse grid, the second draws; so 10^4+ buffers cost a bounded number of
// vertices whatever the zoom.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <span>
#include <vector>

#include "viz/ui/canvas.h"
#include "viz/ui/wrapped_text.h"

namespace tela::viz {

namespace {

constexpr float kFoldPixels = 3.0f;  // blocks thinner than this in both axes are folded
constexpr double kAnimationSeconds = 0.25;
constexpr float kAxisMargin = 66.0f;      // the address axis's labels, left of the plot
constexpr float kTimeAxisHeight = 18.0f;  // the time axis's labels, under the plot

struct Pane {  // one canvas: what it draws, the session among that, and the canvas's own state
  const CanvasData& d;
  const Session& s;
  CanvasState& cs;
};

struct Mapping {  // data coordinates <-> screen pixels
  ImVec2 origin, size;
  View view;
  double x_scale, y_scale;  // pixels per time, per byte: no division per block
  Mapping(ImVec2 o, ImVec2 s, const View& v)
      : origin(o), size(s), view(v), x_scale(double(s.x) / (v.time_upper - v.time_lower)),
        y_scale(double(s.y) / (v.address_upper - v.address_lower)) {}
  float x(double t) const { return origin.x + float((t - view.time_lower) * x_scale); }
  float y(double a) const {  // addresses grow upwards
    return origin.y + size.y - float((a - view.address_lower) * y_scale);
  }
  double time_at(float px) const {
    return view.time_lower + (px - origin.x) / size.x * (view.time_upper - view.time_lower);
  }
  double address_at(float py) const {
    return view.address_lower +
           (origin.y + size.y - py) / size.y * (view.address_upper - view.address_lower);
  }
  bool contains(ImVec2 p) const {
    return p.x >= origin.x && p.x < origin.x + size.x && p.y >= origin.y && p.y < origin.y + size.y;
  }
};

// The one place the view follows the mouse, for the canvas and the load plot alike. The wheel
// zooms about the cursor the axes allowed (Shift: time only, Ctrl: addresses only); a drag
// pans, where `drag` allows. Returns the new view, or nothing when it did not move.
std::optional<View> zoom_and_pan(const Mapping& m, View view, const Extent& extent, bool zoom_time,
                                 bool zoom_address, bool drag) {
  const ImGuiIO& io = ImGui::GetIO();
  bool moved = false;
  if (io.MouseWheel != 0 && (zoom_time || zoom_address)) {
    zoom_about(view, extent, m.time_at(io.MousePos.x), m.address_at(io.MousePos.y),
               double(io.MouseWheel), zoom_time && !io.KeyCtrl, zoom_address && !io.KeyShift);
    moved = true;
  }
  if (drag && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f)) {
    pan(view, extent, -io.MouseDelta.x / m.size.x * (view.time_upper - view.time_lower),
        io.MouseDelta.y / m.size.y * (view.address_upper - view.address_lower));
    moved = true;
  }
  if (!moved) return std::nullopt;
  return view;
}

// Where the wheel is over the canvas decides what it zooms: the plot both axes, the time axis
// below it time only, the address axis address only.
std::optional<View> canvas_zoom_and_pan(const Mapping& m, const Extent& extent, bool hovered,
                                        bool active) {
  const ImVec2 p = ImGui::GetIO().MousePos;
  const bool on_time_axis = p.y >= m.origin.y + m.size.y, on_address_axis = p.x < m.origin.x;
  return zoom_and_pan(m, m.view, extent, hovered && !on_address_axis, hovered && !on_time_axis,
                      active);
}

// Folded small blocks: a grid of kFoldPixels cells, drawn as runs along each row.
struct FoldGrid {
  int columns = 0, rows = 0;
  std::vector<uint8_t> cells;
  void reset(const ImVec2& size) {
    columns = std::max(1, int(size.x / kFoldPixels) + 1);
    rows = std::max(1, int(size.y / kFoldPixels) + 1);
    cells.assign(size_t(columns) * size_t(rows), 0);
  }
  void mark(const Mapping& m, float x0, float y0, float x1, float y1) {
    const int c0 = std::clamp(int((x0 - m.origin.x) / kFoldPixels), 0, columns - 1);
    const int c1 = std::clamp(int((x1 - m.origin.x) / kFoldPixels), 0, columns - 1);
    const int r0 = std::clamp(int((y0 - m.origin.y) / kFoldPixels), 0, rows - 1);
    const int r1 = std::clamp(int((y1 - m.origin.y) / kFoldPixels), 0, rows - 1);
    for (int r = r0; r <= r1; ++r)
      for (int c = c0; c <= c1; ++c) cells[size_t(r) * size_t(columns) + size_t(c)] = 1;
  }
  void draw(ImDrawList* dl, const Mapping& m, int alpha) const {
    for (int r = 0; r < rows; ++r) {
      for (int c = 0; c < columns;) {
        if (!cells[size_t(r) * size_t(columns) + size_t(c)]) { ++c; continue; }
        int end = c;
        while (end < columns && cells[size_t(r) * size_t(columns) + size_t(end)]) ++end;
        const ImVec2 p0(m.origin.x + float(c) * kFoldPixels, m.origin.y + float(r) * kFoldPixels);
        dl->AddRectFilled(p0, ImVec2(p0.x + float(end - c) * kFoldPixels, p0.y + kFoldPixels),
                          with_alpha(colour::kFolded, alpha));
        c = end;
      }
    }
  }
};

struct ScreenRect { float x0, y0, x1, y1; };

template <typename Lived>  // a Buffer or a TimeIndex::Entry
ScreenRect rect_of(const Mapping& m, const Lived& b, Offset offset) {
  return {m.x(double(b.lower)), m.y(double(offset + b.size)), m.x(double(b.upper)),
          m.y(double(offset))};
}

bool off_screen(const Mapping& m, const ScreenRect& r) {
  return r.x1 < m.origin.x || r.x0 > m.origin.x + m.size.x || r.y1 < m.origin.y ||
         r.y0 > m.origin.y + m.size.y;
}

// The buffer's id inside its block, when it fits.
void block_label(ImDrawList* dl, const ScreenRect& r, const std::string& id) {
  if (r.x1 - r.x0 <= 20 || r.y1 - r.y0 <= 14) return;
  if (ImGui::CalcTextSize(id.c_str()).x < r.x1 - r.x0 - 4)
    dl->AddText(ImVec2(r.x0 + 3, r.y0 + 1), rgba(0, 0, 0, 220), id.c_str());
}

// A block placed at this step drops in from the capacity line: where it is drawn (and
// pointed at) `age` seconds after the step.
void drop_in(const Mapping& m, const Session& s, double age, ScreenRect& r) {
  if (age >= kAnimationSeconds) return;
  const float lift = float((1.0 - age / kAnimationSeconds) * (r.y1 - m.y(double(s.run.problem.capacity))));
  r.y0 -= lift, r.y1 -= lift;
}

// Pass 1 + 2 for the placed blocks.
void fold_and_draw_blocks(Pane& p, ImDrawList* dl, const Mapping& m, double age) {
  const Session& s = p.s;
  const auto& offsets = s.player.offsets();
  const int64_t step = s.player.step();
  static FoldGrid grid;
  grid.reset(m.size);
  bool folded_any = false;
  const std::vector<uint8_t>* lit = p.d.lit && p.d.lit->size() == offsets.size() ? p.d.lit : nullptr;
  struct Tiny { ScreenRect r; bool above; };
  std::vector<Tiny> tiny_matches;  // drawn over the folded grid: a match or a block above
                                   // capacity never hides in it
  // Only the blocks live in the view's times (Session::by_time); the rest are not visited.
  for_each_live_between(s.by_time, m.view.time_lower, m.view.time_upper, [&](const TimeIndex::Entry& b) {
    const size_t i = size_t(b.buffer);
    if (offsets[i] == kUnplaced) return;
    ScreenRect r = rect_of(m, b, offsets[i]);
    if (off_screen(m, r)) return;
    const bool just_placed = p.d.played && s.player.last_change_of(BufferIndex(i)) == step && step > 0;
    if (just_placed) drop_in(m, s, age, r);
    const bool dim = lit && !(*lit)[i];
    const bool above = offsets[i] + b.size > s.run.problem.capacity;
    if (r.x1 - r.x0 < kFoldPixels && r.y1 - r.y0 < kFoldPixels) {
      if ((lit && !dim) || above) tiny_matches.push_back({r, above});
      grid.mark(m, r.x0, r.y0, r.x1, r.y1);
      folded_any = true;
      return;
    }
    Rgba fill = just_placed ? colour::kJustPlaced : colour_of_block(p.s, p.d.colour_mode, p.d.categories, BufferIndex(i));
    if (dim) fill = with_alpha(fill, 45);
    dl->AddRectFilled(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), fill);
    if (above) dl->AddRect(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), colour::kAboveCapacity, 0, 0, 2.0f);
    else if (r.x1 - r.x0 > 6 && r.y1 - r.y0 > 6)
      dl->AddRect(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), rgba(0, 0, 0, 110));
    block_label(dl, r, s.run.problem.buffers[i].id);
  });
  if (folded_any) grid.draw(dl, m, lit ? 90 : 255);
  for (const auto& [r, above] : tiny_matches)  // at least a few pixels each way
    dl->AddRectFilled(ImVec2(r.x0, std::min(r.y0, r.y1 - kFoldPixels)), ImVec2(std::max(r.x1, r.x0 + kFoldPixels), r.y1),
                      above ? colour::kAboveCapacity : colour::kSearchMatch);
}

// The block under the mouse (the last drawn, where blocks overlap), or -1: only the blocks
// live in the pixel columns around the mouse are tested.
BufferIndex block_under_mouse(const Pane& p, const Mapping& m, double age) {
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const auto& offsets = p.s.player.offsets();
  const int64_t step = p.s.player.step();
  BufferIndex under = -1;
  for_each_live_between(p.s.by_time, m.time_at(mouse.x - 1), m.time_at(mouse.x + 1), [&](const TimeIndex::Entry& b) {
    if (offsets[size_t(b.buffer)] == kUnplaced) return;
    ScreenRect r = rect_of(m, b, offsets[size_t(b.buffer)]);
    if (step > 0 && p.s.player.last_change_of(b.buffer) == step) drop_in(m, p.s, age, r);
    if (mouse.x >= r.x0 && mouse.x < r.x1 && mouse.y >= r.y0 && mouse.y < r.y1) under = b.buffer;
  });
  return under;
}

// Everything the blocks' layer shows: while it is unchanged, last frame's vertices are reused.
LayerKey blocks_key(const Pane& p, const Mapping& m) {
  LayerKey key;
  key.add(p.d.revision).add(&p.s).add(p.s.player.step()).add(m.view).add(m.origin).add(m.size).add(p.d.colour_mode);
  if (p.d.lit) key.add_all(*p.d.lit);
  if (p.d.colour_mode == ColourMode::kByMetadata && p.d.categories) key.add_all(p.d.categories->of_buffer);
  return key;
}

// The placed blocks; returns the block under the mouse, or -1. Drawn anew when what they show
// changed, replayed otherwise; never replayed while a block drops into place.
BufferIndex draw_blocks(Pane& p, ImDrawList* dl, const Mapping& m, bool hovered) {
  const double age = ImGui::GetTime() - p.d.step_changed_at;
  const bool animating = p.s.player.step() > 0 && age < kAnimationSeconds;
  p.cs.layers->blocks.draw(dl, blocks_key(p, m), [&] { fold_and_draw_blocks(p, dl, m, age); }, !animating);
  return hovered ? block_under_mouse(p, m, age) : -1;
}

// Outlines, in the conflict colour, those of `blamed` that are placed at this step.
void outline_placed(Pane& p, ImDrawList* dl, const Mapping& m, std::span<const BufferIndex> blamed) {
  for (BufferIndex c : blamed) {
    const Offset at = p.s.player.offsets()[size_t(c)];
    if (at == kUnplaced) continue;
    const ScreenRect r = rect_of(m, p.s.run.problem.buffers[size_t(c)], at);
    dl->AddRect(ImVec2(r.x0 - 1, r.y0 - 1), ImVec2(r.x1 + 1, r.y1 + 1), colour::kConflict, 0, 0, 3.0f);
  }
}

// A backtrack's lifted block, and for a major backtrack every block the same jump lifted,
// fading, with what it blames outlined.
void draw_lifted(Pane& p, ImDrawList* dl, const Mapping& m, const TraceEvent& e, double age) {
  const Session& s = p.s;
  const auto& buffers = s.run.problem.buffers;
  const int64_t step = s.player.step();
  const bool major = e.kind == EventKind::kMajorBacktrack;
  const Rgba base = major ? colour::kMajorBacktrack : colour::kMinorBacktrack;
  int64_t first = step;
  while (major && first > 1 && s.run.trace.events[size_t(first - 2)].kind == EventKind::kMajorBacktrack) --first;
  for (int64_t k = first; k <= step; ++k) {
    const TraceEvent& lifted = s.run.trace.events[size_t(k - 1)];
    if (lifted.buffer < 0) continue;
    ScreenRect r = rect_of(m, buffers[size_t(lifted.buffer)], lifted.offset);
    const float rise = k == step ? float(std::min(age, 0.3) * 40) : 0.0f;
    const int alpha = k == step ? 230 : 90;
    dl->AddRectFilled(ImVec2(r.x0, r.y0 - rise), ImVec2(r.x1, r.y1 - rise), with_alpha(base, alpha));
    if (k == step) {
      const float drawn[4] = {r.x0, r.y0 - rise, r.x1, r.y1 - rise};
      std::copy(std::begin(drawn), std::end(drawn), p.cs.event_rect);
    }
    dl->AddRect(ImVec2(r.x0, r.y0 - rise), ImVec2(r.x1, r.y1 - rise), base, 0, 0, 2.5f);
    block_label(dl, {r.x0, r.y0 - rise, r.x1, r.y1 - rise}, buffers[size_t(lifted.buffer)].id);
  }
  if (major) outline_placed(p, dl, m, s.run.trace.causes_of(size_t(step - 1)));  // what it blames
}

// What the current event shows beyond the blocks: a lifted block, a conflict's explanation,
// a skyline segment that moved.
void draw_current_event(Pane& p, ImDrawList* dl, const Mapping& m) {
  const Session& s = p.s;
  const TraceEvent* e = s.player.current_event();
  std::fill(std::begin(p.cs.event_rect), std::end(p.cs.event_rect), 0.0f);
  if (!e) return;
  const auto& buffers = s.run.problem.buffers;
  const double age = ImGui::GetTime() - p.d.step_changed_at;
  const int64_t step = s.player.step();
  if (e->kind == EventKind::kMinorBacktrack || e->kind == EventKind::kMajorBacktrack) {
    draw_lifted(p, dl, m, *e, age);
  } else if (e->kind == EventKind::kPlace && e->buffer >= 0) {
    const ScreenRect r = rect_of(m, buffers[size_t(e->buffer)], e->offset);
    const float drawn[4] = {r.x0, r.y0, r.x1, r.y1};
    std::copy(std::begin(drawn), std::end(drawn), p.cs.event_rect);
  } else if (e->kind == EventKind::kConflict) {
    outline_placed(p, dl, m, s.run.trace.causes_of(size_t(step - 1)));
    if (e->time_upper > e->time_lower) {
      dl->AddRectFilled(ImVec2(m.x(double(e->time_lower)), m.origin.y),
                        ImVec2(m.x(double(e->time_upper)), m.origin.y + m.size.y),
                        with_alpha(colour::kConflict, 40));
    }
  } else if (e->kind == EventKind::kConsider && e->buffer >= 0) {
    // The buffer about to be placed: its life as a column, its size as a bar at the bottom.
    const Buffer& b = buffers[size_t(e->buffer)];
    const float x0 = m.x(double(b.lower)), x1 = m.x(double(b.upper));
    dl->AddRectFilled(ImVec2(x0, m.origin.y), ImVec2(x1, m.origin.y + m.size.y), with_alpha(colour::kJustPlaced, 28));
    dl->AddRect(ImVec2(x0, m.y(double(b.size))), ImVec2(x1, m.y(0)), colour::kJustPlaced, 0, 0, 2.0f);
    dl->AddText(ImVec2(x0 + 3, m.y(double(b.size)) - 16), colour::kJustPlaced, ("next: " + b.id).c_str());
  } else if (e->kind == EventKind::kPropagate && e->buffer >= 0) {
    // The domain just tightened: the offsets the buffer may still take, as a band.
    const Buffer& b = buffers[size_t(e->buffer)];
    dl->AddRectFilled(ImVec2(m.x(double(b.lower)), m.y(double(e->limit + b.size))),
                      ImVec2(m.x(double(b.upper)), m.y(double(e->offset))), with_alpha(colour::kDomain, 70));
    dl->AddText(ImVec2(m.x(double(b.lower)) + 3, m.y(double(e->offset)) - 16), colour::kDomain,
                (b.id + " may go here").c_str());
  } else if (e->kind == EventKind::kSkyline && age < 0.6) {
    const float y = m.y(double(e->offset));
    dl->AddLine(ImVec2(m.x(double(e->time_lower)), y), ImVec2(m.x(double(e->time_upper)), y),
                colour::kConflict, 4.0f);
  }
}

// A failed run's worst time, when the load there exceeds the capacity: the band is outlined
// and the placed buffers live there are outlined too (the Diagnosis panel names them all).
// In solid vermillion, the shading's hue: yellow is the diagnosed subset's (draw_diagnosis).
void draw_busiest_time(Pane& p, ImDrawList* dl, const Mapping& m) {
  const Session& s = p.s;
  if (s.busiest < 0 || s.sections[size_t(s.busiest)].load <= s.run.problem.capacity) return;
  const SectionRun run = *busiest_run(s);  // the range the Diagnosis panel names
  const Section& worst = s.sections[size_t(s.busiest)];
  const double lower = double(s.sections[run.first].lower), upper = double(s.sections[run.last].upper);
  const float x0 = m.x(lower), x1 = std::max(m.x(upper), x0 + 2);
  dl->AddRect(ImVec2(x0, m.origin.y + 1), ImVec2(x1, m.origin.y + m.size.y - 1), colour::kAboveCapacity, 0, 0, 2.0f);
  for_each_live_between(s.by_time, double(worst.lower), double(worst.upper), [&](const TimeIndex::Entry& b) {
    const Offset at = s.player.offsets()[size_t(b.buffer)];
    if (at == kUnplaced) return;
    const ScreenRect r = rect_of(m, b, at);
    if (!off_screen(m, r)) dl->AddRect(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), colour::kAboveCapacity, 0, 0, 1.5f);
  });
}

// A diagnosed failure: the times the infeasible subset collides (yellow bands) and those of its
// buffers placed at this step (yellow outlines); the panel lists the ones not placed.
void draw_diagnosis(Pane& p, ImDrawList* dl, const Mapping& m) {
  if (!p.d.diagnose || !p.s.has_run || p.s.run.result.status == Status::kSolved) return;
  draw_busiest_time(p, dl, m);
  const Explanation* explanation = p.d.explanation;
  if (!explanation || explanation->status != Status::kInfeasible) return;
  for (const Section& c : explanation->collisions)
    dl->AddRectFilled(ImVec2(m.x(double(c.lower)), m.origin.y), ImVec2(m.x(double(c.upper)), m.origin.y + m.size.y),
                      with_alpha(colour::kConflict, 35));
  bool any_placed = false;
  for (BufferIndex b : explanation->buffers) {
    const Offset at = p.s.player.offsets()[size_t(b)];
    if (at == kUnplaced) continue;
    any_placed = true;
    const ScreenRect r = rect_of(m, p.s.run.problem.buffers[size_t(b)], at);
    dl->AddRect(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), colour::kConflict, 0, 0, 2.5f);
  }
  // None of them placed (a run that stopped before its search, or a search unwound to nothing):
  // the subset packed alone, so its height over the capacity is seen.
  if (any_placed || !p.d.subset_packing || p.d.subset_packing->size() != p.s.run.problem.buffers.size()) return;
  for (BufferIndex b : explanation->buffers) {
    const ScreenRect r = rect_of(m, p.s.run.problem.buffers[size_t(b)], (*p.d.subset_packing)[size_t(b)]);
    if (off_screen(m, r)) continue;
    dl->AddRectFilled(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), with_alpha(colour::kConflict, 70));
    dl->AddRect(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), colour::kConflict, 0, 0, 2.0f);
  }
}

// Pre-placed buffers the file pins to shared bytes at a shared time: where they collide, filled
// and outlined in red over both blocks (drawn over one another, a collision looked like one
// block). At least a few pixels wide, so a collision of one byte or one time unit still shows.
void draw_fixed_overlaps(Pane& p, ImDrawList* dl, const Mapping& m) {
  for (const Validation& v : p.s.fixed_overlaps) {
    float x0 = m.x(double(v.time_lower)), x1 = m.x(double(v.time_upper));
    float y0 = m.y(double(v.address_upper)), y1 = m.y(double(v.address_lower));
    if (x1 - x0 < 4) x0 -= 2, x1 += 2;
    if (y1 - y0 < 4) y0 -= 2, y1 += 2;
    dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y1), with_alpha(colour::kMajorBacktrack, 150));
    dl->AddRect(ImVec2(x0, y0), ImVec2(x1, y1), colour::kMajorBacktrack, 0, 0, 2.0f);
    dl->AddLine(ImVec2(x0, y0), ImVec2(x1, y1), colour::kConflict, 1.5f);  // a cross: not a block
    dl->AddLine(ImVec2(x0, y1), ImVec2(x1, y0), colour::kConflict, 1.5f);
  }
}

void draw_selection(Pane& p, ImDrawList* dl, const Mapping& m) {
  const Session& s = p.s;
  const BufferIndex selected = p.d.selected;
  if (selected < 0) return;
  const auto& buffers = s.run.problem.buffers;
  const Buffer& sel = buffers[size_t(selected)];
  Offset lowest = 0, highest = 0;
  if (s.player.domain_of(selected, lowest, highest)) {  // its propagated domain
    dl->AddRectFilled(ImVec2(m.x(double(sel.lower)), m.y(double(highest + sel.size))),
                      ImVec2(m.x(double(sel.upper)), m.y(double(lowest))),
                      with_alpha(colour::kDomain, 60));
  }
  // The buffers it shares time with, outlined; then itself.
  for_each_live_between(s.by_time, double(sel.lower), double(sel.upper), [&](const TimeIndex::Entry& b) {
    const Offset at = s.player.offsets()[size_t(b.buffer)];
    if (at == kUnplaced || b.buffer == selected) return;
    const ScreenRect r = rect_of(m, b, at);
    if (!off_screen(m, r)) dl->AddRect(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), rgba(255, 255, 255, 140), 0, 0, 1.5f);
  });
  const Offset at = s.player.offsets()[size_t(selected)];
  if (at != kUnplaced) {
    const ScreenRect r = rect_of(m, sel, at);
    dl->AddRect(ImVec2(r.x0 - 2, r.y0 - 2), ImVec2(r.x1 + 2, r.y1 + 2), colour::kSelected, 0, 0, 3.0f);
  }
}

// The live table's row under the mouse (its block outlined brightly) and the table's time.
void draw_inspection(Pane& p, ImDrawList* dl, const Mapping& m) {
  if (p.d.marked_time) {
    const float x = m.x(double(*p.d.marked_time) + 0.5);
    dl->AddLine(ImVec2(x, m.origin.y), ImVec2(x, m.origin.y + m.size.y), colour::kSearchMatch, 1.5f);
  }
  const BufferIndex h = p.d.highlighted;
  if (h < 0 || size_t(h) >= p.s.run.problem.buffers.size()) return;
  const Offset at = p.s.player.offsets()[size_t(h)];
  if (at == kUnplaced) return;
  const ScreenRect r = rect_of(m, p.s.run.problem.buffers[size_t(h)], at);
  dl->AddRect(ImVec2(r.x0 - 3, r.y0 - 3), ImVec2(std::max(r.x1, r.x0 + 2) + 3, std::max(r.y1, r.y0 + 2) + 3),
              colour::kSearchMatch, 0, 0, 3.0f);
}

// Per pixel column, the largest value among the sections drawn across it (-1: none). Sections
// narrower than a pixel fold into their column (Tracy's level of detail), so a plot costs at
// most a few vertices per column however many sections there are.
template <typename Value>
std::vector<double> column_maxima(const Mapping& m, const std::vector<Section>& sections, Value value) {
  const int columns = std::max(1, int(m.size.x));
  std::vector<double> maxima(size_t(columns), -1.0);
  // Sections are in time order: start at the first that ends inside the view, stop past it.
  const auto first = std::partition_point(sections.begin(), sections.end(), [&](const Section& c) {
    return double(c.upper) <= m.view.time_lower;
  });
  for (size_t i = size_t(first - sections.begin()); i < sections.size(); ++i) {
    const float x0 = m.x(double(sections[i].lower)) - m.origin.x;
    const float x1 = m.x(double(sections[i].upper)) - m.origin.x;
    if (x0 >= float(columns)) break;
    if (x1 < 0) continue;
    const int c0 = std::max(0, int(x0)), c1 = std::min(columns - 1, std::max(c0, int(std::ceil(x1)) - 1));
    const double v = double(value(i));
    for (int c = c0; c <= c1; ++c) maxima[size_t(c)] = std::max(maxima[size_t(c)], v);
  }
  return maxima;
}

// Calls draw(first column, end column, value) for each run of equal values, skipping -1.
template <typename Draw>
void for_each_run(const std::vector<double>& columns, Draw draw) {
  for (size_t c = 0; c < columns.size();) {
    size_t end = c + 1;
    while (end < columns.size() && columns[end] == columns[c]) ++end;
    if (columns[c] >= 0) draw(float(c), float(end), columns[c]);
    c = end;
  }
}

// Times whose load exceeds the capacity, as red bands (the same at every step).
void draw_over_capacity(Pane& p, ImDrawList* dl, const Mapping& m) {
  const Session& s = p.s;
  const Size capacity = s.run.problem.capacity;
  const auto over = column_maxima(m, s.sections, [&](size_t i) { return s.sections[i].load > capacity ? 1 : 0; });
  for_each_run(over, [&](float c0, float c1, double v) {
    if (v > 0)
      dl->AddRectFilled(ImVec2(m.origin.x + c0, m.origin.y), ImVec2(m.origin.x + c1, m.origin.y + m.size.y),
                        colour::kOverCapacity);
  });
}

// The skyline at this step as a step line, one value per pixel column.
void draw_skyline(Pane& p, ImDrawList* dl, const Mapping& m) {
  const Session& s = p.s;
  const float left = m.origin.x;
  const auto sky = skyline_columns(s.by_time, s.player.offsets(), m.view.time_lower, m.view.time_upper,
                                   double(m.size.x), double(s.stats.time_lower), double(s.stats.time_upper));
  std::vector<ImVec2> line;
  for_each_run(sky, [&](float c0, float c1, double v) {
    line.emplace_back(left + c0, m.y(v));
    line.emplace_back(left + c1, m.y(v));
  });
  // Folded like the blocks: where several sections share a pixel the line is their maximum,
  // drawn thin and faint, so at 10^4+ buffers it outlines the overview instead of hiding it.
  const double per_pixel = double(s.sections.size()) * (m.view.time_upper - m.view.time_lower) /
                           std::max(1.0, double(s.stats.time_upper - s.stats.time_lower)) / double(m.size.x);
  const bool dense = per_pixel > 1;
  if (line.size() >= 2)
    dl->AddPolyline(line.data(), int(line.size()), dense ? with_alpha(colour::kSkyline, 110) : colour::kSkyline, 0,
                    dense ? 1.0f : 1.5f);
}

// The over-capacity bands and the skyline, each its own layer (the bands do not change with
// the step, so scrubbing redraws only the skyline), then the capacity and lower-bound lines.
void draw_lines(Pane& p, ImDrawList* dl, const Mapping& m) {
  LayerKey where;  // the view and the canvas's place
  where.add(p.d.revision).add(&p.s).add(m.view).add(m.origin).add(m.size);
  CanvasLayers& layers = *p.cs.layers;
  layers.over_capacity.draw(dl, where, [&] { draw_over_capacity(p, dl, m); });
  LayerKey when = where;
  when.add(p.s.player.step());
  layers.skyline.draw(dl, std::move(when), [&] { draw_skyline(p, dl, m); });
  const Session& s = p.s;
  const float left = m.origin.x, right = m.origin.x + m.size.x;
  const float cap = m.y(double(s.run.problem.capacity));
  dl->AddLine(ImVec2(left, cap), ImVec2(right, cap), colour::kCapacity, 2.0f);
  const float lb = m.y(double(s.lower_bound));
  if (s.lower_bound != s.run.problem.capacity) {
    for (float x = left; x < right; x += 12)  // dashed
      dl->AddLine(ImVec2(x, lb), ImVec2(std::min(x + 6, right), lb), colour::kLowerBound, 1.5f);
  }
}

constexpr Rgba kAxisText = rgba(200, 200, 200);

// Labels in the left margin, right-aligned to its edge and centred on `y`. One wider than the
// margin (a 10-digit address, zoomed in to single bytes) starts at the margin's left edge and
// runs into the plot over a backdrop, rather than losing its leading digits off the edge.
void margin_label(ImDrawList* dl, const Mapping& m, float y, Rgba colour, const std::string& text) {
  const ImVec2 size = ImGui::CalcTextSize(text.c_str());
  const float x = std::max(m.origin.x - 6 - size.x, m.origin.x - kAxisMargin + 2);
  if (x + size.x > m.origin.x - 4)
    dl->AddRectFilled(ImVec2(x - 1, y - size.y / 2), ImVec2(x + size.x + 1, y + size.y / 2), rgba(26, 26, 31, 230));
  dl->AddText(ImVec2(x, y - size.y / 2), colour, text.c_str());
}

// The address axis in the left margin: ticks at round byte counts, the capacity and lower
// bound named at their lines; a tick label that would touch one of those is left out.
void draw_address_axis(ImDrawList* dl, const Mapping& m, Size capacity, Size lower_bound) {
  const float cap = m.y(double(capacity)), lb = m.y(double(lower_bound));
  const bool show_lb = lower_bound != capacity && std::fabs(lb - cap) > kLabelClearance;
  const float top = m.origin.y, bottom = m.origin.y + m.size.y;
  // (At least three ticks: a short canvas, 90 px on a landscape phone, showed none but "capacity".)
  std::vector<double> named = {double(capacity)};
  if (show_lb) named.push_back(double(lower_bound));
  const AxisTicks axis = address_axis_ticks(m.view.address_lower, m.view.address_upper, m.size.y, named);
  for (size_t i = 0; i < axis.ticks.size(); ++i) {
    const float y = m.y(axis.ticks[i].value);
    dl->AddLine(ImVec2(m.origin.x - 4, y), ImVec2(m.origin.x, y), kAxisText);
    dl->AddLine(ImVec2(m.origin.x, y), ImVec2(m.origin.x + m.size.x, y), rgba(255, 255, 255, 18));
    if (axis.labelled[i]) margin_label(dl, m, y, kAxisText, axis.ticks[i].label);
  }
  if (cap >= top && cap <= bottom) margin_label(dl, m, cap, colour::kCapacity, "capacity");
  if (show_lb && lb >= top && lb <= bottom) margin_label(dl, m, lb, colour::kLowerBound, "bound");
}

// The time axis under the plot: ticks at round times, each label centred on its tick.
void draw_time_axis(ImDrawList* dl, const Mapping& m) {
  const float y = m.origin.y + m.size.y, left = m.origin.x, right = m.origin.x + m.size.x;
  // (At least two ticks: a narrow canvas showed only "0".)
  for (const Tick& t : time_ticks(m.view.time_lower, m.view.time_upper, std::max(2, int(m.size.x / 80)))) {
    const float x = m.x(t.value);
    dl->AddLine(ImVec2(x, y), ImVec2(x, y + 4), kAxisText);
    dl->AddLine(ImVec2(x, m.origin.y), ImVec2(x, y), rgba(255, 255, 255, 18));
    const float w = ImGui::CalcTextSize(t.label.c_str()).x;
    dl->AddText(ImVec2(std::clamp(x - w / 2, left - 20, right - w), y + 3), kAxisText, t.label.c_str());
  }
}

void draw_tooltip(Pane& p, BufferIndex b) {
  const Session& s = p.s;
  const Buffer& buf = s.run.problem.buffers[size_t(b)];
  ImGui::BeginTooltip();
  ImGui::Text("%s", buf.id.c_str());
  ImGui::Text("live [%lld, %lld)  size %lld", (long long)buf.lower, (long long)buf.upper, (long long)buf.size);
  const Offset at = s.player.offsets()[size_t(b)];
  if (at != kUnplaced) ImGui::Text("offset %lld  (top %lld)", (long long)at, (long long)(at + buf.size));
  if (buf.alignment > 1) ImGui::Text("alignment %lld", (long long)buf.alignment);
  for (size_t c = 0; c < s.run.problem.metadata.names.size(); ++c)  // the file's own columns
    if (const std::string& v = metadata_value(s.run.problem, c, b); !v.empty())
      ImGui::Text("%s: %s", s.run.problem.metadata.names[c].c_str(), v.c_str());
  Offset lowest = 0, highest = 0;
  if (s.player.domain_of(b, lowest, highest))
    ImGui::Text("domain [%lld, %lld]", (long long)lowest, (long long)highest);
  const int64_t changed = s.player.last_change_of(b);
  if (changed > 0) {  // why it is where it is: the event that put it there
    const TraceEvent& e = s.run.trace.events[size_t(changed - 1)];
    ImGui::PushTextWrapPos(420);
    ImGui::TextUnformatted(describe(s.run.problem, e, s.run.trace.causes_of(size_t(changed - 1))).c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::EndTooltip();
}

// Which edge of the selected block (drawn at `r`) the mouse is on: 1 left, 2 right, 3 top, 0
// none. An edge's grip reaches 5 px outside the block but at most a quarter of it inside, so
// a thin block's middle still selects and pans (a grip of 5 px each way covered a block 10 px
// tall whole: a second click on it resized it, and a drag from it could not pan).
int edge_under_mouse(const ScreenRect& r) {
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  constexpr float kGrip = 5;
  const float inner_x = std::min(kGrip, (r.x1 - r.x0) / 4), inner_y = std::min(kGrip, (r.y1 - r.y0) / 4);
  const bool inside_y = mouse.y >= r.y0 - kGrip && mouse.y <= r.y1 + kGrip;
  const bool inside_x = mouse.x >= r.x0 - kGrip && mouse.x <= r.x1 + kGrip;
  if (inside_y && mouse.x > r.x0 - kGrip && mouse.x < r.x0 + inner_x) return 1;
  if (inside_y && mouse.x > r.x1 - inner_x && mouse.x < r.x1 + kGrip) return 2;
  if (inside_x && mouse.y > r.y0 - kGrip && mouse.y < r.y0 + inner_y) return 3;
  return 0;
}

// While an edge is dragged: its new value (rounded to whole times and bytes), shown as a guide.
void follow_dragged_edge(CanvasState& cs, const Mapping& m, const ScreenRect& r, Offset at) {
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (cs.edit_edge == 3) {
    cs.edit_value = std::max(0.0, std::round(m.address_at(mouse.y) - double(at)));
    const float y = m.y(double(at) + cs.edit_value);
    dl->AddLine(ImVec2(r.x0, y), ImVec2(r.x1, y), colour::kSelected, 2.0f);
  } else {
    cs.edit_value = std::round(m.time_at(mouse.x));
    const float x = m.x(cs.edit_value);
    dl->AddLine(ImVec2(x, r.y0), ImVec2(x, r.y1), colour::kSelected, 2.0f);
  }
}

// The buffer with the dragged edge moved to `cs.edit_value`, kept a valid buffer.
Buffer moved_edge(const Buffer& b, const CanvasState& cs) {
  Buffer e = b;
  const TimeValue t = TimeValue(cs.edit_value);
  if (cs.edit_edge == 1) e.lower = std::min(t, e.upper - 1);
  if (cs.edit_edge == 2) e.upper = std::max(t, e.lower + 1);
  if (cs.edit_edge == 3) e.size = Size(cs.edit_value);
  e.lower = std::max<TimeValue>(e.lower, 0);
  return e;
}

// Dragging the selected block's left or right edge changes its live range, its top edge its
// size; on release the changed buffer goes to `input.edited`.
// While an edge is dragged (cs.edit_edge), the canvas does not pan.
void drag_edges(Pane& p, const Mapping& m, bool hovered, CanvasInput& input) {
  const Session& s = p.s;
  CanvasState& cs = p.cs;
  const BufferIndex selected = p.d.selected;
  if (selected < 0 || size_t(selected) >= s.run.problem.buffers.size()) return;
  const Offset at = s.player.offsets()[size_t(selected)];
  if (at == kUnplaced) return;
  const Buffer& b = s.run.problem.buffers[size_t(selected)];
  const ScreenRect r = rect_of(m, b, at);
  const int edge = edge_under_mouse(r);
  if (cs.edit_edge == 0 && hovered && edge != 0 && ImGui::IsMouseClicked(ImGuiMouseButton_Left))
    cs.edit_edge = edge, cs.edit_moved = false;
  const int active = cs.edit_edge ? cs.edit_edge : (hovered ? edge : 0);
  if (active == 0) return;
  ImGui::SetMouseCursor(active == 3 ? ImGuiMouseCursor_ResizeNS : ImGuiMouseCursor_ResizeEW);
  if (cs.edit_edge == 0) return;
  cs.edit_moved = cs.edit_moved || ImGui::IsMouseDragging(ImGuiMouseButton_Left);
  if (cs.edit_moved) follow_dragged_edge(cs, m, r, at);
  if (ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
    const Buffer e = moved_edge(b, cs);
    const bool moved = cs.edit_moved;
    cs.edit_edge = 0;
    if (moved && (e.lower != b.lower || e.upper != b.upper || e.size != b.size)) input.edited = e;
  }
}

// Shift+drag on the plot, or a drag along the time axis, selects a range of times; released,
// it goes to `input.region` (whole times, at least one). Returns true while selecting, so the
// canvas does not pan meanwhile.
bool select_region(CanvasState& cs, const Mapping& m, bool over_item, CanvasInput& input) {
  const ImGuiIO& io = ImGui::GetIO();
  const bool on_time_axis = io.MousePos.y >= m.origin.y + m.size.y && io.MousePos.x >= m.origin.x;
  if (!cs.selecting && over_item && ImGui::IsMouseClicked(ImGuiMouseButton_Left) && (io.KeyShift || on_time_axis)) {
    cs.selecting = true;
    cs.select_from = m.time_at(io.MousePos.x);
  }
  if (!cs.selecting) return false;
  const double to = m.time_at(io.MousePos.x);
  const double lo = std::min(cs.select_from, to), hi = std::max(cs.select_from, to);
  // Whole times: every time unit the drag touches, but an end within 3 px of a whole time is
  // that time (a press on the gridline at 3 read 2.99 and selected from 2).
  const auto snapped = [&](double t, double (*outward)(double)) {
    const double near = std::round(t);
    return TimeValue(std::fabs(m.x(near) - m.x(t)) <= 3.0f ? near : outward(t));
  };
  const TimeValue lower = snapped(lo, std::floor), upper = std::max(snapped(hi, std::ceil), lower + 1);
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(m.x(double(lower)), m.origin.y),
                                            ImVec2(m.x(double(upper)), m.origin.y + m.size.y),
                                            with_alpha(colour::kRegion, 50));
  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    cs.selecting = false;
    input.region = TimeRange{lower, upper};
  }
  return true;
}

// The ruler: a right-button drag measures the time and address between its ends, and stays
// on screen until the next one (or Escape). Its ends snap to whole times and bytes, as buffers
// lie: zoomed in, the distance it shows is the one it is drawn across, not a rounded reading
// of a fraction.
void measure(CanvasState& cs, const Mapping& m, bool hovered) {
  const ImGuiIO& io = ImGui::GetIO();
  const double t = std::round(m.time_at(io.MousePos.x)), a = std::round(m.address_at(io.MousePos.y));
  if (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Right)) {
    cs.measuring = cs.has_ruler = true;
    cs.ruler[0] = cs.ruler[2] = t;
    cs.ruler[1] = cs.ruler[3] = a;
  }
  if (cs.measuring) {
    cs.ruler[2] = t;
    cs.ruler[3] = a;
    if (!ImGui::IsMouseDown(ImGuiMouseButton_Right)) cs.measuring = false;
  }
}

void draw_ruler(const CanvasState& cs, ImDrawList* dl, const Mapping& m) {
  if (!cs.has_ruler) return;
  const ImVec2 a(m.x(cs.ruler[0]), m.y(cs.ruler[1])), b(m.x(cs.ruler[2]), m.y(cs.ruler[3]));
  dl->AddLine(a, ImVec2(b.x, a.y), colour::kRegion, 1.5f);
  dl->AddLine(ImVec2(b.x, a.y), b, colour::kRegion, 1.5f);
  char text[96];
  std::snprintf(text, sizeof text, "dt %s  da %s", with_commas(int64_t(std::fabs(cs.ruler[2] - cs.ruler[0]))).c_str(),
                bytes_label(std::fabs(cs.ruler[3] - cs.ruler[1])).c_str());
  // On a dark plate, kept inside the plot: over coloured blocks the bare text was unreadable.
  const ImVec2 size = ImGui::CalcTextSize(text);
  const ImVec2 at(std::clamp(b.x + 6, m.origin.x + 3, std::max(m.origin.x + 3, m.origin.x + m.size.x - size.x - 4)),
                  std::clamp(b.y - 16, m.origin.y + 2, std::max(m.origin.y + 2, m.origin.y + m.size.y - size.y - 2)));
  dl->AddRectFilled(ImVec2(at.x - 3, at.y - 1), ImVec2(at.x + size.x + 3, at.y + size.y + 1), rgba(20, 20, 24, 225), 3.0f);
  dl->AddText(at, colour::kRegion, text);
}

// The selected time range: a band with edges.
void draw_region(Pane& p, ImDrawList* dl, const Mapping& m) {
  if (!p.d.region) return;
  const float x0 = m.x(double(p.d.region->lower)), x1 = std::max(m.x(double(p.d.region->upper)), x0 + 1);
  dl->AddRectFilled(ImVec2(x0, m.origin.y), ImVec2(x1, m.origin.y + m.size.y), with_alpha(colour::kRegion, 28));
  dl->AddLine(ImVec2(x0, m.origin.y), ImVec2(x0, m.origin.y + m.size.y), colour::kRegion, 1.5f);
  dl->AddLine(ImVec2(x1, m.origin.y), ImVec2(x1, m.origin.y + m.size.y), colour::kRegion, 1.5f);
}

// Lays the canvas out: the plot, with the address axis in a margin on its left and the time
// axis under it (the axes' labels never cover a block), registered by name.
Mapping place_canvas(const CanvasFrame& f, CanvasState& cs, WidgetRegistry& widgets) {
  const ImVec2 corner = ImGui::GetCursorScreenPos();
  const ImVec2 origin(corner.x + kAxisMargin, corner.y);
  const ImVec2 size(std::max(f.width - kAxisMargin, 50.0f), std::max(f.height - kTimeAxisHeight, 50.0f));
  ImGui::InvisibleButton(f.id, ImVec2(size.x + kAxisMargin, size.y + kTimeAxisHeight));
  const float stored[4] = {origin.x, origin.y, origin.x + size.x, origin.y + size.y};
  std::copy(std::begin(stored), std::end(stored), cs.rect);
  const float figure[4] = {corner.x, corner.y, stored[2], stored[3] + kTimeAxisHeight};
  std::copy(std::begin(figure), std::end(figure), cs.figure_rect);
  const std::string id = f.id;
  widgets.track_rect(id + ".plot", stored[0], stored[1], stored[2], stored[3]);
  widgets.track_rect(id + ".time_axis", origin.x, origin.y + size.y, origin.x + size.x,
                     origin.y + size.y + kTimeAxisHeight);
  widgets.track_rect(id + ".address_axis", corner.x, origin.y, origin.x, origin.y + size.y);
  return Mapping{origin, size, f.view};
}

// Draws every layer of the plot and its axes; returns the block under the mouse, or -1.
BufferIndex draw_plot(Pane& p, const Mapping& m, bool hovered) {
  const Session& s = p.s;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 end(m.origin.x + m.size.x, m.origin.y + m.size.y);
  dl->PushClipRect(m.origin, end, true);
  dl->AddRectFilled(m.origin, end, rgba(28, 30, 36));
  const BufferIndex under = draw_blocks(p, dl, m, hovered);
  draw_lines(p, dl, m);
  draw_fixed_overlaps(p, dl, m);
  draw_diagnosis(p, dl, m);
  draw_selection(p, dl, m);
  draw_inspection(p, dl, m);
  draw_region(p, dl, m);
  draw_ruler(p.cs, dl, m);
  draw_current_event(p, dl, m);
  dl->PopClipRect();
  draw_address_axis(dl, m, s.run.problem.capacity, s.lower_bound);
  draw_time_axis(dl, m);
  return under;
}

}  // namespace

CanvasInput draw_canvas(const CanvasData& data, const CanvasFrame& frame, CanvasState& cs,
                        WidgetRegistry& widgets) {
  const Session& s = data.session;
  if (!cs.layers) cs.layers = std::make_shared<CanvasLayers>();
  Pane p{data, s, cs};
  if (cs.profile_step != s.player.step()) {
    compute_step_profile(s.run.problem, s.spans, s.player.offsets(), s.sections.size(), cs.profile);
    cs.profile_step = s.player.step();
  }
  const Mapping m = place_canvas(frame, cs, widgets);
  const bool over_item = ImGui::IsItemHovered(), active = ImGui::IsItemActive();
  const bool hovered = over_item && m.contains(ImGui::GetIO().MousePos);
  CanvasInput input;
  if (data.editable) drag_edges(p, m, hovered, input);
  const bool selecting = select_region(cs, m, over_item, input);
  measure(cs, m, hovered);
  // Only a drag of an edge or of a time range holds the view still: over a selected buffer's
  // edge the wheel still zooms (it was dead there after clicking a small buffer).
  if (!selecting && cs.edit_edge == 0) {
    input.view = canvas_zoom_and_pan(m, frame.extent, over_item, active);
    input.fit = over_item && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left);
  }
  input.hovered = draw_plot(p, m, hovered);
  if (hovered) input.pointer_time = m.time_at(ImGui::GetIO().MousePos.x);
  cs.drawn_step = s.player.step();
  // Not while the ruler is dragged: the tooltip covered its readout at the pointer.
  if (input.hovered >= 0 && !cs.measuring) draw_tooltip(p, input.hovered);
  // A click selects and pins; a click on empty space clears.
  input.clicked = hovered && ImGui::IsMouseReleased(ImGuiMouseButton_Left) &&
                  ImGui::GetIO().MouseDragMaxDistanceSqr[0] < 4.0f;
  return input;
}

// The load over time under the canvas, on the canvas's time axis: placed load over what is
// still to place (TelaMalloc's contention), with a scale of its own.
LoadPlotInput draw_load_plot(const Session& s, uint64_t revision, CanvasState& cs, const CanvasFrame& frame,
                             std::optional<TimeValue> marked_time, WidgetRegistry& widgets) {
  const std::string caption = first_that_fits(
      {"load over time: placed (blue) over still to place (grey); click: what is live then",
       "load: placed (blue) over still to place (grey); click: what is live",
       "load: placed (blue), to place (grey); click: live", "load over time"},
      ImGui::GetContentRegionAvail().x);
  ImGui::TextDisabled("%s", caption.c_str());
  const ImVec2 corner = ImGui::GetCursorScreenPos();
  const ImVec2 origin(corner.x + kAxisMargin, corner.y);
  const float title = ImGui::GetTextLineHeightWithSpacing();
  const ImVec2 size(std::max(frame.width - kAxisMargin, 50.0f), std::max(frame.height - title, 20.0f));
  ImGui::InvisibleButton(frame.id, ImVec2(size.x + kAxisMargin, size.y));
  widgets.track_rect(std::string(frame.id) + ".plot", origin.x, origin.y, origin.x + size.x, origin.y + size.y);
  View view = frame.view;  // the time axis is the canvas's; the load axis fits everything live
  view.address_lower = 0;
  view.address_upper = double(fitted_top(std::max(s.lower_bound, Size(1)), s.run.problem.capacity)) * 1.15;
  const Mapping m{origin, size, view};
  LoadPlotInput input;
  input.view = zoom_and_pan(m, frame.view, frame.extent, ImGui::IsItemHovered(), false, false);
  input.fit = ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left);
  if (ImGui::IsItemHovered() && ImGui::IsMouseReleased(ImGuiMouseButton_Left) &&
      ImGui::GetIO().MouseDragMaxDistanceSqr[0] < 4.0f)
    input.clicked_time = TimeValue(std::floor(m.time_at(ImGui::GetIO().MousePos.x)));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(origin, ImVec2(origin.x + size.x, origin.y + size.y), true);
  dl->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y), rgba(22, 24, 28));
  if (!cs.layers) cs.layers = std::make_shared<CanvasLayers>();
  LayerKey where;  // the time axis and the plot's place; the placed load changes with the step too
  where.add(revision).add(&s).add(view).add(origin).add(size);
  LayerKey when = where;
  when.add(cs.profile_step);
  const float base = m.y(0);
  cs.layers->total_load.draw(dl, where, [&] {
    const auto total = column_maxima(m, s.sections, [&](size_t i) { return s.sections[i].load; });
    for_each_run(total, [&](float c0, float c1, double v) {
      dl->AddRectFilled(ImVec2(origin.x + c0, m.y(v)), ImVec2(origin.x + c1, base), colour::kToPlace);
    });
  });
  cs.layers->placed_load.draw(dl, std::move(when), [&] {
    const auto placed = column_maxima(m, s.sections, [&](size_t i) { return cs.profile.placed_load[i]; });
    for_each_run(placed, [&](float c0, float c1, double v) {
      dl->AddRectFilled(ImVec2(origin.x + c0, m.y(v)), ImVec2(origin.x + c1, base), with_alpha(colour::kPlaced, 220));
    });
  });
  const float cap = m.y(double(s.run.problem.capacity));
  dl->AddLine(ImVec2(origin.x, cap), ImVec2(origin.x + size.x, cap), colour::kCapacity, 1.5f);
  if (marked_time) {
    const float x = m.x(double(*marked_time) + 0.5);
    dl->AddLine(ImVec2(x, origin.y), ImVec2(x, origin.y + size.y), colour::kSearchMatch, 1.5f);
  }
  dl->PopClipRect();
  draw_address_axis(dl, m, s.run.problem.capacity, s.run.problem.capacity);
  return input;
}

Rgba colour_of_block(const Session& s, ColourMode mode, const Categories* categories, BufferIndex b) {
  switch (mode) {
    case ColourMode::kById: return colour_of_buffer(size_t(b));
    case ColourMode::kBySize: {
      const double largest = double(std::max<Size>(1, s.run.problem.buffers[size_t(s.stats.largest)].size));
      return colour_of_size(double(s.run.problem.buffers[size_t(b)].size) / largest);
    }
    case ColourMode::kByState: break;
    case ColourMode::kByMetadata:
      if (categories && size_t(b) < categories->of_buffer.size())
        return colour_of_buffer(size_t(categories->of_buffer[size_t(b)]));
      break;
  }
  return colour::kPlaced;
}

}  // namespace tela::viz
