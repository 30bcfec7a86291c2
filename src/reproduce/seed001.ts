/**
 * Seed 001: the classic 2-2-2 worked example (sigmoid, E = Σ ½(target − out)², lr 0.5, fixed
 * weights, biases not updated) and XOR with 5 hidden neurons trained on a random example per step.
 */
import { createReferenceBackend } from '../backend/reference.js';
import { Matrix } from '../matrix.js';
import { Mlp } from '../nn/mlp.js';
import { fit } from '../train/train.js';
import { accuracy } from '../metrics.js';
import { xor } from '../data/builtin.js';
import { atLeast, near, secondsSince, shown, wants } from './report.js';
import type { Experiment, ReproduceOptions, ReproduceRow } from './report.js';

/** w1..w8 and b1, b2 of the walkthrough; W[i][j] connects input i to neuron j. */
function workedNetwork(options: ReproduceOptions): Mlp {
  // The walkthrough's 9 decimals need float64; the reference backend computes in it.
  return Mlp.create({
    sizes: [2, 2, 2],
    activations: ['sigmoid', 'sigmoid'],
    weights: [[[0.15, 0.25], [0.2, 0.3]], [[0.4, 0.5], [0.45, 0.55]]],
    biases: [[0.35, 0.35], [0.6, 0.6]],
    dtype: 'float64',
    backend: options.backend?.dtypes.includes('float64') === true ? options.backend : createReferenceBackend(),
  });
}

const STEP = { loss: 'halfSumSquares', learningRate: 0.5, batchSize: 1, shuffle: false, updateBiases: false, batchEvents: false } as const;

export const seed001WorkedExample: Experiment = {
  name: 'seed001-worked-example',
  title: '2-2-2 sigmoid worked example, lr 0.5, biases fixed: one step, then 10,000',
  async run(options: ReproduceOptions = {}) {
    const start = performance.now();
    const x = Matrix.from([[0.05, 0.1]], 'float64');
    const rows: ReproduceRow[] = [];
    if (wants(options, 'exact')) {
      const y = Matrix.from([[0.01, 0.99]], 'float64');
      const model = workedNetwork(options);
      const before = model.backend.lossValue('halfSumSquares', model.predict(x), y);
      fit(model, { x, y }, { ...STEP, epochs: 1 });
      const [hidden, output] = model.layers as [Mlp['layers'][0], Mlp['layers'][0]];
      rows.push(near('E_total before training', 'exact', 0.298371109, before, 5e-9));
      rows.push(near('w5 after one step', 'exact', 0.35891648, output.W.get(0, 0), 5e-9));
      rows.push(near('w8 after one step', 'exact', 0.561370121, output.W.get(1, 1), 5e-9));
      rows.push(near('w1 after one step', 'exact', 0.149780716, hidden.W.get(0, 0), 5e-9));
      rows.push(near('w4 after one step', 'exact', 0.29950229, hidden.W.get(1, 1), 5e-9));
      fit(model, { x, y }, { ...STEP, epochs: 9999 });
      rows.push(near('E_total after 10,000 steps', 'exact', 0.0000351085, model.backend.lossValue('halfSumSquares', model.predict(x), y), 2e-8));
    }
    if (wants(options, 'faithful')) {
      const typo = Matrix.from([[0.01, 0.09]], 'float64');
      const model = workedNetwork(options);
      fit(model, { x, y: typo }, { ...STEP, epochs: 10000 });
      rows.push(shown('E_total after 10,000 steps, targets (0.01, 0.09)', 'faithful', undefined, model.backend.lossValue('halfSumSquares', model.predict(x), typo)));
    }
    const notes = [
      'exact: the classic walkthrough (targets 0.01, 0.99), its one-step numbers to 9 decimals; after 10,000 steps within 2e-8 (0.06 %), as the walkthrough does not say whether its count includes the first step',
      "faithful: the seed's code trains on its typo targets (0.01, 0.09); it prints the error without a reference figure",
    ];
    return { name: this.name, title: this.title, notes, rows, seconds: secondsSince(start) };
  },
};

export const seed001Xor: Experiment = {
  name: 'seed001-xor',
  title: 'XOR, 2-5-1 sigmoid, ½ sum of squares, lr 0.5, a random example per step, 10,000 steps',
  async run(options: ReproduceOptions = {}) {
    const start = performance.now();
    const data = xor();
    const x = data.inputs as Matrix;
    const y = data.targets!;
    const model = Mlp.create({
      sizes: [2, 5, 1],
      activation: 'sigmoid',
      outputActivation: 'sigmoid',
      init: { kind: 'uniform', low: 0, high: 1 },
      biasInit: { kind: 'uniform', low: 0, high: 1 },
      seed: 1,
      ...(options.backend === undefined ? {} : { backend: options.backend }),
    });
    const before = model.backend.lossValue('halfSumSquares', model.predict(x), y) * 4;
    fit(model, { x, y }, { loss: 'halfSumSquares', learningRate: 0.5, batchSize: 1, sampling: 'random', stepsPerEpoch: 1000, epochs: 10, seed: 1, batchEvents: false });
    const after = model.backend.lossValue('halfSumSquares', model.predict(x), y) * 4;
    const rows = [
      shown('total error before', 'both', undefined, before),
      shown('total error after 10,000 steps', 'both', undefined, after),
      atLeast('accuracy (threshold 0.5)', 'both', undefined, accuracy(y, model.predict(x)), 1),
    ];
    const notes = ["the seed's weights and biases are random.random() (uniform 0..1), as here; it prints the total error and no accuracy"];
    return { name: this.name, title: this.title, notes, rows, seconds: secondsSince(start) };
  },
};
