/**
 * Child process of threads-idle.test.ts: trains a network whose products are split over 2
 * threads, then measures the whole process's CPU time (all threads) over `idleMs` of idleness
 * and prints {cpuMicros, idleMs, threads, split} as JSON. With `baseline` as the second argument it
 * only idles (no backend, no training): what an idle Node process uses on this machine.
 */
import { createWasmBackend } from '../../src/backend/wasm.js';
import { PARALLEL_MIN_FLOPS } from '../../src/backend/wasm/threads.js';
import { Matrix } from '../../src/matrix.js';
import { Mlp } from '../../src/nn/mlp.js';
import { Random } from '../../src/random.js';
import { fit } from '../../src/train/train.js';

const idleMs = Number(process.argv[2] ?? 2000);
if (process.argv[3] === 'baseline') {
  const start = process.cpuUsage();
  await new Promise((resolve) => setTimeout(resolve, idleMs));
  const used = process.cpuUsage(start);
  console.log(JSON.stringify({ cpuMicros: used.user + used.system, idleMs, threads: 0, split: false }));
  process.exit(0);
}
const backend = createWasmBackend({ threads: 2 });
const threads = await backend.threadsReady();
const random = new Random(7);
const [n, features, hidden, batch] = [512, 256, 256, 64];
const x = Matrix.zeros(n, features);
for (let i = 0; i < x.size; i++) x.data[i] = random.uniform(-1, 1);
const y = Matrix.zeros(n, 10);
for (let r = 0; r < n; r++) y.data[r * 10 + (r % 10)] = 1;
const model = Mlp.create({ sizes: [features, hidden, 10], outputActivation: 'softmax', seed: 1, backend });
fit(model, { x, y }, { loss: 'crossEntropy', optimizer: { kind: 'sgd', learningRate: 0.05 }, epochs: 2, batchSize: batch, seed: 1 });
const start = process.cpuUsage();
await new Promise((resolve) => setTimeout(resolve, idleMs));
const used = process.cpuUsage(start);
const split = 2 * batch * features * hidden >= PARALLEL_MIN_FLOPS;
console.log(JSON.stringify({ cpuMicros: used.user + used.system, idleMs, threads, split }));
backend.close();
