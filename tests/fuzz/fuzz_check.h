// What a fuzz harness does when an input breaks a promise: print what and why, then abort, which
// libFuzzer records as a crash (and saves the input), and the replay driver reports as a failure.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

namespace tela::fuzz {

[[noreturn]] inline void fail(const char* condition, const char* file, int line,
                              const std::string& why) {
  std::fprintf(stderr, "%s:%d: FUZZ_CHECK(%s) failed: %s\n", file, line, condition, why.c_str());
  std::abort();
}

}  // namespace tela::fuzz

// FUZZ_CHECK(condition, message << parts...): the message is built only on failure.
#define FUZZ_CHECK(condition, message)                                      \
  do {                                                                      \
    if (!(condition)) {                                                     \
      std::ostringstream fuzz_why_;                                         \
      fuzz_why_ << message;                                                 \
      ::tela::fuzz::fail(#condition, __FILE__, __LINE__, fuzz_why_.str());  \
    }                                                                       \
  } while (0)
