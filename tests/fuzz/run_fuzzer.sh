#!/usr/bin/env bash
# Runs one libFuzzer harness for a while and says what it did.
#
#   bash run_fuzzer.sh FUZZER SECONDS WORK_DIR
#
# FUZZER is build-fuzz/tests/fuzz/NAME_fuzzer. It starts from the seed corpus and the kept
# crashers (tests/fuzz/corpus/NAME, tests/fuzz/regressions/NAME) and from what earlier runs
# found (WORK_DIR/corpus, which grows), and saves a crashing input in WORK_DIR/crashes. Exit
# status 0 when nothing crashed.
set -u
fuzzer=$1 seconds=$2 work=$3
name=$(basename "$fuzzer" _fuzzer)
src=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work/corpus" "$work/crashes"
seeds=("$src/corpus/$name")
[ -d "$src/regressions/$name" ] && seeds+=("$src/regressions/$name")
# -timeout: an input that runs 10 s is a hang; -rss_limit_mb: one that needs 2 GB is a leak or
# a blow-up; -max_len: inputs stay small (a handful of rows or lines).
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
  -print_final_stats=1 -artifact_prefix="$work/crashes/" "$work/corpus" "${seeds[@]}" \
  >"$work/log" 2>&1
status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -n 1)
if [ $status -eq 0 ]; then
  echo "fuzz $name: ${runs:-?} inputs in $seconds s, no crash ($(find "$work/corpus" -type f | wc -l) in its corpus)"
  exit 0
fi
tail -n 60 "$work/log"
echo "fuzz $name: FAILED after ${runs:-?} inputs (exit $status); the input is in $work/crashes/."
echo "Fix it, then keep it as a regression test: cp $work/crashes/<file> $src/regressions/$name/"
exit 1
