// Counting characters in UTF-8 text, for the columns messages give (input_error.h counts
// characters, not bytes: an id of five Chinese characters is five columns, not fifteen).
#pragma once

#include <cstdint>
#include <string_view>

namespace tela {

// The number of characters (code points) in `text`. Bytes that are not well-formed UTF-8
// count one each, as a viewer shows each as one replacement character.
inline int64_t utf8_characters(std::string_view text) {
  int64_t count = 0;
  const auto continuation = [&](size_t at) {
    return at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80;
  };
  for (size_t i = 0; i < text.size(); ++count) {
    const auto lead = static_cast<unsigned char>(text[i]);
    size_t length = lead < 0x80 ? 1 : lead >= 0xC2 && lead <= 0xDF ? 2
                  : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
    for (size_t k = 1; k < length; ++k)
      if (!continuation(i + k)) length = 0;
    i += length ? length : 1;
  }
  return count;
}

}  // namespace tela
