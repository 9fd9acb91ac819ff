#!/usr/bin/env bash
# The browser tests: assembles the page from the WASM build in BUILD_DIR and runs the page's
# tests (page_test.mjs: the canvas and player; tools_test.mjs: load, diagnose, compare, edit,
# teach, export) in headless chromium.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$1" && pwd)
bash "$here/../../scripts/site.sh" "$build/site-test" "$build"
status=0
node "$here/page_test.mjs" "$build/site-test" || status=1
node "$here/tools_test.mjs" "$build/site-test" || status=1
exit $status
