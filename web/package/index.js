// tela for JavaScript: the allocator's C++ core compiled to WebAssembly, as an ES module for
// Node and for pages without a bundler. Types and every field: index.d.ts.
//
//   import createTela from 'tela';
//   const tela = await createTela();
//   const { problem, error } = tela.loadProblem(csvText, 'input.csv', 12);
//   const { run } = problem.solve('auto', { timeout: 10 });
//   run.status(), run.offsets(), run.validate().ok; run.delete(); problem.delete();
import factory from './tela.mjs';

const isNode = typeof process == 'object' && typeof process.versions == 'object' &&
  Boolean(process.versions.node);

// Loads the module (tela.wasm, beside this file). `options` are Emscripten's module options
// (locateFile, wasmBinary, print, printErr...), for pages that serve tela.wasm elsewhere.
export default async function createTela(options = {}) {
  if (isNode && !options.wasmBinary && !options.locateFile) {
    // Emscripten 3.1.6 would fetch() a file path under Node 18+, which fails: hand it the bytes.
    const { readFile } = await import('node:fs/promises');
    options = { ...options, wasmBinary: await readFile(new URL('./tela.wasm', import.meta.url)) };
  }
  return factory(options);
}
