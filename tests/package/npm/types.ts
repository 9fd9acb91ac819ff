// The package's types, as a TypeScript user meets them (checked by tsc --noEmit --strict).
import createTela, { type Problem, type Run, type Status, type TraceArrays } from 'tela';

const tela = await createTela();
const names: string[] = tela.algorithms().map(a => a.name);
const loaded = tela.loadProblem('id,lower,upper,size\na,0,2,4\n', 'p.csv', 4);
if (loaded.error !== undefined) throw new Error(loaded.error);
const problem: Problem = loaded.problem;
const solved = problem.solve('best-fit', { timeout: 1, progress: p => console.log(p.placed) });
if (solved.error !== undefined) throw new Error(solved.error);
const run: Run = solved.run;
const status: Status = run.status();
const trace: TraceArrays = run.trace();
const kinds: string[] = Array.from(trace.kind, k => tela.eventKinds()[k]);
const offsets: Float64Array = run.offsets();
const why = problem.explain({ timeout: 1 });
const blamed: Int32Array | undefined = why.error === undefined ? why.buffers : undefined;
console.log(names, status, kinds, offsets, blamed, problem.validate(offsets).verdict);
run.delete();
problem.delete();
