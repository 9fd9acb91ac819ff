// Browser tests of the page's tools, driven as a person drives them (clicks at the widgets'
// rectangles, keys, the file chooser, drop and paste events): getting problems in and keeping
// them through a reload, the diagnosis of both kinds of failure, compare, edit, export, the
// tour, a long solve and its cancel. Every solution read back is checked by the validator
// below, which knows nothing of the module. Usage: node tools_test.mjs SITE
import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {createHarness} from './harness.mjs';

const {browser, url, openPage, state, widgets, settled, test, finish, frames, centreOf, click, key, drawnState} =
  await createHarness(process.argv[2]);
const screenshots = process.env.TELA_SCREENSHOTS;
const kProblem = 'id,lower,upper,size\nx,0,4,3\ny,2,6,2\nz,5,9,4\n';

// Rows of a CSV with a header, as objects of numbers (id kept as text).
function parseCsv(text) {
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const names = header.split(',');
  return lines.map(line => Object.fromEntries(line.split(',').map((v, i) =>
    [names[i], names[i] === 'id' ? v : (v === '' ? null : Number(v))])));
}

// The peak of an allocation, after checking it: every buffer placed inside the capacity, and
// no two buffers live at the same time on the same addresses.
function checkAllocation(rows, offsets, capacity) {
  let peak = 0;
  rows.forEach((b, i) => {
    const o = offsets[i];
    assert.ok(Number.isFinite(o) && o >= 0 && o + b.size <= capacity, `${b.id} at ${o} is outside [0, ${capacity})`);
    peak = Math.max(peak, o + b.size);
    rows.forEach((c, j) => {
      if (j <= i || b.lower >= c.upper || c.lower >= b.upper || b.size === 0 || c.size === 0) return;
      assert.ok(o + b.size <= offsets[j] || offsets[j] + c.size <= o, `${b.id} and ${c.id} overlap`);
    });
  });
  return peak;
}

const maxLoad = rows => {
  const times = [...new Set(rows.flatMap(b => [b.lower]))];
  return Math.max(...times.map(t => rows.filter(b => b.lower <= t && t < b.upper).reduce((s, b) => s + b.size, 0)));
};

// Drops a file on the canvas, as dragging one from the desktop does.
async function dropFile(page, name, text) {
  const [x, y] = await centreOf(page, 'canvas.plot');
  await page.evaluate(([n, t, cx, cy]) => {
    const data = new DataTransfer();
    data.items.add(new File([t], n, {type: 'text/csv'}));
    document.elementFromPoint(cx, cy).dispatchEvent(new DragEvent('drop', {dataTransfer: data, bubbles: true, cancelable: true}));
  }, [name, text, x, y]);
}

// A key pressed with a modifier held, as a person does it (Ctrl+Z).
async function chord(page, modifier, name) {
  await page.keyboard.down(modifier);
  await key(page, name);
  await page.keyboard.up(modifier);
}

// Clicks a text field, selects what it holds (Ctrl+A), types `text` over it and presses Enter.
async function typeInto(page, widget, text) {
  await click(page, widget);
  await chord(page, 'Control', 'a');
  await page.keyboard.type(text);
  await key(page, 'Enter');
  await frames(page, 2);
}

async function reloadPage(page) {
  await page.reload();
  await page.waitForFunction(() => window.telaState && window.telaState().buffers > 0 && !window.telaState().running,
                             null, {timeout: 30000});
  if ((await state(page)).tour_step >= 0) await click(page, 'tour.skip');
  return drawnState(page);
}

await test('the file chooser: NAME.CAPACITY.csv gives the capacity, and a reload shows the same problem', async () => {
  const page = await openPage();
  await click(page, 'open.header');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), click(page, 'open.file')]);
  await chooser.setFiles({name: 'tiny.7.csv', mimeType: 'text/csv', buffer: Buffer.from(kProblem)});
  await page.waitForFunction(() => window.telaState().name === 'tiny.7.csv', null, {timeout: 5000});
  await settled(page);
  let s = await drawnState(page);
  assert.equal(s.capacity, 7);
  assert.match(s.message, /capacity 7 from the file name/);
  assert.equal(s.status, 'solved');
  await page.waitForFunction(() => location.search.includes('file=tiny.7.csv'), null, {timeout: 5000});
  s = await reloadPage(page);
  assert.equal(s.name, 'tiny.7.csv');
  assert.equal(s.buffers, 3);
  assert.equal(s.capacity, 7);
  await page.close();
});

// Each file opened is its own history entry, and the tab keeps the last few: Back from a second
// file shows the first (it used to open the built-in example, calling the first file "opened
// in another tab").
await test('two files chosen one after the other: Back shows the first, Forward the second', async () => {
  const page = await openPage();
  const choose = async (name, text) => {
    if (!(await widgets(page))['open.file']) await click(page, 'open.header');  // a click folds it again
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), click(page, 'open.file')]);
    await chooser.setFiles({name, mimeType: 'text/csv', buffer: Buffer.from(text)});
    await page.waitForFunction(n => window.telaState().name === n && !window.telaState().running, name,
                               {timeout: 10000});
    await page.waitForFunction(n => location.search.includes(`file=${n}`), name, {timeout: 5000});
  };
  await choose('first.7.csv', kProblem);
  await choose('second.csv', 'id,lower,upper,size\nx,0,4,5\ny,2,6,5\n');
  await page.goBack();
  await page.waitForFunction(() => window.telaState().name === 'first.7.csv' && !window.telaState().running, null,
                             {timeout: 10000});
  let s = await drawnState(page);
  assert.equal(s.buffers, 3);
  assert.equal(s.capacity, 7);
  assert.equal(s.message_is_error, false, s.message);
  await page.goForward();
  await page.waitForFunction(() => window.telaState().name === 'second.csv' && !window.telaState().running, null,
                             {timeout: 10000});
  s = await drawnState(page);
  assert.equal(s.buffers, 2);
  assert.equal(s.status, 'solved');
  assert.deepEqual(page.errors, []);
  await page.close();
});

await test('a binary file chosen says where its NUL byte is, and the view stays', async () => {
  const page = await openPage();
  await click(page, 'open.header');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), click(page, 'open.file')]);
  await chooser.setFiles({name: 'blob.csv', mimeType: 'text/csv', buffer: Buffer.from([0x69, 0x64, 0x0a, 0x41, 0, 7, 8])});
  await page.waitForFunction(() => window.telaState().message_is_error, null, {timeout: 10000});
  const s = await drawnState(page);
  assert.equal(s.message, 'blob.csv:2:2: NUL byte: not a text file (UTF-16 or binary?)');
  assert.equal(s.name, 'input.12');
  await page.close();
});

// A 3 MB file (100,000 buffers) chosen: its text reaches the module through the heap. Through
// ccall's 'string' it went on the module's 5 MB stack (up to 4 bytes a character) and overran
// it: "memory access out of bounds".
await test('a 3 MB file of 100,000 buffers loads through the file chooser and is solved by auto', async () => {
  const page = await openPage();
  const rows = ['id,lower,upper,size'];
  for (let i = 0; i < 100000; ++i) rows.push(`buffer_${String(i).padStart(6, '0')},${i},${i + 3},${64 + (i % 7) * 8}`);
  const text = rows.join('\n') + '\n';
  assert.ok(text.length > 2.5e6, `${text.length} bytes`);
  await click(page, 'open.header');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), click(page, 'open.file')]);
  await chooser.setFiles({name: 'large.csv', mimeType: 'text/csv', buffer: Buffer.from(text)});
  await page.waitForFunction(() => window.telaState().name === 'large.csv', null, {timeout: 30000});
  const s = await state(page);
  assert.equal(s.buffers, 100000);
  assert.equal(s.capacity, 3 * 64 + 8 * (4 + 5 + 6));  // the lower bound: the three largest live at once
  assert.equal(s.message_is_error, false, s.message);
  // Past 5,000 buffers the page solves with auto (TelaMalloc would run out of time), and says so.
  await settled(page);
  const solved = await drawnState(page);
  assert.equal(solved.status, 'solved', solved.message);
  assert.match(solved.algo, /^auto/);
  assert.match(solved.message, /solved by auto \(TelaMalloc is slow past 5,000 buffers/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

await test('a dropped file with no capacity in its name says which capacity it got; a reload keeps it', async () => {
  const page = await openPage('?gen=packing,40,2');
  await dropFile(page, 'dropped.csv', kProblem);
  await page.waitForFunction(() => window.telaState().name === 'dropped.csv', null, {timeout: 5000});
  await settled(page);
  let s = await drawnState(page);
  assert.equal(s.capacity, maxLoad(parseCsv(kProblem)));  // the lower bound ...
  assert.match(s.message, /no capacity given .*lower bound, 6 bytes/);  // ... and it says so
  await page.waitForFunction(() => !location.search.includes('gen='), null, {timeout: 5000});
  s = await reloadPage(page);
  assert.equal(s.name, 'dropped.csv');
  assert.equal(s.buffers, 3);
  await page.close();
});

await test('pasting CSV loads it; a bad paste keeps the view and shows an error naming the line', async () => {
  const page = await openPage();
  const paste = text => page.evaluate(t => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.getElementById('canvas').dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true}));
  }, text);
  await paste(kProblem);
  await settled(page);
  assert.equal((await state(page)).name, 'pasted.csv');
  await key(page, 'Home');
  await key(page, 'ArrowRight');
  await paste('id,lower,upper,size\na,0,2,-4\n');
  await frames(page, 2);
  const s = await state(page);
  assert.match(s.message, /^pasted\.csv:2:\d+: /);
  assert.equal(s.message_is_error, true);
  assert.equal(s.buffers, 3);
  assert.equal(s.step, 1);
  const s2 = await reloadPage(page);
  assert.equal(s2.name, 'pasted.csv');
  assert.equal(s2.buffers, 3);
  await page.close();
});

await test('typed into the paste box, "Load pasted text" loads and solves it, as a paste or a file is', async () => {
  const page = await openPage('?gen=packing,40,2');
  await click(page, 'open.header');
  await click(page, 'open.paste_text');
  await page.keyboard.type(kProblem);  // faster than the page's frames: none of it may be lost
  await page.waitForFunction(n => window.telaState().pasted_bytes === n, kProblem.length, {timeout: 30000});
  await click(page, 'open.load_pasted');
  await page.waitForFunction(() => window.telaState().name === 'pasted.csv', null, {timeout: 30000});
  await settled(page);
  const s = await drawnState(page);
  assert.equal(s.buffers, 3);
  assert.equal(s.status, 'solved');
  assert.equal(s.placed, 3);
  assert.match(s.message, /no capacity given, so the capacity is the lower bound, 6 bytes/);  // no file name to name
  await page.close();
});

// Ctrl+V as a person pastes: Ctrl is down while the paste arrives (ImGui 1.86 drops typed
// characters while Ctrl is held, so the box stayed empty; a paste with no key held worked).
await test('Ctrl+V into the paste box and the search box types the clipboard into them', async () => {
  const page = await openPage();
  const pasteWithCtrl = async text => {
    await page.keyboard.down('Control');
    await page.evaluate(t => {
      const data = new DataTransfer();
      data.setData('text/plain', t);
      document.getElementById('canvas').dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true}));
    }, text);
    await frames(page, 3);
    await page.keyboard.up('Control');
    await frames(page, 2);
  };
  await click(page, 'open.header');
  await click(page, 'open.paste_text');
  await pasteWithCtrl(kProblem);
  assert.equal((await state(page)).pasted_bytes, kProblem.length);
  await click(page, 'open.load_pasted');
  await page.waitForFunction(() => window.telaState().name === 'pasted.csv', null, {timeout: 30000});
  await settled(page);
  assert.equal((await state(page)).buffers, 3);
  await click(page, 'search.text');
  await pasteWithCtrl('y');
  const s = await state(page);
  assert.equal(s.search.text, 'y');
  assert.equal(s.search.matches, 1);
  assert.equal(s.name, 'pasted.csv');  // typed into the box, not loaded as a problem
  await page.close();
});

// The smallest capacity's allocation, shown, is kept in the tab as a trace under the file's
// name: a reload keeps the link's algorithm (it fell back to telamalloc), and the same link in
// another browser opens the example at its own capacity (the link's, meant for the file, was
// applied to it).
await test('a shown smallest-capacity allocation: a reload keeps the algorithm; elsewhere the fallback is the example as it is', async () => {
  const page = await openPage('?example=input.12&algo=best-fit&capacity=20');
  await click(page, 'minimize.start');
  await page.waitForFunction(() => window.telaState().smallest_capacity > 0 && !window.telaState().diagnosing, null,
                             {timeout: 30000});
  await showSmallest(page, await state(page));
  await page.waitForFunction(() => location.search.includes('file=input.12'), null, {timeout: 5000});
  const link = new URL(page.url()).search;
  assert.match(link, /algo=best-fit/);
  const s = await reloadPage(page);
  assert.equal(s.request_algo, 'best-fit');
  await frames(page, 30);  // past syncUrl's 300 ms
  assert.match(new URL(page.url()).search, /algo=best-fit/);
  await page.close();
  const elsewhere = await browser.newContext();
  const other = await openPage(link.replace('capacity=12', 'capacity=99'), elsewhere);
  const o = await drawnState(other);
  assert.match(o.message, /input\.12 is not kept in this tab/);
  assert.equal(o.capacity, 12, "the example at its own capacity, not the link's 99");
  assert.equal(o.request_algo, 'telamalloc', "the example's own algorithm");
  await elsewhere.close();
});

await test('a link to a file opened elsewhere says so, as an error, instead of showing another problem silently', async () => {
  const page = await openPage('?file=elsewhere.csv&algo=greedy');
  const s = await drawnState(page);
  assert.match(s.message, /elsewhere\.csv is not kept in this tab \(it was opened in another tab/);
  assert.equal(s.message_is_error, true);
  await page.close();
});

await test('a link with an unknown generator kind says which kinds there are', async () => {
  const page = await browser.newPage({viewport: {width: 1400, height: 860}});
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  await page.goto(url + '?gen=bogus,10,1');
  await page.waitForFunction(() => window.telaState && window.telaState().message.includes('bogus'),
                             null, {timeout: 30000});
  const s = await state(page);
  assert.equal(s.message, "gen: unknown kind 'bogus' (random, ml, packing, overlap)");
  assert.equal(s.message_is_error, true);
  assert.deepEqual(errors, []);
  await page.close();
});

await test("the status line says whose capacity it is: the example's, or the link's", async () => {
  const page = await openPage();  // the built-in example, at its own capacity
  await settled(page);
  let s = await drawnState(page);
  assert.match(s.message, new RegExp(`capacity ${s.capacity} from the example`));
  assert.doesNotMatch(s.message, /as asked/);  // (it said "as asked" though nobody asked)
  await page.close();
  const linked = await openPage('?example=input.12&capacity=20');
  await settled(linked);
  s = await drawnState(linked);
  assert.equal(s.capacity, 20);
  assert.match(s.message, /capacity 20 as asked/);
  await linked.close();
});

await test('a link with a bad number or algorithm says which, and still opens the built-in example', async () => {
  const safe = '9007199254740991 (2^53 - 1)';
  for (const [query, said] of [
    ['?example=input.12&capacity=abc', `capacity 'abc' in the link must be a whole number from 1 to ${safe}`],
    ['?example=input.12&capacity=-3', `capacity '-3' in the link must be a whole number from 1 to ${safe}`],
    // (0 was taken as "none given", and the example's capacity was then called "as asked")
    ['?example=input.12&capacity=0', `capacity '0' in the link must be a whole number from 1 to ${safe}`],
    ['?example=input.12&capacity=99999999999999999999',  // quoted as typed, not as a double reads it
     `capacity '99999999999999999999' in the link must be a whole number from 1 to ${safe}`],
    ['?gen=packing,-5,1', "gen count '-5' in the link must be a whole number from 1 to 2147483647"],
    ['?gen=packing,0,1', "gen count '0' in the link must be a whole number from 1 to 2147483647"],
    // (was cut to 2^31 - 1 and then called "2147483647 buffers asked")
    ['?gen=random,9007199254740991,1', "gen count '9007199254740991' in the link must be a whole number from 1 to 2147483647"],
    ['?gen=packing,40,x', "gen seed 'x' in the link must be a whole number from 0 to 2147483647"],
    // (was cut to 2^31 - 1 without a word: another problem than the one linked)
    ['?gen=packing,40,5000000000', "gen seed '5000000000' in the link must be a whole number from 0 to 2147483647"],
    ['?example=input.12&step=abc', `step 'abc' in the link must be a whole number from 0 to ${safe}`],
    ['?example=input.12&algo=zzz', "algo 'zzz' in the link is not an algorithm (best-fit, greedy, telamalloc, exact, auto)"],
    // (a 5,000-character name filled the status line)
    [`?example=${'x'.repeat(5000)}`, `no example named '${'x'.repeat(57)}...'`]]) {
    const page = await browser.newPage({viewport: {width: 1400, height: 860}});
    const errors = [];
    page.on('pageerror', e => errors.push(String(e)));
    await page.goto(url + query);
    await page.waitForFunction(() => window.telaState && window.telaState().message_is_error, null, {timeout: 30000});
    await frames(page, 2);
    const s = await state(page);
    assert.equal(s.message, said, query);
    assert.equal(s.name, 'input.12');  // something to look at
    assert.equal(s.buffers, 5);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

// A link is read as the page's fields read: "32M" is a capacity there, so here too (it threw
// the linked problem away for the built-in example). An unknown algorithm keeps the problem.
await test('a link capacity with a unit is read as the field reads it; an unknown algo or a bad capacity keeps the linked problem', async () => {
  const page = await openPage('?gen=packing,40,2&capacity=32M');
  let s = await drawnState(page);
  assert.equal(s.capacity, 33554432);
  assert.equal(s.buffers, 40);
  assert.equal(s.message_is_error, false, s.message);
  await page.close();
  const other = await browser.newPage({viewport: {width: 1400, height: 860}});
  const errors = [];
  other.on('pageerror', e => errors.push(String(e)));
  await other.goto(url + '?gen=packing,40,2&algo=zzz');
  await other.waitForFunction(() => window.telaState && window.telaState().message_is_error, null, {timeout: 30000});
  await frames(other, 2);
  s = await state(other);
  assert.match(s.message, /^algo 'zzz' in the link is not an algorithm/);
  assert.equal(s.buffers, 40, 'the linked problem, not the built-in example');
  assert.equal(s.status, 'solved');
  // A bad capacity keeps the linked example too, at the example's own capacity.
  await other.goto(url + '?example=backtracks&capacity=abc');
  await other.waitForFunction(() => window.telaState && window.telaState().message_is_error, null, {timeout: 30000});
  await frames(other, 2);
  s = await state(other);
  assert.match(s.message, /^capacity 'abc' in the link must be a whole number/);
  assert.equal(s.name, 'backtracks', 'the linked example, not the built-in one');
  assert.equal(s.capacity, 6);
  assert.deepEqual(errors, []);
  await other.close();
});

await test('over capacity: the worst time and who is live there, the subset, the smallest capacity, solved there', async () => {
  const page = await openPage('?example=input.12&capacity=10');
  const rows = parseCsv(await readFile(new URL('../../assets/examples/input.12.csv', import.meta.url), 'utf8'));
  let s = await drawnState(page);
  assert.equal(s.capacity, 10);
  assert.notEqual(s.status, 'solved');
  assert.equal(s.load_verdict, 'over-capacity');
  assert.equal(s.busiest.load, maxLoad(rows));
  const live = rows.filter(b => b.lower < s.busiest.upper && b.upper > s.busiest.lower).map(b => b.id);
  assert.deepEqual([...s.busiest.live].sort(), live.sort());
  await click(page, 'diagnosis.explain');
  await page.waitForFunction(() => window.telaState().subset_status, null, {timeout: 15000});
  s = await drawnState(page);
  assert.equal(s.subset_status, 'infeasible');
  const subset = rows.filter(b => s.subset.includes(b.id));
  assert.ok(subset.length >= 2 && maxLoad(subset) > 10, JSON.stringify(s.subset));
  assert.ok(s.subset_peak >= maxLoad(subset), `the subset packed alone reaches ${s.subset_peak}`);  // drawn: none placed
  if (screenshots) await page.screenshot({path: `${screenshots}/diagnosis-subset-alone.png`});
  await click(page, 'minimize.start');
  await page.waitForFunction(() => window.telaState().smallest_capacity, null, {timeout: 15000});
  s = await drawnState(page);
  assert.equal(s.smallest_capacity, 12);
  assert.equal(s.proven_minimal, true);
  if (screenshots) await page.screenshot({path: `${screenshots}/diagnosis-over-capacity.png`});
  await click(page, 'minimize.solve_at');
  await settled(page);
  s = await drawnState(page);
  assert.equal(s.capacity, 12);
  assert.equal(s.status, 'solved');
  await page.close();
});

await test('smallest capacity, then "Solve here with auto": solved there, though best-fit was chosen and cannot', async () => {
  const page = await openPage('?gen=packing,40,1&algo=best-fit&capacity=100000');
  let s = await drawnState(page);
  assert.equal(s.algo, 'best-fit');  // best-fit needs 1637 here
  await click(page, 'minimize.start');
  await page.waitForFunction(() => window.telaState().smallest_capacity, null, {timeout: 15000});
  s = await drawnState(page);
  assert.equal(s.smallest_capacity, 1024);
  await click(page, 'minimize.solve_at');
  await settled(page);
  s = await drawnState(page);
  assert.equal(s.capacity, 1024);
  assert.equal(s.status, 'solved', s.message);
  assert.match(s.algo, /^auto \(/);
  await page.close();
});

await test('"Why does it not fit?" where a search fits it all: it says so, and shows that allocation', async () => {
  const page = await openPage('?gen=packing,40,1&algo=best-fit&capacity=1024');  // best-fit needs 1637
  let s = await drawnState(page);
  assert.notEqual(s.status, 'solved');
  const capacity = s.capacity;
  await click(page, 'diagnosis.explain');
  await page.waitForFunction(() => window.telaState().subset_status, null, {timeout: 30000});
  assert.equal((await state(page)).subset_status, 'solved');
  await click(page, 'diagnosis.show_fit');
  s = await drawnState(page);
  assert.equal(s.status, 'solved');
  assert.equal(s.capacity, capacity);
  assert.equal(s.placed, s.buffers, 'the allocation is drawn, all of it');
  assert.ok(s.peak <= capacity);
  // A reload shows that allocation again (it re-solved with best-fit, which cannot, from step 0).
  await page.waitForFunction(() => location.search.includes('file=') && !location.search.includes('step='), null,
                             {timeout: 5000});
  const again = await reloadPage(page);
  assert.equal(again.status, 'solved', again.message);
  assert.equal(again.capacity, capacity);
  assert.equal(again.placed, again.buffers);
  assert.equal(again.step, again.steps);
  assert.equal(again.peak, s.peak);
  assert.equal(again.algo, s.algo);
  await page.close();
});

// A trace file (here one the page exported) opens on its run; a reload shows that run again,
// not a new solve of its problem by the algorithm the combo names.
await test('a trace chosen by the file chooser, and a reload, show the run it recorded', async () => {
  let page = await openPage('?example=backtracks&algo=telamalloc');
  const recorded = await drawnState(page);
  await click(page, 'export.header');
  const [download] = await Promise.all([page.waitForEvent('download'), click(page, 'export.trace')]);
  const trace = await readFile(await download.path(), 'utf8');
  await page.close();
  page = await openPage('?example=backtracks&algo=greedy');
  assert.equal((await drawnState(page)).algo, 'greedy');
  await click(page, 'open.header');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), click(page, 'open.file')]);
  await chooser.setFiles({name: 'backtracks.telamalloc.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(trace)});
  await page.waitForFunction(() => window.telaState().name === 'backtracks.telamalloc.jsonl', null, {timeout: 5000});
  let s = await drawnState(page);
  assert.equal(s.algo, recorded.algo);
  assert.equal(s.steps, recorded.steps);
  await key(page, 'Home');
  await key(page, 'ArrowRight');
  await page.waitForFunction(() => location.search.includes('file=backtracks.telamalloc.jsonl') &&
                                   location.search.includes('step=1'), null, {timeout: 5000});
  s = await reloadPage(page);
  assert.equal(s.name, 'backtracks.telamalloc.jsonl');
  assert.equal(s.algo, recorded.algo, 'the recorded run, not a greedy solve');
  assert.equal(s.steps, recorded.steps);
  assert.equal(s.step, 1);
  await page.close();
});

await test('a trace cut short ends on the answer: its last steps place each buffer where the answer has it', async () => {
  // exact solves this zero-slack packing after far more than the 100,000 events a trace keeps.
  const page = await openPage('?gen=packing,250,4&algo=exact&capacity=1024', browser, {timeout: 60000});
  const s = await drawnState(page);
  assert.equal(s.status, 'solved', s.message);
  assert.equal(s.step, s.steps);
  assert.equal(s.placed, s.buffers, 'the last step shows the allocation found, all of it');
  assert.ok(s.peak <= 1024);
  assert.equal(s.event_reason, 'answer');
  await page.close();
});

// Show this allocation, clicked: the answer drawn whole at its capacity. Returns the state drawn.
async function showSmallest(page, s) {
  await click(page, 'minimize.show');
  const shown = await drawnState(page);
  assert.equal(shown.status, 'solved');
  assert.equal(shown.capacity, s.smallest_capacity);
  assert.equal(shown.placed, shown.buffers, 'the allocation is drawn, all of it');
  assert.equal(shown.peak, s.smallest_capacity);
  return shown;
}

// The shown allocation downloaded through the Export panel, checked here: all 2000 pieces, valid,
// at the answer's capacity.
async function checkExported(page, shown, s) {
  await click(page, 'export.header');  // below the fold: the click scrolls to it, as a person would
  const [download] = await Promise.all([page.waitForEvent('download'), click(page, 'export.solution')]);
  const solution = parseCsv(await readFile(await download.path(), 'utf8'));
  assert.equal(solution.length, 2000);
  assert.equal(checkAllocation(solution, solution.map(b => b.offset), shown.capacity), s.smallest_capacity);
}

await test('smallest capacity of a solved trace: the time limit dragged, the bounds plotted, the allocation shown and valid', async () => {
  const page = await openPage('?gen=packing,2000,1&algo=best-fit&capacity=100000');
  const solved = await drawnState(page);
  assert.equal(solved.status, 'solved');
  // The time limit's slider dragged to its left end: 1 s.
  const [x0, y0, x1, y1] = (await widgets(page))['minimize.seconds'];
  await page.mouse.move((x0 + x1) / 2, (y0 + y1) / 2);
  await page.mouse.down();
  await frames(page, 2);
  await page.mouse.move(x0 + 1, (y0 + y1) / 2, {steps: 4});
  await frames(page, 2);
  await page.mouse.up();
  await frames(page, 2);
  assert.equal((await state(page)).minimize_seconds, 1);
  await click(page, 'minimize.start');
  await page.waitForFunction(() => window.telaState().smallest_capacity, null, {timeout: 20000});
  const s = await drawnState(page);
  const steps = s.minimize_steps;
  assert.ok(steps.length >= 1, 'the bounds were reported while it ran');
  for (let i = 1; i < steps.length; ++i) {
    assert.ok(steps[i].capacity <= steps[i - 1].capacity, `the capacity found rose at step ${i}`);
    assert.ok(steps[i].proven_below >= steps[i - 1].proven_below, `the proven bound fell at step ${i}`);
  }
  assert.equal(steps.at(-1).capacity, s.smallest_capacity);
  assert.ok(s.smallest_capacity <= solved.final_peak, 'never above the heuristic it started from');
  assert.ok(s.smallest_lower_bound <= s.smallest_capacity && s.smallest_lower_bound >= s.lower_bound);
  assert.ok(s.bound_argument.length > 0);
  // The plot shows how the bounds moved; a search that settled in one step has none to show
  // (on a loaded machine 1 s can end after the first step).
  assert.equal(Boolean((await widgets(page))['minimize.plot']), steps.length > 1,
               `the plot is drawn exactly when the bounds moved (${steps.length} steps)`);
  if (screenshots) await page.screenshot({path: `${screenshots}/minimize.png`});
  const shown = await showSmallest(page, s);
  assert.ok((await state(page)).smallest_capacity, 'the answer stays in the panel');
  await checkExported(page, shown, s);
  await page.close();
});

await test('smallest capacity: Cancel stops it at once, and it starts again', async () => {
  const page = await openPage('?gen=packing,2000,1&algo=best-fit&capacity=100000');
  await click(page, 'minimize.start');  // 10 s by default: a packing takes all of it
  await page.waitForFunction(() => window.telaState().minimize_steps.length > 0, null, {timeout: 10000});
  assert.equal((await state(page)).diagnosing, true);
  await click(page, 'minimize.cancel');
  await page.waitForFunction(() => !window.telaState().diagnosing, null, {timeout: 3000});
  const s = await drawnState(page);
  assert.equal(s.smallest_status, 'solved', 'a step had come: the best so far is kept');
  assert.equal(s.smallest_stopped, true);
  assert.ok((await widgets(page))['minimize.start'], 'the button is back');
  await click(page, 'minimize.start');
  assert.equal((await state(page)).diagnosing, true);
  await page.waitForFunction(() => window.telaState().minimize_steps.length > 0, null, {timeout: 10000});  // in the fresh worker
  await click(page, 'minimize.cancel');
  await page.close();
});

await test('smallest capacity: Cancel keeps the best found so far, labelled stopped, and it is shown and valid', async () => {
  const page = await openPage('?gen=packing,2000,1&algo=best-fit&capacity=100000');
  const solved = await drawnState(page);
  await click(page, 'minimize.start');  // 10 s by default: a packing takes all of it
  // At least one improving step: the heuristics' first answer, then a lower capacity.
  await page.waitForFunction(() => window.telaState().minimize_steps.length >= 2, null, {timeout: 10000});
  assert.equal((await state(page)).diagnosing, true);
  await click(page, 'minimize.cancel');
  await page.waitForFunction(() => !window.telaState().diagnosing, null, {timeout: 3000});
  const s = await drawnState(page);
  const steps = s.minimize_steps;
  assert.ok(steps.length >= 2);
  assert.equal(s.smallest_status, 'solved');
  assert.equal(s.smallest_stopped, true, 'labelled as stopped by the user');
  assert.equal(s.proven_minimal, false);
  // The last allocation a step brought: a capacity the steps reported, between the first and the last.
  assert.ok(steps.some(step => step.capacity === s.smallest_capacity), `${s.smallest_capacity} was never reported`);
  assert.ok(s.smallest_capacity <= steps[0].capacity && s.smallest_capacity >= steps.at(-1).capacity);
  assert.ok(s.smallest_capacity <= solved.final_peak, 'never above the heuristic it started from');
  assert.equal(s.smallest_lower_bound, steps.at(-1).proven_below, 'the bound proven when it was stopped');
  assert.ok(s.smallest_lower_bound >= s.lower_bound && s.smallest_lower_bound < s.smallest_capacity);
  assert.ok((await widgets(page))['minimize.plot'], 'the plot stays');
  assert.ok((await widgets(page))['minimize.start'], 'the button is back');
  if (screenshots) await page.screenshot({path: `${screenshots}/minimize-cancelled.png`});
  const shown = await showSmallest(page, s);
  assert.ok(shown.message.includes('before it was stopped'), shown.message);
  assert.equal((await state(page)).smallest_stopped, true, 'the answer stays in the panel');
  await checkExported(page, shown, s);
  await page.close();
});

await test('load fits yet infeasible: the diagnosis says it is proven, never that a fit may exist', async () => {
  const page = await openPage('?example=fits-but-infeasible');
  let s = await drawnState(page);
  assert.equal(s.status, 'infeasible');
  assert.equal(s.load_verdict, 'proven');
  assert.ok(s.busiest.load <= s.capacity);
  await click(page, 'diagnosis.explain');
  await page.waitForFunction(() => window.telaState().subset_status, null, {timeout: 15000});
  s = await drawnState(page);
  assert.equal(s.subset_status, 'infeasible');
  assert.ok(s.subset.length >= 2);
  if (screenshots) await page.screenshot({path: `${screenshots}/diagnosis-fits-but-infeasible.png`});
  await page.close();
});

await test('compare by its button: both runs, the table figures those of the runs, one view holding both', async () => {
  const page = await openPage('?example=backtracks');
  const rows = parseCsv(await readFile(new URL('../../assets/examples/backtracks.csv', import.meta.url), 'utf8'));
  await click(page, 'compare.header');
  await click(page, 'compare.with');
  await click(page, 'compare.with.greedy');
  await click(page, 'compare.run');
  await page.evaluate(() => window.telaCompareDone);  // from the compare's own worker
  const s = await drawnState(page);
  assert.equal(s.compare, 'greedy');
  assert.deepEqual(s.compare_runs.map(r => r.algo), ['telamalloc', 'greedy']);
  for (const run of s.compare_runs) {
    if (run.status !== 'solved') continue;
    const peak = checkAllocation(rows, run.offsets, 1e18);
    assert.equal(run.peak, peak, `${run.algo}: the table's peak`);
  }
  const highest = Math.max(...s.compare_runs.map(r => r.peak));
  assert.ok(s.view.address[1] >= highest, `the view (${s.view.address}) cuts off a run peaking at ${highest}`);
  assert.ok((await widgets(page))['compare.plot'], 'the second canvas is drawn');
  if (screenshots) await page.screenshot({path: `${screenshots}/compare.png`});
  await click(page, 'compare.close');
  assert.equal((await state(page)).compare, '');
  await page.close();
});

await test('edit: select a block by clicking it, type a new size, the re-solve is valid; Ctrl+Z undoes', async () => {
  const page = await openPage('?example=input.12');
  await key(page, 'ArrowLeft');  // the last placement (the last event raises the skyline)
  await page.waitForTimeout(450);  // past its drop-in animation
  const before = await drawnState(page);
  const [x0, y0, x1, y1] = before.event_rect;
  assert.equal(before.event, 'place');
  await page.mouse.click((x0 + x1) / 2, (y0 + y1) / 2);
  await frames(page, 3);
  assert.equal((await state(page)).selected, before.event_buffer);
  await click(page, 'edit.header');
  await page.mouse.dblclick(...await centreOf(page, 'edit.size'));  // selects the number
  await frames(page, 2);
  await page.keyboard.type('1');
  await key(page, 'Enter');
  await page.waitForFunction(() => window.telaState().undo === 1, null, {timeout: 5000});
  await settled(page);
  const edited = await drawnState(page);
  assert.equal(edited.status, 'solved');
  await click(page, 'export.header');
  const [download] = await Promise.all([page.waitForEvent('download'), click(page, 'export.solution')]);
  const solution = parseCsv(await readFile(await download.path(), 'utf8'));
  assert.equal(solution.find((b, i) => i === before.event_buffer).size, 1);
  assert.equal(checkAllocation(solution, solution.map(b => b.offset), edited.capacity), edited.final_peak);
  // Not passed off as the example: named as edited, in the file and the link.
  assert.equal(download.suggestedFilename(), `input-edited.solution.${edited.capacity}.csv`);
  assert.equal(edited.name, 'input-edited');
  assert.match(decodeURIComponent(await page.evaluate(() => location.search)), /file=input-edited/);
  await chord(page, 'Control', 'z');
  await settled(page);
  const undone = await state(page);
  assert.equal(undone.lower_bound, before.lower_bound);
  assert.equal(undone.name, 'input.12');  // the example again, and its link
  await page.waitForFunction(() => location.search.includes('example=input.12'), null, {timeout: 5000});
  await page.close();
});

await test('a long comparison runs beside the page: it keeps drawing, and the answer comes back', async () => {
  const page = await openPage('?gen=packing,600,3&algo=best-fit');  // best-fit finds no room at the bound
  await click(page, 'compare.header');
  await click(page, 'compare.with');
  await click(page, 'compare.with.exact');  // a zero-slack puzzle: it takes Compare's whole 3 s
  await click(page, 'compare.run');
  assert.equal((await state(page)).comparing, true, 'the click came back before the comparison did');
  // Frames drawn while it runs (a comparison solved on the page's thread draws none). Counted
  // at any pace: a loaded machine draws few.
  const drawn = new Set();
  for (let i = 0, s = await state(page); s.comparing && i < 300; ++i, s = await state(page)) {
    drawn.add(s.frame);
    await page.waitForTimeout(100);
  }
  assert.ok(drawn.size >= 4, `${drawn.size} frames drawn while comparing`);
  await page.evaluate(() => window.telaCompareDone);
  await frames(page, 2);
  const after = await state(page);
  assert.equal(after.comparing, false);
  assert.deepEqual(after.compare_runs.map(r => r.algo), ['best-fit', 'exact']);
  await page.close();
});

// The capacity field as typed in the page: a number past 64 bits was -1 to ImGui's sscanf in
// WASM ("capacity -1 refused"); grouped digits and units are read.
await test('the capacity field: too large or not a number is refused as typed; 1,048,576 and 2MiB are read', async () => {
  const page = await openPage();
  const typeCapacity = async text => {
    await typeInto(page, 'run.capacity', text);
    return state(page);
  };
  const before = (await state(page)).capacity;
  let s = await typeCapacity('99999999999999999999999');
  assert.equal(s.message_is_error, true);
  assert.match(s.message, /capacity "99999999999999999999999" refused \(larger than 9007199254740991\)/);
  assert.doesNotMatch(s.message, /-1/);
  s = await typeCapacity('twelve');
  assert.match(s.message, /capacity "twelve" refused \(not a whole number/);
  await click(page, 'run.run');
  await settled(page);
  assert.equal((await state(page)).capacity, before, 'a refused capacity is not used');
  await typeCapacity('1,048,576');
  await click(page, 'run.run');
  await settled(page);
  assert.equal((await state(page)).capacity, 1048576);
  await typeCapacity('2MiB');
  await click(page, 'run.run');
  await settled(page);
  s = await drawnState(page);
  assert.equal(s.capacity, 2097152);
  assert.equal(s.status, 'solved');
  await page.close();
});

await test('export by the buttons: the problem CSV (named with the capacity typed), the canvas PNG (with its axes, named by problem, algorithm and step), SVG, TikZ and ASCII', async () => {
  const page = await openPage();
  await click(page, 'export.header');
  const [problem] = await Promise.all([page.waitForEvent('download'), click(page, 'export.problem')]);
  assert.equal(problem.suggestedFilename(), 'input.12.csv');
  assert.equal(parseCsv(await readFile(await problem.path(), 'utf8')).length, 5);
  // A capacity typed into the field goes into the name, where loading reads it back.
  await typeInto(page, 'run.capacity', '20');
  const [roomier] = await Promise.all([page.waitForEvent('download'), click(page, 'export.problem')]);
  assert.equal(roomier.suggestedFilename(), 'input.20.csv');
  // The PNG is the figure: the plot with its address axis on the left and time axis below,
  // named after the problem, the algorithm and, when not at the end, the step shown.
  const [png] = await Promise.all([page.waitForEvent('download', {timeout: 10000}), click(page, 'export.png')]);
  const algorithm = (await state(page)).algo.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  assert.ok(algorithm.length > 0);
  assert.equal(png.suggestedFilename(), `input.${algorithm}.12.png`);
  const bytes = await readFile(await png.path());
  assert.equal(bytes.subarray(1, 4).toString(), 'PNG');
  const w = await widgets(page);
  const [ax0] = w['canvas.address_axis'], [, py0, px1] = w['canvas.plot'], [, , , ty1] = w['canvas.time_axis'];
  assert.ok(Math.abs(bytes.readUInt32BE(16) - (px1 - ax0)) <= 1, `PNG ${bytes.readUInt32BE(16)} px wide, figure ${px1 - ax0}`);
  assert.ok(Math.abs(bytes.readUInt32BE(20) - (ty1 - py0)) <= 1, `PNG ${bytes.readUInt32BE(20)} px high, figure ${ty1 - py0}`);
  // The step shown as SVG (a rectangle per buffer, and the plot's), TikZ and ASCII.
  const [svg] = await Promise.all([page.waitForEvent('download'), click(page, 'export.svg')]);
  assert.equal(svg.suggestedFilename(), `input.${algorithm}.12.svg`);
  const svgText = await readFile(await svg.path(), 'utf8');
  assert.equal((svgText.match(/<rect /g) || []).length, 6);
  // Filled in the page's colours (by id here), one per buffer, not the CLI's hues.
  assert.equal(new Set(svgText.match(/fill="#[0-9a-f]{6}" fill-opacity/g)).size, 5, svgText);
  const [tikz] = await Promise.all([page.waitForEvent('download'), click(page, 'export.tikz')]);
  assert.equal(tikz.suggestedFilename(), `input.${algorithm}.12.tex`);
  assert.match(await readFile(await tikz.path(), 'utf8'), /\\begin\{tikzpicture\}[^]*capacity 12/);
  const [ascii] = await Promise.all([page.waitForEvent('download'), click(page, 'export.ascii')]);
  assert.equal(ascii.suggestedFilename(), `input.${algorithm}.12.txt`);
  assert.match(await readFile(await ascii.path(), 'utf8'), /^# 5 buffers, addresses \[0, 12\)/);
  await frames(page, 2);
  assert.match((await state(page)).message, new RegExp(`saved input\\.${algorithm}\\.12\\.txt`));
  await page.keyboard.press('Home');
  await frames(page, 2);
  const [first] = await Promise.all([page.waitForEvent('download', {timeout: 10000}), click(page, 'export.png')]);
  assert.equal(first.suggestedFilename(), `input.${algorithm}.step-0.12.png`);
  assert.match((await state(page)).message, /saved input\..*step-0\.12\.png \(the canvas and its axes/);
  await page.close();
});

await test('the tour points at what it talks about, page by page, and is remembered once done', async () => {
  const context = await browser.newContext({viewport: {width: 1400, height: 860}});
  const page = await openPage('?example=backtracks', context, {keepTour: true});
  assert.equal((await state(page)).tour_step, 0, 'the tour shows on a first visit');
  const targets = ['canvas.plot', 'player.play', 'player.next_conflict', 'open.header', 'load.plot'];
  for (let i = 0; i < targets.length; ++i) {
    await frames(page, 2);
    const w = await widgets(page);
    const [tx0, ty0, tx1, ty1] = w[targets[i]], [bx0, by0] = w['tour.next'];
    const gap = Math.max(0, tx0 - bx0, bx0 - tx1) + Math.max(0, ty0 - by0, by0 - ty1);
    assert.ok(gap < 260, `page ${i + 1}: the tour stands ${gap} px from ${targets[i]}`);
    if (screenshots && i === 1) await page.screenshot({path: `${screenshots}/tour.png`});
    await click(page, 'tour.next');
  }
  assert.equal((await state(page)).tour_step, -1);
  await page.reload();
  await page.waitForFunction(() => window.telaState && window.telaState().buffers > 0, null, {timeout: 30000});
  assert.equal((await state(page)).tour_step, -1, 'the tour is remembered as seen');
  await context.close();
});

// A first visit through a link to a long run: the tour shows at once, not when the run ends
// (by then the visitor is using the page, and a tour popping up covers what they look at).
await test('a first visit through a link to a long run shows the tour at once, while the run goes on', async () => {
  const context = await browser.newContext({viewport: {width: 1400, height: 860}});
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  await page.goto(url + '?gen=packing,1000,3&algo=exact');  // exact runs to its time limit here
  await page.waitForFunction(() => window.telaState && window.telaState().running && window.telaState().tour_step === 0,
                             null, {timeout: 30000});
  await frames(page, 3);  // the tour's window takes its size in its first frames, as a person sees it settle
  await click(page, 'tour.skip');
  assert.equal((await state(page)).tour_step, -1);
  assert.equal((await state(page)).running, true, 'Skip does not stop the run');
  await click(page, 'run.cancel');
  await settled(page);
  assert.deepEqual(errors, []);
  await context.close();
});

await test('slow mode: with "pause at backtracks" ticked, Play stops at the first conflict or backtrack', async () => {
  const page = await openPage('?example=backtracks');
  await click(page, 'player.pause_at_backtracks');
  await key(page, 'Home');
  await key(page, ' ');
  await page.waitForFunction(() => { const s = window.telaState(); return s.step > 0 && !s.playing; }, null, {timeout: 2000})
    .catch(() => {});
  await page.waitForTimeout(2500);
  const s = await drawnState(page);
  assert.ok(['conflict', 'minor-backtrack', 'major-backtrack'].includes(s.event), s.event);
  assert.ok(s.step < s.steps);
  await page.close();
});

await test('Space at the last step plays from the start, as the Play button does', async () => {
  // A trace of a few hundred steps, so playing it takes many seconds at 20 a second: on a
  // loaded machine a few slow frames played the backtracks example (~50 steps) to its end
  // before the check below ran.
  const page = await openPage('?gen=packing,100,1&algo=telamalloc');
  await key(page, 'End');
  const end = await state(page);
  assert.equal(end.step, end.steps);
  assert.ok(end.steps >= 200, `${end.steps} steps`);
  await key(page, ' ');
  await page.waitForFunction(() => { const s = window.telaState(); return s.playing && s.step < s.steps; }, null,
                             {timeout: 5000});
  await key(page, ' ');  // pause again
  assert.equal((await state(page)).playing, false);
  await page.close();
});

await test('a long solve runs in the worker: progress shows, the canvas keeps drawing, Cancel stops it', async () => {
  const page = await openPage('?gen=packing,600,3&algo=best-fit');
  await click(page, 'run.algorithm');
  await click(page, 'run.algorithm.telamalloc');
  await click(page, 'run.run');
  await page.waitForFunction(() => window.telaState().running && window.telaState().progress_placed > 0,
                             null, {timeout: 10000});
  // The canvas keeps drawing while the worker searches: frames go on being counted.
  const frame = (await state(page)).frame;
  await page.waitForFunction(f => window.telaState().frame >= f + 5 && window.telaState().running, frame,
                             {timeout: 30000});
  await click(page, 'run.cancel');
  await settled(page);
  const s = await state(page);
  assert.match(s.message, /^Cancelled: the run was stopped\. The view still shows the previous run's result\.$/);
  assert.equal(s.message_is_error, false);
  await page.close();
});

await finish();
