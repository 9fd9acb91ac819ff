#!/usr/bin/env bash
# Assembles the page into SITE (default build/site) from the WASM build in WASM_BUILD (default
# build-wasm): index.html, its glue, the visualizer module, the solver module and its worker,
# and the examples. Used by run.sh and
# the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
site=${1:-build/site}
wasm=${2:-build-wasm}
mkdir -p "$site/examples"
cp index.html web/page.js web/touch.js web/tela-client.js web/tela-worker.js "$wasm/viz/tela-viz.js" \
  "$wasm/viz/tela-viz.wasm" "$wasm/web/tela.js" "$wasm/web/tela.wasm" "$site/"
cp assets/examples/*.csv "$site/examples/"
# The example menu: the project's examples, then the field's challenging suite when this machine
# has it beside the project (../shared/benchmarks: data files, served, never committed here),
# each at the capacity its name gives, as tela reads names (`tela stats`, native build/tela or
# $TELA).
challenging=${TELA_SHARED_BENCHMARKS:-../shared/benchmarks}/challenging
suite=$(mktemp)
trap 'rm -f "$suite"' EXIT
if [ -d "$challenging" ]; then
  tela=${TELA:-build/tela}
  [ -x "$tela" ] || { echo "site: $tela reads the suite's capacities: build it first" >&2; exit 1; }
  shopt -s nullglob
  LC_COLLATE=C  # files in byte order, whatever the locale
  for path in "$challenging"/*.csv; do
    file=${path##*/}
    cp "$path" "$site/examples/challenging-${file%.csv}.csv"
    capacity=$("$tela" stats "$path" | sed -n 's/^name capacity: //p')
    printf '%s\t%s\n' "$file" "${capacity:-0}"
  done >"$suite"
fi
python3 - "$site/examples" "$suite" <<'PY'
import json, os, sys
out, suite = sys.argv[1], sys.argv[2]
examples = json.load(open('assets/examples/examples.json'))
for line in open(suite):
    f, capacity = line.rstrip('\n').split('\t')
    examples.append({'name': 'challenging-' + f[:-4], 'title': 'Challenging suite: ' + f,
                     'algo': 'auto', 'capacity': int(capacity)})
json.dump(examples, open(os.path.join(out, 'examples.json'), 'w'), indent=1)
PY
