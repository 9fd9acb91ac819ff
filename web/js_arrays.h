// Moving numbers between C++ vectors and JS typed arrays. Arrays handed to JS are copies owned
// by JS: a view into the WASM heap would dangle as soon as memory grows, and copies can be
// transferred from a worker to the page without touching the heap again.
#pragma once

#include <emscripten/val.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "model/problem.h"

namespace tela::web {

using emscripten::val;

// A JS-owned copy of `n` numbers (Int32Array, Float64Array, ... by the element type).
template <typename T>
val copy_to_js(const T* data, size_t n) {
  return val(emscripten::typed_memory_view(n, data)).call<val>("slice");
}
template <typename T>
val copy_to_js(const std::vector<T>& v) {
  return copy_to_js(v.data(), v.size());
}

// A Float64Array of `n` values taken from `get(i)`: JS numbers are doubles, so 64-bit values
// are exact up to 2^53 (any memory size a real accelerator has).
template <typename Get>
val doubles_to_js(size_t n, Get&& get) {
  std::vector<double> out(n);
  for (size_t i = 0; i < n; ++i) out[i] = double(get(i));
  return copy_to_js(out);
}

// Offsets go to JS with NaN for "not placed", so no valid offset is ever taken for a marker.
inline double offset_to_js(Offset offset) {
  return offset == kUnplaced ? std::nan("") : double(offset);
}
inline Offset offset_from_js(double value) {
  if (std::isnan(value)) return kUnplaced;
  // Beyond ±2^62 an offset is outside every capacity; clamping keeps the cast defined and the
  // validator's verdict (negative, or over the capacity) the same.
  constexpr double kLimit = 4611686018427387904.0;  // 2^62
  return value < -1 ? Offset(-1) : value > kLimit ? Offset(kLimit) + 1 : Offset(value);
}

// A Solution from any JS array-like of numbers (Array, Float64Array, ...).
inline Solution solution_from_js(const val& offsets) {
  Solution solution;
  for (double x : emscripten::convertJSArrayToNumberVector<double>(offsets))
    solution.offsets.push_back(offset_from_js(x));
  return solution;
}

}  // namespace tela::web
