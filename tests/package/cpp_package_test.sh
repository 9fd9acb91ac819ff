#!/usr/bin/env bash
# tela as a C++ package: installs the native build's tela::core into a prefix, checks that only
# the public headers went there, then configures, builds and runs tests/package/consumer (a
# project of its own) against that prefix with find_package, and (with --fetchcontent) against
# the sources with FetchContent. The consumer's sources are the README's example, as written.
#   cpp_package_test.sh BUILD_DIR SOURCE_DIR [--fetchcontent]
set -euo pipefail
mkdir -p "$1"
build=$(cd "$1" && pwd) source=$(cd "$2" && pwd) mode=${3:-}
work=$build/package-test
rm -rf "$work" && mkdir -p "$work"
python3 "$source/tests/package/readme_blocks.py" "$source/README.md" check \
  cmake "$source/tests/package/consumer/CMakeLists.txt" \
  cpp "$source/tests/package/consumer/main.cpp"

if [ "$mode" = --fetchcontent ]; then
  cmake -S "$source/tests/package/consumer" -B "$work/consumer" -DCMAKE_BUILD_TYPE=Release \
    -DTELA_SOURCE_DIR="$source" >"$work/configure.log" 2>&1 || { cat "$work/configure.log"; exit 1; }
else
  cmake --install "$build" --prefix "$work/prefix" >"$work/install.log"
  # Only the public headers, and no source file, are installed.
  installed=$(cd "$work/prefix/include/tela" && find . -type f | sort | tr '\n' ' ')
  expected="./algorithms/improve/improve.h ./analysis/sections.h ./io/arrays.h ./io/csv.h ./io/drawing.h ./io/input_error.h ./model/problem.h ./model/run.h ./model/trace.h ./model/validator.h ./services/explain.h ./services/minimize.h ./services/record.h ./services/registry.h ./services/trace_columns.h ./tela.h ./version.h "
  [ "$installed" = "$expected" ] || { echo "installed headers: $installed; expected: $expected"; exit 1; }
  [ -f "$work/prefix/lib/libtela_core.a" ] && [ -f "$work/prefix/lib/cmake/tela/telaConfig.cmake" ]
  cmake -S "$source/tests/package/consumer" -B "$work/consumer" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_PREFIX_PATH="$work/prefix" >"$work/configure.log" 2>&1 || { cat "$work/configure.log"; exit 1; }
fi
cmake --build "$work/consumer" -j2 >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
out=$("$work/consumer/allocator_pass")
echo "$out"
grep -q '^peak 12 of 12 (lower bound 12), auto (.*) in [0-9]* steps, tela 0.1.0$' <<<"$out"
echo "the consumer solved its problem and the validator accepted it"
