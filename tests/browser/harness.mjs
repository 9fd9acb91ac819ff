// What the browser tests share: a served site, chromium, a page with the visualizer loaded,
// its state, screenshots as pixels, and a tiny test runner that keeps going after a failure.
import {serve} from '../../web/tests/static_server.mjs';
import {launch} from './browser.mjs';
import {decodePng} from './png.mjs';

export async function createHarness(site) {
  const {server, port} = await serve(site, site);
  const url = `http://127.0.0.1:${port}/`;
  const browser = await launch();
  let failures = 0;

  async function openPage(query = '', context = browser) {
    const page = await context.newPage({viewport: {width: 1400, height: 860}});
    page.errors = [];
    page.on('console', m => { if (m.type() === 'error') page.errors.push(m.text()); });
    page.on('pageerror', e => page.errors.push(String(e)));
    await page.goto(url + query);
    await page.waitForFunction(() => window.telaState && window.telaState().buffers > 0 && !window.telaState().running,
                              null, {timeout: 30000});
    return page;
  }
  const state = page => page.evaluate(() => window.telaState());
  // Waits for a run started in the page's worker to come back.
  const settled = page => page.waitForFunction(() => !window.telaState().running, null, {timeout: 30000});
  const seek = (page, step) => page.evaluate(s => window.telaViz._tela_viz_seek(s), step);
  async function shot(page) {
    await page.waitForTimeout(450);  // past the step's animation
    return decodePng(await page.screenshot());
  }
  async function test(name, body) {
    try {
      await body();
      console.log(`ok   ${name}`);
    } catch (error) {
      ++failures;
      console.log(`FAIL ${name}\n${error.stack || error}`);
    }
  }
  async function finish() {
    await browser.close();
    server.close();
    console.log(failures ? `${failures} browser test(s) failed` : 'all browser tests passed');
    process.exit(failures ? 1 : 0);
  }
  return {browser, url, openPage, state, settled, seek, shot, test, finish};
}

// How many sampled pixels of the canvas area differ between two screenshots.
export function differing(a, b) {
  let count = 0;
  for (let y = 30; y < 600; y += 4) for (let x = 340; x < 1070; x += 4) {
    const p = a.pixel(x, y), q = b.pixel(x, y);
    if (Math.abs(p[0] - q[0]) + Math.abs(p[1] - q[1]) + Math.abs(p[2] - q[2]) > 30) ++count;
  }
  return count;
}
