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
  const pageErrors = [];  // every uncaught error of every page: any one fails the suite

  // Opens the page and waits for its first run; the first-visit tour is skipped by its button
  // unless the test wants it.
  async function openPage(query = '', context = browser, {keepTour = false, timeout = 30000} = {}) {
    const page = await context.newPage({viewport: {width: 1400, height: 860}});
    page.errors = [];
    page.on('console', m => { if (m.type() === 'error') page.errors.push(m.text()); });
    page.on('pageerror', e => { page.errors.push(String(e)); pageErrors.push(`${query}: ${e}`); });
    await page.goto(url + query);
    await page.waitForFunction(() => window.telaState && window.telaState().buffers > 0 && !window.telaState().running,
                              null, {timeout});
    if (!keepTour && (await state(page)).tour_step >= 0) await click(page, 'tour.skip');
    return page;
  }
  const state = page => page.evaluate(() => window.telaState());
  const widgets = page => page.evaluate(() => window.telaWidgets());
  // Waits for a run started in the page's worker to come back.
  const settled = page => page.waitForFunction(() => !window.telaState().running, null, {timeout: 30000});
  async function shot(page) {
    await page.waitForTimeout(450);  // past the step's animation
    return decodePng(await page.screenshot());
  }
  // Waits for the page to draw `n` more frames (ImGui reads input once per frame).
  const frames = (page, n = 2) => page.evaluate(count => new Promise(done => {
    let k = 0;
    const tick = () => (++k >= count ? done() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  }), n);
  // The centre of a widget the page drew last frame, by its stable name (viz/ui/widgets.h).
  async function centreOf(page, name) {
    const w = (await widgets(page))[name];
    if (!w) throw new Error(`no widget '${name}' on screen (${Object.keys(await widgets(page)).join(', ')})`);
    return [(w[0] + w[2]) / 2, (w[1] + w[3]) / 2];
  }
  // Wheel notches over the widget's window until it is in what that window shows, as a person
  // scrolls to a widget below the fold (the side column holds more panels than a window
  // shows). Each widget comes with its window's visible rectangle (viz/ui/widgets.h).
  async function scrollTo(page, name) {
    for (let notch = 0; notch < 40; ++notch) {
      const w = (await widgets(page))[name];
      if (!w || (w[1] >= w[5] - 1 && w[3] <= w[7] + 1)) return;  // unknown: centreOf says so
      await page.mouse.move((w[4] + w[6]) / 2, (w[5] + w[7]) / 2);
      await page.mouse.wheel(0, w[1] < w[5] ? -100 : 100);
      await frames(page, 2);
    }
    throw new Error(`${name} never came into view`);
  }
  // A real click at the widget's rectangle (scrolled to first), then the frames that act on it.
  async function click(page, name) {
    await scrollTo(page, name);
    const [x, y] = await centreOf(page, name);
    await page.mouse.click(x, y);
    await frames(page, 3);
  }
  // A key held until the page has drawn exactly one frame with it down, as a key press is held
  // (ImGui 1.86 keeps no key queue: a press and release inside one frame would be lost; held
  // for many slow frames, it would repeat).
  async function key(page, name) {
    const frame = (await state(page)).frame;
    await page.keyboard.down(name);
    await page.waitForFunction(f => window.telaState().frame > f, frame, {timeout: 10000});
    await page.keyboard.up(name);
    await frames(page, 2);
  }
  // The state after the page has drawn it: the step shown must be the state's step.
  async function drawnState(page) {
    await frames(page, 2);
    const s = await state(page);
    if (s.drawn_step !== s.step) throw new Error(`the canvas shows step ${s.drawn_step}, the state says ${s.step}`);
    return s;
  }
  async function test(name, body) {
    if (process.env.TELA_TEST_FILTER && !name.includes(process.env.TELA_TEST_FILTER)) return;
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
    if (pageErrors.length) {
      ++failures;
      console.log(`FAIL uncaught errors in the pages:\n${pageErrors.join('\n')}`);
    }
    console.log(failures ? `${failures} browser test(s) failed` : 'all browser tests passed');
    process.exit(failures ? 1 : 0);
  }
  return {browser, url, openPage, state, widgets, settled, shot, test, finish, frames, centreOf, scrollTo, click, key,
          drawnState};
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
