// The page's glue around the visualizer module: starts it, loads what the URL names (or the
// built-in example) and keeps the URL in step with the view, takes files by picker and by
// drag-and-drop and fingers on the canvas (web/touch.js), and exposes window.telaState() for
// tests and scripts. Drawing and logic are all in the C++ module (viz/).
import {TelaClient} from './tela-client.js';
import {installTouch} from './touch.js';

const status = document.getElementById('status');
const canvas = document.getElementById('canvas');
let viz = null;
let examples = [];

// The canvas holds device pixels (crisp on HiDPI screens); the module lays out in CSS pixels
// (viz/platform/main_web.cpp). Not through glfwSetWindowSize: at the screen's size it asks for full
// screen. setCanvasSize clears the canvas's CSS size, so that is set after it.
let ratioQuery = null;
function resize() {
  const ratio = window.devicePixelRatio || 1;
  viz.setCanvasSize(Math.round(innerWidth * ratio), Math.round(innerHeight * ratio));
  canvas.style.width = innerWidth + 'px';
  canvas.style.height = innerHeight + 'px';
  viz._tela_viz_set_pixel_ratio(ratio);
  // The ratio also changes without a resize (the window moves to another screen).
  ratioQuery?.removeEventListener('change', resize);
  ratioQuery = matchMedia(`(resolution: ${ratio}dppx)`);
  ratioQuery.addEventListener('change', resize);
}

function copyInto(array) {  // a typed array's bytes copied into the module's memory; free() it
  const pointer = viz._malloc(Math.max(array.byteLength, 1));
  viz.HEAPU8.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), pointer);
  return pointer;
}

// Calls the module with `text` as a C string in its heap. Not through ccall's 'string': that
// puts the string on the module's 5 MB stack, and a 2.7 MB CSV (up to 4 bytes a character)
// overran it and corrupted the module's memory. Files, pastes and answers go this way.
function withText(text, use) {
  const bytes = new TextEncoder().encode(text);
  const pointer = viz._malloc(bytes.length + 1);
  viz.HEAPU8.set(bytes, pointer);  // HEAPU8 read after malloc: the memory may have grown
  viz.HEAPU8[pointer + bytes.length] = 0;
  try {
    return use(pointer);
  } finally {
    viz._free(pointer);
  }
}

function state() {
  return JSON.parse(viz.UTF8ToString(viz._tela_viz_state()));
}

async function fetchText(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
  return response.text();
}

function setRequest(algo, capacity, minor = -1, major = -1) {
  viz.ccall('tela_viz_set_request', null, ['string', 'number', 'number', 'number', 'number'],
            [algo, capacity, 10, minor, major]);
}

// The module takes text as a C string, which ends at a NUL byte: a binary file would arrive cut
// there (as "the file is empty"). Says where the NUL is instead, as the CLI does.
function nulError(text, name) {
  const at = text.indexOf('\0');
  if (at < 0) return null;
  const before = text.slice(0, at);
  const line = before.split('\n').length, column = at - before.lastIndexOf('\n');
  return new Error(`${name}:${line}:${column}: NUL byte: not a text file (UTF-16 or binary?)`);
}

// `origin`: who gave the capacity, for the status line ("capacity 12 from the example").
function loadCsv(text, name, capacity, source, origin = 'as asked') {  // true when loaded
  const nul = nulError(text, name);
  if (nul) return showError(nul), false;
  return withText(text, pointer => viz.ccall('tela_viz_load_csv', 'number',
                                             ['number', 'string', 'number', 'string', 'string'],
                                             [pointer, name, capacity, source, origin])) === 1;
}

// Loads an example of the menu and solves it with the algorithm and options it comes with
// (the URL's algo and capacity, when given, win).
// A link's value as a message quotes it: a long one cut (a 5,000-character name filled the
// status line).
function cut(text) {
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}
const quoted = text => `'${cut(text)}'`;

async function openExample(name, overrides = {}) {
  const example = examples.find(e => e.name === name);
  if (!example) throw new Error(`no example named ${quoted(name)}`);
  const text = await fetchText(`examples/${example.file || example.name}.csv`);
  const capacity = overrides.capacity || example.capacity || 0;
  loadCsv(text, example.name, capacity, `example:${example.name}`, overrides.capacity ? 'as asked' : 'from the example');
  setRequest(overrides.algo || example.algo || 'telamalloc', capacity,
             example.minor_backtracks ?? -1, example.major_backtracks ?? -1);
  viz._tela_viz_run();
  await window.telaRunDone;
}

// A problem no link can name (a file, a paste, an edit) is kept in this tab's sessionStorage,
// so a reload, Back or Forward shows it again; a link to it opened elsewhere says so instead of
// showing another. A run that no solve was asked for (a loaded trace, an allocation a diagnosis
// found) is kept whole, as a trace: a reload shows that run again, not a new solve of its
// problem by whatever algorithm the combo names. The last few are kept, newest last, so Back
// finds the files opened before; the oldest go first when the storage is full.
const kKept = 'tela.kept';
const kKeptMost = 8;

function keptEntries() {
  try {
    const entries = JSON.parse(sessionStorage.getItem(kKept) || '[]');
    return Array.isArray(entries) ? entries : [];
  } catch {  // not ours, or cut short: nothing kept
    return [];
  }
}

// Keeps `text` under `name` (replacing what was kept under it); false when it does not fit
// even alone.
function keep(name, kind, text) {
  const entries = keptEntries().filter(e => e.name !== name);
  entries.push({name, kind, text});
  while (entries.length > kKeptMost) entries.shift();
  for (;;) {
    try {
      sessionStorage.setItem(kKept, JSON.stringify(entries));
      return true;
    } catch (error) {  // over the quota: make room, oldest first
      if (entries.length === 1) {
        sessionStorage.setItem(kKept, JSON.stringify(keptEntries().filter(e => e.name !== name)));
        console.warn(`tela: ${name} is too large to keep for a reload (${error.message})`);
        return false;
      }
      entries.shift();
    }
  }
}

function kept(name) {
  return keptEntries().find(e => e.name === name) || null;
}

function keepProblem(name) {
  keep(name, 'csv', viz.UTF8ToString(viz._tela_viz_problem_csv()));
}

// Too large for the storage, the problem alone is kept, and a reload solves it again.
function keepTrace(name) {
  return keep(name, 'trace', viz.UTF8ToString(viz._tela_viz_trace_jsonl()));
}

function loadTrace(text, name) {  // true when loaded
  const nul = nulError(text, name);
  if (nul) return showError(nul), false;
  return withText(text, pointer => viz.ccall('tela_viz_load_trace', 'number', ['number', 'string', 'string'],
                                             [pointer, name, `file:${name}`])) === 1;
}

// ?example=NAME | ?gen=KIND,COUNT,SEED | ?file=NAME, then &algo=A&capacity=N&step=K. Without
// a step the page opens on the final allocation.
// A link's number must be written as a whole number, or the page says which is wrong (Number()
// alone reads "abc" as NaN, then a default, and "-3" or "1e3" as values no one asked for).
// The page's numbers are JavaScript's: exact up to 2^53 - 1, so a link may not ask for more.
function wholeNumber(text, what, least, most = Number.MAX_SAFE_INTEGER) {
  if (!/^\d+$/.test(text) || Number(text) < least || Number(text) > most || !Number.isSafeInteger(Number(text)))
    throw new Error(`${what} ${quoted(text)} in the link must be a whole number from ${least} to ${most}` +
                    (most === Number.MAX_SAFE_INTEGER ? ' (2^53 - 1)' : ''));
  return Number(text);
}
const kMostInt = 2 ** 31 - 1;  // the module's int: a count past the page's 100,000 is cut, and says so

// A link's capacity as the capacity field reads it ("32M", "1,048,576", "1MiB": the module's
// reading), else the whole-number error.
function linkCapacity(text) {
  const read = viz.ccall('tela_viz_read_number', 'string', ['string', 'number'], [text, Number.MAX_SAFE_INTEGER]);
  if (read.startsWith('=') && Number(read.slice(1)) >= 1) return Number(read.slice(1));
  return wholeNumber(text, 'capacity', 1);  // refused: says what a link may hold
}

async function loadFromUrl() {
  const params = new URLSearchParams(location.search);
  // A bad capacity, like an unknown algorithm, leaves the problem as linked, at its own
  // capacity, and is said after (it threw the linked problem away for the built-in example).
  const capacity = params.get('capacity');
  let badCapacity = null;
  const overrides = {algo: params.get('algo'), capacity: 0};
  try {
    if (capacity !== null && capacity !== '') overrides.capacity = linkCapacity(capacity);
  } catch (error) {
    badCapacity = error;
  }
  const known = [...viz.UTF8ToString(viz._tela_viz_algorithm_names()).split(',')];
  // An unknown algorithm leaves the problem as linked, solved by its default, and says so after.
  let badAlgo = null;
  if (overrides.algo && !known.includes(overrides.algo)) {
    badAlgo = new Error(`algo ${quoted(overrides.algo)} in the link is not an algorithm (${known.join(', ')})`);
    overrides.algo = null;
  }
  const gen = params.get('gen'), file = params.get('file');
  if (gen) {
    const [kind, count, seed] = gen.split(',');
    const error = viz.ccall('tela_viz_generate', 'string', ['string', 'number', 'number'],
                            [kind, count === undefined ? 200 : wholeNumber(count, 'gen count', 1, kMostInt),
                             seed === undefined ? 1 : wholeNumber(seed, 'gen seed', 0, kMostInt)]);
    if (error) throw new Error(error);
    setRequest(overrides.algo || '', overrides.capacity);  // none named: the module's choice
    viz._tela_viz_run();
    await window.telaRunDone;
  } else if (file && kept(file)?.kind === 'trace') {
    loadTrace(kept(file).text, file);
    // The Run panel's choice as the link had it: a trace names what it ran ("minimize: auto
    // (exact)"), which is no algorithm to choose, and a reload fell back to telamalloc.
    if (overrides.algo) setRequest(overrides.algo, 0);
  } else if (file && kept(file)) {
    loadCsv(kept(file).text, file, overrides.capacity, `file:${file}`);
    setRequest(overrides.algo || '', overrides.capacity);  // none named: the module's choice
    viz._tela_viz_run();
    await window.telaRunDone;
  } else {
    // In place of a file this tab no longer keeps, the example opens as it is: the link's
    // capacity and algorithm were for the file.
    await openExample(params.get('example') || 'input.12', file ? {} : overrides);
    if (file) throw new Error(`${cut(file)} is not kept in this tab (it was opened in another tab or browser, or ` +
                              'was too large to keep, or files opened since took its place): open it again ' +
                              '(Open > Open a file, or drop it here)');
  }
  if (params.has('step')) viz._tela_viz_seek(wholeNumber(params.get('step'), 'step', 0));
  if (badCapacity || badAlgo) throw badCapacity || badAlgo;
}

// The URL follows the view, so reloading or sharing the link restores it. Another problem
// (an example, a generated one, a file, an edit) is a new entry of the tab's history, so Back
// returns to the one before; a step, a capacity or an algorithm changes the entry in place.
let keptRevision = -1;
let navigating = false;  // Back or Forward is loading what the URL names: the URL is not rewritten
const problemOf = params => ['example', 'gen', 'file'].map(k => params.get(k)).join('|');
function syncUrl() {
  const s = state();
  if (!s.name || navigating) return;
  const params = new URLSearchParams();
  const colon = s.source.indexOf(':');
  const [kind, value] = [s.source.slice(0, colon), s.source.slice(colon + 1)];
  if ((kind === 'example' || kind === 'gen') && !s.kept_as_trace) {
    params.set(kind, value);
  } else {  // a file, a paste, an edit, a trace, an allocation found: kept for a reload of this tab
    params.set('file', s.name);
    if (s.revision !== keptRevision) {
      if (!s.kept_as_trace || !keepTrace(s.name)) keepProblem(s.name);
    }
    keptRevision = s.revision;
  }
  if (s.request_algo) params.set('algo', s.request_algo);
  if (s.capacity > 0) params.set('capacity', s.capacity);  // (0: an empty problem's; a link asks for 1 or more)
  if (s.step < s.steps) params.set('step', s.step);  // none: the final allocation, whatever a re-solve's length
  const url = '?' + params.toString().replace(/%2C/g, ',');
  if (url === location.search) return;
  const newProblem = location.search !== '' && problemOf(new URLSearchParams(location.search)) !== problemOf(params);
  if (newProblem) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

// Back and Forward: the entry's URL is loaded as a link is (a file is found only while this
// tab still keeps it).
async function followHistory() {
  navigating = true;
  try {
    await loadFromUrl();
  } catch (error) {
    showError(error);
  } finally {
    navigating = false;
  }
}

// A problem from a file or the clipboard is solved at once with the algorithm chosen, so there
// is something to replay; a bad one leaves the view as it was (the module says why). Its
// capacity comes from the file name (NAME.CAPACITY.csv) or is the lower bound, as it says.
function loadAndSolve(text, name) {
  if (loadCsv(text, name, 0, `file:${name}`)) viz._tela_viz_run();
}

async function openFile(file) {
  let text;
  try {
    text = await file.text();
  } catch (error) {  // a folder dropped, a file gone since it was chosen
    return showError(new Error(`${file.name}: cannot be read (a folder? a file moved since?): ${error.message}`));
  }
  if (file.name.toLowerCase().endsWith('.jsonl')) {  // T.JSONL too
    loadTrace(text, file.name);
  } else {
    loadAndSolve(text, file.name);
  }
}

function acceptFiles() {
  const input = document.getElementById('file');
  input.addEventListener('change', () => { if (input.files[0]) openFile(input.files[0]).catch(showError); input.value = ''; });
  addEventListener('dragover', e => { e.preventDefault(); document.body.classList.add('dragging'); });
  addEventListener('dragleave', () => document.body.classList.remove('dragging'));
  // CSV text pasted anywhere on the page is loaded as a problem (the system clipboard does not
  // reach ImGui in Emscripten 3.1.6's GLFW), unless a text box has the keyboard: the search box
  // then takes it.
  addEventListener('paste', e => {
    const text = e.clipboardData.getData('text');
    if (!text.trim() || withText(text, pointer => viz.ccall('tela_viz_paste_text', 'number', ['number'], [pointer])))
      return;
    loadAndSolve(text, 'pasted.csv');
  });
  // Ctrl+F (Cmd+F) is the page's own search, not the browser's find bar.
  addEventListener('keydown', e => {
    if ((e.ctrlKey || e.metaKey) && (e.key === 'f' || e.key === 'F')) e.preventDefault();
  });
  addEventListener('drop', e => {
    e.preventDefault();
    document.body.classList.remove('dragging');
    if (e.dataTransfer.files[0]) openFile(e.dataTransfer.files[0]).catch(showError);
  });
}

// Runs happen in a Web Worker (tela-client.js), so the canvas keeps drawing during a long solve,
// shows its progress and can cancel it at once. `telaRunDone` settles when the run is over.
let client = null;
window.telaRunDone = Promise.resolve();


// The trace's columns go over one by one under their own names (the module knows their
// layout), then the result with the offsets.
function deliver(result, extra = {}) {
  for (const [name, column] of Object.entries(result.trace)) {
    const pointer = copyInto(column);
    try {
      if (!viz.ccall('tela_viz_trace_column', 'number', ['string', 'number', 'number'],
                     [name, pointer, column.byteLength]))
        throw new Error(`the worker's trace has a column '${name}' the visualizer does not take`);
    } finally {
      viz._free(pointer);
    }
  }
  const {status, algorithm, detail, seconds, capacity} = result;
  const offsets = copyInto(Float64Array.from(result.offsets));
  try {
    viz.ccall('tela_viz_finish_run', null, ['string', 'number'],
              [JSON.stringify({status, algorithm, detail, seconds, capacity, ...extra}), offsets]);
  } finally {
    viz._free(offsets);
  }
}

function startRun(csv, algorithm, capacity, timeout, minorBacktracks, majorBacktracks, maxEvents, fileName) {
  const options = {algorithm, capacity, timeout, minorBacktracks, majorBacktracks, maxEvents,
                   trace: true, progressSeconds: 0.1, fileName};
  const progress = p => viz._tela_viz_progress(p.placed, p.buffers, p.deepest, p.seconds);
  window.telaRunDone = client.solve(csv, options, progress).then(deliver, error =>
    viz.ccall('tela_viz_run_failed', null, ['string'], [error.cancelled ? 'cancelled' : error.message]));
}

// Compare's second run: in a worker of its own, made on first use, so it neither cancels nor
// waits for the main run. A newer comparison replaces one still running. `telaCompareDone`
// settles when it is back.
let compareClient = null;
window.telaCompareDone = Promise.resolve();
function startCompare(ticket, csv, algorithm, capacity, timeout, minorBacktracks, majorBacktracks, maxEvents) {
  compareClient ??= new TelaClient({workerUrl: './tela-worker.js', moduleUrl: './tela.js'});
  const options = {algorithm, capacity, timeout, minorBacktracks, majorBacktracks, maxEvents, trace: true};
  window.telaCompareDone = compareClient.solve(csv, options).then(result => deliver(result, {compare_ticket: ticket}),
    error => viz.ccall('tela_viz_compare_failed', null, ['number', 'string'],
                       [ticket, error.cancelled ? 'cancelled' : error.message]));
}

// "Why does it not fit?" and "Smallest capacity that works" run in the worker as well; the
// answer goes back to the module as JSON. `telaDiagnosisDone` settles when it has.
window.telaDiagnosisDone = Promise.resolve();
function startDiagnosis(ticket, kind, csv, capacity, timeout) {
  const finish = answer => withText(JSON.stringify(answer, (key, v) => ArrayBuffer.isView(v) ? Array.from(v) : v),
    pointer => viz.ccall('tela_viz_finish_diagnosis', null, ['number', 'string', 'number'], [ticket, kind, pointer]));
  // minimize looks for its own capacity: the current one must not reject pre-placed buffers.
  const options = {timeout, capacity: kind === 'explain' ? capacity : null};
  // minimize's bounds as they move, for the panel's plot; the last allocation a step brought is
  // kept here, so a minimize cancelled (the worker terminated) still answers with the best
  // found so far (the module labels it as stopped, and validates it).
  let best = null;
  const onStep = step => {
    if (step.offsets) best = {capacity: step.capacity, offsets: step.offsets, algorithm: step.foundBy};
    viz.ccall('tela_viz_minimize_step', null, ['number', 'number', 'number', 'number', 'number', 'string'],
              [ticket, step.seconds, step.capacity, step.provenBelow, step.moves, step.foundBy]);
  };
  window.telaDiagnosisDone = client[kind](csv, options, onStep).then(finish, error =>
    finish({status: error.cancelled ? 'cancelled' : 'not-found', detail: error.message,
            ...(error.cancelled && best)}));
}

// Downloads: text files (solution, trace, problem) and the canvas's pixels as a PNG.
function download(name, blob) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
window.telaDownload = (name, text) => download(name, new Blob([text], {type: 'text/plain'}));
window.telaDownloadPixels = (pointer, width, height, name) => {
  const image = new ImageData(width, height);
  const row = width * 4;
  for (let y = 0; y < height; ++y)  // GL rows go bottom-up
    image.data.set(viz.HEAPU8.subarray(pointer + (height - 1 - y) * row, pointer + (height - y) * row), y * row);
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  c.getContext('2d').putImageData(image, 0, 0);
  c.toBlob(blob => download(name, blob), 'image/png');
};

// An error of the page's own (a missing example, a stale link) on the module's status line.
function showError(error) {
  viz.ccall('tela_viz_fail', null, ['string'], [error.message || String(error)]);
}

async function start() {
  viz = await createTelaViz({canvas, print: console.log, printErr: console.error});
  viz.callMain([]);
  status.textContent = 'loading the solver...';  // the page draws; the worker is still loading
  resize();
  addEventListener('resize', resize);
  window.telaState = state;
  window.telaWidgets = () => JSON.parse(viz.UTF8ToString(viz._tela_viz_widgets()));
  window.telaViz = viz;
  window.telaOpenExample = name => openExample(name).catch(showError);
  acceptFiles();
  installTouch(canvas);
  try {  // without a worker (say, tela.js missing) runs are synchronous in the module
    client = new TelaClient({workerUrl: './tela-worker.js', moduleUrl: './tela.js'});
    await client.ready();
    status.textContent = '';  // from here the page says what it does on its own status line
    window.telaStartRun = startRun;
    window.telaStartDiagnosis = startDiagnosis;
    window.telaStartCompare = startCompare;
    window.telaCancelRun = () => client.cancel();
  } catch (error) {
    console.warn(`tela: no worker (${error.message}); runs will block the page`);
  }
  try {
    examples = JSON.parse(await fetchText('examples/examples.json'));
    for (const e of examples) viz.ccall('tela_viz_add_example', null, ['string', 'string'], [e.name, e.title]);
    // A first visit's tour shows at once, not when a long run of a link ends and covers the
    // view the visitor has started to use.
    if (!localStorage.getItem('tela.tourSeen')) viz._tela_viz_start_tour();
    await loadFromUrl();
    status.textContent = '';
  } catch (error) {
    status.textContent = '';
    // A bad link still opens on something to look at: the built-in example, under the error.
    if (!state().name) await openExample('input.12', {}).catch(() => {});
    showError(error);
  }
  addEventListener('popstate', followHistory);
  setInterval(() => {
    syncUrl();
    window.telaFrameMs = viz._tela_viz_frame_ms();  // measured by the module itself
  }, 300);
}

start();
