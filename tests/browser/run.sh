#!/usr/bin/env bash
# The browser tests: assembles the page from the WASM build in BUILD_DIR and runs
# page_test.mjs against it in headless chromium.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$1" && pwd)
bash "$here/../../scripts/site.sh" "$build/site-test" "$build"
exec node "$here/page_test.mjs" "$build/site-test"
