// The worker in a real browser (Debian's chromium through playwright-core): loads
// web/test-page.html, solves the example with every algorithm in the worker and compares with
// build/tela, checks an input error's message, then starts a long solve, checks the page keeps
// running and progress arrives, cancels it and checks it stops at once and the next solve works.
//
//   node browser_test.mjs NATIVE_TELA BUILD_WASM_WEB_DIR SOURCE_DIR
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from '../../tests/browser/browser.mjs';
import { serve } from './static_server.mjs';

const [nativeTela, buildWeb, source] = process.argv.slice(2);
const work = mkdtempSync(join(tmpdir(), 'tela-browser-'));
const example = join(source, 'assets/examples/input.12.csv');

function native(...args) {
  return spawnSync(nativeTela, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
}

const tests = [];
const test = (name, body) => tests.push({ name, body });

test('the worker solves the example as build/tela does', async page => {
  const csv = readFileSync(example, 'utf8');
  const algorithms = await page.evaluate(() => window.telaInfo.algorithms.map(a => a.name));
  assert.ok(algorithms.length >= 3, algorithms.join());
  for (const algorithm of algorithms) {
    const r = await page.evaluate(async ([csv, algorithm]) => {
      const result = await window.tela.solve(csv, { capacity: 12, algorithm });
      const texts = await window.tela.describe(0, result.eventCount);
      return { status: result.status, peak: result.peak, offsets: Array.from(result.offsets),
        valid: result.validation.ok, eventCount: result.eventCount, texts,
        typed: result.offsets instanceof Float64Array && result.trace.kind instanceof Uint8Array,
        sections: Math.max(...result.sections.load) === result.lowerBound &&
          result.stats.lowerBound === result.lowerBound };
    }, [csv, algorithm]);
    const solution = native('solve', example, '-c', '12', '--algo', algorithm).stdout;
    const offsets = solution.trim().split('\n').slice(1).map(row => Number(row.split(',').at(-1)));
    const events = native('trace', example, '-c', '12', '--algo', algorithm).stdout.trim()
      .split('\n').map(line => JSON.parse(line)).filter(record => record.type === 'event');
    assert.equal(r.status, 'solved', algorithm);
    assert.equal(r.peak, 12);
    assert.ok(r.valid && r.typed && r.sections);
    assert.deepEqual(r.offsets, offsets, algorithm);
    assert.equal(r.eventCount, events.length, algorithm);
    assert.deepEqual(r.texts, events.map(e => e.text), algorithm);
  }
});

test('maxEvents reaches the worker: the trace keeps that many events and says how many more there were', async page => {
  const csv = readFileSync(example, 'utf8');
  const r = await page.evaluate(async csv => {
    const whole = await window.tela.solve(csv, { capacity: 12, algorithm: 'telamalloc' });
    const capped = await window.tela.solve(csv, { capacity: 12, algorithm: 'telamalloc', maxEvents: 5 });
    return { whole: whole.eventCount, capped: capped.eventCount, detail: capped.detail, status: capped.status };
  }, csv);
  assert.ok(r.whole > 5, `${r.whole} events`);
  assert.equal(r.capped, 5);
  assert.equal(r.status, 'solved');
  assert.match(r.detail, new RegExp(`the trace keeps the first 5 events; ${r.whole - 5} more were not recorded`));
});

test('an input error rejects with the CLI\'s message', async page => {
  const message = await page.evaluate(() => window.tela
    .solve('id,lower,upper,size\nb0,0,3,4\nb1,5,2,4\n', { capacity: 12, fileName: 'bad.csv' })
    .then(() => 'no error', e => e.message));
  const bad = join(work, 'bad.csv');
  spawnSync('sh', ['-c', `printf 'id,lower,upper,size\\nb0,0,3,4\\nb1,5,2,4\\n' > ${bad}`]);
  assert.equal(message, native('solve', bad, '-c', '12').stderr.trim().replace(bad, 'bad.csv'));
});

test('a long solve leaves the page running, reports progress, and cancels at once', async page => {
  const big = join(work, 'big.csv');  // TelaMalloc works on this one for far longer than 60 s
  const generated = native('generate', '--kind', 'ml', '--count', '5000', '--seed', '4', '-o', big);
  const capacity = Number(/suggested capacity (\d+)/.exec(generated.stderr)[1]);
  const r = await page.evaluate(async ([csv, capacity]) => {
    const tela = window.tela, ticks = () => Number(document.getElementById('ticks').textContent);
    const reports = [];
    let cancelledAt = 0, reportsAfterCancel = 0;
    const solving = tela.solve(csv, { capacity, algorithm: 'telamalloc', timeout: 60, trace: false,
      progressSeconds: 0.1 }, p => reports.push(p));
    const outcome = solving.then(() => 'finished', e => (e.cancelled ? 'cancelled' : e.message));
    // The page's thread while the worker works: a 10 ms timer and the longest gap between turns.
    const ticksBefore = ticks();
    let longestGap = 0, last = performance.now();
    while (reports.length < 5) {
      await new Promise(resolve => setTimeout(resolve, 5));
      longestGap = Math.max(longestGap, performance.now() - last);
      last = performance.now();
    }
    const ticksDuring = ticks() - ticksBefore;
    // Messages from the old worker itself, past the client (which ignores a cancelled solve's):
    // a terminated worker sends none.
    tela.worker.addEventListener('message', () => { if (cancelledAt) reportsAfterCancel++; });
    cancelledAt = performance.now();
    tela.cancel();
    // At once: settled before the page's next task (a timer of 0 ms), whatever the machine's load.
    const result = await Promise.race([outcome, new Promise(done => setTimeout(() => done('not yet'), 0))]);
    const rejectedAfter = performance.now() - cancelledAt;
    await new Promise(resolve => setTimeout(resolve, 500));  // progress was due every 100 ms
    const next = await tela.solve('id,lower,upper,size\na,0,2,4\nb,1,3,4\n', { capacity: 8 });
    return { result, rejectedAfter, reports: reports.length, reportsAfterCancel, longestGap,
      ticksDuring, lastReport: reports.at(-1), next: next.status,
      nextAfter: performance.now() - cancelledAt - 500 };
  }, [readFileSync(big, 'utf8'), capacity]);
  console.log(`  ${r.reports} progress reports (last: ${r.lastReport.placed} of ` +
    `${r.lastReport.buffers} placed at ${r.lastReport.seconds.toFixed(2)} s); page thread's ` +
    `longest gap ${r.longestGap.toFixed(0)} ms, ${r.ticksDuring} ticks of 10 ms; cancel ` +
    `rejected after ${r.rejectedAfter.toFixed(1)} ms; next solve done ${r.nextAfter.toFixed(0)} ms ` +
    'after the pause');
  assert.equal(r.result, 'cancelled');
  assert.equal(r.reportsAfterCancel, 0, 'the cancelled worker went on reporting');
  // The page's own timers ran while the worker worked (times are printed above, not asserted:
  // a loaded CI machine would fail a limit at random).
  assert.ok(r.ticksDuring >= 1, `${r.ticksDuring} ticks`);
  assert.equal(r.lastReport.buffers, 5000);
  assert.equal(r.next, 'solved');
});

const { server, port } = await serve(source, buildWeb);
const browser = await launch();
let failed = 0;
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', e => errors.push(e.message));
  await page.goto(`http://127.0.0.1:${port}/web/test-page.html`);
  await page.waitForFunction(() => window.telaInfo, null, { timeout: 20000 });
  for (const { name, body } of tests) {
    try {
      await body(page);
      console.log(`ok: ${name}`);
    } catch (e) {
      failed++;
      console.log(`FAIL: ${name}\n  ${e.message}`);
    }
  }
  assert.deepEqual(errors, [], 'errors on the page');
} finally {
  await browser.close();
  server.close();
  rmSync(work, { recursive: true });
}
console.log(`browser: ${tests.length - failed} of ${tests.length} passed`);
process.exit(failed ? 1 : 0);
