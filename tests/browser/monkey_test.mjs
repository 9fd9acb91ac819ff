// A random "monkey": 2,000 random clicks, drags, wheel notches and keys over the whole page,
// on several examples and seeds. No uncaught error may occur, and at every check the state
// must hold together: the step within the trace, the canvas showing the state's step, the view
// finite and sane. Usage: node monkey_test.mjs SITE [SEEDS] [EVENTS]
import assert from 'node:assert/strict';
import {createHarness} from './harness.mjs';

const {openPage, state, test, finish, frames, drawnState} = await createHarness(process.argv[2]);
const seeds = Number(process.argv[3] || 5), events = Number(process.argv[4] || 2000);
const kPages = ['?example=backtracks', '?example=backtracks-major', '?example=input.12&capacity=10',
                '?example=fits-but-infeasible', '?gen=ml,300,2&algo=greedy'];
const kKeys = ['ArrowLeft', 'ArrowRight', 'Home', 'End', ' ', 'c', 'C', 'b', 'B', 'f', '?', 'Escape', 'Enter', 'w', 'a', 's', 'd', '-', '+'];

function random(seed) {  // mulberry32: the same seed, the same monkey
  return () => {
    seed = (seed + 0x6D2B79F5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function checkConsistent(page, context) {
  const s = await drawnState(page);
  assert.ok(s.step >= 0 && s.step <= s.steps, `${context}: step ${s.step} of ${s.steps}`);
  for (const value of [...s.view.time, ...s.view.address]) assert.ok(Number.isFinite(value), `${context}: view ${JSON.stringify(s.view)}`);
  assert.ok(s.view.time[1] - s.view.time[0] >= 1 - 1e-9, `${context}: time span ${JSON.stringify(s.view)}`);
  assert.deepEqual(s.id_collisions, [], context);
}

async function act(page, next) {
  const x = next() * 1400, y = next() * 860, r = next();
  if (r < 0.35) await page.mouse.click(x, y);
  else if (r < 0.5) {
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + (next() - 0.5) * 300, y + (next() - 0.5) * 200, {steps: 3});
    await page.mouse.up();
  } else if (r < 0.7) {
    await page.mouse.move(x, y);
    await page.mouse.wheel(0, (next() < 0.5 ? -1 : 1) * (next() < 0.8 ? 100 : 3 + next() * 400));
  } else if (r < 0.95) {
    await page.keyboard.press(kKeys[Math.floor(next() * kKeys.length)]);
  } else {
    await frames(page, 1);
  }
}

for (let seed = 1; seed <= seeds; ++seed) {
  await test(`monkey, seed ${seed}: ${events} random events, no error, the state consistent`, async () => {
    const next = random(seed);
    const page = await openPage(kPages[(seed - 1) % kPages.length]);
    page.on('dialog', dialog => dialog.dismiss());
    page.on('filechooser', () => {});  // a click on "Open a file..." opens the chooser: leave it
    for (let i = 1; i <= events; ++i) {
      await act(page, next);
      if (i % 100 === 0) await checkConsistent(page, `seed ${seed}, event ${i}`);
    }
    await checkConsistent(page, `seed ${seed}, the end`);
    assert.deepEqual(page.errors, []);
    console.log(`     seed ${seed}: ended on '${(await state(page)).name}' at step ${(await state(page)).step}`);
    await page.close();
  });
}

await finish();
