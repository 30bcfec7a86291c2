/**
 * For a 3-layer tanh/softmax network (2-3-3-2, cross-entropy, per-neuron biases updated), every
 * chain-rule gradient of `explain()` equals gradcheck's verdict on the engine and a central
 * finite difference of explain's own total error; the matrix view holds the same numbers.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Matrix, Mlp, createReferenceBackend, explain, gradcheck, matrixView, type ExplainOptions } from '../src/index.js';
import { assertClose } from './helpers/tolerance.js';

const options: ExplainOptions = {
  sizes: [2, 3, 3, 2],
  activation: 'tanh',
  outputActivation: 'softmax',
  loss: 'crossEntropy',
  learningRate: 0.1,
  seed: 3,
  biases: [0.1, -0.2, 0.05, 0.3, -0.1, 0.2, 0.0, 0.15],
  inputs: [0.5, -1.2],
  targets: [0, 1],
  updateBiases: true,
};
const d = explain(options);

test('gradcheck passes on the same network, weights and example', () => {
  const W = [0, 1, 2].map((l) => {
    const [n, m] = [options.sizes![l]!, options.sizes![l + 1]!];
    return Array.from({ length: n }, (_, from) => Array.from({ length: m }, (_, to) => d.weights[`w${weightIndex(l, from, to)}`]!));
  });
  const b = [['h1', 'h2', 'h3'], ['h4', 'h5', 'h6'], ['o1', 'o2']].map((layer) => layer.map((x) => d.biases[`b_${x}`]!));
  const model = Mlp.create({ sizes: options.sizes!, activations: ['tanh', 'tanh', 'softmax'], weights: W, biases: b, dtype: 'float64', backend: createReferenceBackend() });
  const result = gradcheck(model, Matrix.from([[0.5, -1.2]], 'float64'), Matrix.from([[0, 1]], 'float64'), { loss: 'crossEntropy' });
  assert.ok(result.worst < 1e-7, `gradcheck worst relative error ${result.worst}`);
});

test('every gradient of the derivation equals a finite difference of its total error', () => {
  const h = 1e-5;
  const errorWith = (name: string, delta: number) => {
    const weights = Object.values({ ...d.weights, ...(name in d.weights ? { [name]: d.weights[name]! + delta } : {}) });
    const biases = Object.values({ ...d.biases, ...(name in d.biases ? { [name]: d.biases[name]! + delta } : {}) });
    return explain({ ...options, weights, biases }).totalError;
  };
  assert.equal(d.gradients.length, 21 + 8, 'every weight and every bias');
  for (const g of d.gradients) {
    const numeric = (errorWith(g.parameter, h) - errorWith(g.parameter, -h)) / (2 * h);
    assertClose(g.value, numeric, { atol: 1e-9, rtol: 1e-6 }, `∂E/∂${g.parameter}`);
    const product = g.products.reduce((s, p) => s + p.reduce((x, f) => x * f.value, 1), 0);
    assert.equal(product, g.value, `${g.parameter}: the value is the product of its factors`);
  }
});

test('softmax + cross-entropy output deltas are out − target; tanh hidden deltas use 1 − out²', () => {
  for (const [j, delta] of d.deltas[2]!.entries()) {
    assert.equal(delta.rule, 'fused');
    assertClose(delta.value, d.neurons[2]![j]!.out - [0, 1][j]!, { atol: 1e-15 }, `δ_${delta.neuron}`);
  }
  const h4 = d.deltas[1]![0]!;
  assert.equal(h4.dOutDNet?.formula, '1 - out_h4^2');
  assertClose(h4.dOutDNet!.value, 1 - d.neurons[1]![0]!.out ** 2, { atol: 1e-15 }, '∂out_h4/∂net_h4');
});

test('the matrix view carries the same dW, dZ and updates as the derivation', () => {
  const view = matrixView(options);
  assert.deepEqual(view.layers[2]!.dW.shape, [3, 2]);
  assert.deepEqual(view.layers[2]!.weightNames, [['w16', 'w19'], ['w17', 'w20'], ['w18', 'w21']]);
  assertClose(view.layers[2]!.dW.values[1]![0]!, d.gradients.find((g) => g.parameter === 'w17')!.value, { atol: 1e-15 }, 'dW[3] vs ∂E/∂w17');
  assertClose(view.layers[0]!.dZ.values[0]![2]!, d.deltas[0]![2]!.value, { atol: 1e-15 }, 'dZ[1] vs δ_h3');
  assertClose(view.layers[1]!.updatedW.values[2]![1]!, d.updatedWeights['w12']!, { atol: 1e-15 }, 'W[2] after vs w12+');
  assert.deepEqual(view.layers[1]!.dAPrev?.shape, [1, 3]);
});

test('larger networks get the matrix form and a one-line message otherwise', () => {
  assert.throws(() => explain({ sizes: [8, 5, 2], inputs: new Array<number>(8).fill(0.1) }), /too large to explain neuron by neuron.*--matrix/);
  const view = matrixView({ sizes: [8, 5, 2], inputs: new Array<number>(8).fill(0.1), activation: 'relu', outputActivation: 'linear', loss: 'mse' });
  assert.deepEqual(view.layers[0]!.W.shape, [8, 5]);
  assert.equal(view.layers[0]!.weightNames, null);
});

/** Weight number of the connection from → to in layer l + 1 of the 2-3-3-2 net (names.ts). */
function weightIndex(l: number, from: number, to: number): number {
  const sizes = options.sizes!;
  let before = 0;
  for (let k = 0; k < l; k++) before += sizes[k]! * sizes[k + 1]!;
  return before + to * sizes[l]! + from + 1;
}
