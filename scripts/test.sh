#!/usr/bin/env bash
# Runs every test: installs what is missing, builds natively, to WebAssembly and with the
# sanitizers, then runs the native unit and CLI tests, the same unit tests compiled to WASM
# under Node, the native suite again under ASan and UBSan, and a short libFuzzer run.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1
export NODE_PATH=/usr/share/nodejs  # Debian's emscripten finds acorn only there

build() {  # build DIR "CMAKE-ARGS" [CONFIGURE-PREFIX...]: configure and build one tree
  local dir=$1 args=$2
  shift 2
  # shellcheck disable=SC2086  # the arguments are meant to split
  "$@" cmake -S . -B "$dir" $args >"$dir.configure.log" 2>&1 \
    || { cat "$dir.configure.log"; return 1; }
  cmake --build "$dir" -j2
}

summary=()
failed=0
run_tests() {  # run_tests DIR: ctest in DIR, keeping its closing line
  local log
  log=$(cd "$1" && ctest --output-on-failure 2>&1)
  local status=$?
  echo "$log"
  summary+=("$1: $(grep -E 'tests passed, [0-9]+ tests failed out of' <<<"$log")")
  [ $status -eq 0 ] || failed=1
}

build_failures=0
build_and_test() {  # build_and_test DIR "CMAKE-ARGS" [CONFIGURE-PREFIX...]
  mkdir -p "$1"
  if build "$@"; then
    run_tests "$1"
  else
    summary+=("$1: the build failed, no tests ran")
    build_failures=$((build_failures + 1))
    failed=1
  fi
}
build_and_test build "-DCMAKE_BUILD_TYPE=Release"
build_and_test build-wasm "-DCMAKE_BUILD_TYPE=Release" emcmake
# The same suite under AddressSanitizer and UndefinedBehaviorSanitizer (optimised, so the
# property tests stay quick).
build_and_test build-asan "-DCMAKE_BUILD_TYPE=RelWithDebInfo -DTELA_SANITIZE=ON"
# libFuzzer with clang, ASan and UBSan: each harness in tests/fuzz fuzzes for 20 s (one test
# each; scripts/fuzz.sh runs longer).
build_and_test build-fuzz "-DCMAKE_BUILD_TYPE=RelWithDebInfo -DTELA_FUZZ=ON -DTELA_FUZZ_SECONDS=20" \
  env CC=clang CXX=clang++

echo
printf '%s\n' "${summary[@]}"
bad=$build_failures total=$build_failures  # a tree that did not build counts as one failure
for line in "${summary[@]}"; do
  read -r f t < <(sed -E 's/.*tests passed, ([0-9]+) tests failed out of ([0-9]+).*/\1 \2/' <<<"$line")
  [[ $f =~ ^[0-9]+$ && $t =~ ^[0-9]+$ ]] && total=$((total + t)) && bad=$((bad + f))
done
echo "tests: $((total - bad)) passed, $bad failed"
[ $failed -eq 0 ]
