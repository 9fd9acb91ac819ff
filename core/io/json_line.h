// A JSON Lines writer for the trace file's hot lines (one per buffer, one per event): fields
// appended to one string with std::to_chars, no JSON tree per line. Building an
// nlohmann::ordered_json per event, then dumping and freeing it, cost ~3 us an event, more than
// the search that made the event. The bytes are those nlohmann's dump() writes (the trace
// tests compare both); strings that are not plain ASCII are escaped by nlohmann itself.
#pragma once

#include <charconv>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

namespace tela {

// (Literals are appended as string_views, whose length the compiler knows: `text_ += "..."`
// counts it at run time, several times a line.)
class JsonLine {
 public:
  // Starts a line: `{"type":"<type>"`.
  void begin(std::string_view type) {
    text_ += std::string_view("{\"type\":");
    word(type);  // (the line types are plain words)
  }
  void key(std::string_view name) {
    text_ += std::string_view(",\"");
    text_ += name;
    text_ += std::string_view("\":");
  }
  void integer(int64_t value) {
    char digits[24];
    text_.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
  }
  void string(std::string_view value);  // quoted and escaped as JSON
  // The same for a string that `write(std::string&)` appends: written straight into the line
  // and escaped afterwards, only if it has to be (an event's text is built here, not copied).
  template <typename Write>
  void string_written_by(Write&& write) {
    text_ += '"';
    const size_t start = text_.size();
    write(text_);
    close_string(start);
  }
  void raw(std::string_view text) { text_ += text; }
  void field(std::string_view name, int64_t value) { key(name), integer(value); }
  void field(std::string_view name, std::string_view value) { key(name), string(value); }
  // A field whose value is one of tela's own names ("place", "lowest-fit"): quoted, with
  // nothing to escape.
  void word_field(std::string_view name, std::string_view value) { key(name), word(value); }
  // Ends the line: `}` and a newline. Lines gather in one string, written out in large pieces.
  void end(std::ostream& out) {
    text_ += std::string_view("}\n");
    if (text_.size() >= kFlushAt) flush(out);
  }
  void flush(std::ostream& out) {
    out.write(text_.data(), std::streamsize(text_.size()));
    text_.clear();
  }

 private:
  void word(std::string_view value) {
    text_ += '"';
    text_ += value;
    text_ += '"';
  }
  void close_string(size_t start);  // the string begun at text_[start]
  static constexpr size_t kFlushAt = size_t{1} << 16;
  std::string text_;
};

}  // namespace tela
