// Browser tests of the page's debugging and teaching tools (the second visualizer issue):
// getting problems in, compare, edit, teach, share and export. Usage: node tools_test.mjs SITE
import assert from 'node:assert/strict';
import {createHarness} from './harness.mjs';

const {browser, openPage, state, settled, seek, test, finish} = await createHarness(process.argv[2]);
const kProblem = 'id,lower,upper,size\nx,0,4,3\ny,2,6,2\nz,5,9,4\n';

await test('dropping a CSV file onto the page loads it', async () => {
  const page = await openPage();
  await page.evaluate(text => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'dropped.csv', {type: 'text/csv'}));
    window.dispatchEvent(new DragEvent('drop', {dataTransfer: data, bubbles: true, cancelable: true}));
  }, kProblem);
  await page.waitForFunction(() => window.telaState().name === 'dropped.csv', null, {timeout: 5000});
  await settled(page);
  const s = await state(page);
  assert.equal(s.buffers, 3);
  assert.equal(s.capacity, 6);  // no capacity given: the lower bound
  assert.equal(s.status, 'solved');  // solved at once, with the algorithm chosen
  assert.deepEqual(page.errors, []);
  await page.close();
});

await test('pasting CSV text loads it; pasting a bad one keeps the view and names the line', async () => {
  const page = await openPage();
  const paste = text => page.evaluate(t => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    window.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data}));
  }, text);
  await paste(kProblem);
  await settled(page);
  assert.equal((await state(page)).name, 'pasted.csv');
  await seek(page, 3);
  await paste('id,lower,upper,size\na,0,2,-4\n');
  const s = await state(page);
  assert.match(s.message, /^pasted\.csv:2:\d+: /);
  assert.equal(s.buffers, 3);
  assert.equal(s.step, 3);
  await page.close();
});

await test('the generator and the URL: ?gen=packing,40,2 generates, solves and is kept in the URL', async () => {
  const page = await openPage('?gen=packing,40,2');
  const s = await state(page);
  assert.equal(s.buffers, 40);
  assert.equal(s.source, 'gen:packing,40,2');
  await page.waitForFunction(() => location.search.includes('gen=packing,40,2'), null, {timeout: 5000});
  await page.close();
});

await test('an infeasible problem: over-capacity times marked, its infeasible subset, the smallest capacity, solved there', async () => {
  const page = await openPage('?example=input.12&capacity=10');
  const s = await state(page);
  assert.equal(s.capacity, 10);
  assert.notEqual(s.status, 'solved');
  // The whole life of the example is over 10 somewhere: the red band is drawn there.
  const image = (await import('./png.mjs')).decodePng(await page.screenshot());
  let reddish = 0;
  for (let x = 345; x < 1065; x += 5) {
    const [r, g, b] = image.pixel(x, 60);
    if (r > g + 20 && r > b + 20) ++reddish;
  }
  assert.ok(reddish > 10, `no over-capacity band (${reddish} reddish samples)`);
  // Its minimal infeasible subset, the smallest capacity that works, and a solve there.
  // Both run in the worker: the page keeps drawing while they search.
  const diagnose = call => page.evaluate(name => {
    window.telaViz[name]();
    return window.telaState().diagnosing;
  }, call);
  assert.equal(await diagnose('_tela_viz_explain'), true);
  await page.evaluate(() => window.telaDiagnosisDone);
  let d = await state(page);
  assert.equal(d.diagnosing, false);
  assert.equal(d.subset_status, 'infeasible');
  assert.ok(d.subset.length >= 2 && d.subset.length <= 5, JSON.stringify(d.subset));
  assert.equal(await diagnose('_tela_viz_minimize'), true);
  await page.evaluate(() => window.telaDiagnosisDone);
  d = await state(page);
  assert.equal(d.smallest_capacity, 12);
  assert.equal(d.proven_minimal, true);
  await page.evaluate(() => window.telaViz._tela_viz_solve_at(12));
  await page.waitForFunction(() => !window.telaState().running, null, {timeout: 15000});
  d = await state(page);
  assert.equal(d.capacity, 12);
  assert.equal(d.status, 'solved');
  await page.close();
});

await test('compare: best-fit beside telamalloc, with a table', async () => {
  const page = await openPage();
  await page.evaluate(() => window.telaViz.ccall('tela_viz_compare', null, ['string'], ['greedy']));
  const s = await state(page);
  assert.equal(s.compare, 'greedy');
  assert.equal(s.algo, 'telamalloc');
  await page.close();
});

await test('a long solve runs in the worker: progress shows, the canvas keeps drawing, cancel stops it', async () => {
  const page = await openPage();
  await page.evaluate(() => {
    // A zero-slack packing of 600 pieces: TelaMalloc does not finish it in a minute (it
    // solves the ML traces this test used before in 0.1 s since its rounds of search).
    window.telaViz._tela_viz_generate(2, 600, 3);
    window.telaViz.ccall('tela_viz_set_request', null, ['string', 'number', 'number', 'number', 'number'],
                         ['telamalloc', 0, 60, -1, -1]);
    window.telaViz._tela_viz_run();
  });
  await page.waitForFunction(() => window.telaState().running && window.telaState().progress_placed > 0,
                             null, {timeout: 10000});
  const frames = await page.evaluate(() => new Promise(done => {  // frames drawn in 1 s
    let count = 0;
    const start = performance.now();
    const tick = now => { ++count; if (now - start < 1000) requestAnimationFrame(tick); else done(count); };
    requestAnimationFrame(tick);
  }));
  assert.ok(frames >= 10, `only ${frames} frames in a second during the solve`);
  const start = Date.now();
  await page.evaluate(() => window.telaCancelRun());
  await settled(page);
  const elapsed = Date.now() - start;
  const s = await state(page);
  assert.equal(s.message, 'cancelled');
  assert.ok(elapsed < 1000, `cancel took ${elapsed} ms`);
  console.log(`     cancel: the page saw the run stop ${elapsed} ms after asking`);
  await page.close();
});

await test('edit: changing a buffer re-solves, undo restores it', async () => {
  const page = await openPage('?example=backtracks');
  const before = await state(page);
  await page.evaluate(() => window.telaViz._tela_viz_edit(0, 0, 6, 1));  // a lives all along
  await page.waitForFunction(() => window.telaState().undo === 1, null, {timeout: 5000});
  await settled(page);
  const edited = await state(page);
  assert.notEqual(edited.lower_bound, before.lower_bound);
  assert.equal(edited.status === 'solved' || edited.status === 'infeasible' || edited.status === 'not-found', true);
  await page.evaluate(() => window.telaViz._tela_viz_undo());
  const undone = await state(page);
  assert.equal(undone.lower_bound, before.lower_bound);
  await page.close();
});

await test('export: the solution CSV and the canvas PNG download', async () => {
  const page = await openPage();
  const [csv] = await Promise.all([page.waitForEvent('download'),
    page.evaluate(() => window.telaViz.ccall('tela_viz_export', null, ['string'], ['solution']))]);
  assert.equal(csv.suggestedFilename(), 'input.12.solution.csv');
  const text = await (await import('node:fs/promises')).readFile(await csv.path(), 'utf8');
  assert.match(text, /^id,lower,upper,size,offset\r?\n/);
  assert.equal(text.trim().split('\n').length, 6);
  const [png] = await Promise.all([page.waitForEvent('download', {timeout: 10000}),
    page.evaluate(() => window.telaViz.ccall('tela_viz_export', null, ['string'], ['png']))]);
  assert.equal(png.suggestedFilename(), 'tela-canvas.png');
  const bytes = await (await import('node:fs/promises')).readFile(await png.path());
  assert.equal(bytes.subarray(1, 4).toString(), 'PNG');
  await page.close();
});

await test('teach: slow mode stops at the first backtrack; the tour shows once', async () => {
  const context = await browser.newContext();
  const page = await openPage('?example=backtracks', context);
  assert.equal((await state(page)).tour_step, 0, 'the tour shows on a first visit');
  await page.evaluate(() => {
    window.telaViz._tela_viz_set_pause_at_backtracks(1);
    window.telaViz._tela_viz_set_playing(1);
  });
  await page.waitForTimeout(3000);
  const s = await state(page);
  assert.ok(['conflict', 'minor-backtrack', 'major-backtrack'].includes(s.event), s.event);
  assert.ok(s.step < s.steps);
  await page.evaluate(() => localStorage.setItem('tela.tourSeen', '1'));  // as "Skip" does
  await page.reload();
  await page.waitForFunction(() => window.telaState && window.telaState().buffers > 0, null, {timeout: 30000});
  assert.equal((await state(page)).tour_step, -1, 'the tour is remembered as seen');
  await context.close();
});

await finish();
