#include "viz/model/key_queue.h"

#include <algorithm>

namespace tela::viz {

bool KeyQueue::is_modifier(int key) const {
  return std::find(modifiers_.begin(), modifiers_.end(), key) != modifiers_.end();
}

std::vector<KeyEvent> KeyQueue::take_for_frame() {
  std::vector<KeyEvent> batch;
  std::vector<int> held;      // keys this frame must see down: their release waits
  std::vector<int> pressed;   // keys pressed in this batch
  std::vector<int> released;  // keys the last frame saw down: a new press waits (else it is a hold)
  bool key_taken = false;     // a key that types nothing (Enter, an arrow, Ctrl+Z) was pressed
  const auto has = [](const std::vector<int>& keys, int key) { return std::find(keys.begin(), keys.end(), key) != keys.end(); };
  const auto is_char = [this](size_t i) { return i < pending_.size() && pending_[i].kind == KeyEvent::Kind::kChar; };
  const auto take = [&] {
    const KeyEvent& e = pending_.front();
    if (e.kind == KeyEvent::Kind::kKey && e.action == KeyEvent::kPress) pressed.push_back(e.key);
    if (e.kind == KeyEvent::Kind::kKey && e.action == KeyEvent::kRelease && !has(pressed, e.key)) released.push_back(e.key);
    batch.push_back(e);
    pending_.pop_front();
  };
  while (!pending_.empty()) {
    const KeyEvent e = pending_.front();
    if (e.kind == KeyEvent::Kind::kChar) {
      if (key_taken) break;
    } else if (e.action == KeyEvent::kRelease) {
      if (has(held, e.key)) break;
    } else if (e.action == KeyEvent::kPress && !is_modifier(e.key)) {
      if (key_taken) break;
      // A press followed by its characters is typing: the text is what counts, so its release
      // need not wait. Otherwise the frame must see the key down, and nothing typed after it
      // may join this frame.
      if (is_char(1)) {
        take();
        while (is_char(0)) take();
        continue;
      }
      if (has(released, e.key)) break;
      held.push_back(e.key);
      key_taken = true;
    } else if (e.action == KeyEvent::kPress) {  // a modifier: down with the key it goes with
      if (has(released, e.key)) break;
      held.push_back(e.key);
    }
    take();
  }
  return batch;
}

}  // namespace tela::viz
