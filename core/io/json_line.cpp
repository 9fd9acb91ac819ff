#include "io/json_line.h"

#include <nlohmann/json.hpp>

namespace tela {

void JsonLine::string(std::string_view value) {
  const auto plain = [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x80 && c != '"' && c != '\\';
  };
  // nlohmann checks UTF-8 and has its own rules for it; plain ASCII is all a trace usually
  // holds (ids, and texts built from them), and for it the rules are these few.
  for (const char c : value)
    if (static_cast<unsigned char>(c) >= 0x80) {
      text_ += nlohmann::json(value).dump();
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
