import createTela from 'tela';

const tela = await createTela();
// Buffers live during [lower, upper) and take `size` bytes; the capacity is 12 bytes.
const csv = 'id,lower,upper,size\na,0,2,4\nb,1,3,4\nc,2,4,4\nd,3,5,8\n';
const loaded = tela.loadProblem(csv, 'buffers.csv', 12);
if (loaded.error !== undefined) throw new Error(loaded.error);
const problem = loaded.problem;

const solved = problem.solve('auto', { timeout: 10 });
if (solved.error !== undefined) throw new Error(solved.error);
const run = solved.run;
console.log(run.status(), Array.from(run.offsets()), run.peak());  // solved [ 0, 4, 0, 4 ] 12
console.log(run.validate().ok, run.eventCount(), run.describe(0));  // true 8 consider a: ...

const smallest = problem.minimize({ timeout: 10 });  // the least capacity that fits
if (smallest.error === undefined) console.log(smallest.capacity, smallest.provenMinimal);

// Bad input: the CLI's "file:line:column: what is wrong".
console.log(tela.loadProblem('id,lower,upper,size\na,3,3,4\n', 'bad.csv', 12).error);
run.delete();  // Embind objects live in the WebAssembly heap until deleted
problem.delete();
