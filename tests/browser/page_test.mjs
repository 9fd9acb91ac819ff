// Browser tests of the canvas and the player, driven as a person drives them: real mouse
// clicks at the widgets' rectangles (window.telaWidgets()), wheel notches and keys; never a
// call into the module. Any uncaught page error fails the suite. Usage: node page_test.mjs SITE
import assert from 'node:assert/strict';
import {createHarness, differing} from './harness.mjs';
import {decodePng} from './png.mjs';

const {browser, url, openPage, state, widgets, shot, test, finish, frames, centreOf, click, key, drawnState, settled} =
  await createHarness(process.argv[2]);
const screenshots = process.env.TELA_SCREENSHOTS;

await test('the first view: the built-in example solved, its final allocation drawn, no errors', async () => {
  const page = await openPage();
  const s = await drawnState(page);
  assert.equal(s.buffers, 5);
  assert.equal(s.algo, 'telamalloc');
  assert.equal(s.status, 'solved');
  assert.equal(s.step, s.steps, 'opens on the final allocation');
  assert.equal(s.placed, 5);
  const image = await shot(page);
  const [x0, y0, x1, y1] = (await widgets(page))['canvas.plot'];
  const colours = new Set();
  for (let y = y0 + 5; y < y1; y += 10) for (let x = x0 + 5; x < x1; x += 10) colours.add(image.pixel(x, y).join());
  assert.ok(colours.size >= 6, `only ${colours.size} colours on the canvas`);
  if (screenshots) await page.screenshot({path: `${screenshots}/first-view.png`});
  assert.deepEqual(page.errors, []);
  await page.close();
});

const kExamples = ['input.12', 'backtracks', 'backtracks-major'];
const kPlayerButtons = ['player.first', 'player.previous', 'player.play', 'player.next', 'player.last',
                        'player.previous_backtrack', 'player.next_backtrack', 'player.previous_conflict',
                        'player.next_conflict', 'player.previous_phase', 'player.next_phase'];

// Puts the player at the start or the end with the keyboard, or in the middle with a click
// in the middle of the step slider.
async function goTo(page, where) {
  if (where === 'middle') await click(page, 'player.scrub');
  else await key(page, where === 'end' ? 'End' : 'Home');
}

for (const example of kExamples) {
  await test(`${example}: every player button from the start, the middle and the end`, async () => {
    const page = await openPage(`?example=${example}`);
    for (const button of kPlayerButtons) {
      for (const where of ['start', 'middle', 'end']) {
        await goTo(page, where);
        const before = await drawnState(page);
        await click(page, button);
        if (button === 'player.play') await click(page, 'player.play');  // pause again
        const after = await drawnState(page);
        const context = `${button} from the ${where} (step ${before.step})`;
        assert.ok(after.step >= 0 && after.step <= after.steps, context);
        if (button === 'player.first') assert.equal(after.step, 0, context);
        if (button === 'player.last') assert.equal(after.step, after.steps, context);
        if (button === 'player.next') assert.equal(after.step, Math.min(before.step + 1, before.steps), context);
        if (button === 'player.previous') assert.equal(after.step, Math.max(before.step - 1, 0), context);
        if (button === 'player.next_conflict' && after.step !== before.step) assert.equal(after.event, 'conflict', context);
        assert.deepEqual(page.errors, [], context);
      }
    }
    await page.close();
  });
}

await test('next conflict from step 0 (the crash of the first version) lands on the conflict and draws it', async () => {
  const page = await openPage('?example=backtracks&algo=telamalloc&capacity=6&step=0');
  assert.equal((await state(page)).step, 0);
  await click(page, 'player.next_conflict');
  const s = await drawnState(page);
  assert.equal(s.event, 'conflict');
  if (screenshots) await page.screenshot({path: `${screenshots}/conflict.png`});
  await key(page, 'End');
  assert.equal((await drawnState(page)).step, s.steps);
  assert.deepEqual(page.errors, []);
  await page.close();
});

// Steps with the right arrow key until the current event is `kind`; returns the state there.
async function stepToKind(page, kind) {
  await key(page, 'Home');
  const {steps} = await state(page);
  for (let step = 1; step <= steps; ++step) {
    await key(page, 'ArrowRight');
    const s = await state(page);
    if (s.event === kind) return s;
  }
  throw new Error(`no ${kind} event in the trace`);
}

for (const [example, kind, rgb] of [['backtracks', 'minor-backtrack', [230, 159, 0]],
                                    ['backtracks-major', 'major-backtrack', [200, 16, 46]]]) {
  await test(`a ${kind} shows its colour at the lifted block`, async () => {
    const page = await openPage(`?example=${example}`);
    await stepToKind(page, kind);
    const image = await shot(page);
    if (screenshots) await page.screenshot({path: `${screenshots}/${kind}.png`});
    const [x0, y0, x1, y1] = (await state(page)).event_rect;
    assert.ok(x1 > x0 && y1 > y0, 'the lifted block was not drawn');
    const p = image.pixel((x0 + x1) / 2, (y0 + y1 + 8) / 2);  // below its label
    const distance = Math.abs(p[0] - rgb[0]) + Math.abs(p[1] - rgb[1]) + Math.abs(p[2] - rgb[2]);
    assert.ok(distance < 60, `pixel ${p} is not the ${kind} colour ${rgb}`);
    await page.close();
  });
}

// The view after a wheel event at (x, y), with the data point that was under (x, y) before and
// after (it must not move), and the zoom factor.
async function wheelAt(page, x, y, dispatch) {
  const plot = (await widgets(page))['canvas.plot'];
  const under = (v) => ({
    t: v.time[0] + (x - plot[0]) / (plot[2] - plot[0]) * (v.time[1] - v.time[0]),
    a: v.address[0] + (plot[3] - y) / (plot[3] - plot[1]) * (v.address[1] - v.address[0]),
  });
  const before = (await state(page)).view;
  await page.mouse.move(x, y);
  await frames(page, 2);
  await dispatch();
  await frames(page, 3);
  const after = (await state(page)).view;
  const span = v => v.time[1] - v.time[0];
  return {factor: span(before) / span(after), before: under(before), after: under(after),
          addressFactor: (before.address[1] - before.address[0]) / (after.address[1] - after.address[0])};
}

await test('one wheel notch zooms by a fixed factor about the cursor, in pixel and line mode, both ways', async () => {
  const page = await openPage('?example=input.12');
  const fitted = (await state(page)).view;  // the whole problem
  const [x, y] = await centreOf(page, 'canvas.plot');
  const px = x - 80, py = y + 40;
  const line = deltaY => () => page.evaluate(([cx, cy, d]) => document.getElementById('canvas').dispatchEvent(
    new WheelEvent('wheel', {deltaY: d, deltaMode: 1, clientX: cx, clientY: cy, bubbles: true, cancelable: true})),
    [px, py, deltaY]);
  const cases = [['pixel, up', () => page.mouse.wheel(0, -100), 'in'], ['pixel, down', () => page.mouse.wheel(0, 100), 'out'],
                 ['line, up', line(-3), 'in'], ['line, down', line(3), 'out']];
  for (const [name, dispatch, direction] of cases) {
    const r = await wheelAt(page, px, py, dispatch);
    const f = direction === 'in' ? r.factor : 1 / r.factor;
    assert.ok(f >= 1.05 && f <= 1.5, `${name}: zoom factor ${r.factor}`);
    assert.ok(Math.abs(r.addressFactor - r.factor) < 1e-6, `${name}: both axes zoom alike`);
    assert.ok(Math.abs(r.after.t - r.before.t) < 0.02 * 12, `${name}: the time under the cursor moved`);
    assert.ok(Math.abs(r.after.a - r.before.a) < 0.02 * 14, `${name}: the address under the cursor moved`);
  }
  // Fifty notches out stop at a few times the whole problem, and sixty in at one unit.
  for (let i = 0; i < 50; ++i) await page.mouse.wheel(0, 100);
  await frames(page, 3);
  let v = (await state(page)).view;
  const span = w => [w.time[1] - w.time[0], w.address[1] - w.address[0]];
  assert.ok(span(v)[0] <= 4 * span(fitted)[0] + 1e-9 && span(v)[1] <= 4 * span(fitted)[1] + 1e-9, JSON.stringify(v));
  for (let i = 0; i < 60; ++i) await page.mouse.wheel(0, -100);
  await frames(page, 3);
  v = (await state(page)).view;
  assert.ok(v.time[1] - v.time[0] >= 1 - 1e-9 && v.address[1] - v.address[0] >= 1 - 1e-9, JSON.stringify(v));
  await key(page, 'f');  // typed 'f' fits the view again
  await page.keyboard.type('f');
  await frames(page, 3);
  v = (await state(page)).view;
  assert.ok(v.time[0] <= 0 && v.time[1] >= 7, JSON.stringify(v));
  assert.deepEqual(page.errors, []);
  await page.close();
});

await test('keys: w and s zoom time about the cursor, a and d pan it, - and + halve and double the speed', async () => {
  const page = await openPage('?example=input.12');
  const [x, y] = await centreOf(page, 'canvas.plot');
  const typed = c => () => page.keyboard.type(c);
  const r = await wheelAt(page, x - 80, y, typed('w'));
  assert.ok(Math.abs(r.factor - 1.2) < 1e-6, `w zooms by a notch: ${r.factor}`);
  assert.ok(Math.abs(r.after.t - r.before.t) < 1e-6, 'the time under the cursor stays');
  assert.equal(r.addressFactor, 1, 'addresses stay as they were');
  const out = await wheelAt(page, x - 80, y, typed('s'));
  assert.ok(Math.abs(out.factor - 1 / 1.2) < 1e-6, `s zooms out by a notch: ${out.factor}`);
  await page.keyboard.type('w');
  await frames(page, 3);
  const zoomed = (await state(page)).view;
  const span = zoomed.time[1] - zoomed.time[0];
  await page.keyboard.type('d');
  await frames(page, 3);
  let v = (await state(page)).view;
  assert.ok(Math.abs(v.time[0] - (zoomed.time[0] + span / 10)) < 1e-6, `d pans right a tenth: ${JSON.stringify(v)}`);
  await page.keyboard.type('a');
  await frames(page, 3);
  v = (await state(page)).view;
  assert.ok(Math.abs(v.time[0] - zoomed.time[0]) < 1e-6, `a pans back left a tenth: ${JSON.stringify(v)}`);
  const speed = (await state(page)).events_per_second;
  await page.keyboard.type('+');
  await frames(page, 2);
  assert.equal((await state(page)).events_per_second, speed * 2);
  await page.keyboard.type('--');
  await frames(page, 2);
  assert.equal((await state(page)).events_per_second, speed / 2);
  assert.deepEqual(page.errors, []);
  await page.close();
});

await test('keys: ? shows the shortcuts and Escape hides them; c and b jump to the next conflict and backtrack', async () => {
  const page = await openPage('?example=backtracks&step=0');
  await page.keyboard.type('?');
  await frames(page, 3);
  assert.equal((await state(page)).shortcuts, true);
  assert.ok((await widgets(page))['shortcuts.close'], 'the overlay has a close button');
  if (screenshots) await page.screenshot({path: `${screenshots}/shortcuts.png`});
  await key(page, 'Escape');
  assert.equal((await state(page)).shortcuts, false);
  await page.keyboard.type('c');
  assert.equal((await drawnState(page)).event, 'conflict');
  await page.keyboard.type('b');
  assert.match((await drawnState(page)).event, /backtrack/);
  await page.keyboard.type('C');
  assert.equal((await drawnState(page)).event, 'conflict');
  await page.close();
});

await test('on a HiDPI screen the canvas holds device pixels; drawing and clicks stay where the CSS says', async () => {
  const context = await browser.newContext({viewport: {width: 1400, height: 860}, deviceScaleFactor: 2});
  const page = await openPage('?example=backtracks', context);
  const size = await page.evaluate(() => {
    const c = document.getElementById('canvas');
    return [c.width, c.height, c.clientWidth, c.clientHeight];
  });
  assert.deepEqual(size, [2800, 1720, 1400, 860]);
  assert.equal((await state(page)).pixel_ratio, 2);
  const s = await stepToKind(page, 'minor-backtrack');
  await page.waitForTimeout(450);  // past the step's animation
  const image = decodePng(await page.screenshot({scale: 'css'}));
  const [x0, y0, x1, y1] = s.event_rect;  // CSS pixels
  const p = image.pixel((x0 + x1) / 2, (y0 + y1 + 8) / 2);
  const distance = Math.abs(p[0] - 230) + Math.abs(p[1] - 159) + Math.abs(p[2] - 0);
  assert.ok(distance < 60, `pixel ${p} at the lifted block is not the minor-backtrack colour`);
  // A step back the block is in place, 12 px below its lifted drawing: well inside its height.
  await key(page, 'ArrowLeft');
  await page.waitForTimeout(450);
  await page.mouse.click((x0 + x1) / 2, (y0 + y1) / 2);
  await page.waitForFunction(b => window.telaState().selected === b, s.event_buffer, {timeout: 5000});
  await context.close();
});

// Another problem is a new entry of the tab's history: Back returns to the one before (it left
// the page), Forward comes back; a step taken changes the entry in place.
await test('Back and Forward move between the problems opened, and stay on the page', async () => {
  const page = await openPage('?example=backtracks');
  await click(page, 'open.header');
  await click(page, 'open.example.input.12');
  await page.waitForFunction(() => window.telaState().name === 'input.12' && !window.telaState().running, null,
                             {timeout: 10000});
  await page.waitForFunction(() => location.search.includes('example=input.12'), null, {timeout: 5000});
  await key(page, 'Home');
  await page.waitForFunction(() => location.search.includes('step=0'), null, {timeout: 5000});
  await page.goBack();
  await page.waitForFunction(() => window.telaState().name === 'backtracks' && !window.telaState().running, null,
                             {timeout: 10000});
  assert.match(page.url(), /example=backtracks/);
  const back = await drawnState(page);
  assert.equal(back.step, back.steps, 'the entry names no step: the final allocation');
  await page.goForward();
  await page.waitForFunction(() => window.telaState().name === 'input.12' && !window.telaState().running, null,
                             {timeout: 10000});
  assert.equal((await drawnState(page)).step, 0, 'the step taken there was kept in its entry');
  await page.close();
});

await test('the URL records the view, and a reload restores it', async () => {
  const page = await openPage('?example=backtracks&step=0');
  for (let i = 0; i < 7; ++i) await key(page, 'ArrowRight');
  assert.equal((await state(page)).step, 7);
  await page.waitForFunction(() => location.search.includes('step=7'), null, {timeout: 5000});
  const search = new URL(page.url()).search;
  assert.match(search, /example=backtracks/);
  assert.match(search, /algo=telamalloc/);
  assert.match(search, /capacity=6/);
  await page.reload();
  await page.waitForFunction(() => window.telaState && window.telaState().buffers > 0, null, {timeout: 30000});
  const s = await drawnState(page);
  assert.equal(s.step, 7);
  assert.equal(s.name, 'backtracks');
  // At the end the link names no step: a reload opens on the final allocation, however many
  // steps the new solve takes.
  await key(page, 'End');
  await page.waitForFunction(() => !location.search.includes('step='), null, {timeout: 5000});
  await page.reload();
  await page.waitForFunction(() => window.telaState && window.telaState().buffers > 0, null, {timeout: 30000});
  const last = await drawnState(page);
  assert.equal(last.step, last.steps);
  await page.close();
});

// In a window of 1024 x 700 the player's controls wrap inside its bar: each is in view, inside
// the bar, and does what it says when clicked.
await test('a narrow window: every player control inside its bar, and the next conflict reached by a click', async () => {
  const page = await openPage('?example=backtracks-major');
  await page.setViewportSize({width: 1024, height: 700});
  await frames(page, 4);
  const w = await widgets(page);
  const canvas = w['canvas.plot'], left = w['canvas.address_axis'][0];  // the centre column, axis and plot
  for (const name of [...kPlayerButtons, 'player.pause_at_backtracks', 'player.speed', 'player.scrub']) {
    const [x0, y0, x1, y1] = w[name];
    assert.ok(x0 >= left - 20 && x1 <= canvas[2] + 20, `${name} at x ${x0}-${x1}, the column ${left}-${canvas[2]}`);
    assert.ok(y0 > canvas[3] && y1 <= 700, `${name} at y ${y0}-${y1}, under the canvas (${canvas[3]}) and on screen`);
  }
  await key(page, 'Home');
  await click(page, 'player.next_conflict');
  const s = await drawnState(page);
  assert.equal(s.event, 'conflict');
  if (screenshots) await page.screenshot({path: `${screenshots}/narrow-1024.png`});
  await page.close();
});

// A phone held upright (390 x 844): the canvas and player span the width above the side
// panels and the event log, every control is on screen, and each does its job when tapped.
await test('a phone held upright: canvas and player above the panels, every control on screen and working', async () => {
  const page = await openPage('?example=backtracks-major');
  await page.setViewportSize({width: 390, height: 844});
  await frames(page, 4);
  const w = await widgets(page);
  const canvas = w['canvas.plot'];
  assert.ok(canvas[2] - canvas[0] > 250, `the canvas is ${canvas[2] - canvas[0]} px wide`);
  for (const name of [...kPlayerButtons, 'player.pause_at_backtracks', 'player.speed', 'player.scrub', 'tabs.events',
                      'tabs.live', 'tabs.region']) {
    const [x0, y0, x1, y1] = w[name];
    assert.ok(x0 >= 0 && x1 <= 390 && y0 > canvas[3] && y1 <= 844, `${name} at ${x0},${y0}-${x1},${y1}`);
  }
  await key(page, 'Home');
  await click(page, 'player.next_conflict');
  assert.equal((await drawnState(page)).event, 'conflict');
  await click(page, 'tabs.live');
  await click(page, 'live.peak');
  assert.ok((await state(page)).live.bytes > 0, 'At peak lists what is live');
  await click(page, 'run.run');
  await settled(page);
  assert.equal((await drawnState(page)).status, 'solved');
  if (screenshots) await page.screenshot({path: `${screenshots}/phone-390.png`});
  await page.close();
});

// Fingers on a touch screen, dispatched by the browser's own input (CDP), as a phone's touches
// arrive: a tap presses a button (a touch the browser cancels presses nothing), one finger
// dragged pans the canvas, two spread apart zoom in about their midpoint, a swipe scrolls the
// side panel, and the page itself neither scrolls nor zooms.
await test('touch: a tap presses a button (a cancelled touch does not), a drag pans, a pinch zooms, a swipe scrolls a panel', async () => {
  const context = await browser.newContext({viewport: {width: 390, height: 844}, hasTouch: true});
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  await page.goto(url + '?example=challenging-B.1048576');
  await page.waitForFunction(() => window.telaState && window.telaState().buffers > 0 && !window.telaState().running,
                             null, {timeout: 60000});
  await frames(page, 3);
  const tap = async name => { const [x, y] = await centreOf(page, name); await page.touchscreen.tap(x, y); await frames(page, 4); };
  if ((await state(page)).tour_step >= 0) await tap('tour.skip');
  assert.equal((await state(page)).tour_step, -1, 'the tour\'s Skip, tapped');
  await tap('player.first');
  assert.equal((await state(page)).step, 0, '|< tapped');
  await tap('player.next');
  assert.equal((await state(page)).step, 1, '> tapped');
  const touch = await context.newCDPSession(page);
  // A touch the browser cancels (a system gesture took it) is no tap.
  const [nx, ny] = await centreOf(page, 'player.next');
  await touch.send('Input.dispatchTouchEvent', {type: 'touchStart', touchPoints: [{x: nx, y: ny}]});
  await frames(page, 2);
  await touch.send('Input.dispatchTouchEvent', {type: 'touchCancel', touchPoints: []});
  await frames(page, 4);
  assert.equal((await state(page)).step, 1, 'a cancelled touch on > does not step');
  const [x, y] = await centreOf(page, 'canvas.plot');
  const span = v => v.time[1] - v.time[0];
  // Two fingers 40 px apart spread to 160 px: 4x, about 7.6 notches of 1.2.
  const before = (await state(page)).view;
  await touch.send('Input.dispatchTouchEvent', {type: 'touchStart', touchPoints: [{x: x - 20, y, id: 1}, {x: x + 20, y, id: 2}]});
  for (let i = 1; i <= 10; ++i) {
    await touch.send('Input.dispatchTouchEvent', {type: 'touchMove', touchPoints: [{x: x - 20 - 6 * i, y, id: 1}, {x: x + 20 + 6 * i, y, id: 2}]});
    await frames(page, 1);
  }
  await touch.send('Input.dispatchTouchEvent', {type: 'touchEnd', touchPoints: []});
  await frames(page, 3);
  const zoomed = (await state(page)).view;
  assert.ok(Math.abs(span(before) / span(zoomed) - 4) < 0.5, `pinched from ${span(before)} to ${span(zoomed)}`);
  assert.equal((await state(page)).step, 1, 'a pinch is no tap');
  // One finger dragged 80 px to the left: the view moves right by 80 px worth of time.
  const w = (await widgets(page))['canvas.plot'];
  await touch.send('Input.dispatchTouchEvent', {type: 'touchStart', touchPoints: [{x, y}]});
  await frames(page, 2);
  for (let i = 1; i <= 10; ++i) {
    await touch.send('Input.dispatchTouchEvent', {type: 'touchMove', touchPoints: [{x: x - 8 * i, y}]});
    await frames(page, 1);
  }
  await touch.send('Input.dispatchTouchEvent', {type: 'touchEnd', touchPoints: []});
  await frames(page, 3);
  const panned = (await state(page)).view;
  const expected = 80 / (w[2] - w[0]) * span(zoomed);
  assert.ok(Math.abs(panned.time[0] - zoomed.time[0] - expected) < expected * 0.15,
            `panned by ${panned.time[0] - zoomed.time[0]}, expected ${expected}`);
  assert.equal(await page.evaluate(() => [scrollX, scrollY].join()), '0,0', 'the page did not scroll');
  // A swipe up on the side panel, from the Problem panel's first row (text: no widget there),
  // scrolls it.
  const header = (await widgets(page))['export.header'], problem = (await widgets(page))['problem.header'];
  const sx = problem[6] - 8, sy = problem[3] + 10;
  await touch.send('Input.dispatchTouchEvent', {type: 'touchStart', touchPoints: [{x: sx, y: sy}]});
  await frames(page, 2);
  for (let i = 1; i <= 10; ++i) {
    await touch.send('Input.dispatchTouchEvent', {type: 'touchMove', touchPoints: [{x: sx, y: sy - 15 * i}]});
    await frames(page, 1);
  }
  await touch.send('Input.dispatchTouchEvent', {type: 'touchEnd', touchPoints: []});
  await frames(page, 3);
  const after = (await widgets(page))['export.header'];
  assert.ok(after[1] < header[1] - 100, `the side panel scrolled: Export's header from y ${header[1]} to ${after[1]}`);
  if (screenshots) await page.screenshot({path: `${screenshots}/touch-390.png`});
  assert.deepEqual(errors, []);
  await context.close();
});

// auto's run names the stage that answered ("auto (best-fit)"), which is no algorithm a link
// can ask for: the URL keeps the id chosen, and a reload solves again.
await test('the URL of an auto run asks for auto, and a reload solves it again', async () => {
  const page = await openPage('?example=input.12&algo=auto&step=0');
  const s = await drawnState(page);
  assert.match(s.algo, /^auto \(/);
  await page.waitForFunction(() => location.search.includes('algo='), null, {timeout: 5000});
  const search = new URL(page.url()).search;
  assert.match(search, /algo=auto(&|$)/);
  await page.reload();
  await page.waitForFunction(() => window.telaState && window.telaState().buffers > 0, null, {timeout: 30000});
  const again = await drawnState(page);
  assert.equal(again.status, 'solved', again.message);
  assert.equal(again.algo, s.algo);
  await page.close();
});

// The page makes at most 100,000 buffers: its name and its link say what it made, not what was asked.
await test('a generated problem above the page\'s 100,000 buffers is named and linked as made', async () => {
  const page = await openPage('?gen=random,250000,2&algo=best-fit');
  const s = await drawnState(page);
  assert.equal(s.buffers, 100000);
  assert.equal(s.name, 'generated random,100000,2');
  assert.match(s.message, /250000 buffers asked; the page makes 100000 at most/, 'the cut is said with the outcome');
  await page.waitForFunction(() => location.search.includes('gen=random,100000,2'), null, {timeout: 5000});
  await page.close();
});

await test('10,000 buffers: generated, solved, drawn, zoomed in (frame time reported)', async () => {
  const page = await openPage('?gen=ml,10000,1&algo=best-fit');
  const s = await drawnState(page);
  assert.equal(s.buffers, 10000);
  assert.equal(s.placed, 10000);
  const [x, y] = await centreOf(page, 'canvas.plot');
  await page.mouse.move(x, y);
  for (let i = 0; i < 12; ++i) await page.mouse.wheel(0, -100);
  await page.waitForTimeout(3000);
  const ms = await page.evaluate(() => window.telaFrameMs);
  const ui = (await state(page)).ui_ms;
  if (screenshots) await page.screenshot({path: `${screenshots}/10k-zoomed.png`});
  console.log(`     10,000 buffers placed: ${ms.toFixed(1)} ms per frame, of which ${ui.toFixed(1)} ms ` +
              `builds the UI (medians, the module's own counters; the rest is SwiftShader drawing)`);
  assert.ok(Number.isFinite(ms) && ms > 0, `frame time ${ms}`);  // a figure, not a limit: CI is loaded
  await page.close();
});

await finish();
