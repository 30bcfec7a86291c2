/**
 * L1 regularisation: the reference backend's addL1Gradient is g += λ·sign(p) (sign(0) = 0), every
 * optimiser applies it to weights and never to biases, it equals training on loss + λ·Σ|w| (checked
 * against the hand-written update), and the wasm backend, which leaves the operation out, gets the
 * same numbers through the reference definition.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createReferenceBackend } from '../src/backend/reference.js';
import { createWasmBackend } from '../src/backend/wasm.js';
import { REGULARIZERS } from '../src/math/regularizers.js';
import { Matrix } from '../src/matrix.js';
import { Mlp } from '../src/nn/mlp.js';
import { createOptimizer, optimizerConfigFor, type Parameter } from '../src/nn/optimizers.js';
import { fit } from '../src/train/train.js';
import { assertAllClose } from './helpers/tolerance.js';

const reference = createReferenceBackend();

test('the table: L1 penalty |w| with subgradient sign(w) (0 at 0), L2 ½w² with gradient w', () => {
  assert.deepEqual([-2, 0, 3].map(REGULARIZERS.l1.penalty), [2, 0, 3]);
  assert.deepEqual([-2, 0, 3].map(REGULARIZERS.l1.gradient), [-1, 0, 1]);
  assert.deepEqual([-2, 0, 3].map(REGULARIZERS.l2.gradient), [-2, 0, 3]);
});

test('reference addL1Gradient adds λ·sign(p) in place and checks shapes', () => {
  const p = new Matrix(1, 4, Float32Array.from([-0.5, 0, 2, -3]));
  const g = new Matrix(1, 4, Float32Array.from([1, 1, 1, 1]));
  reference.addL1Gradient!(p, g, 0.25);
  assert.deepEqual([...g.data], [0.75, 1, 1.25, 0.75]);
  assert.throws(() => reference.addL1Gradient!(p, Matrix.zeros(2, 2), 1), /addL1Gradient/);
});

test('SGD with l1: w −= lr·(g + λ·sign(w)) on weights, biases untouched by the penalty', () => {
  const w = new Matrix(1, 3, Float32Array.from([0.5, -0.5, 0]));
  const b = new Matrix(1, 1, Float32Array.from([0.5]));
  const grad = () => new Matrix(1, 3, Float32Array.from([0.1, 0.1, 0.1]));
  const parameters: Parameter[] = [
    { name: 'W1', value: w, grad: grad(), decay: true },
    { name: 'b1', value: b, grad: new Matrix(1, 1, Float32Array.from([0.1])), decay: false },
  ];
  createOptimizer({ kind: 'sgd', learningRate: 0.5, l1: 0.2 }).step(reference, parameters);
  assertAllClose(w.data, [0.5 - 0.5 * 0.3, -0.5 - 0.5 * -0.1, -0.05], { atol: 1e-7 });
  assertAllClose(b.data, [0.45], { atol: 1e-7 });
});

test('l1 holds the weight of an irrelevant input near zero, no larger than without it, and keeps the relevant one, on every optimiser', () => {
  // y depends on x0 only; x1 is noise the network could fit but should drop under L1.
  const rows = 64;
  const x = Matrix.zeros(rows, 2);
  const y = Matrix.zeros(rows, 1);
  for (let r = 0; r < rows; r++) {
    x.data[2 * r] = (r / rows) * 2 - 1;
    x.data[2 * r + 1] = Math.sin(r * 12.9898) % 1;
    y.data[r] = 0.8 * x.data[2 * r]!;
  }
  for (const name of ['sgd', 'momentum', 'adam']) {
    const run = (l1: number) => {
      const model = Mlp.create({ sizes: [2, 1], outputActivation: 'linear', seed: 3, backend: reference });
      fit(model, { x, y }, { loss: 'mse', optimizer: optimizerConfigFor(name, 0.05, { l1 }), epochs: 60, batchSize: 8, seed: 1 });
      return model.layers[0]!.W.data;
    };
    const plain = run(0);
    const sparse = run(0.01);
    assert.ok(Math.abs(sparse[1]!) < 0.02, `${name}: the irrelevant weight is near 0 under L1 (${sparse[1]})`);
    assert.ok(Math.abs(sparse[1]!) < Math.abs(plain[1]!) || Math.abs(plain[1]!) < 1e-3, `${name}: L1 shrinks it (${sparse[1]} vs ${plain[1]})`);
    assert.ok(Math.abs(sparse[0]!) > 0.5, `${name}: the relevant weight survives (${sparse[0]})`);
  }
});

test('the wasm backend (no addL1Gradient of its own) trains with l1 to the same weights as the reference', () => {
  const wasm = createWasmBackend({ threads: 1 });
  const x = Matrix.from([[0.1, -0.4], [0.7, 0.2], [-0.3, 0.9], [0.5, -0.8]]);
  const y = Matrix.from([[1], [0], [1], [0]]);
  const weights = (backend: typeof wasm | typeof reference) => {
    const model = Mlp.create({ sizes: [2, 3, 1], activation: 'tanh', outputActivation: 'sigmoid', seed: 2, backend });
    fit(model, { x, y }, { loss: 'binaryCrossEntropy', optimizer: { kind: 'adam', learningRate: 0.05, l1: 0.01 }, epochs: 20, batchSize: 2, seed: 4 });
    return model.layers.flatMap((l) => [...l.W.data]);
  };
  assertAllClose(weights(wasm), weights(reference), { atol: 1e-5, rtol: 1e-4 }, 'wasm vs reference weights');
});

test('a negative or infinite l1 is refused with one clear message', () => {
  assert.throws(() => createOptimizer({ kind: 'adam', l1: -1 }), /l1 must be a finite number >= 0, got -1/);
  assert.throws(() => createOptimizer({ kind: 'sgd', learningRate: 0.1, l1: Infinity }), /l1 must be/);
});
