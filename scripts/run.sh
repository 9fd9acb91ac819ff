#!/usr/bin/env bash
# The main job: installs what is missing, builds tela, records the built-in example's trace and
# serves the page at http://localhost:${TELA_PORT:-8080}/ until interrupted.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j2 --target tela

site=build/site
mkdir -p "$site/examples"
cp index.html "$site/"
cp assets/examples/*.csv "$site/examples/"
build/tela trace assets/examples/input.12.csv --capacity 12 --algo best-fit \
  -o "$site/examples/input.12.trace.jsonl"

port=${TELA_PORT:-8080}
echo "tela: serving the visualizer at http://localhost:$port/ (Ctrl+C stops it)"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site"
