// Must not type-check: the declarations are real, not `any`.
import createTela from 'tela';

const tela = await createTela();
const loaded = tela.loadProblem('id,lower,upper,size\n', 'p.csv', 4);
const count: string = loaded.problem!.bufferCount();
loaded.problem!.solve('best-fit', { timeout: 'soon' });
console.log(count);
