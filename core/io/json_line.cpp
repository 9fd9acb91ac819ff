#include "io/json_line.h"

#include <nlohmann/json.hpp>

#include <string>

#include "io/json_text.h"

namespace tela {
namespace {

// A character JSON takes as it is (in the plain ASCII this writer escapes itself).
bool plain(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x20 && u < 0x80 && c != '"' && c != '\\';
}

// Whether every character of `text` is plain. No early exit: the loop then vectorises, and a
// text with something to escape is rare (an id with a quote or beyond ASCII).
bool all_plain(std::string_view text) {
  unsigned not_plain = 0;
  for (const char c : text) not_plain |= unsigned(!plain(c));
  return not_plain == 0;
}

}  // namespace

void JsonLine::close_string(size_t start) {
  if (all_plain(std::string_view(text_).substr(start))) {
    text_ += '"';
    return;
  }
  const std::string value = text_.substr(start);
  text_.resize(start - 1);  // (the opening quote too: string() writes its own)
  string(value);
}

void JsonLine::string(std::string_view value) {
  // nlohmann checks UTF-8 and has its own rules for it; plain ASCII is all a trace usually
  // holds (ids, and texts built from them), and for it the rules are these few.
  for (const char c : value)
    if (static_cast<unsigned char>(c) >= 0x80) {
      // Bytes that are not UTF-8 (a Latin-1 id) become U+FFFD rather than an exception.
      text_ += lenient_dump(nlohmann::json(value));
      return;
    }
  static constexpr char kHex[] = "0123456789abcdef";
  text_ += '"';
  size_t i = 0;
  while (i < value.size()) {
    size_t run = i;  // characters that need no escape go in whole runs
    while (run < value.size() && plain(value[run])) ++run;
    text_.append(value.data() + i, run - i);
    if (run == value.size()) break;
    const char c = value[run];
    switch (c) {
      case '"': text_ += "\\\""; break;
      case '\\': text_ += "\\\\"; break;
      case '\b': text_ += "\\b"; break;
      case '\f': text_ += "\\f"; break;
      case '\n': text_ += "\\n"; break;
      case '\r': text_ += "\\r"; break;
      case '\t': text_ += "\\t"; break;
      default:
        text_ += "\\u00";
        text_ += kHex[(c >> 4) & 0xF];
        text_ += kHex[c & 0xF];
    }
    i = run + 1;
  }
  text_ += '"';
}

}  // namespace tela
