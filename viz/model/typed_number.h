// A whole number as a person types it into a field of the page: "1048576", "1,048,576",
// "1 048 576", "1_048_576" or "1MiB". ImGui 1.86's integer fields read text with sscanf("%lld"),
// which in the WASM build turned a number too large for 64 bits into -1, so the page refused
// "capacity -1", a number nobody typed. Read here instead, with a reason when it is refused.
#pragma once

#include <string>
#include <string_view>

namespace tela::viz {

struct TypedNumber {
  long long value = 0;
  std::string error;  // empty when `value` holds what was typed
};

// Digits, optionally grouped by ',', '_', ' ' or '\'' and followed by a binary unit (K, M, G,
// T, with or without "iB"/"B", any case: 1K is 1024 bytes), between optional spaces. Values
// above `most` are refused as too large, naming the limit.
TypedNumber read_typed_number(std::string_view text, long long most);

}  // namespace tela::viz
