// The key queue's rules: every key pressed is seen down by a frame before it is released,
// chords stay together, and characters and keys reach a text box in the order they were typed.
#include <doctest/doctest.h>

#include <string>

#include "viz/model/key_queue.h"

using namespace tela::viz;

namespace {

constexpr int kShift = 340, kCtrl = 341, kEnter = 257, kBackspace = 259, kZ = 90;

KeyQueue make_queue() { return KeyQueue({kShift, kCtrl}); }

KeyEvent press(int key) { return {.key = key, .action = KeyEvent::kPress}; }
KeyEvent release(int key) { return {.key = key, .action = KeyEvent::kRelease}; }
KeyEvent character(char c) { return {.kind = KeyEvent::Kind::kChar, .codepoint = uint32_t(c)}; }

// A frame's batch as text: "a" for a character, "+13"/"-13" for a key's press/release.
std::string describe(const std::vector<KeyEvent>& batch) {
  std::string text;
  for (const KeyEvent& e : batch) {
    if (!text.empty()) text += ' ';
    if (e.kind == KeyEvent::Kind::kChar) text += char(e.codepoint);
    else text += (e.action == KeyEvent::kRelease ? "-" : "+") + std::to_string(e.key);
  }
  return text;
}

// Types `text` as a browser does (a key's press, its character, its release), all between two
// frames.
void type_into(KeyQueue& queue, const std::string& text) {
  for (char c : text) {
    const int key = c == '\n' ? kEnter : int(c);
    queue.push(press(key));
    if (c != '\n') queue.push(character(c));
    queue.push(release(key));
  }
}

// Types `text`; returns what each frame takes, one line per frame.
std::string typed(KeyQueue& queue, const std::string& text) {
  type_into(queue, text);
  std::string frames;
  for (int frame = 0; frame < 100 && !queue.empty(); ++frame) frames += describe(queue.take_for_frame()) + "\n";
  return frames;
}

}  // namespace

TEST_CASE("a key pressed and released between two frames is seen down by one frame, released by the next") {
  KeyQueue queue = make_queue();
  queue.push(press(kBackspace));
  queue.push(release(kBackspace));
  CHECK(describe(queue.take_for_frame()) == "+259");
  CHECK(describe(queue.take_for_frame()) == "-259");
  CHECK(queue.empty());
  CHECK(queue.take_for_frame().empty());
}

TEST_CASE("a key tapped twice between frames counts twice") {
  KeyQueue queue = make_queue();
  for (int i = 0; i < 2; ++i) queue.push(press(kBackspace)), queue.push(release(kBackspace));
  CHECK(describe(queue.take_for_frame()) == "+259");
  CHECK(describe(queue.take_for_frame()) == "-259");  // up for a frame, or the next press is a hold
  CHECK(describe(queue.take_for_frame()) == "+259");
  CHECK(describe(queue.take_for_frame()) == "-259");
}

TEST_CASE("a chord typed between two frames (Ctrl+Z) is down together in one frame") {
  KeyQueue queue = make_queue();
  for (const KeyEvent& e : {press(kCtrl), press(kZ), release(kZ), release(kCtrl)}) queue.push(e);
  CHECK(describe(queue.take_for_frame()) == "+341 +90");
  CHECK(describe(queue.take_for_frame()) == "-90 -341");
}

TEST_CASE("typed text reaches a frame in its order: characters batch, a new line ends a batch") {
  KeyQueue queue = make_queue();
  // Each frame reads its characters before its keys, so a batch never holds a character after
  // Enter: "ab" and Enter, then "c" waits for the next frame; a letter twice is typing, Enter twice is two presses.
  CHECK(typed(queue, "aab\nc\n\nd") == "+97 a -97 +97 a -97 +98 b -98 +257\n"
                                      "-257 +99 c -99\n"
                                      "+257\n"  // Enter was down last frame: up for one first
                                      "-257\n"
                                      "+257\n"
                                      "-257 +100 d -100\n");
}

TEST_CASE("events that wait keep their order and none is lost") {
  KeyQueue queue = make_queue();
  const std::string text = "x,0,4,3\ny,2,6,2\n";
  type_into(queue, text);
  std::string characters;
  int enters = 0, frames = 0;
  while (!queue.empty() && ++frames < 1000) {
    for (const KeyEvent& e : queue.take_for_frame()) {
      if (e.kind == KeyEvent::Kind::kChar) characters += char(e.codepoint);
      else if (e.key == kEnter && e.action == KeyEvent::kPress) ++enters, characters += '\n';
    }
  }
  CHECK(characters == text);
  CHECK(enters == 2);
}
