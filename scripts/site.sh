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
cp assets/examples/*.csv assets/examples/examples.json "$site/examples/"
