// The tests' one source of random numbers: a 64-bit linear congruential generator (Knuth's
// MMIX constants). Not std::mt19937 with a distribution: the standard fixes the engine but not
// the distributions, and every test must see the same numbers on every platform (native,
// WASM, each standard library), so that a failing seed fails everywhere.
#pragma once

#include <cstdint>

namespace tela::test {

class Random {
 public:
  explicit Random(uint64_t state) : state_(state) {}

  // The next raw state (all 64 bits; the low ones cycle quickly, so prefer below()).
  uint64_t next() {
    state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
    return state_;
  }

  // A number in [0, n), n > 0, of n's own type (from the state's high bits, the good ones).
  template <typename T>
  T below(T n) {
    return T((next() >> 33) % uint64_t(n));
  }

 private:
  uint64_t state_;
};

}  // namespace tela::test
