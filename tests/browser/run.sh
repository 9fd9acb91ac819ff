#!/usr/bin/env bash
# The browser tests: assembles the page from the WASM build in BUILD_DIR and runs the page's
# tests in headless chromium, all driven by mouse and keyboard (page_test.mjs: the canvas and
# player; tools_test.mjs: load, diagnose, compare, edit, teach, export; inspect_test.mjs: metadata,
# search, live at a time, regions, colour by metadata, compare diff; monkey_test.mjs: random
# events on 5 seeds, 400 each here, TELA_MONKEY_EVENTS=2000 for the long run: each event waits
# for a frame of software-rendered WebGL, so the long run takes many minutes).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$1" && pwd)
bash "$here/../../scripts/site.sh" "$build/site-test" "$build"
status=0
node "$here/page_test.mjs" "$build/site-test" || status=1
node "$here/tools_test.mjs" "$build/site-test" || status=1
node "$here/inspect_test.mjs" "$build/site-test" || status=1
node "$here/monkey_test.mjs" "$build/site-test" 5 "${TELA_MONKEY_EVENTS:-400}" || status=1
exit $status
