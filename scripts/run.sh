#!/usr/bin/env bash
# The main job: installs what is missing, builds tela natively and the visualizer to
# WebAssembly, and serves the page at http://localhost:${TELA_PORT:-8080}/ until interrupted.
# The page opens on the built-in example with its TelaMalloc trace ready to play.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NODE_PATH=/usr/share/nodejs  # Debian's emscripten finds acorn only there
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j2 --target tela
emcmake cmake -S . -B build-wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-wasm -j2 --target tela-viz tela_web

bash scripts/site.sh build/site
port=${TELA_PORT:-8080}
echo "tela: serving the visualizer at http://localhost:$port/ (Ctrl+C stops it)"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory build/site
