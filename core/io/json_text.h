// JSON text of values that hold what files held: ids and metadata are bytes as a file gave them,
// not always UTF-8, and nlohmann's dump() throws on bytes that are not. Every front-end that
// dumps such values does it through here, so none of them can forget and crash on a Latin-1 id.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace tela {

// `value` as compact JSON on one line; bytes that are not UTF-8 are written as U+FFFD.
template <typename Json>
std::string lenient_dump(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace tela
