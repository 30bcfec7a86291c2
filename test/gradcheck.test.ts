/**
 * Back-propagated gradients against finite differences in float64, for every hidden activation ×
 * every (output activation, loss) pairing the loss accepts × with and without bias, on a 3-layer net.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACTIVATION_NAMES, Matrix, Mlp, Random, createReferenceBackend, gradcheck, type ActivationName, type LossName } from '../src/index.js';

const outputPairs: [ActivationName, LossName][] = [
  ...ACTIVATION_NAMES.map((a): [ActivationName, LossName] => [a, 'mse']),
  ...ACTIVATION_NAMES.map((a): [ActivationName, LossName] => [a, 'halfSumSquares']),
  ['softmax', 'crossEntropy'],
  ['sigmoid', 'crossEntropy'],
  ['sigmoid', 'binaryCrossEntropy'],
  ['softmax', 'binaryCrossEntropy'],
];

function problem(seed: number, loss: LossName) {
  const random = new Random(seed);
  const rows = 5;
  const x = Matrix.zeros(rows, 3, 'float64');
  for (let i = 0; i < x.size; i++) x.data[i] = random.uniform(-1, 1);
  const y = Matrix.zeros(rows, 2, 'float64');
  for (let r = 0; r < rows; r++) {
    if (loss === 'crossEntropy') y.set(r, random.int(2), 1);
    else for (let c = 0; c < 2; c++) y.set(r, c, loss === 'binaryCrossEntropy' ? random.uniform(0.05, 0.95) : random.uniform(-1, 1));
  }
  return { x, y };
}

let checks = 0;
for (const hidden of ACTIVATION_NAMES) {
  for (const [output, loss] of outputPairs) {
    for (const bias of [true, false]) {
      test(`gradcheck ${hidden} hidden, ${output} output, ${loss}, ${bias ? 'with' : 'without'} bias`, () => {
        const seed = checks++;
        const model = Mlp.create({
          sizes: [3, 4, 3, 2],
          activation: hidden,
          outputActivation: output,
          bias,
          init: { kind: 'normal', sd: 0.8 },
          biasInit: { kind: 'normal', sd: 0.3 },
          seed,
          dtype: 'float64',
          backend: createReferenceBackend(),
        });
        const { x, y } = problem(seed, loss);
        const result = gradcheck(model, x, y, { loss });
        assert.equal(result.layers.length, 3);
        for (const layer of result.layers) {
          assert.ok(layer.worst < 1e-6, `layer ${layer.layer}: worst relative error ${layer.worst}`);
          assert.equal(layer.bias === null, !bias);
        }
      });
    }
  }
}

test('gradcheck catches a gradient that is not the loss gradient (seed 003 leaves out the output derivative)', () => {
  const model = Mlp.create({ sizes: [3, 4, 2], activation: 'tanh', outputActivation: 'sigmoid', seed: 1, dtype: 'float64', backend: createReferenceBackend() });
  const { x, y } = problem(1, 'halfSumSquares');
  const exact = gradcheck(model, x, y, { loss: 'halfSumSquares' });
  assert.ok(exact.worst < 1e-6, `exact gradient: ${exact.worst}`);
  const shortcut = gradcheck(model, x, y, { loss: 'halfSumSquares', outputGradient: 'rawErrorBackward' });
  assert.ok(shortcut.worst > 0.5, `the shortcut is not the gradient: worst relative error ${shortcut.worst}`);
});
