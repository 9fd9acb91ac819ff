// Browser tests of the page (the visualizer issue): loads it in headless chromium and checks
// what a user sees. Usage: node page_test.mjs SITE_DIR
import assert from 'node:assert/strict';
import {createHarness, differing} from './harness.mjs';
import {decodePng} from './png.mjs';

const {browser, openPage, state, seek, shot, test, finish} = await createHarness(process.argv[2]);

await test('the page loads the built-in example with its TelaMalloc trace, no console errors', async () => {
  const page = await openPage();
  const s = await state(page);
  for (const key of ['buffers', 'algo', 'step', 'steps', 'placed', 'peak', 'status']) assert.ok(key in s, key);
  assert.equal(s.buffers, 5);
  assert.equal(s.algo, 'telamalloc');
  assert.equal(s.status, 'solved');
  assert.equal(s.step, 0);
  assert.deepEqual(page.errors, []);
  await page.close();
});

await test('the canvas is not blank, and stepping changes the picture', async () => {
  const page = await openPage();
  const before = await shot(page);
  const colours = new Set();
  for (let y = 40; y < 600; y += 10) for (let x = 340; x < 1070; x += 10) colours.add(before.pixel(x, y).join());
  assert.ok(colours.size >= 3, `only ${colours.size} colours on the canvas`);
  await seek(page, 3);  // the first placement
  const after = await shot(page);
  assert.equal((await state(page)).placed, 1);
  assert.ok(differing(before, after) > 100, 'the placement did not change the canvas');
  await page.close();
});

await test('play reaches the end of the trace', async () => {
  const page = await openPage();
  await page.evaluate(() => window.telaViz._tela_viz_set_playing(1));
  await page.waitForFunction(() => { const s = window.telaState(); return s.step === s.steps; }, null, {timeout: 15000});
  const s = await state(page);
  assert.equal(s.placed, 5);
  assert.equal(s.peak, s.final_peak);
  await page.close();
});

// Steps until the current event is `kind`; returns the state there.
async function seekToKind(page, kind) {
  const {steps} = await state(page);
  for (let step = 1; step <= steps; ++step) {
    await seek(page, step);
    const s = await state(page);
    if (s.event === kind) return s;
  }
  throw new Error(`no ${kind} event in the trace`);
}

for (const [example, kind, rgb] of [['backtracks', 'minor-backtrack', [230, 159, 0]],
                                    ['backtracks-major', 'major-backtrack', [213, 94, 0]]]) {
  await test(`a ${kind} shows its colour at the lifted block`, async () => {
    const page = await openPage(`?example=${example}`);
    await seekToKind(page, kind);
    const image = await shot(page);
    if (process.env.TELA_SCREENSHOTS) await page.screenshot({path: `${process.env.TELA_SCREENSHOTS}/${kind}.png`});
    const [x0, y0, x1, y1] = (await state(page)).event_rect;
    assert.ok(x1 > x0 && y1 > y0, 'the lifted block was not drawn');
    const p = image.pixel((x0 + x1) / 2, (y0 + y1) / 2);
    const distance = Math.abs(p[0] - rgb[0]) + Math.abs(p[1] - rgb[1]) + Math.abs(p[2] - rgb[2]);
    assert.ok(distance < 60, `pixel ${p} is not the ${kind} colour ${rgb}`);
    assert.deepEqual(page.errors, []);
    await page.close();
  });
}

await test('on a HiDPI screen the canvas holds device pixels; drawing and clicks stay where the CSS says', async () => {
  const context = await browser.newContext({viewport: {width: 1400, height: 860}, deviceScaleFactor: 2});
  const page = await openPage('?example=backtracks', context);
  const size = await page.evaluate(() => {
    const c = document.getElementById('canvas');
    return [c.width, c.height, c.clientWidth, c.clientHeight];
  });
  assert.deepEqual(size, [2800, 1720, 1400, 860]);
  assert.equal((await state(page)).pixel_ratio, 2);
  const s = await seekToKind(page, 'minor-backtrack');
  await page.waitForTimeout(450);  // past the step's animation
  const image = decodePng(await page.screenshot({scale: 'css'}));
  const [x0, y0, x1, y1] = s.event_rect;  // CSS pixels
  const p = image.pixel((x0 + x1) / 2, (y0 + y1) / 2);
  const distance = Math.abs(p[0] - 230) + Math.abs(p[1] - 159) + Math.abs(p[2] - 0);
  assert.ok(distance < 60, `pixel ${p} at the lifted block is not the minor-backtrack colour`);
  // A step back the block is in place, 12 px below its lifted drawing: well inside its height.
  await seek(page, s.step - 1);
  await page.waitForTimeout(450);
  await page.mouse.click((x0 + x1) / 2, (y0 + y1) / 2);
  await page.waitForFunction(b => window.telaState().selected === b, s.event_buffer, {timeout: 5000});
  assert.deepEqual(page.errors, []);
  await context.close();
});

await test('the URL records the view, and a reload restores it', async () => {
  const page = await openPage('?example=backtracks');
  await seek(page, 7);
  await page.waitForFunction(() => location.search.includes('step=7'), null, {timeout: 5000});
  const search = new URL(page.url()).search;
  assert.match(search, /example=backtracks/);
  assert.match(search, /algo=telamalloc/);
  assert.match(search, /capacity=6/);
  await page.reload();
  await page.waitForFunction(() => window.telaState && window.telaState().buffers > 0, null, {timeout: 30000});
  const s = await state(page);
  assert.equal(s.step, 7);
  assert.equal(s.name, 'backtracks');
  await page.close();
});

await test('a bad file leaves the current problem as it was, with a message naming the line', async () => {
  const page = await openPage();
  const before = await state(page);
  await page.evaluate(() => window.telaViz.ccall('tela_viz_load_csv', null,
      ['string', 'string', 'number', 'string'], ['id,lower,upper,size\na,0,2,4\nb,5,3,1\n', 'bad.csv', 0, '']));
  const after = await state(page);
  assert.match(after.message, /^bad\.csv:3:/);
  assert.equal(after.buffers, before.buffers);
  assert.equal(after.steps, before.steps);
  await page.close();
});

await test('10,000 buffers: generated, solved, drawn (frame time reported)', async () => {
  const page = await openPage('?gen=ml,10000,1&algo=best-fit');
  const s = await state(page);
  assert.equal(s.buffers, 10000);
  await seek(page, s.steps);
  assert.equal((await state(page)).placed, 10000);
  await page.waitForTimeout(3000);
  const ms = await page.evaluate(() => window.telaFrameMs);
  const ui = (await state(page)).ui_ms;
  if (process.env.TELA_SCREENSHOTS) await page.screenshot({path: `${process.env.TELA_SCREENSHOTS}/10k.png`});
  console.log(`     10,000 buffers placed: ${ms.toFixed(1)} ms per frame, of which ${ui.toFixed(1)} ms ` +
              `builds the UI (medians, the module's own counters; the rest is SwiftShader drawing)`);
  assert.ok(ms > 0 && ms < 1000, `frame time ${ms}`);
  assert.deepEqual(page.errors, []);
  await page.close();
});

await finish();
