#!/usr/bin/env bash
# Native == WASM: runs build/tela and `node web/tela-node.mjs` (the CLI compiled to WASM) with
# the same arguments and asserts the same exit code, stdout, stderr and output files, byte for
# byte. Algorithms are taken from `tela solve --help`, so new ones are covered without edits.
#
#   bash native_vs_wasm.sh NATIVE_TELA TELA_CLI_JS SOURCE_DIR
#
# Problems: assets/examples, /work/shared/benchmarks/{examples,challenging} when present (a
# fresh clone has no /work/shared; those are then skipped, said so), generated problems, and a
# hand-written file with alignment, pre-placed buffers and its columns out of order.
# The one timing-dependent text, the run time in the stderr summary, is masked. A run that
# times out on either side is timing-dependent as a whole: it is counted, not compared.
set -u
TELA=$1
export TELA_CLI_JS=$2
SRC=$3
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/native" "$WORK/wasm" "$WORK/in"
SHARED=${TELA_SHARED_BENCHMARKS:-/work/shared/benchmarks}  # absent in a fresh clone
TIMEOUT=2            # seconds; examples and generated problems finish far sooner
CHALLENGING_TIMEOUT=2  # exact solves every one within it on both sides, WASM the slower
passed=0 failed=0 timed_out=0

run_side() {  # run_side native|wasm ARGS...: runs in WORK/SIDE, keeps rc, stdout, stderr
  local side=$1
  shift
  rm -f "$WORK/$side"/*
  if [[ $side == native ]]; then
    (cd "$WORK/native" && "$TELA" "$@" >stdout 2>stderr; echo $? >rc)
  else
    (cd "$WORK/wasm" && node "$SRC/web/tela-node.mjs" "$@" >stdout 2>stderr; echo $? >rc)
  fi
  # "..., 5 buffers, 614.3 us" and "..., 1.2 s; 22 events": the only timing in the output.
  sed -i -E 's/, [0-9.]+ (us|ms|s)(;|$)/, TIME\2/' "$WORK/$side/stderr"
}

differs() {  # differs FILE: prints a diff of FILE between the sides; status 0 when they differ
  local n=$WORK/native/$1 w=$WORK/wasm/$1
  [[ -e $n || -e $w ]] || return 1
  cmp -s "$n" "$w" && return 1
  echo "  $1 differs: $(cmp "$n" "$w" 2>&1 | head -n 1)"
  diff "$n" "$w" 2>&1 | head -n 6 | cut -c 1-300 | sed 's/^/    /'
  return 0
}

same() {  # same ARGS...: both sides agree on everything
  run_side native "$@"
  run_side wasm "$@"
  # A side that ran out of time says nothing about determinism: WASM runs slower, so a search
  # native finishes just inside the limit may stop short in WASM.
  if grep -qs "out of time" "$WORK/native/stderr" "$WORK/wasm/stderr"; then
    timed_out=$((timed_out + 1))
    return 0
  fi
  local bad=0
  for f in rc stdout stderr out; do differs $f && bad=1; done
  if [[ $bad == 0 ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: tela $*"
  fi
}

algorithms() {  # the names in `--algo TEXT:{best-fit,greedy,...}` of tela solve --help
  "$TELA" solve --help | sed -nE 's/.*--algo TEXT:\{([^}]*)\}.*/\1/p' | tr ',' ' '
}

problem() {  # problem FILE CAPACITY TIMEOUT: every command on one problem
  local file=$1 capacity=$2 timeout=$3
  same stats "$file"
  same stats "$file" -c "$capacity"
  for algo in $ALGORITHMS; do
    same solve "$file" -c "$capacity" --algo "$algo" -t "$timeout"
    if grep -qs "out of time" "$WORK/native/stderr"; then continue; fi  # its trace is huge
    if [[ $(<"$WORK/native/rc") == 0 ]]; then
      cp "$WORK/native/stdout" "$WORK/in/solution.csv"
      same validate "$file" "$WORK/in/solution.csv" -c "$capacity"
    fi
    same trace "$file" -c "$capacity" --algo "$algo" -t "$timeout" -o out
  done
}

generated() {  # generated KIND COUNT SEED: a generated problem, at its lower bound and above
  local file=$WORK/in/$1-$2-$3.csv capacity
  capacity=$("$TELA" generate --kind "$1" --count "$2" --seed "$3" -o "$file" 2>&1 |
    sed -nE 's/.*suggested capacity ([0-9]+).*/\1/p')
  problem "$file" "$capacity" $TIMEOUT
  problem "$file" $((capacity * 5 / 4)) $TIMEOUT
}

errors() {  # usage and input errors: messages and exit codes, byte for byte
  local bad=$WORK/in/bad.csv
  printf 'id,lower,upper,size\nb0,0,3,4\nb1,5,2,4\n' >"$bad"
  printf 'id,lower,upper,size,offset\nb0,0,3,4,0\nb1,1,3,4,2\n' >"$WORK/in/overlap.sol.csv"
  same
  same --help
  same solve --help
  same trace --help
  same validate --help
  same stats --help
  same frobnicate
  same solve "$SRC/assets/examples/input.12.csv"
  same solve "$SRC/assets/examples/input.12.csv" -c 99999999999999999999
  same solve "$SRC/assets/examples/input.12.csv" -c 12 --algo nope
  same solve "$WORK/in/missing.csv" -c 12
  same solve "$WORK/in" -c 12
  same solve "$bad" -c 12
  same stats "$bad"
  same trace "$bad" -c 12 -o out
  same validate "$SRC/assets/examples/input.12.csv" "$WORK/in/overlap.sol.csv" -c 12
  same solve "$SRC/assets/examples/input.12.csv" -c 12 -o "$WORK/in/no/such/dir.csv"
}

formats() {  # columns out of order, alignment, pre-placed buffers, CRLF, quotes, a BOM
  local file=$WORK/in/formats.csv
  printf '\xEF\xBB\xBFsize,offset,id,alignment,upper,lower\r\n16,,"a,1",8,10,0\r\n8,32,b,8,5,2\r\n' >"$file"
  printf '4,,c,4,12,3\r\n24,,d,8,12,6\r\n\r\n' >>"$file"
  problem "$file" 64 $TIMEOUT
  problem "$file" 48 $TIMEOUT
}

piped() {  # a long trace through a pipe (Node writes to pipes differently than to files)
  local file=$WORK/in/piped.csv
  "$TELA" generate --kind ml --count 3000 --seed 7 -o "$file" 2>/dev/null
  (cd "$WORK/native" && "$TELA" trace "$file" -c 100000000 2>/dev/null | cat >piped)
  (cd "$WORK/wasm" && node "$SRC/web/tela-node.mjs" trace "$file" -c 100000000 2>/dev/null | cat >piped)
  if differs piped; then failed=$((failed + 1)); echo "FAIL: trace to a pipe"; else passed=$((passed + 1)); fi
}

ALGORITHMS=$(algorithms)
[[ -n $ALGORITHMS ]] || { echo "FAIL: no algorithms in '$TELA solve --help'"; exit 1; }
echo "algorithms: $ALGORITHMS"
errors
formats
piped
for f in "$SRC"/assets/examples/*.csv "$SHARED"/examples/*.csv; do
  [[ -e $f ]] && problem "$f" "$(basename "$f" .csv | sed -E 's/.*\.//')" $TIMEOUT
done
if [[ -d $SHARED/challenging ]]; then
  for f in "$SHARED"/challenging/*.csv; do problem "$f" 1048576 $CHALLENGING_TIMEOUT; done
else
  echo "skipped: $SHARED/challenging is absent (a fresh clone); generated problems stand in"
fi
generated random 300 1
generated ml 100 1
generated ml 100 2
generated ml 2000 3
generated packing 50 1
generated packing 100 2
generated overlap 300 1
echo "native == wasm: $passed runs identical, $failed differ, $timed_out ran out of time on a side (not compared)"
[[ $failed == 0 && $passed -gt 0 ]]
