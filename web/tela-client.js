// The page's side of tela-worker.js: solves in a Web Worker behind a promise API.
//
//   import { TelaClient } from './web/tela-client.js';
//   const tela = new TelaClient();           // or {workerUrl, moduleUrl} if served elsewhere
//   const {algorithms, eventKinds, reasons} = await tela.ready();
//   const result = await tela.solve(csvText, {capacity: 12, algorithm: 'greedy'}, p => show(p));
//   const smallest = await tela.minimize(csvText, {timeout: 5}, step => plot(step));  // as `tela minimize`
//   const why = await tela.explain(csvText, {capacity: 11});      // as `tela explain`
//   tela.cancel();                           // stops a running solve (or diagnosis) at once
//
// solve options: capacity (bytes, checked against pre-placed buffers as `tela --capacity`),
// algorithm (default best-fit), timeout (seconds, default 60, 0: none), minorBacktracks,
// majorBacktracks, exact (the exact search's rules, e.g. {nogoods: false}), trace (default true),
// maxEvents (the trace keeps that many at most, default all), progressSeconds (default 0.25),
// fileName (for error messages, default problem.csv).
// The result: {status, algorithm, detail, seconds, peak, lowerBound, exitCode, capacity,
// offsets: Float64Array (NaN: not placed), validation (solved runs), buffers: {id, lower, upper,
// size, alignment, fixedOffset}, sections: {lower, upper, load, live}, stats, eventCount,
// trace: {kind, reason, buffer, offset, limit, timeLower, timeUpper, causeBegin, causes} or null
// with {trace: false} (see web/problem_handle.h and web/run_handle.h)}.
// A rejected input rejects the promise with an Error whose message is the CLI's
// "file:line:column: what"; a cancelled solve rejects with error.cancelled === true.

export class TelaClient {
  constructor({ workerUrl, moduleUrl } = {}) {
    this.workerUrl = new URL(workerUrl || './tela-worker.js', import.meta.url);
    this.moduleUrl = new URL(moduleUrl || '../build-wasm/web/tela.js', import.meta.url);
    this.nextId = 1;
    this.pending = new Map();  // id -> {resolve, reject, onProgress}
    this.start();
  }

  // What the module offers: {algorithms: [{name, summary}], eventKinds, reasons}.
  ready() { return this.readyPromise; }

  solve(csvText, options = {}, onProgress = null) {
    this.cancel();  // one solve at a time: a new one replaces the one running
    return this.request({ type: 'solve', csv: csvText, fileName: options.fileName,
      options }, onProgress);
  }

  // `tela minimize` and `tela explain` in the worker; options: capacity, timeout, fileName.
  // The answers are those of Problem.minimize and Problem.explain (web/problem_handle.h);
  // minimize's onStep hears {seconds, capacity, provenBelow, foundBy, moves} each time either
  // bound moves, with offsets (Float64Array) when the step brings a lower allocation: keep the
  // last of them to have the best allocation so far after cancel().
  minimize(csvText, options = {}, onStep = null) {
    return this.request({ type: 'minimize', csv: csvText, fileName: options.fileName, options }, onStep);
  }
  explain(csvText, options = {}) {
    return this.request({ type: 'explain', csv: csvText, fileName: options.fileName, options });
  }

  // The plain-words texts of events [first, first + count) of the last solve.
  describe(first, count) {
    return this.request({ type: 'describe', first, count });
  }

  // Stops a running solve now: the worker is terminated (see tela-worker.js for why) and a fresh
  // one loads in the background. The solve's promise rejects with error.cancelled === true.
  cancel() {
    const long = ['solve', 'minimize', 'explain'];
    const running = [...this.pending.values()].some(p => long.includes(p.type));
    if (!running) return false;
    this.worker.terminate();
    this.failAll(Object.assign(new Error('cancelled'), { cancelled: true }));
    this.start();
    return true;
  }

  terminate() {
    this.worker.terminate();
    this.failAll(Object.assign(new Error('terminated'), { cancelled: true }));
  }

  start() {
    const url = new URL(this.workerUrl);
    url.searchParams.set('module', this.moduleUrl.href);
    this.worker = new Worker(url);
    this.readyPromise = new Promise((resolve, reject) => {
      this.readyWaiter = { resolve, reject };
    });
    this.worker.onmessage = ({ data }) => this.receive(data);
    this.worker.onerror = event => {  // the module failed to load, or the worker crashed
      const error = new Error(`tela worker: ${event.message || 'failed'}`);
      this.readyWaiter.reject(error);
      this.failAll(error);
    };
  }

  request(message, onProgress = null) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { type: message.type, resolve, reject, onProgress });
      this.worker.postMessage({ ...message, id });
    });
  }

  receive(data) {
    if (data.type === 'ready') return this.readyWaiter.resolve(data);
    const waiter = this.pending.get(data.id);
    if (!waiter) return;  // a reply to a request already cancelled
    if (data.type === 'progress') return waiter.onProgress?.(data.progress);
    this.pending.delete(data.id);
    if (data.type === 'error') waiter.reject(new Error(data.error));
    else waiter.resolve(data.type === 'describe' ? data.texts : data.result);
  }

  failAll(error) {
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }
}
