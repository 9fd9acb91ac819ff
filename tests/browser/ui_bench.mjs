// The page's own per-frame work at scale, as `tela bench` prints solver figures: loads a large
// generated problem, then pans, zooms, hovers, searches and scrubs with the real mouse and
// keyboard, and prints the median and 99th percentile of the UI's per-frame time (the module's
// counter around building the panels and the canvas; the draw calls and software WebGL are
// left out, as they are the machine's, not the viewer's). Not a test: it asserts nothing about
// time. Usage: node ui_bench.mjs SITE [COUNT=100000] [FRAMES=60] [ALGO=best-fit] (telamalloc
// records up to the page's 10^6 events on a large problem).
import {createHarness} from './harness.mjs';

const [site, count = '100000', framesPerAction = '60', algo = 'best-fit'] = process.argv.slice(2);
const {openPage, state, frames, centreOf, click, finish} = await createHarness(site);
const page = await openPage(`?gen=ml,${count},1&algo=${algo}`, undefined, {timeout: 300000});
const n = Number(framesPerAction);

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

// Runs `step` once a frame for n frames, then reads the UI's time of each of those frames.
async function measure(name, step) {
  for (let i = 0; i < n; ++i) {
    await step(i);
    await frames(page, 1);
  }
  const recent = (await state(page)).ui_ms_recent.slice(-n);
  console.log(`${name.padEnd(12)} ${quantile(recent, 0.5).toFixed(2).padStart(8)} ${quantile(recent, 0.99).toFixed(2).padStart(8)}`);
}

const [cx, cy] = await centreOf(page, 'canvas.plot');
const s = await state(page);
console.log(`${s.buffers} buffers, ${s.steps} events; UI ms per frame (median, 99th percentile), ${n} frames each`);
console.log(`${'action'.padEnd(12)} ${'median'.padStart(8)} ${'p99'.padStart(8)}`);
await measure('idle', async () => {});
await page.mouse.move(cx, cy);
await measure('zoom', async i => page.mouse.wheel(0, i < n / 2 ? -100 : 100));
await page.mouse.down();
await measure('pan', async i => page.mouse.move(cx + 4 * Math.sin(i / 5) * 40, cy));
await page.mouse.up();
await measure('hover', async i => page.mouse.move(cx - 200 + 7 * i, cy - 100 + 3 * i));
await click(page, 'search.text');
await measure('search', async i => (i % 2 ? page.keyboard.press('Backspace') : page.keyboard.type('7')));
await page.keyboard.press('Escape');
await click(page, 'load.plot');
const [lx, ly] = await centreOf(page, 'load.plot');
await measure('live table', async i => page.mouse.click(lx - 150 + 5 * i, ly));  // a new time each frame
await measure('scrub', async i => page.keyboard.press(i % 2 ? 'ArrowLeft' : 'ArrowRight'));
await page.close();
await finish();
