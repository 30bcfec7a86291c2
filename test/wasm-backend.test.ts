/** What the wasm backend promises beyond conformance: fixed memory over training, float64 fallback, gather cache, errors. */
import { UsageError } from '../src/errors/usage-error.js';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, describe, it } from 'node:test';
import type { Backend } from '../src/backend/backend.js';
import { getDefaultBackend, loadDefaultBackend, setDefaultBackend } from '../src/backend/default.js';
import { createReferenceBackend } from '../src/backend/reference.js';
import { createWasmBackend, loadWasmBackend, wasmSimdSupported } from '../src/backend/wasm.js';
import { Matrix } from '../src/matrix.js';
import { Mlp } from '../src/nn/mlp.js';
import { fit } from '../src/train/train.js';
import { Random } from '../src/random.js';
import { assertClose } from './helpers/tolerance.js';

const wasm = createWasmBackend({ threads: 2 });
after(() => wasm.close());
const backend: Backend = wasm;

describe('wasm backend', () => {
  it('is the default backend where SIMD128 exists', () => {
    assert.equal(wasmSimdSupported(), true);
    assert.equal(getDefaultBackend().name, 'wasm');
  });

  it('neither grows its memory nor allocates in its arena over many training steps, and trains like reference', () => {
    const run = (backend: Backend, steps: number, check?: (arena: number, memoryBytes: number) => void): number => {
      const rng = new Random(3);
      const batch = 16;
      const images = Uint8Array.from({ length: 100 * 40 }, () => rng.int(256));
      const labels = Float32Array.from({ length: 100 * 5 }, (_, i) => (i % 5 === (images[Math.floor(i / 5) * 40]! >> 6) ? 1 : 0));
      const order = rng.permutation(100);
      const alloc = (rows: number, cols: number): Matrix => backend.allocate(rows, cols, 'float32');
      const W = [alloc(40, 33), alloc(33, 5)];
      const b = [alloc(1, 33), alloc(1, 5)];
      const dW = W.map((w) => alloc(w.rows, w.cols));
      const db = b.map((v) => alloc(1, v.cols));
      for (const w of W) for (let i = 0; i < w.size; i++) w.data[i] = rng.normal(0, 0.2);
      const X = alloc(batch, 40);
      const Y = alloc(batch, 5);
      const Z = [alloc(batch, 33), alloc(batch, 5)];
      const A = [alloc(batch, 33), alloc(batch, 5)];
      const dZ = [alloc(batch, 33), alloc(batch, 5)];
      const dA = alloc(batch, 33);
      let loss = 0;
      for (let s = 0; s < steps; s++) {
        const start = (s * batch) % (100 - batch);
        backend.gatherRowsU8(images, order, start, 1 / 255, 0, X);
        backend.gatherRows(labels, order, start, Y);
        backend.denseForward(X, W[0]!, b[0]!, 'relu', 0, Z[0]!, A[0]!);
        backend.denseForward(A[0]!, W[1]!, b[1]!, 'softmax', 0, Z[1]!, A[1]!);
        loss = backend.lossValue('crossEntropy', A[1]!, Y);
        backend.fusedOutputGradient(A[1]!, Y, dZ[1]!);
        backend.matmulTransA(A[0]!, dZ[1]!, dW[1]!, 1 / batch);
        backend.sumColumns(dZ[1]!, db[1]!, 1 / batch);
        backend.matmulTransB(dZ[1]!, W[1]!, dA);
        backend.activationBackward('relu', 0, Z[0]!, A[0]!, dA, dZ[0]!);
        backend.matmulTransA(X, dZ[0]!, dW[0]!, 1 / batch);
        backend.sumColumns(dZ[0]!, db[0]!, 1 / batch);
        for (let l = 0; l < 2; l++) {
          backend.sgdUpdate(W[l]!, dW[l]!, 0.05, 0);
          backend.sgdUpdate(b[l]!, db[l]!, 0.05, 0);
        }
        if (s === 0) check?.(wasm.arenaBytes, wasm.memory.buffer.byteLength);
      }
      return loss;
    };
    let arena = 0;
    let memoryBytes = 0;
    const loss = run(wasm, 150, (a, m) => {
      arena = a;
      memoryBytes = m;
    });
    assert.equal(wasm.arenaBytes, arena, 'arena high-water mark');
    assert.equal(wasm.memory.buffer.byteLength, memoryBytes, 'memory size');
    const expected = run(createReferenceBackend(), 150);
    assertClose(loss, expected, { rtol: 1e-3 }, 'loss after 150 steps');
    assert.ok(loss < Math.log(5), `loss ${loss} is below chance`);
  });

  it('computes float64 matrices with the reference definitions', () => {
    const rng = new Random(5);
    const A = Matrix.zeros(6, 9, 'float64');
    const B = Matrix.zeros(9, 4, 'float64');
    for (const m of [A, B]) for (let i = 0; i < m.size; i++) m.data[i] = rng.normal();
    const C = backend.allocate(6, 4, 'float64');
    const expected = Matrix.zeros(6, 4, 'float64');
    backend.matmul(A, B, C);
    createReferenceBackend().matmul(A, B, expected);
    assert.ok(C.data instanceof Float64Array);
    assert.deepEqual(C.data, expected.data);
  });

  it('gathers from a source outside its memory without growing its arena', () => {
    const source = Float32Array.from({ length: 50 * 8 }, (_, i) => i);
    const out = backend.allocate(4, 8, 'float32');
    backend.gatherRows(source, [3, 1, 4, 1], 0, out);
    const arena = wasm.arenaBytes;
    backend.gatherRows(source, [5, 9, 2, 6], 0, out);
    assert.equal(wasm.arenaBytes, arena);
    assert.deepEqual(out.rowArray(0), [40, 41, 42, 43, 44, 45, 46, 47]);
  });

  it('rejects gather indices outside the source', () => {
    const out = backend.allocate(2, 3, 'float32');
    assert.throws(() => backend.gatherRowsU8(new Uint8Array(9), [0, 3], 0, 1, 0, out), RangeError);
  });

  it('rejects mismatched shapes like the reference', () => {
    assert.throws(() => backend.matmul(Matrix.zeros(2, 3), Matrix.zeros(4, 2), Matrix.zeros(2, 2)), UsageError);
  });
});

describe('a smaller memory maximum (maximumMemory)', () => {
  it('keeps to it, and says how much a matrix beyond it needs', () => {
    const small = createWasmBackend({ threads: 2, maximumMemory: 32 * 1024 ** 2 });
    try {
      assert.equal(small.maximumMemory, 32 * 1024 ** 2);
      assert.ok(small.memory.buffer.byteLength <= small.maximumMemory);
      const fits = small.allocate(1000, 1000, 'float32');
      assert.equal(fits.size, 1e6);
      assert.throws(() => small.allocate(3000, 3000, 'float32'), /the WebAssembly engine needs 4\d\.\d MB of memory, more than its limit of 33\.6 MB \(its maximumMemory/);
      assert.equal(createWasmBackend({ threads: 1 }).maximumMemory, 2 * 1024 ** 3, 'the default: 2 GiB');
    } finally {
      small.close();
    }
  });

  it('rejects a maximum outside 16 MiB to 2 GiB', () => {
    assert.throws(() => createWasmBackend({ threads: 1, maximumMemory: 1024 ** 2 }), /maximumMemory must be between 16 MiB and 2 GiB, got 1048576/);
    assert.throws(() => createWasmBackend({ threads: 1, maximumMemory: 3 * 1024 ** 3 }), UsageError);
  });
});

describe('asynchronous loading (a browser page main thread refuses synchronous compiles)', () => {
  it('loadWasmBackend gives a backend that computes what createWasmBackend does', async () => {
    const loaded = await loadWasmBackend({ threads: 1 });
    const rng = new Random(8);
    const A = Matrix.zeros(7, 33);
    const B = Matrix.zeros(33, 19);
    for (const m of [A, B]) for (let i = 0; i < m.size; i++) m.data[i] = rng.normal();
    const mine = loaded.allocate(7, 19, 'float32');
    const theirs = wasm.allocate(7, 19, 'float32');
    loaded.matmul(A, B, mine);
    wasm.matmul(A, B, theirs);
    assert.equal(loaded.name, 'wasm');
    assert.deepEqual(mine.data, theirs.data);
    loaded.close();
  });

  it('loadDefaultBackend resolves with the default wasm backend, and keeps one set by hand', async () => {
    assert.equal((await loadDefaultBackend()).name, 'wasm');
    assert.equal(await loadDefaultBackend(), getDefaultBackend());
    const mine = createReferenceBackend();
    setDefaultBackend(mine);
    try {
      assert.equal(await loadDefaultBackend(), mine);
    } finally {
      setDefaultBackend(wasm);
    }
  });
});

describe('giving memory back', () => {
  it('reuses freed blocks first-fit, merges neighbours and lowers the top', () => {
    const local = createWasmBackend({ threads: 1 });
    const start = local.arenaBytes;
    const a = local.allocate(16, 16, 'float32'); // 1024 bytes each
    const b = local.allocate(16, 16, 'float32');
    const c = local.allocate(16, 16, 'float32');
    const top = local.arenaBytes;
    local.release(b);
    local.release(a); // merges with b: 2048 bytes at a's offset
    const ab = local.allocate(32, 16, 'float32');
    assert.equal(ab.data.byteOffset, a.data.byteOffset, 'the merged block is reused');
    assert.ok(ab.data.every((v) => v === 0), 'reused memory is zero-filled');
    assert.equal(local.arenaBytes, top, 'no growth');
    local.release(ab);
    local.release(ab); // twice: nothing happens
    local.release(c); // reaches the top with the merged block
    assert.equal(local.arenaBytes, start, 'the top comes back down');
    local.close();
  });

  it('Mlp.dispose gives a model back: making, training and disposing models in a loop keeps the memory flat', () => {
    const local = createWasmBackend({ threads: 1 });
    const rng = new Random(2);
    const x = Matrix.zeros(64, 20);
    const y = Matrix.zeros(64, 4);
    for (let i = 0; i < x.size; i++) x.data[i] = rng.normal();
    for (let r = 0; r < 64; r++) y.data[r * 4 + (r % 4)] = 1;
    const start = local.arenaBytes;
    for (let run = 0; run < 6; run++) {
      const model = Mlp.create({ sizes: [20, 24 + 8 * (run % 3), 4], activation: 'relu', outputActivation: 'softmax', seed: run, backend: local });
      fit(model, { x, y }, { epochs: 2, batchSize: run === 0 ? 16 : 1, learningRate: 0.05, batchEvents: false });
      model.predict(x, 32);
      model.dispose();
      assert.equal(local.arenaBytes, start, `after model ${run + 1}`);
      assert.throws(() => model.predict(x), /this model was disposed/);
      assert.throws(() => model.toJSON(), /this model was disposed/);
      assert.throws(() => model.clone(), /this model was disposed/);
      assert.throws(() => fit(model, { x, y }), /this model was disposed/);
    }
    local.close();
  });

  it("an optimiser's state goes back once the optimiser is collected (Adam, in a process with gc exposed)", () => {
    const script = `
      import { createWasmBackend, Mlp, fit, Matrix } from './src/index.ts';
      const backend = createWasmBackend({ threads: 1 });
      const x = Matrix.zeros(32, 8), y = Matrix.zeros(32, 2);
      for (let i = 0; i < x.size; i++) x.data[i] = Math.sin(i);
      for (let r = 0; r < 32; r++) y.data[r * 2 + (r % 2)] = 1;
      const start = backend.arenaBytes;
      for (let run = 0; run < 3; run++) {
        const model = Mlp.create({ sizes: [8, 16, 2], outputActivation: 'softmax', seed: run, backend });
        fit(model, { x, y }, { epochs: 1, batchSize: 8, optimizer: { kind: 'adam', learningRate: 0.01 }, batchEvents: false });
        model.dispose();
        globalThis.gc();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      console.log(JSON.stringify({ start, end: backend.arenaBytes }));
    `;
    const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(child.status, 0, child.stderr);
    const { start, end } = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { start: number; end: number };
    assert.equal(end, start);
  });
});
