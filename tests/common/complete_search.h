// Which registered algorithms search completely: on a problem small enough to finish, they must
// find an allocation whenever one exists (a heuristic may fail, but must then claim no proof).
// auto counts: its last stage is exact, with the rest of the time.
// One list for the cross-check and the solve fuzzer; add an algorithm here when it lands.
#pragma once

#include <string_view>

namespace tela::test {

inline bool searches_completely(std::string_view algorithm) {
  return algorithm == "telamalloc" || algorithm == "exact" || algorithm == "auto";
}

}  // namespace tela::test
