#!/usr/bin/env bash
# Installs, only when missing, everything the build and the tests need, from Debian's packages
# and the npm registry only. Idempotent and quick when everything is already there (one dpkg
# query, no network).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake g++ make python3          # native build; python3 serves the page
  doctest-dev libcli11-dev nlohmann-json3-dev
  emscripten nodejs               # the WebAssembly build and its test runner
  clang libclang-rt-14-dev time   # libFuzzer (clang's runtime); peak memory in the scale tests
  libglfw3-dev libgl-dev libstb-dev  # the native visualizer: window, PNG screenshots
  chromium xvfb xauth imagemagick # browser tests; the native window test and its screenshot
  dpkg-dev xz-utils               # apt-get source (Dear ImGui's sources, below)
  pybind11-dev python3-dev python3-numpy python3-pytest  # the Python module and its tests
  python3-setuptools python3-wheel python3-pip python3-venv  # pip install . without network
)

sudo_cmd=""
[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $sudo_cmd apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Dear ImGui 1.86 as source, from Debian's source package: the WASM build must compile it with
# em++, and the native build compiles the same files so both use 32-bit draw indices.
imgui_dir=deps/imgui-1.86
if [ ! -f "$imgui_dir/imgui.cpp" ]; then
  src_list=/etc/apt/sources.list.d/tela-deb-src.sources
  if ! grep -rqs '^Types:.*deb-src\|^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    # The same mirror as the machine's own entry (scripts/deb_src_entry.sh), whichever it is.
    entry=$(bash scripts/deb_src_entry.sh) || {
      echo "setup: no apt entry serves the release's main component; add a deb-src one" >&2; exit 1; }
    echo "setup: adding a deb-src entry ($src_list):"
    printf '%s\n' "$entry" | $sudo_cmd tee "$src_list"
    $sudo_cmd apt-get update -q
  fi
  mkdir -p deps/download
  (cd deps/download && apt-get source --download-only imgui 2>&1 | grep -v '^W: Download is performed unsandboxed' || true)
  tar -xJf deps/download/imgui_1.86+ds.orig.tar.xz -C deps
  [ -f "$imgui_dir/imgui.cpp" ] || { echo "setup: Dear ImGui's sources did not unpack" >&2; exit 1; }
fi

# Browser tests and the npm package's types: playwright-core and typescript from the npm
# registry, pinned by package-lock.json (playwright-core drives Debian's chromium; it never
# downloads browsers).
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/typescript ]; then
  echo "setup: npm ci (playwright-core, typescript)"
  npm ci --no-audit --no-fund --silent
fi
