#include "viz/model/view.h"

#include <algorithm>
#include <optional>
#include <cmath>
#include <cstdio>

namespace tela::viz {

double wheel_notches(double delta_y, int delta_mode) {
  double notches = -delta_y;  // the DOM's positive deltaY scrolls down: zoom out
  if (delta_mode == 0) notches /= 100;
  else if (delta_mode == 1) notches /= 3;
  return std::clamp(notches, -5.0, 5.0);
}

namespace {

// One axis: [lower, upper] by the rules of clamp_view. The centre stays over the extent, so the
// problem is always in view however far one pans or zooms out.
void clamp_axis(double& lower, double& upper, double extent_lower, double extent_upper) {
  const double extent = std::max(extent_upper - extent_lower, 1.0);
  double span = upper - lower;
  if (!std::isfinite(span) || span <= 0) span = extent;
  span = std::clamp(span, 1.0, extent * kExtentMargin);
  double centre = (lower + upper) / 2;
  if (!std::isfinite(centre)) centre = (extent_lower + extent_upper) / 2;
  centre = std::clamp(centre, extent_lower, extent_lower + extent);
  lower = centre - span / 2;
  upper = centre + span / 2;
}

void zoom_axis(double& lower, double& upper, double at, double factor) {
  lower = at - (at - lower) * factor;
  upper = at + (upper - at) * factor;
}

// The factor that zooms one axis by `notches`, limited so its span stays within [1, widest]:
// clamping the factor (not the result) keeps the point under the cursor where it is.
double axis_factor(double lower, double upper, double extent, double notches) {
  const double span = upper - lower;
  const double factor = std::pow(kZoomPerNotch, -notches);
  const double widest = std::max(extent, 1.0) * kExtentMargin;
  if (!(span > 0)) return factor;
  return std::clamp(factor, std::min(1.0, 1.0 / span), std::max(1.0, widest / span));
}

}  // namespace

void clamp_view(View& v, const Extent& e) {
  clamp_axis(v.time_lower, v.time_upper, e.time_lower, e.time_upper);
  clamp_axis(v.address_lower, v.address_upper, 0, e.address_upper);
}

namespace {

// Slides [lower, upper) into [low, high) when it is no wider than that; a wider one starts at
// `low` (it still holds all of [low, high), so whatever was in it).
void slide_within(double& lower, double& upper, double low, double high) {
  const double shift = upper - lower > high - low ? low - lower
                       : lower < low              ? low - lower
                       : upper > high             ? high - upper
                                                  : 0;
  lower += shift, upper += shift;
}

}  // namespace

View view_around(double time, double address, double time_span, double address_span, const Extent& e) {
  View v{time - time_span / 2, time + time_span / 2, address - address_span / 2, address + address_span / 2};
  slide_within(v.time_lower, v.time_upper, e.time_lower, e.time_upper);
  slide_within(v.address_lower, v.address_upper, 0, e.address_upper);
  clamp_view(v, e);
  return v;
}

void zoom_about(View& v, const Extent& e, double time, double address, double notches,
                bool zoom_time, bool zoom_address) {
  if (zoom_time)
    zoom_axis(v.time_lower, v.time_upper, time,
              axis_factor(v.time_lower, v.time_upper, e.time_upper - e.time_lower, notches));
  if (zoom_address)
    zoom_axis(v.address_lower, v.address_upper, address,
              axis_factor(v.address_lower, v.address_upper, e.address_upper, notches));
  clamp_view(v, e);
}

void pan(View& v, const Extent& e, double dt, double da) {
  v.time_lower += dt, v.time_upper += dt;
  v.address_lower += da, v.address_upper += da;
  clamp_view(v, e);
}

namespace {

// The smallest 1, 2 or 5 times a power of ten that is at least `raw` (and at least `least`).
double round_step(double raw, double least) {
  const double power = std::pow(10.0, std::floor(std::log10(std::max(raw, 1e-300))));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * power >= raw) return std::max(m * power, least);
  return std::max(10 * power, least);
}

template <typename Label>
std::vector<Tick> ticks_every(double lower, double upper, double step, Label label) {
  std::vector<Tick> ticks;
  if (!(step > 0) || !(upper >= lower)) return ticks;
  for (double k = std::ceil(lower / step); k * step <= upper && ticks.size() < 64; ++k)
    ticks.push_back({k * step, label(k * step)});
  return ticks;
}

std::string integer_label(double v) {
  char text[32];
  // (k * step is -0.0 for k = -0 when the view starts left of 0: it printed "-0".)
  std::snprintf(text, sizeof text, "%.0f", v == 0 ? 0.0 : v);
  return text;
}

}  // namespace

std::vector<Tick> time_ticks(double lower, double upper, int target) {
  const double step = round_step((upper - lower) / std::max(target, 1), 1.0);  // times are whole
  return ticks_every(lower, upper, step, integer_label);
}

// Labels in one unit for all ticks: the largest that writes every tick exactly with at most
// three decimals ("1 MiB, 1.25 MiB", "24704 KiB, 24736 KiB" rather than "24.125 MiB, 24.156
// MiB"), so neighbours never read the same and every label is the true address.
void label_in_one_unit(std::vector<Tick>& ticks) {
  static constexpr const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  int unit = 6;
  for (; unit > 0; --unit) {
    const double scale = std::exp2(10 * unit);
    const bool exact = std::all_of(ticks.begin(), ticks.end(), [&](const Tick& t) {
      const double milli = t.value / scale * 1000;
      return milli == std::round(milli);
    });
    const bool whole = std::any_of(ticks.begin(), ticks.end(), [&](const Tick& t) { return std::fabs(t.value) >= scale; });
    if (exact && whole) break;
  }
  const double scale = std::exp2(10 * unit);
  for (Tick& t : ticks) {
    char text[48];
    std::snprintf(text, sizeof text, "%.3f", t.value / scale);
    std::string number = text;
    while (number.back() == '0') number.pop_back();  // 1.250 -> 1.25, 2.000 -> 2
    if (number.back() == '.') number.pop_back();
    t.label = number + " " + kUnits[unit];
  }
}

std::vector<Tick> address_ticks(double lower, double upper, int target) {
  const double raw = (upper - lower) / std::max(target, 1);
  // Below a KiB, decimal steps read best (0, 2, 4 B), and are written in bytes ("1100 B", not
  // "1.074 KiB"); above, steps of a power of two bytes land on whole KiB, MiB and GiB.
  if (raw < 512) return ticks_every(lower, upper, round_step(raw, 1.0), [](double v) { return integer_label(v) + " B"; });
  std::vector<Tick> ticks = ticks_every(lower, upper, std::exp2(std::ceil(std::log2(raw))), integer_label);
  label_in_one_unit(ticks);
  return ticks;
}

AxisTicks address_axis_ticks(double lower, double upper, float height, const std::vector<double>& named) {
  AxisTicks axis;
  if (!(upper > lower) || !(height > 0)) return axis;
  const auto y = [&](double v) { return float(double(height) * (upper - v) / (upper - lower)); };  // from the top
  const auto clear_of = [&](float at, float other) { return std::fabs(at - other) >= kLabelClearance; };
  int target = std::max(3, int(height / 32));
  for (int denser = 0; denser < 4; ++denser, target *= 2) {
    axis.ticks = address_ticks(lower, upper, target);
    axis.labelled.assign(axis.ticks.size(), false);
    std::optional<float> last_label;
    size_t labels = 0;
    for (size_t i = 0; i < axis.ticks.size(); ++i) {
      const float at = y(axis.ticks[i].value);
      bool room = at - kLabelClearance / 2 >= 0 && at + kLabelClearance / 2 <= height;
      for (const double line : named) room = room && clear_of(at, y(line));
      if (last_label) room = room && clear_of(at, *last_label);
      if (!room) continue;
      axis.labelled[i] = true;
      last_label = at;
      ++labels;
    }
    if (labels > 0) break;
  }
  return axis;
}

std::string bytes_label(double bytes, double step) {
  static constexpr const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  int unit = 0;
  double scale = 1;
  while (std::fabs(bytes) >= 1024 * scale && unit < 6) scale *= 1024, ++unit;
  const double value = bytes / scale;
  // Decimals: enough to tell ticks `step` apart, else up to 3 significant digits, trimmed.
  int decimals = 0;
  if (step > 0 && step < scale) decimals = std::clamp(int(std::ceil(-std::log10(step / scale))) + 1, 0, 6);
  else if (value != std::round(value)) decimals = std::max(0, 2 - int(std::floor(std::log10(std::fabs(value)))));
  if (unit == 0) decimals = 0;
  char text[48];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  std::string number = text;
  if (number.find('.') != std::string::npos) {  // 1.250 -> 1.25, 2.000 -> 2
    while (number.back() == '0') number.pop_back();
    if (number.back() == '.') number.pop_back();
  }
  return number + " " + kUnits[unit];
}

std::string with_commas(long long value) {
  // Unsigned, so that the most negative value has a magnitude too.
  const unsigned long long magnitude = value < 0 ? 0ull - (unsigned long long)value : (unsigned long long)value;
  const std::string digits = std::to_string(magnitude);
  std::string out = value < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace tela::viz
