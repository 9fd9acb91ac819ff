#!/usr/bin/env bash
# tela as an npm package: `npm pack` on build-wasm/npm/tela, the tarball installed into a fresh
# project (offline: it has no dependencies), the README's example run there with Node as written,
# the .d.ts checked by tsc --noEmit (the example, a TypeScript file, and a file that must fail),
# and the package imported by a page with no bundler in chromium.
#   npm_package_test.sh NPM_DIR WORK_DIR SOURCE_DIR NODE
set -euo pipefail
npm_dir=$(cd "$1" && pwd) work=$2 source=$(cd "$3" && pwd) node=$4
here=$source/tests/package/npm
tsc=$source/node_modules/.bin/tsc
[ -x "$tsc" ] || { echo "$tsc is missing: run scripts/setup.sh (npm ci)"; exit 1; }
python3 "$source/tests/package/readme_blocks.py" "$source/README.md" check js "$here/example.mjs"
rm -rf "$work" && mkdir -p "$work/app"
work=$(cd "$work" && pwd)

tarball=$(cd "$work" && npm pack --silent "$npm_dir")
echo "packed $tarball:"
contents=$(tar -tzf "$work/$tarball" | sort | tr '\n' ' ')
echo "  $contents"
expected="package/README.md package/index.d.ts package/index.js package/package.json package/tela.mjs package/tela.wasm "
[ "$contents" = "$expected" ] || { echo "expected: $expected"; exit 1; }

cd "$work/app"
printf '{ "name": "app", "private": true, "type": "module" }\n' >package.json
npm install --offline --no-audit --no-fund --silent "../$tarball"
cp "$here/example.mjs" "$here/types.ts" "$here/wrong_types.ts" "$here/page.html" .

out=$("$node" example.mjs)
echo "$out"
[ "$(head -1 <<<"$out")" = "solved [ 0, 4, 0, 4 ] 12" ]
grep -q '^bad.csv:2:5: upper (3) must be greater than lower (3)' <<<"$out"

tsc_flags=(--noEmit --strict --target es2022 --module nodenext --moduleResolution nodenext
           --lib es2022,dom)
"$tsc" "${tsc_flags[@]}" --allowJs --checkJs example.mjs types.ts
echo "tsc: example.mjs and types.ts type-check against index.d.ts"
if "$tsc" "${tsc_flags[@]}" wrong_types.ts >tsc-wrong.log 2>&1; then
  echo "tsc accepted wrong_types.ts: the declarations do not constrain"; exit 1
fi
grep -q "TS2322" tsc-wrong.log && grep -q "TS2322\|TS2769\|TS2345" tsc-wrong.log
echo "tsc: wrong_types.ts is rejected, as it must be"

"$node" "$here/page_test.mjs" "$work/app"
