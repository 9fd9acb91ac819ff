// A layer of a canvas's draw list (its blocks, its lines, the load plot's bars) kept from the
// frame that drew it, and replayed as a copy of its vertices while everything it shows is the
// same. At 10^5 buffers a frame that only hovers, types or scrolls a table then costs a copy,
// not a pass over every block in view.
#pragma once

#include <imgui.h>

#include <cstring>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace tela::viz {

// What a layer shows, as bytes: equal keys draw equal vertices.
class LayerKey {
 public:
  template <typename T>
  LayerKey& add(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    bytes_.append(reinterpret_cast<const char*>(&value), sizeof value);
    return *this;
  }
  template <typename T>
  LayerKey& add_all(const std::vector<T>& values) {
    static_assert(std::is_trivially_copyable_v<T>);
    add(values.size());
    bytes_.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
    return *this;
  }
  bool operator==(const LayerKey& other) const { return bytes_ == other.bytes_; }

 private:
  std::string bytes_;
};

// The font atlas a layer's vertices point into (the white pixel every fill samples, the
// glyphs of its labels): the page rebuilds it when the screen's pixel ratio changes, with the
// layout unchanged, so a layer drawn before must not be replayed after.
struct AtlasSignature {
  float uv[6] = {};  // the white pixel's, and the 1 px line's
  int width = 0, height = 0;
  float font_size = 0;
  bool operator==(const AtlasSignature&) const = default;
};

class LayerCache {
 public:
  // Appends the layer recorded under `key` to `dl`; otherwise calls draw_anew() and records
  // what it drew under `key`. With `keep` false (a picture mid-animation) it neither replays
  // nor records.
  template <typename Draw>
  void draw(ImDrawList* dl, LayerKey key, Draw draw_anew, bool keep = true) {
    if (keep && replay(dl, key)) return;
    begin(dl);
    draw_anew();
    if (keep) end(dl, std::move(key));
  }
  int64_t replays() const { return replays_; }  // how many frames were replayed (for tests)

 private:
  bool replay(ImDrawList* dl, const LayerKey& key);
  void begin(ImDrawList* dl);
  // Keeps what was drawn since begin, under `key`; nothing is kept when the drawing opened a
  // new draw command (another texture or clip rectangle), which a replay could not reproduce.
  void end(ImDrawList* dl, LayerKey key);

  LayerKey key_;
  AtlasSignature atlas_;
  int64_t replays_ = 0;
  bool valid_ = false;
  int commands_ = 0, first_vertex_ = 0, first_index_ = 0;
  unsigned int base_ = 0;  // the draw list's vertex counter at begin
  std::vector<ImDrawVert> vertices_;
  std::vector<ImDrawIdx> indices_;  // relative to the layer's first vertex
};

}  // namespace tela::viz
