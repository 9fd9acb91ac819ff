#!/usr/bin/env bash
# Installs, only when missing, every Debian package the build and the tests need.
# Idempotent and quick when everything is already there (one dpkg query, no network).
set -euo pipefail

packages=(
  cmake g++ make python3          # native build; python3 serves the page
  doctest-dev libcli11-dev nlohmann-json3-dev
  emscripten nodejs               # the WebAssembly build and its test runner
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
