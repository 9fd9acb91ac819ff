#!/usr/bin/env bash
# Assembles the page into DIR (default build/site) from the WASM build: index.html, its glue,
# the visualizer module and the examples. Used by run.sh and the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
site=${1:-build/site}
mkdir -p "$site/examples"
cp index.html web/page.js build-wasm/viz/tela-viz.js build-wasm/viz/tela-viz.wasm "$site/"
cp assets/examples/*.csv assets/examples/examples.json "$site/examples/"
