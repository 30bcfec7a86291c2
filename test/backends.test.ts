/**
 * Every backend against the reference backend (test/helpers/conformance.ts), with no skip
 * lists: the reference itself, the wasm backend on one thread and with a worker pool, and the
 * wasm backend's plain SIMD128 build forced. The relaxed-SIMD build runs the same suite in a
 * child process (test/wasm-relaxed.test.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Backend } from '../src/backend/backend.js';
import { createReferenceBackend } from '../src/backend/reference.js';
import { PARALLEL_MIN_FLOPS, PARALLEL_MIN_WEIGHTS } from '../src/backend/wasm/threads.js';
import { createWasmBackend } from '../src/backend/wasm.js';
import { Matrix } from '../src/matrix.js';
import { Mlp } from '../src/nn/mlp.js';
import { createOptimizer } from '../src/nn/optimizers.js';
import { matrixSource } from '../src/train/sample-source.js';
import { StepPlan } from '../src/train/step-plan.js';
import { fit } from '../src/train/train.js';
import { modelParameters } from '../src/train/train-step.js';
import { Random } from '../src/random.js';
import { describeConformance } from './helpers/conformance.js';
import { assertAllClose } from './helpers/tolerance.js';

const oneThread = createWasmBackend({ threads: 1 });
const twoThreads = createWasmBackend({ threads: 2 });
const plainSimd = createWasmBackend({ threads: 2, relaxedSimd: false });

before(async () => {
  await twoThreads.threadsReady();
  await plainSimd.threadsReady();
});
after(() => {
  twoThreads.close();
  plainSimd.close();
});

describeConformance('reference', createReferenceBackend());
describeConformance('wasm, 1 thread', oneThread, { foreignInputs: true });
describeConformance('wasm, 2 threads', twoThreads);
describeConformance('wasm, plain SIMD128 build', plainSimd);

describe('wasm threads', () => {
  it('started their workers', () => {
    assert.equal(twoThreads.threads, 2);
    assert.equal(twoThreads.readyThreads, 2);
  });

  it('give bit-identical results to one thread, for every orientation, accumulation and the fused forward, on tall and wide products', () => {
    const rng = new Random(7);
    const fill = (m: Matrix): Matrix => {
      for (let i = 0; i < m.size; i++) m.data[i] = rng.normal();
      return m;
    };
    // Tall and wide C: row blocks of either shape must not change any element's arithmetic.
    for (const [m, k, n] of [[130, 300, 90], [90, 300, 130]] as const) {
      assert.ok(2 * m * k * n >= PARALLEL_MIN_FLOPS, 'large enough to be split');
      const A = fill(Matrix.zeros(m, k));
      const B = fill(Matrix.zeros(k, n));
      const At = fill(Matrix.zeros(k, m));
      const Bt = fill(Matrix.zeros(n, k));
      const bias = fill(Matrix.zeros(1, n));
      const start = fill(Matrix.zeros(m, n));
      for (const [label, run] of [
        ['matmul', (be: typeof oneThread, C: Matrix) => be.matmul(A, B, C, 0.5)],
        ['matmulTransA', (be: typeof oneThread, C: Matrix) => be.matmulTransA(At, B, C, 0.5)],
        ['matmulTransA beta 1', (be: typeof oneThread, C: Matrix) => be.matmulTransA(At, B, C, -0.01, 1)],
        ['matmulTransB', (be: typeof oneThread, C: Matrix) => be.matmulTransB(A, Bt, C, 0.5)],
        ['denseForward', (be: typeof oneThread, C: Matrix) => be.denseForward(A, B, bias, 'relu', 0, be.allocate(m, n, 'float32'), C)],
        ['denseForward sigmoid', (be: typeof oneThread, C: Matrix) => be.denseForward(A, B, bias, 'sigmoid', 0, be.allocate(m, n, 'float32'), C)],
        ['denseForward softmax', (be: typeof oneThread, C: Matrix) => be.denseForward(A, B, bias, 'softmax', 0, be.allocate(m, n, 'float32'), C)],
      ] as const) {
        const single = oneThread.allocate(m, n, 'float32');
        const multi = twoThreads.allocate(m, n, 'float32');
        single.data.set(start.data);
        multi.data.set(start.data);
        run(oneThread, single);
        run(twoThreads, multi);
        assert.deepEqual(multi.data, single.data, `${label} at ${m}x${k}x${n}`);
      }
    }
  });

  it('give bit-identical results to one thread for denseUpdateForward on batches, step after step', () => {
    const rng = new Random(11);
    const fill = (m: Matrix, scale = 1): Matrix => {
      for (let i = 0; i < m.size; i++) m.data[i] = rng.normal(0, scale);
      return m;
    };
    const X = fill(twoThreads.allocate(64, 500, 'float32'));
    const D = fill(twoThreads.allocate(64, 136, 'float32'), 0.1);
    const next = fill(twoThreads.allocate(48, 500, 'float32'));
    const bias = fill(twoThreads.allocate(1, 136, 'float32'));
    const W0 = fill(Matrix.zeros(500, 136), 0.05);
    assert.ok(2 * 48 * 500 * 136 >= PARALLEL_MIN_FLOPS, 'both products are large enough to be split');
    const single = { W: oneThread.allocate(500, 136, 'float32'), Z: oneThread.allocate(48, 136, 'float32'), A: oneThread.allocate(48, 136, 'float32') };
    const multi = { W: twoThreads.allocate(500, 136, 'float32'), Z: twoThreads.allocate(48, 136, 'float32'), A: twoThreads.allocate(48, 136, 'float32') };
    single.W.data.set(W0.data);
    multi.W.data.set(W0.data);
    for (let step = 0; step < 40; step++) {
      for (const [be, t] of [[oneThread, single], [twoThreads, multi]] as const) {
        be.denseUpdateForward!(X, D, t.W, -0.01, next, bias, 'relu', 0, t.Z, t.A);
        be.matmulTransA(X, D, t.W, 0.005, 1);
        be.denseForward(X, t.W, bias, 'tanh', 0, be.allocate(64, 136, 'float32'), be.allocate(64, 136, 'float32'));
      }
      assert.deepEqual(multi.W.data, single.W.data, `W after step ${step}`);
      assert.deepEqual(multi.A.data, single.A.data, `A after step ${step}`);
    }
  });

  it('give bit-identical results to one thread for per-sample denseUpdateForward split by column blocks', () => {
    const rng = new Random(12);
    const fill = (m: Matrix, scale = 1): Matrix => {
      for (let i = 0; i < m.size; i++) m.data[i] = rng.normal(0, scale);
      return m;
    };
    // (k, n): 16-column blocks with a scalar tail (203 = 12·16 + 11), a short second block (35 = 32 + 3), even halves.
    for (const [k, n] of [[1000, 203], [6000, 35], [512, 512]] as const) {
      assert.ok(k * n >= PARALLEL_MIN_WEIGHTS, `${k}x${n} is large enough to be split`);
      for (const activation of ['sigmoid', 'relu', 'tanh', 'softmax'] as const) {
        for (const withBias of [true, false]) {
          const W0 = fill(Matrix.zeros(k, n), 0.05);
          const state = [oneThread, twoThreads].map((be) => {
            const t = { W: be.allocate(k, n, 'float32'), Z: be.allocate(1, n, 'float32'), A: be.allocate(1, n, 'float32') };
            t.W.data.set(W0.data);
            return t;
          });
          for (let step = 0; step < 5; step++) {
            const U = fill(oneThread.allocate(1, k, 'float32'));
            const D = fill(oneThread.allocate(1, n, 'float32'), 0.1);
            const X = fill(oneThread.allocate(1, k, 'float32'));
            const bias = withBias ? fill(oneThread.allocate(1, n, 'float32')) : null;
            [oneThread, twoThreads].forEach((be, i) => be.denseUpdateForward!(U, D, state[i]!.W, -0.01, X, bias, activation, 0, state[i]!.Z, state[i]!.A));
            const at = `${k}x${n} ${activation}${withBias ? ' with bias' : ''}, step ${step}`;
            assert.deepEqual(state[1]!.W.data, state[0]!.W.data, `W, ${at}`);
            assert.deepEqual(state[1]!.Z.data, state[0]!.Z.data, `Z, ${at}`);
            assert.deepEqual(state[1]!.A.data, state[0]!.A.data, `A, ${at}`);
            assert.ok(state[0]!.A.data.every(Number.isFinite), `finite A, ${at}`);
          }
        }
      }
    }
  });

  it('split a large Adam update with results bit-identical to one thread and close to reference', () => {
    const rng = new Random(11);
    const [rows, cols] = [301, 233]; // 70133 elements: above the split threshold, not a multiple of 16
    const values = Array.from({ length: 4 }, () => Float32Array.from({ length: rows * cols }, () => rng.normal()));
    values[3] = values[3]!.map((x) => x * x);
    const settings = { learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, step: 3, weightDecay: 0.01 };
    const run = (be: Backend): Matrix[] => {
      const [p, g, m, v] = values.map((data) => {
        const matrix = be.allocate(rows, cols, 'float32');
        matrix.data.set(data);
        return matrix;
      }) as [Matrix, Matrix, Matrix, Matrix];
      be.adamUpdate(p, g, m, v, settings);
      be.adamUpdate(p, g, m, v, { ...settings, step: 4 });
      return [p, m, v];
    };
    const single = run(oneThread);
    const multi = run(twoThreads);
    const expected = run(createReferenceBackend());
    single.forEach((s, i) => {
      assert.deepEqual(multi[i]!.data, s.data, `adam output ${i}`);
      // f32 against the f64 definition; m/sqrt(v) with small v amplifies rounding, hence the looser bound.
      assertAllClose(s.data, expected[i]!.data, { atol: 1e-5, rtol: 1e-4 }, `adam output ${i} against reference`);
    });
  });
});

/** `backend` with every member but denseUpdateForward (the optional fused update and next forward pass). */
function withoutUpdateForward(backend: Backend): Backend {
  return new Proxy(backend, {
    get(target, key) {
      if (key === 'denseUpdateForward') return undefined;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('a backend without the optional denseUpdateForward', () => {
  it('trains with plain SGD and lookahead (the step plan composes the two calls) to the same bits as with it', () => {
    const rng = new Random(5);
    const x = Matrix.zeros(150, 40);
    const y = Matrix.zeros(150, 4);
    for (let i = 0; i < x.size; i++) x.data[i] = rng.normal();
    for (let r = 0; r < 150; r++) y.data[r * 4 + rng.int(4)] = 1;
    const cases = [
      ['wasm, 1 thread, per sample', oneThread, 1],
      ['wasm, 2 threads, batches', twoThreads, 32],
      ['reference, batches', createReferenceBackend(), 16],
    ] as const;
    for (const [label, backend, batchSize] of cases) {
      const lacking = withoutUpdateForward(backend);
      assert.equal(lacking.denseUpdateForward, undefined, label);
      assert.notEqual(backend.denseUpdateForward, undefined, label);
      const models = [backend, lacking].map((be) => Mlp.create({ sizes: [40, 24, 4], activation: 'tanh', outputActivation: 'softmax', seed: 9, backend: be }));
      const options = { loss: 'crossEntropy', learningRate: 0.1, epochs: 2, batchSize, seed: 3 } as const;
      const plan = new StepPlan(models[1]!, createOptimizer({ kind: 'sgd', learningRate: 0.1 }), modelParameters(models[1]!), {
        loss: 'crossEntropy', source: matrixSource({ x, y }), order: new Uint32Array(150), batchSize, lookahead: true,
      });
      assert.equal(plan.mode, 'fusedSgdLookahead', `${label}: these settings take the lookahead`);
      const [withIt, without] = models.map((model) => fit(model, { x, y }, options));
      models[0]!.layers.forEach((layer, l) => assert.deepEqual(models[1]!.layers[l]!.W.data, layer.W.data, `${label}: W${l + 1}`));
      models[0]!.layers.forEach((layer, l) => assert.deepEqual(models[1]!.layers[l]!.b!.data, layer.b!.data, `${label}: b${l + 1}`));
      assert.deepEqual(without!.epochs.map((e) => e.loss), withIt!.epochs.map((e) => e.loss), `${label}: losses`);
      for (const model of models) model.dispose();
    }
  });
});
