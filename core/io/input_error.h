// Where and why an input was rejected: the message every front-end shows as
// "file:line:column: what is wrong".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tela {

// Text from a file as a message may show it: control bytes (a NUL, a lone CR, an escape that
// would drive the terminal) are written as \0, \r, \n, \t or \xNN, so a message never
// prints them raw.
inline std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte != 0x7F) { out += c; continue; }
    switch (c) {
      case '\0': out += "\\0"; break;
      case '\r': out += "\\r"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default: {
        const char* hex = "0123456789ABCDEF";
        out += "\\x";
        out += hex[byte >> 4];
        out += hex[byte & 15];
      }
    }
  }
  return out;
}

struct InputError {
  std::string file;    // as the user named it
  int64_t line = 0;    // 1-based; 0 when the error is about the whole file
  int64_t column = 0;  // 1-based character column; 0 when it is about the whole line
  std::string what;    // plain words: what is wrong and what was expected

  std::string message() const {
    std::string text = file;
    if (line > 0) text += ":" + std::to_string(line);
    if (column > 0) text += ":" + std::to_string(column);
    return text + ": " + what;
  }
};

}  // namespace tela
