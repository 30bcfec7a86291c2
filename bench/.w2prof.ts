import { createWasmBackend } from '../src/backend/wasm.js';
import { loadFashionMnist } from './fmnist.js';
import { w2 } from './workloads.js';
const data = { train: loadFashionMnist('train'), test: loadFashionMnist('t10k') };
const backend = createWasmBackend();
await backend.threadsReady();
console.log('threads', backend.threads);
for (let i = 0; i < 3; i++) { const r = w2(backend, data, 1, 10000); console.log(r.seconds.toFixed(3), 's for 10k', (r.seconds * 6).toFixed(2), 's/epoch'); }
process.exit(0);
