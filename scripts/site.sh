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
cp index.html web/page.js web/tela-client.js web/tela-worker.js "$wasm/viz/tela-viz.js" \
  "$wasm/viz/tela-viz.wasm" "$wasm/web/tela.js" "$wasm/web/tela.wasm" "$site/"
cp assets/examples/*.csv "$site/examples/"
# The example menu: the project's examples, then the field's challenging suite when this machine
# has it beside the project (../shared/benchmarks: data files, served, never committed here).
challenging=${TELA_SHARED_BENCHMARKS:-../shared/benchmarks}/challenging
python3 - "$site/examples" "$challenging" <<'PY'
import json, os, shutil, sys
out, suite = sys.argv[1], sys.argv[2]
examples = json.load(open('assets/examples/examples.json'))
if os.path.isdir(suite):
    for f in sorted(os.listdir(suite)):
        if f.endswith('.csv'):
            name = 'challenging-' + f[:-4]
            shutil.copy(os.path.join(suite, f), os.path.join(out, name + '.csv'))
            examples.append({'name': name, 'title': 'Challenging suite: ' + f, 'algo': 'auto',
                             'capacity': int(f.split('.')[-2]) if f.count('.') >= 2 else 0})
json.dump(examples, open(os.path.join(out, 'examples.json'), 'w'), indent=1)
PY
