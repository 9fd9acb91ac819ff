// The memory viewer's panels: the search bar over the canvas, the table of what is live at a
// time, colouring by a metadata column. What they compute is viz/model/inspect.h's.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "viz/ui/app.h"
#include "viz/ui/wrapped_text.h"

namespace tela::viz {
namespace {

// Re-runs the search when its text or mode changed, or another problem is on screen.
void refresh_search(App& app) {
  Search& s = app.inspect.search;
  if (s.text == app.inspect.search_text && app.inspect.searched == app.revision) return;
  const bool same_text = s.text == app.inspect.search_text;
  s.text = app.inspect.search_text;
  run_search(app.session->run.problem, s);
  app.inspect.searched = app.revision;
  if (!same_text) s.current = -1;
}

std::string percent(double part, double whole) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f%%", whole > 0 ? 100.0 * part / whole : 0.0);
  return text;
}

}  // namespace

void refresh_inspection(App& app) {
  if (!app.session) return;
  refresh_compare_diff(app);
  App::Inspect& in = app.inspect;
  const Problem& p = app.session->run.problem;
  refresh_search(app);
  if (in.live_time && in.lived != app.revision) {
    in.live = live_at(p, *in.live_time);
    in.lived = app.revision;
  }
  if (in.colour_column >= int(p.metadata.names.size())) {  // another problem, fewer columns
    in.colour_column = -1;
    if (app.colour_mode == ColourMode::kByMetadata) app.colour_mode = ColourMode::kById;
  }
  if (in.region && (in.regioned != app.revision || in.region_step != app.session->player.step())) {
    in.region_summary = summarise_region(p, app.session->player.offsets(), in.region->lower, in.region->upper);
    in.regioned = app.revision;
    in.region_step = app.session->player.step();
  }
  if (in.histogrammed != app.revision) {
    in.sizes = histogram_of(p, Quantity::kSize);
    in.lifetimes = histogram_of(p, Quantity::kLifetime);
    if (in.filter_bin >= 0) in.filter_lit = buffers_in_bin(p, in.filter_quantity, in.filter_bin);
    in.histogrammed = app.revision;
  }
  if (in.categorised != app.revision || in.categories.column != in.colour_column) {
    in.categories = categorise(p, in.colour_column);
    in.categorised = app.revision;
  }
}

void App::focus_buffer(BufferIndex buffer) {
  if (!session || buffer < 0 || size_t(buffer) >= session->run.problem.buffers.size()) return;
  selected = buffer;
  const Buffer& b = session->run.problem.buffers[size_t(buffer)];
  Offset at = session->player.offsets()[size_t(buffer)];
  if (at == kUnplaced) at = session->run.result.solution.offsets.size() > size_t(buffer)
                                ? session->run.result.solution.offsets[size_t(buffer)] : 0;
  if (at == kUnplaced) at = 0;
  const Extent e = extent_of(*this);
  // The block takes about a third of the view each way, but never less than a sliver of the
  // whole, so a 1-byte buffer still shows its neighbours, nor more than the whole (a block
  // living through most of the problem was shown in three times its life, half of it empty
  // time past the end), unless the block itself needs it.
  const double times = e.time_upper - e.time_lower;
  const double time_span = std::clamp(3.0 * double(lifetime(b)), times / 200, std::max(times, double(lifetime(b))));
  const double address_span =
      std::clamp(3.0 * double(b.size), e.address_upper / 200, std::max(e.address_upper, double(b.size)));
  const double t = (double(b.lower) + double(b.upper)) / 2, a = double(at) + double(b.size) / 2;
  view = view_around(t, a, time_span, address_span, e);
  fit_pending = false;
}

void App::next_match(int direction) {
  Search& s = inspect.search;
  if (s.matches.empty()) return;
  const int n = int(s.matches.size());
  s.current = s.current < 0 ? (direction > 0 ? 0 : n - 1) : ((s.current + direction) % n + n) % n;
  focus_buffer(s.matches[size_t(s.current)]);
}

void App::show_live_at(TimeValue t) {
  inspect.live_time = t;
  inspect.lived = ~0ull;  // recomputed when drawn
  inspect.show_live = true;
}

void App::select_region(TimeRange range) {
  inspect.region = range;
  inspect.regioned = ~0ull;
  inspect.show_region = true;
}

void App::zoom_to_region() {
  if (!inspect.region) return;
  const double margin = double(inspect.region->upper - inspect.region->lower) * 0.05;
  view.time_lower = double(inspect.region->lower) - margin;
  view.time_upper = double(inspect.region->upper) + margin;
  clamp_view(view, extent_of(*this));
}

namespace {

// What the search bar says after the box: the regex's error, or the matches counted.
std::string search_note(const Search& s) {
  if (!s.error.empty()) return s.error;
  if (s.text.empty()) return "";
  const std::string count = with_commas(int64_t(s.matches.size()));
  if (s.matches.size() == 1) return s.current >= 0 ? "the one match" : "1 match (Enter: go to it)";
  if (s.current >= 0) return with_commas(s.current + 1) + " of " + count + " matches (Enter: next)";
  return s.matches.empty() ? "no matches" : count + " matches (Enter: go to the first)";
}

}  // namespace

void draw_search_bar(App& app) {
  if (!app.session) return;
  App::Inspect& in = app.inspect;
  if (in.focus_search) {
    ImGui::SetKeyboardFocusHere();
    in.focus_search = false;
  }
  // The box gives up width on a narrow canvas so that the note has room beside it.
  const float box = std::clamp(ImGui::GetContentRegionAvail().x * 0.4f, 120.0f, 260.0f);
  ImGui::SetNextItemWidth(box);
  // The hint in the words that fit the box (clipped, it read "find id or metadat").
  const std::string hint_text = first_that_fits({"find id or metadata (Ctrl+F)", "find id, metadata (Ctrl+F)", "find (Ctrl+F)", "find"},
                                                box - 2 * ImGui::GetStyle().FramePadding.x);
  // A bad regex reddens the box: on a narrow canvas its note is cut to "..." (whole on hover).
  const bool bad = !in.search.error.empty();
  if (bad) ImGui::PushStyleColor(ImGuiCol_FrameBg, ImVec4(0.45f, 0.12f, 0.1f, 1));
  const bool enter = ImGui::InputTextWithHint("##find", hint_text.c_str(), in.search_text,
                                              sizeof in.search_text, ImGuiInputTextFlags_EnterReturnsTrue);
  if (bad) ImGui::PopStyleColor();
  app.widgets.track("search.text");
  ImGui::SameLine();
  if (ImGui::Checkbox("regex", &in.search.regex)) in.searched = ~0ull;
  app.widgets.track("search.regex");
  refresh_inspection(app);
  // Only a fresh press of Enter moves on: ImGui repeats a held key by the length of the frames it
  // is down in, so one Enter over a slow frame (a loaded machine, 10^4 blocks) skipped matches.
  const int enter_key = ImGui::GetKeyIndex(ImGuiKey_Enter), keypad = ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter);
  if (enter && (ImGui::IsKeyPressed(enter_key, false) || ImGui::IsKeyPressed(keypad, false))) {
    app.next_match(ImGui::GetIO().KeyShift ? -1 : 1);
    in.focus_search = true;  // Enter again cycles on
  }
  const std::string note = search_note(in.search);
  if (note.empty()) return;  // (none dangling: the canvas follows)
  // On the row, cut to fit, whole on hover: a note that wrapped or took a line of its own moved
  // the canvas down a line as a regex was typed (every keystroke from "(" to "()" changes it).
  ImGui::SameLine(0, 16);
  if (!in.search.error.empty()) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.45f, 0.4f, 1));
  text_on_one_line(note, ImGui::GetContentRegionAvail().x);
  if (!in.search.error.empty()) ImGui::PopStyleColor();
  app.widgets.track("search.note");
}

// Colour by a metadata column: one radio button per column, then the values with their counts.
void draw_metadata_legend(App& app) {
  if (!app.session) return;
  const Problem& p = app.session->run.problem;
  for (size_t c = 0; c < p.metadata.names.size(); ++c) {
    const std::string label = "by " + p.metadata.names[c];
    ImGui::PushID(int(c));
    if (ImGui::RadioButton(label.c_str(), app.colour_mode == ColourMode::kByMetadata && app.inspect.colour_column == int(c))) {
      app.colour_mode = ColourMode::kByMetadata;
      app.inspect.colour_column = int(c);
    }
    app.widgets.track("legend.by_metadata_" + std::to_string(c));
    ImGui::PopID();
    if (c + 1 < p.metadata.names.size()) ImGui::SameLine();
  }
  const Categories& cats = app.inspect.categories;
  if (app.colour_mode != ColourMode::kByMetadata) return;
  constexpr size_t kShown = 12;
  for (size_t v = 0; v < std::min(kShown, cats.values.size()); ++v) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + h, at.y + h), colour_of_buffer(v));
    ImGui::Dummy(ImVec2(h, h));
    ImGui::SameLine();
    ImGui::Text("%s  (%lld)", cats.values[v].empty() ? "(empty)" : cats.values[v].c_str(), (long long)cats.counts[v]);
  }
  if (cats.values.size() > kShown) {
    int64_t rest = 0;
    for (size_t v = kShown; v < cats.values.size(); ++v) rest += cats.counts[v];
    ImGui::TextDisabled("%zu more values (%lld buffers)", cats.values.size() - kShown, (long long)rest);
  }
}

namespace {

// One row of the live table; hovering it lights the block, a click selects it.
void live_row(App& app, const Session& s, BufferIndex b, int row) {
  const Problem& p = s.run.problem;
  const Buffer& buf = p.buffers[size_t(b)];
  const Offset at = s.player.offsets()[size_t(b)];
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::PushID(row);
  if (ImGui::Selectable(buf.id.c_str(), app.selected == b, ImGuiSelectableFlags_SpanAllColumns)) app.focus_buffer(b);
  if (row < 40) app.widgets.track("live.row_" + std::to_string(row));
  if (ImGui::IsItemHovered()) app.highlighted = b;
  ImGui::PopID();
  ImGui::TableNextColumn();
  ImGui::Text("%lld", (long long)buf.size);
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(percent(double(buf.size), double(p.capacity)).c_str());
  ImGui::TableNextColumn();
  if (at == kUnplaced) ImGui::TextDisabled("-");
  else ImGui::Text("%lld", (long long)at);
  ImGui::TableNextColumn();
  ImGui::Text("[%lld, %lld)", (long long)buf.lower, (long long)buf.upper);
  for (size_t c = 0; c < p.metadata.names.size(); ++c) {
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(metadata_value(p, c, b).c_str());
  }
}

}  // namespace

// The buffers live at the chosen time, largest first (XProf's "at peak" view when the time is
// the busiest one).
void draw_live_table(App& app) {
  if (!app.session) return;
  const Session& s = *app.session;
  App::Inspect& in = app.inspect;
  if (button(app, "At peak", "live.peak") && s.busiest >= 0) app.show_live_at(s.sections[size_t(s.busiest)].lower);
  if (!in.live_time) {
    text_wrapped("Click the load plot, or press l over the canvas, to list what is live then.");
    return;
  }
  refresh_inspection(app);
  Size bytes = 0;
  for (BufferIndex b : in.live) bytes += s.run.problem.buffers[size_t(b)].size;
  text_wrapped("t = %lld: %zu live, %lld bytes (%s of capacity)", (long long)*in.live_time, in.live.size(),
                     (long long)bytes, percent(double(bytes), double(s.run.problem.capacity)).c_str());
  const int columns = 5 + int(s.run.problem.metadata.names.size());
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("live", columns, flags)) return;
  ImGui::TableSetupScrollFreeze(1, 1);
  for (const char* name : {"id", "size", "of cap.", "offset", "live"}) ImGui::TableSetupColumn(name);
  for (const std::string& name : s.run.problem.metadata.names) ImGui::TableSetupColumn(name.c_str());
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;  // 10^4 rows cost what the visible ones cost
  clipper.Begin(int(in.live.size()));
  while (clipper.Step())
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) live_row(app, s, in.live[size_t(r)], r);
  ImGui::EndTable();
}

}  // namespace tela::viz

namespace tela::viz {

// The selected time range's readout: its peak and mean load, what is live in it, and how much
// higher the placement reaches there than the load needs (fragmentation).
void draw_region_panel(App& app) {
  if (!app.session) return;
  App::Inspect& in = app.inspect;
  if (!in.region) {
    text_wrapped("Shift+drag on the canvas, or drag along its time axis, to select a range of times.");
    return;
  }
  refresh_inspection(app);
  const RegionSummary& r = in.region_summary;
  const double capacity = double(app.session->run.problem.capacity);
  ImGui::Text("times [%lld, %lld)", (long long)r.lower, (long long)r.upper);
  text_wrapped("peak load   %lld (%s of capacity)", (long long)r.peak_load, percent(double(r.peak_load), capacity).c_str());
  ImGui::Text("mean load   %.1f (%s)", r.mean_load, percent(r.mean_load, capacity).c_str());
  ImGui::Text("buffers     %lld live in it", (long long)r.buffers);
  ImGui::Text("placed peak %lld (step %lld)", (long long)r.placed_peak, (long long)app.session->player.step());
  if (r.peak_load > 0)
    text_wrapped("fragmentation %.3f (placed peak / peak load)", r.fragmentation);
  if (button(app, "Zoom to it (z)", "region.zoom")) app.zoom_to_region();
  ImGui::SameLine();
  if (button(app, "Clear", "region.clear")) in.region.reset();
}

}  // namespace tela::viz

namespace tela::viz {
namespace {

// A bin's range as a label: "[4 KiB, 8 KiB)" for sizes, "[4, 8)" for lifetimes.
std::string bin_label(Quantity q, int bin) {
  if (bin == 0) return q == Quantity::kSize ? "0 B" : "0";
  const double lo = std::ldexp(1.0, bin - 1), hi = std::ldexp(1.0, bin);
  if (q == Quantity::kSize) return "[" + bytes_label(lo) + ", " + bytes_label(hi) + ")";
  char text[64];
  std::snprintf(text, sizeof text, "[%.0f, %.0f)", lo, hi);
  return text;
}

// A bin's lower edge, short, for the axis under the bars: "4 KiB" for sizes, "4" for lifetimes.
std::string bin_edge_label(Quantity q, int bin) {
  const double edge = bin == 0 ? 0 : std::ldexp(1.0, bin - 1);
  if (q == Quantity::kSize) return bytes_label(edge);
  // Binary prefixes, as the sizes' KiB: the edges are powers of two, and 2^16 is exactly 64Ki
  // (where "66k" was a rounding).
  char text[32];
  if (edge >= double(1 << 30)) std::snprintf(text, sizeof text, "%.0fGi", edge / double(1 << 30));
  else if (edge >= double(1 << 20)) std::snprintf(text, sizeof text, "%.0fMi", edge / double(1 << 20));
  else if (edge >= 8192) std::snprintf(text, sizeof text, "%.0fKi", edge / 1024);
  else std::snprintf(text, sizeof text, "%.0f", edge);
  return text;
}

// The axes of a histogram: under the bars, each labelled bin's lower edge (as many as fit
// without touching); across them, faint lines at counts 1, 10, 100, ... (the log scale), each
// named at the right where there is room.
void histogram_axes(ImDrawList* dl, ImVec2 o, float width, float height, Quantity q, int bins, double top) {
  const float bar = width / float(bins);
  float free_from = o.x - 1e9f;  // where the next label may start
  for (int k = 0; k < bins; ++k) {
    const std::string text = bin_edge_label(q, k);
    const float x = o.x + float(k) * bar, w = ImGui::CalcTextSize(text.c_str()).x;
    const float left = std::min(x + 1, o.x + width - w);  // the last labels end at the right edge
    if (left < free_from || left < x - bar) continue;     // (but stay under their own bar)
    dl->AddLine(ImVec2(x, o.y + height), ImVec2(x, o.y + height + 3), rgba(200, 200, 200));
    dl->AddText(ImVec2(left, o.y + height + 2), rgba(200, 200, 200), text.c_str());
    free_from = left + w + 8;
  }
  float last_y = o.y + height + 1e9f;
  for (double count = 1; std::log1p(count) <= top; count *= 10) {
    const float y = o.y + height - float(std::log1p(count) / top) * height;
    dl->AddLine(ImVec2(o.x, y), ImVec2(o.x + width, y), rgba(255, 255, 255, 30));
    char text[32];
    std::snprintf(text, sizeof text, "%.0f", count);
    const ImVec2 size = ImGui::CalcTextSize(text);
    if (last_y - y < size.y) continue;
    // On a dark backdrop: the label sits over the bars of the largest bins; above its line, or
    // below it at the top (the top line went unnamed).
    const bool above = y - size.y >= o.y;
    if (!above && last_y - y < 2 * size.y) continue;
    const ImVec2 at(o.x + width - size.x - 2, above ? y - size.y : y);
    dl->AddRectFilled(ImVec2(at.x - 2, at.y), ImVec2(at.x + size.x + 1, at.y + size.y), rgba(22, 24, 28, 200));
    dl->AddText(at, rgba(220, 220, 220), text);
    last_y = y;
  }
}

// One histogram: a bar per power-of-two bin, heights on a log scale of the count (so a bin of
// 3 buffers stays visible beside one of 10^5). The selected buffer's bin is outlined; a click
// on a bar lights its buffers on the canvas, a second click clears.
void histogram_plot(App& app, const char* id, Quantity q, const Histogram& h) {
  App::Inspect& in = app.inspect;
  const float width = ImGui::GetContentRegionAvail().x, height = 64;
  const ImVec2 o = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, ImVec2(width, height));
  const bool hovered = ImGui::IsItemHovered(), clicked = ImGui::IsItemClicked();
  ImGui::Dummy(ImVec2(width, ImGui::GetTextLineHeight()));  // room for the bins' labels
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(o, ImVec2(o.x + width, o.y + height), rgba(22, 24, 28));
  const int bins = int(h.counts.size());
  if (bins == 0) return;
  const double top = std::log1p(double(*std::max_element(h.counts.begin(), h.counts.end())));
  const float bar = width / float(bins);
  const Problem& p = app.session->run.problem;
  const int selected_bin = app.selected >= 0 && size_t(app.selected) < p.buffers.size()
                               ? bin_of(value_of(p.buffers[size_t(app.selected)], q)) : -1;
  for (int k = 0; k < bins; ++k) {
    const float x0 = o.x + float(k) * bar, x1 = x0 + std::max(1.0f, bar - 1);
    const float y0 = o.y + height - float(std::log1p(double(h.counts[size_t(k)])) / std::max(top, 1e-9)) * height;
    const bool filtered = in.filter_bin == k && in.filter_quantity == q;
    dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, o.y + height), filtered ? colour::kSearchMatch : colour::kPlaced);
    if (k == selected_bin) dl->AddRect(ImVec2(x0, o.y), ImVec2(x1, o.y + height), colour::kSelected, 0, 0, 2.0f);
    app.widgets.track_rect(std::string(id) + ".bin_" + std::to_string(k), x0, o.y, x1, o.y + height);
  }
  histogram_axes(dl, o, width, height, q, bins, std::max(top, 1e-9));
  const int k = int((ImGui::GetIO().MousePos.x - o.x) / bar);
  if (!hovered || k < 0 || k >= bins) return;
  const long long count = (long long)h.counts[size_t(k)];
  ImGui::SetTooltip("%s: %lld %s, %s of the bytes", bin_label(q, k).c_str(), count, count == 1 ? "buffer" : "buffers",
                    percent(h.bytes[size_t(k)], std::max(1.0, std::accumulate(h.bytes.begin(), h.bytes.end(), 0.0))).c_str());
  if (!clicked) return;
  const bool same = in.filter_bin == k && in.filter_quantity == q;
  in.filter_bin = same ? -1 : k;
  in.filter_quantity = q;
  in.filter_lit = same ? std::vector<uint8_t>{} : buffers_in_bin(p, q, k);
}

}  // namespace

// Sizes and lifetimes at a glance, on power-of-two bins; a click on a bar lights its buffers.
void draw_distributions_panel(App& app) {
  if (!header(app, "Distributions", "distributions.header") || !app.session) return;
  refresh_inspection(app);
  // Wrapped at spaces: a narrow column cut "(time units, powers of two" short of its bracket.
  hint("buffers per size (bytes, powers of two)");
  histogram_plot(app, "hist.size", Quantity::kSize, app.inspect.sizes);
  hint("buffers per lifetime (time units, powers of two)");
  histogram_plot(app, "hist.lifetime", Quantity::kLifetime, app.inspect.lifetimes);
  if (app.inspect.filter_bin >= 0)
    text_wrapped("lit: %s %s (click the bar again to clear)",
                       app.inspect.filter_quantity == Quantity::kSize ? "sizes" : "lifetimes",
                       bin_label(app.inspect.filter_quantity, app.inspect.filter_bin).c_str());
}

}  // namespace tela::viz
