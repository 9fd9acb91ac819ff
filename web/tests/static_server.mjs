// A tiny static file server for the browser tests (Node's http only, no dependencies): serves
// `root` and, under /build-wasm/web/, the WASM build's output from wherever it was built.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.csv': 'text/csv', '.json': 'application/json' };

function resolve(url, root, buildWeb) {
  let path = decodeURIComponent(new URL(url, 'http://x').pathname);
  if (path.endsWith('/')) path += 'index.html';  // a folder: its page
  const [base, rest] = path.startsWith('/build-wasm/web/')
    ? [buildWeb, path.slice('/build-wasm/web/'.length)] : [root, path];
  const file = normalize(join(base, rest));
  return file.startsWith(normalize(base) + sep) ? file : null;  // nothing outside the roots
}

// Resolves to {server, port} once listening on a free port of 127.0.0.1.
export function serve(root, buildWeb) {
  const server = createServer((request, response) => {
    const file = resolve(request.url, root, buildWeb);
    let ok = false;
    try { ok = file !== null && statSync(file).isFile(); } catch { ok = false; }
    if (!ok) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'Content-Type': types[extname(file)] || 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise(done => server.listen(0, '127.0.0.1', () =>
    done({ server, port: server.address().port })));
}
