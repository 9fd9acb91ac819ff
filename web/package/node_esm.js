// Prepended to tela.mjs (--extern-pre-js): Emscripten 3.1.6's ES-module output still calls
// require() and reads __dirname when it runs under Node, and an ES module has neither. They are
// made here, under Node only: a page never evaluates the import of node:module.
const telaNodeModule = typeof process == 'object' && typeof process.versions == 'object' &&
  process.versions.node ? await import('node:module') : null;
const require = telaNodeModule ? telaNodeModule.createRequire(import.meta.url) : undefined;
const __dirname = telaNodeModule
  ? require('node:path').dirname(require('node:url').fileURLToPath(import.meta.url)) : '';
