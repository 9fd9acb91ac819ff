#!/usr/bin/env bash
# WASM time / native time per algorithm and file, in one run: `tela bench` natively
# (build/tela) and under Node (web/tela-node.mjs, the same CLI compiled to WASM), same files,
# same options; prints the solve times side by side, their ratio, and per algorithm the
# geometric mean of the ratios, over all runs and over runs of 1 ms or more (below that, a
# fixed cost per call, such as reading the clock through JS, dominates). Runs that time out
# stop at the limit on both sides, so their times say nothing: for those, the work done
# (TelaMalloc's placements, from `tela solve`'s message) is compared instead.
#
#   bash web/bench-wasm.sh [--repeat N] [--timeout S] [--algo A,B,...] [FILES_OR_FOLDERS...]
#
# --algo takes `tela bench`'s list (default: every algorithm, exact and auto included). exact
# and auto solve each challenging file natively within a second, but not always under Node: to
# compare their times rather than a timeout, give them more time, as in
#   bash web/bench-wasm.sh --algo exact,auto --timeout 10 /work/shared/benchmarks/challenging
#
# Without files: assets/examples, /work/shared/benchmarks/challenging when present, and
# generated problems (always available). Run it alone on the machine (scripts/ use
# `flock /tmp/tela-build.lock`): the times are wall times.
set -euo pipefail
cd "$(dirname "$0")/.."
repeat=3 timeout=1  # challenging files time out with telamalloc anyway
algo=""  # empty: tela bench's default, every algorithm
while [[ $# -gt 0 && $1 == --* ]]; do
  case $1 in
    --repeat) repeat=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    --algo) algo=$2; shift 2 ;;
    *) echo "bench-wasm: unknown option $1" >&2; exit 2 ;;
  esac
done
[[ -x build/tela && -f build-wasm/web/tela-cli.js ]] || {
  echo "bench-wasm: build build/ and build-wasm/ first (bash scripts/test.sh does both)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
generate() {  # generate KIND COUNT SEED SLACK_PERCENT: a file named with its capacity
  local capacity
  capacity=$(build/tela generate --kind "$1" --count "$2" --seed "$3" -o "$work/g.csv" 2>&1 |
    sed -nE 's/.*suggested capacity ([0-9]+).*/\1/p')
  capacity=$((capacity * (100 + $4) / 100))
  mv "$work/g.csv" "$work/$1-$2-s$3.$capacity.csv"
}
if [[ $# -eq 0 ]]; then
  set -- assets/examples
  [[ -d /work/shared/benchmarks/challenging ]] && set -- "$@" /work/shared/benchmarks/challenging
  generate ml 100 1 0; generate ml 100 2 0; generate ml 100 3 0
  generate random 300 1 0; generate packing 100 1 0; generate overlap 1000 1 0
  # Not larger: TelaMalloc's memory grows with every placement, in proportion to the buffers
  # left, and on much larger problems it outgrows the WASM heap (2 GB) within the time limit.
  generate ml 5000 1 25; generate ml 5000 2 25
  set -- "$@" "$work"
fi

options=(--repeat "$repeat" --timeout "$timeout")
[[ -n $algo ]] && options+=(--algo "$algo")
echo "bench-wasm: tela bench ${options[*]} on $*"
build/tela bench "$@" "${options[@]}" >"$work/native.txt"
node web/tela-node.mjs bench "$@" "${options[@]}" >"$work/wasm.txt"

# Table rows: | file | buffers | algorithm | capacity | lower bound | peak | status | valid |
# read | solve | write | total |. Times such as "38.7 us", "1.2 ms", "2.05 s".
awk -F'|' '
  function seconds(t,  n, u) {
    n = split(t, u, " ")
    return u[2] == "us" ? u[1] / 1e6 : u[2] == "ms" ? u[1] / 1e3 : u[1]
  }
  function trim(s) { gsub(/^ +| +$/, "", s); return s }
  FNR == 1 { side++ }
  /^\| / && !/^\| (file|-)/ {
    row[side] ++
    key = row[side]
    file[key] = trim($2); algo[key] = trim($4); status[side, key] = trim($8)
    solve[side, key] = seconds(trim($11)); text[side, key] = trim($11)
  }
  END {
    printf "| %-24s | %-10s | %-9s | %-10s | %-10s | %-7s |\n", "file", "algorithm", "status", "native", "wasm", "ratio"
    printf "| %s | %s | %s | %s | %s | %s |\n", "------------------------", "----------", "---------", "----------", "----------", "-------"
    for (k = 1; k <= row[1]; k++) {
      timed = status[1, k] == "timeout" || status[2, k] == "timeout"
      ratio = solve[1, k] > 0 ? solve[2, k] / solve[1, k] : 0
      printf "| %-24s | %-10s | %-9s | %-10s | %-10s | %-7s |\n", substr(file[k], 1, 24), algo[k], \
        status[1, k] (status[1, k] == status[2, k] ? "" : "/" status[2, k]), text[1, k], text[2, k], \
        timed ? "-" : sprintf("%.2fx", ratio)
      if (timed) print file[k], algo[k] > timeouts
      if (timed || ratio <= 0) continue
      logsum[algo[k]] += log(ratio); count[algo[k]]++
      if (solve[1, k] >= 1e-3) { longsum[algo[k]] += log(ratio); long[algo[k]]++ }
    }
    print ""
    for (a in count) {
      printf "%s: WASM / native solve time, geometric mean: %.2fx over %d files", a, exp(logsum[a] / count[a]), count[a]
      if (long[a]) printf "; %.2fx over the %d of 1 ms or more", exp(longsum[a] / long[a]), long[a]
      print ""
    }
  }' timeouts="$work/timeouts" "$work/native.txt" "$work/wasm.txt"

# Timed-out runs: the work done in the same time, native / WASM (higher: WASM slower).
[[ -s $work/timeouts ]] || exit 0
placements() {  # placements COMMAND...: how many placements a timed-out solve made
  { "$@" 2>&1 >/dev/null || true; } | sed -nE 's/.*stopped after ([0-9]+) placements.*/\1/p'
}
echo
echo "| timed out: file         | algorithm  | native placements | wasm placements | ratio   |"
echo "| ------------------------ | ---------- | ----------------- | --------------- | ------- |"
while read -r name algorithm; do
  path=$(find "$@" -name "$name" | head -n 1)
  capacity=$(sed -nE 's/.*\.([0-9]+)\.csv$/\1/p' <<<"$name")
  [[ -n $capacity ]] || capacity=$(build/tela stats "$path" | sed -nE 's/^lower bound: +([0-9]+).*/\1/p')
  args=(solve "$path" -c "$capacity" --algo "$algorithm" -t "$timeout")
  n=$(placements build/tela "${args[@]}")
  w=$(placements node web/tela-node.mjs "${args[@]}")
  [[ -n $n && -n $w && $w -gt 0 ]] || continue
  printf "| %-24s | %-10s | %-17s | %-15s | %-7s |\n" "${name:0:24}" "$algorithm" "$n" "$w" \
    "$(awk -v n="$n" -v w="$w" 'BEGIN { printf "%.2fx", n / w }')"
done <"$work/timeouts"
