#!/usr/bin/env node
// tela for Node: `node web/tela-node.mjs solve|validate|stats|trace ...` takes the arguments of
// build/tela and gives the same output, files and exit codes, because it runs the same CLI
// sources (cli/*.cpp) compiled to WebAssembly (build-wasm/web/tela-cli.js, built by
// `emcmake cmake -S . -B build-wasm && cmake --build build-wasm`). Node's file system is the
// module's (NODERAWFS), so paths mean what they mean to build/tela.
//
// TELA_CLI_JS overrides where tela-cli.js is looked for.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const cli = process.env.TELA_CLI_JS ||
  fileURLToPath(new URL('../build-wasm/web/tela-cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write(`tela-node: ${cli} is missing; build it first:\n` +
    '  emcmake cmake -S . -B build-wasm -DCMAKE_BUILD_TYPE=Release && cmake --build build-wasm -j2\n');
  process.exit(2);
}
// Emscripten 3.1.6 loads its .wasm with fetch() whenever fetch exists, and Node 20's fetch
// cannot read a file path ("Failed to parse URL"). Without fetch it reads the file with fs,
// which is what `node --no-experimental-fetch` achieves, without asking the user for a flag.
delete globalThis.fetch;
// The module reads its arguments from process.argv.slice(2) (the user's, as given to this
// script), runs main() and, built with EXIT_RUNTIME, exits the process with main's exit code.
createRequire(import.meta.url)(cli);
