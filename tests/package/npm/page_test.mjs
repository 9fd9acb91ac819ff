// The installed package imported by a page with no bundler (an ES module from node_modules),
// in Debian's chromium through playwright-core.   node page_test.mjs APP_DIR
import assert from 'node:assert/strict';
import { launch } from '../../browser/browser.mjs';
import { serve } from '../../../web/tests/static_server.mjs';

const app = process.argv[2];
const { server, port } = await serve(app, app);
const browser = await launch();
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', e => errors.push(e.message));
  await page.goto(`http://127.0.0.1:${port}/page.html`);
  await page.waitForFunction(() => window.telaResult || null, null, { timeout: 20000 })
    .catch(e => { throw new Error(`${e.message}; page errors: ${errors.join('; ')}`); });
  const result = await page.evaluate(() => window.telaResult);
  assert.deepEqual(result, { status: 'solved', offsets: [0, 4], valid: true });
  assert.deepEqual(errors, []);
  console.log('page: solved', JSON.stringify(result));
} finally {
  await browser.close();
  server.close();
}
