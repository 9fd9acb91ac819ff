// A Web Worker that solves with tela.wasm off the page's thread, so a solve of many seconds
// never freezes the page. Start it as `new Worker('tela-worker.js?module=URL-of-tela.js')`
// (tela-client.js does); without `module`, tela.js is looked for in ../build-wasm/web/.
//
// Cancelling: the page terminates this worker and starts a fresh one. That is the only way to
// stop a solve at once here: the solve is one synchronous WASM call, so this worker reads no
// message until it returns, and SolveOptions::cancel (an atomic flag) could only be set from
// another thread through shared memory, which needs a pthreads build and a page served
// cross-origin isolated (COOP/COEP headers). Time-slicing the search instead would make every
// algorithm resumable. Terminating stops the WASM within milliseconds; the price is loading
// the module again (a few tens of ms, from the browser's cache), done in the background.
//
// Messages in:  {type: 'solve', id, csv, fileName, options}   options as in tela-client.js
//               {type: 'minimize' or 'explain', id, csv, fileName, options}
//               {type: 'describe', id, first, count}           texts of the last run's events
// Messages out: {type: 'ready', algorithms, eventKinds, reasons}
//               {type: 'progress', id, progress}  a solve's progress, or a minimize step
//                                                 (with the offsets of a lower allocation)
//               {type: 'result', id, result}   typed arrays transferred, not copied
//               {type: 'diagnosis', id, result}  what Problem.minimize/explain return
//               {type: 'error', id, error}     e.g. "input.csv:3:5: size is negative"
'use strict';

const moduleUrl = new URL(new URLSearchParams(self.location.search).get('module') ||
  '../build-wasm/web/tela.js', self.location.href).href;
importScripts(moduleUrl);

let last = null;  // {problem, run} of the last solve, kept for 'describe'

function release() {
  if (!last) return;
  last.run.delete();
  last.problem.delete();
  last = null;
}

// Everything about a run the page needs, with the bulky parts as typed arrays.
function resultOf(problem, run, withTrace) {
  return {
    status: run.status(), algorithm: run.algorithm(), detail: run.detail(),
    seconds: run.seconds(), peak: run.peak(), lowerBound: run.lowerBound(),
    exitCode: run.exitCode(), capacity: problem.capacity(), offsets: run.offsets(),
    validation: run.status() === 'solved' ? run.validate() : null,
    buffers: problem.buffers(), sections: problem.sections(), stats: problem.stats(),
    eventCount: run.eventCount(),
    trace: withTrace ? run.trace() : null,
  };
}

function transferables(result) {
  const arrays = [result.offsets, ...Object.values(result.buffers),
    ...Object.values(result.sections),
    ...(result.trace ? Object.values(result.trace) : [])];
  return arrays.filter(a => ArrayBuffer.isView(a)).map(a => a.buffer);
}

function solve(tela, { id, csv, fileName, options = {} }) {
  release();
  const loaded = tela.loadProblem(csv, fileName || 'problem.csv', options.capacity ?? null);
  if (loaded.error) return postMessage({ type: 'error', id, error: loaded.error });
  const problem = loaded.problem;
  const solved = problem.solve(options.algorithm || 'best-fit', {
    timeout: options.timeout, minorBacktracks: options.minorBacktracks,
    majorBacktracks: options.majorBacktracks, exact: options.exact, trace: options.trace !== false,
    maxEvents: options.maxEvents,  // the page keeps 10^6: a search records 10^8 events and more
    progressSeconds: options.progressSeconds ?? 0.25,
    progress: progress => postMessage({ type: 'progress', id, progress }),
  });
  if (solved.error) {
    problem.delete();
    return postMessage({ type: 'error', id, error: solved.error });
  }
  last = { problem, run: solved.run };
  const result = resultOf(problem, solved.run, options.trace !== false);
  postMessage({ type: 'result', id, result }, transferables(result));
}

// tela minimize / tela explain (web/problem_handle.h says what they answer).
function diagnose(tela, { id, type, csv, fileName, options = {} }) {
  const loaded = tela.loadProblem(csv, fileName || 'problem.csv', options.capacity ?? null);
  if (loaded.error) return postMessage({ type: 'error', id, error: loaded.error });
  // A step that brings a lower allocation carries its offsets (moved, not copied).
  const onStep = type === 'minimize' ? step => postMessage({ type: 'progress', id, progress: step },
    step.offsets ? [step.offsets.buffer] : []) : undefined;
  const result = loaded.problem[type]({ timeout: options.timeout, exact: options.exact, onStep });
  loaded.problem.delete();
  if (result.error) return postMessage({ type: 'error', id, error: result.error });
  postMessage({ type: 'diagnosis', id, result });
}

function describe({ id, first, count }) {
  const texts = [];
  const end = last ? Math.min(first + count, last.run.eventCount()) : 0;
  for (let i = Math.max(0, first); i < end; ++i) texts.push(last.run.describe(i));
  postMessage({ type: 'describe', id, texts });
}

// Messages that arrive while the module loads wait for it, in order.
const ready = createTela({ locateFile: path => new URL(path, moduleUrl).href }).then(tela => {
  postMessage({ type: 'ready', algorithms: tela.algorithms(), eventKinds: tela.eventKinds(),
    reasons: tela.reasons() });
  return tela;
});
self.onmessage = ({ data }) => ready.then(tela => {
  try {
    if (data.type === 'solve') solve(tela, data);
    else if (data.type === 'minimize' || data.type === 'explain') diagnose(tela, data);
    else if (data.type === 'describe') describe(data);
  } catch (e) {  // an abort inside WASM (out of memory): the page must not wait forever
    postMessage({ type: 'error', id: data.id, error: `tela: ${e.message || e}` });
  }
});
