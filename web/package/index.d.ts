// Types of the tela package: the Embind API of web/bindings.cpp (see web/problem_handle.h,
// web/run_handle.h and web/solve_options.h for the C++ side of every field). Numbers that are
// 64-bit in C++ (times, sizes, offsets) arrive as JS numbers: exact up to 2^53.

/** Loads the WebAssembly module (tela.wasm, beside index.js). */
export default function createTela(options?: EmscriptenOptions): Promise<Tela>;

/** Emscripten's module options, for hosting tela.wasm somewhere else. */
export interface EmscriptenOptions {
  locateFile?: (path: string, scriptDirectory: string) => string;
  wasmBinary?: ArrayBuffer | Uint8Array;
  print?: (text: string) => void;
  printErr?: (text: string) => void;
}

export type Status = 'solved' | 'infeasible' | 'not-found' | 'timeout' | 'cancelled';
export type AlgorithmName = 'auto' | 'best-fit' | 'greedy' | 'telamalloc' | 'exact';
export type EventKindName = 'phase' | 'consider' | 'place' | 'minor-backtrack' |
  'major-backtrack' | 'propagate' | 'conflict' | 'skyline';
export type Verdict = 'valid' | 'wrong-count' | 'unplaced' | 'negative-offset' |
  'over-capacity' | 'misaligned' | 'fixed-offset-moved' | 'overlap';

export interface Tela {
  /** Every algorithm, in the order and with the names of `tela --help`. */
  algorithms(): { name: AlgorithmName; summary: string }[];
  /** Trace event kinds; a trace's `kind` values index this array. */
  eventKinds(): EventKindName[];
  /** Reasons ("best-fit-gap", ...); a trace's `reason` values index this array. */
  reasons(): string[];
  /**
   * Reads a problem in the CSV format (`id,lower,upper,size[,alignment][,offset]`).
   * `capacity` (bytes; undefined or null: none) is checked against pre-placed buffers.
   * A rejected input gives `{error}` with the CLI's "file:line:column: what is wrong".
   */
  loadProblem(csvText: string, fileName: string, capacity?: number | null):
    { problem: Problem; error?: undefined } | { problem?: undefined; error: string };
}

/** Embind objects live in the WebAssembly heap: call delete() when done with one. */
export interface Deletable {
  delete(): void;
}

export interface SolveOptions {
  /** Seconds (default 60; 0: no limit). */
  timeout?: number;
  /** TelaMalloc's minor backtracks in a row before a major one (CLI: --minor-backtracks). */
  minorBacktracks?: number;
  /** TelaMalloc's major backtracks per round (CLI: --major-backtracks). */
  majorBacktracks?: number;
  /** minimize's improvement: the seed that breaks ties and picks windows (CLI: --seed; default 1). */
  seed?: number;
  /** minimize's improvement: its exact-search work over all moves, 0: no limit (CLI: --improve-work). */
  improveWork?: number;
  /** minimize's improvement: about how many buffers a move frees at first (CLI: --window; default 24). */
  window?: number;
  /** minimize's improvement: the exact-search work one move may take (CLI: --move-work; default 24). */
  moveWork?: number;
  /**
   * The exact search's rules (used by 'exact' and 'auto'), each on unless set to false here, to
   * measure what it buys (CLI: --no-section-inference and so on). An unknown name is an error.
   */
  exact?: ExactRules;
  /** Record every step (default true). */
  trace?: boolean;
  /** Record at most this many events (default 0: all); the run goes on past it. */
  maxEvents?: number;
  /** Called about every `progressSeconds` while a run lasts. */
  progress?: (progress: Progress) => void;
  progressSeconds?: number;
}

/** Pruning rules of the exact search (ExactParams in core/model/run.h); all default to true. */
export interface ExactRules {
  /** The load left in a section must fit above its lowest offset. */
  sectionInference?: boolean;
  /** Section inference for a node before it is opened. */
  lookahead?: boolean;
  /** A section with no slack has its lowest free byte filled next. */
  tightSpots?: boolean;
  /** Nothing placed above another buffer's lowest top. */
  dominance?: boolean;
  /** A buffer nothing left meets is tried at one place only. */
  hatless?: boolean;
  /** Interchangeable buffers in file order. */
  twins?: boolean;
  /** Buffers at one offset in rank order. */
  tieOrder?: boolean;
  /** Independent parts solved one after the other. */
  decomposition?: boolean;
  /** Parts searched without success fail at once when met again. */
  nogoods?: boolean;
  /** A valley of the floor without slack must be coverable along its floor, wall to wall, by lives of buffers left. */
  valleys?: boolean;
  /** A tight spot branches on the section the fewest buffers can fill (needs tightSpots). */
  fewestFits?: boolean;
  /** Six orderings with a doubling node limit (false: one ordering, no limit). */
  restarts?: boolean;
}

export interface Progress {
  placed: number;
  buffers: number;
  deepest: number;
  minorBacktracks: number;
  majorBacktracks: number;
  seconds: number;
}

/** Time intervals over which the set of live buffers does not change. */
export interface Sections {
  lower: Float64Array;
  upper: Float64Array;
  load: Float64Array;
  live: Int32Array;
}

export interface Buffers {
  id: string[];
  lower: Float64Array;
  upper: Float64Array;
  size: Float64Array;
  alignment: Float64Array;
  /** NaN: not pre-placed. */
  fixedOffset: Float64Array;
}

export interface Stats {
  buffers: number;
  fixed: number;
  timeLower: number;
  timeUpper: number;
  lowerBound: number;
  peakTime: number;
  peakLive: number;
  sections: number;
  totalSize: number;
  /** Buffer indices, -1 for none. */
  largest: number;
  longest: number;
}

export interface Validation {
  ok: boolean;
  verdict: Verdict;
  /** Plain words naming the buffers by id. */
  text: string;
  buffer: number;
  other: number;
  offset: number;
  timeLower: number;
  timeUpper: number;
  addressLower: number;
  addressUpper: number;
  peak: number;
}

/** Where minimize stands: each time either bound moves. */
export interface MinimizeStep {
  /** Since minimize started. */
  seconds: number;
  /** The smallest capacity an allocation was found for so far. */
  capacity: number;
  /** Every capacity below this is proven to hold no allocation. */
  provenBelow: number;
  /** What found `capacity`: "best-fit", "improve (from greedy)", ... */
  foundBy: string;
  /** The improvement's moves so far. */
  moves: number;
  /**
   * The allocation at `capacity` (NaN: not placed), on the steps that bring one at a capacity
   * lower than any sent before: what a caller that stops minimize early keeps. Absent on
   * steps that only raise `provenBelow`.
   */
  offsets?: Float64Array;
}

export interface MinimizeOptions extends SolveOptions {
  /** Called each time the capacity found or the one proven below moves. */
  onStep?: (step: MinimizeStep) => void;
}

export interface MinimizeResult {
  status: Status;
  capacity: number;
  lowerBound: number;
  /** What proves lowerBound, in plain words ("the load at time 12", ...). */
  boundArgument: string;
  provenMinimal: boolean;
  algorithm: string;
  detail: string;
  seconds: number;
  /** NaN: not placed. */
  offsets: Float64Array;
}

export interface Explanation {
  /** infeasible: `buffers` cannot fit together; solved: the whole problem fits. */
  status: Status;
  /** Buffer indices. */
  buffers: Int32Array;
  minimal: boolean;
  detail: string;
  collisions: Sections;
  /** solved only: an allocation of the whole problem within its capacity. */
  offsets?: Float64Array;
}

/** `tela draw`'s options. */
export interface DrawOptions {
  format?: 'ascii' | 'svg' | 'tikz';
  /** ascii: characters across the addresses (default 80) and rows down the times at most (default 100). */
  columns?: number;
  rows?: number;
  /** Where the capacity line is drawn (default: the problem's capacity; 0: none). */
  capacity?: number;
  /** svg and tikz: each buffer's fill as 0xRRGGBB, by index (the rest: a hue per buffer). */
  colours?: ArrayLike<number>;
}

export type Result<T> = ({ error?: undefined } & T) | { error: string };

/** A trace event given to Problem.describeEvent. */
export interface TraceEvent {
  kind: number;
  reason: number;
  buffer: number;
  offset: number;
  limit: number;
  timeLower: number;
  timeUpper: number;
  causes?: ArrayLike<number>;
}

/** A whole trace as parallel arrays, one entry per event. */
export interface TraceArrays {
  /** Indices into eventKinds(). */
  kind: Uint8Array;
  /** Indices into reasons(). */
  reason: Uint8Array;
  buffer: Int32Array;
  offset: Float64Array;
  limit: Float64Array;
  timeLower: Float64Array;
  timeUpper: Float64Array;
  /** eventCount + 1 entries: event i blames causes[causeBegin[i] .. causeBegin[i + 1]). */
  causeBegin: Uint32Array;
  causes: Int32Array;
}

export interface Problem extends Deletable {
  bufferCount(): number;
  capacity(): number;
  buffers(): Buffers;
  /** The fields of `tela stats`. */
  stats(): Stats;
  lowerBound(): number;
  sections(): Sections;
  /** Why nothing can fit at this capacity, as `tela stats` says it; null when not proven. */
  proveInfeasible(): string | null;
  solve(algorithm: AlgorithmName | string, options?: SolveOptions | null): Result<{ run: Run }>;
  /** `tela minimize`: options as for solve (timeout, the improvement's), and onStep. */
  minimize(options?: MinimizeOptions | null): Result<MinimizeResult>;
  /** `tela explain`: options as for solve (timeout). */
  explain(options?: SolveOptions | null): Result<Explanation>;
  /** The validator's verdict on offsets (NaN: unplaced). */
  validate(offsets: ArrayLike<number>): Validation;
  /** The solution as `tela solve` writes it. */
  solutionCsv(offsets: ArrayLike<number>): string;
  /** `tela draw`: the allocation as ASCII (default), SVG or TikZ; capacity: the line drawn (default: the problem's). */
  draw(offsets: ArrayLike<number>, options?: DrawOptions | null): Result<{ text: string }>;
  /** An event in plain words ("" when it does not belong to this problem). */
  describeEvent(event: TraceEvent): string;
}

export interface Run extends Deletable {
  status(): Status;
  algorithm(): string;
  detail(): string;
  seconds(): number;
  peak(): number;
  lowerBound(): number;
  /** `tela solve`'s exit code: 0 solved, 1 otherwise. */
  exitCode(): number;
  /** One offset per buffer; NaN for a buffer the run did not place. */
  offsets(): Float64Array;
  validate(): Validation;
  solutionCsv(): string;
  /** The trace as `tela trace -o` writes it (JSON Lines). */
  traceJsonl(): string;
  eventCount(): number;
  trace(): TraceArrays;
  /** Event i in plain words. */
  describe(event: number): string;
}
