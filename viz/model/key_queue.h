// Key and character events held back so that every frame sees each key press. ImGui 1.86's
// GLFW backend writes a key's state straight into io.KeysDown, so a key pressed and released
// between two frames is never seen down: on a page drawing a few frames a second, or with fast
// typing, Enter, Backspace, the arrows and Ctrl+Z would be lost. Pure C++ (no ImGui, no GLFW),
// so the rules below are unit-tested; viz/platform/frame.cpp feeds it and applies what it hands
// out before each frame.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

namespace tela::viz {

struct KeyEvent {
  enum class Kind { kKey, kChar };
  // GLFW's actions, with its values (static_assert'ed where the two meet).
  enum Action { kRelease = 0, kPress = 1, kRepeat = 2 };
  Kind kind = Kind::kKey;
  int key = 0, scancode = 0, action = kPress, mods = 0;  // a key
  uint32_t codepoint = 0;                                 // a character
};

class KeyQueue {
 public:
  // `modifiers`: the key codes of Shift, Ctrl, Alt and Super (both sides), which may go down
  // together with a key in one frame (a chord such as Ctrl+Z).
  explicit KeyQueue(std::vector<int> modifiers) : modifiers_(std::move(modifiers)) {}

  void push(const KeyEvent& event) { pending_.push_back(event); }

  // The events to apply before the next frame, in order, and no further than keeps each one
  // seen. A key that types nothing (Enter, Backspace, an arrow, Ctrl+Z) and the modifiers
  // pressed with it are seen down by this frame and released in a later one; after such a key
  // the batch ends before anything else typed, since a text box reads a frame's characters
  // before its keys (typing "a", Enter, "b" in one frame would give "ab" and then a new line).
  // Plain typing (a key followed by its characters) joins one batch. The rest waits.
  std::vector<KeyEvent> take_for_frame();

  bool empty() const { return pending_.empty(); }

 private:
  bool is_modifier(int key) const;

  std::vector<int> modifiers_;
  std::deque<KeyEvent> pending_;
};

}  // namespace tela::viz
