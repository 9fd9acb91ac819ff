// Where and why an input was rejected: the message every front-end shows as
// "file:line:column: what is wrong".
#pragma once

#include <cstdint>
#include <string>

namespace tela {

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
