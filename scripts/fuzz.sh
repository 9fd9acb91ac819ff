#!/usr/bin/env bash
# The long fuzz run: builds the libFuzzer harnesses (build-fuzz/, clang with ASan and UBSan) and
# runs each in turn for its share of SECONDS (default 3600: an hour in all), growing the corpus
# in build-fuzz/ that the test command's short run also starts from.
#
#   bash scripts/fuzz.sh [SECONDS]
#
# A crash stops that harness and names the saved input; once fixed, keep the input as a
# regression test in tests/fuzz/regressions/HARNESS/ (every build replays those).
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-3600}
bash scripts/setup.sh || exit 1
fuzzers=(csv trace solve)
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTELA_FUZZ=ON \
  >build-fuzz.configure.log 2>&1 || { cat build-fuzz.configure.log; exit 1; }
cmake --build build-fuzz -j2 || exit 1
share=$((seconds / ${#fuzzers[@]}))
failed=0
for name in "${fuzzers[@]}"; do
  bash tests/fuzz/run_fuzzer.sh "build-fuzz/tests/fuzz/${name}_fuzzer" "$share" \
    "build-fuzz/tests/fuzz/$name" || failed=1
done
exit $failed
