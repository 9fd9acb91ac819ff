// The part of the address-time plane on screen, and the rules that keep it sane: zooming by a
// fixed factor per wheel notch about a point that stays put, limits on how far in and out a
// view may go, and axis ticks at round values. Pure C++ (no ImGui), so it is unit-tested.
#pragma once

#include <string>
#include <vector>

namespace tela::viz {

struct View {
  double time_lower = 0, time_upper = 1;
  double address_lower = 0, address_upper = 1;
};

// What a view may show: the problem's extent (times and addresses), from which the limits on
// zoom and pan follow.
struct Extent {
  double time_lower = 0, time_upper = 1;
  double address_upper = 1;  // addresses start at 0
};

// One wheel notch zooms by this factor (a trackpad's small deltas zoom by a fraction of it).
constexpr double kZoomPerNotch = 1.2;
// A view never shows more than this many times the extent.
constexpr double kExtentMargin = 4.0;

// Wheel notches from a browser wheel event: positive means zoom in (wheel up), as native GLFW
// reports it. `delta_mode` is the DOM's deltaMode: 0 pixels (100 a notch), 1 lines (3 a
// notch), 2 pages (one a notch). A burst is capped at a few notches per event.
double wheel_notches(double delta_y, int delta_mode);

// Zooms about (time, address) by `notches` (positive: in); the point stays where it is on
// screen. Either axis can be left alone. Then clamps to `extent`.
void zoom_about(View& view, const Extent& extent, double time, double address, double notches,
                bool zoom_time, bool zoom_address);
// Moves the view by (dt, da) data units, then clamps to `extent`.
void pan(View& view, const Extent& extent, double dt, double da);
// Keeps a view inside what is worth showing: spans between one unit (one time step, one
// byte) and the extent times kExtentMargin, centred over the extent (never panned off it).
void clamp_view(View& view, const Extent& extent);

// A view of the given spans centred on (time, address), slid (not shrunk) to lie within the
// extent where it fits, and to start where the extent starts where it does not, so that
// focusing a block near time 0 or address 0 shows no negative times or addresses; then
// clamped as any view is.
View view_around(double time, double address, double time_span, double address_span, const Extent& extent);

// Ticks at round values (1, 2 or 5 times a power of ten; powers of two for bytes) inside
// [lower, upper], about `target` of them at most. Each tick's value is exact where it is drawn.
struct Tick {
  double value;
  std::string label;
};
std::vector<Tick> time_ticks(double lower, double upper, int target);
std::vector<Tick> address_ticks(double lower, double upper, int target);

// The address axis of a plot `height` px tall showing [lower, upper): its ticks (about one per
// 32 px, at least three), and which of them get a label. A label needs room: none within
// kLabelClearance px of a named line (`named`: the capacity, the bound, labelled by the
// caller), of another label, or of the plot's top or bottom edge. When that leaves no label
// (a short plot whose few ticks all sit on the capacity line or the floor: the load plot at
// a small capacity showed none), the ticks are made denser until one has room.
struct AxisTicks {
  std::vector<Tick> ticks;
  std::vector<bool> labelled;  // per tick
};
constexpr float kLabelClearance = 14;
AxisTicks address_axis_ticks(double lower, double upper, float height, const std::vector<double>& named);

// "512 B", "1.5 KiB", "24 MiB", "2 GiB": a byte count for a label; with `step` (the distance
// between ticks), as many decimals as tell such neighbours apart.
std::string bytes_label(double bytes, double step = 0);

// The top of what a fitted view shows: what is drawn up to `drawn`, and the capacity with it
// unless it lies more than twice as high (then the drawing would be a strip at the bottom;
// zooming out still reaches it).
inline int64_t fitted_top(int64_t drawn, int64_t capacity) {
  return capacity / 2 <= drawn && capacity > drawn ? capacity : drawn;  // no 2x overflow near 2^62
}

// "1,234,567": a count or a size in bytes exactly, its digits grouped by three, as every
// panel writes them.
std::string with_commas(long long value);

}  // namespace tela::viz
