/**
 * Seed 000: the layer-based numpy MLP. Iris [4, 100, 20, 3] ReLU + softmax cross-entropy, lr 0.01,
 * 5000 full-batch epochs; California housing [8, 50, 5, 1] ReLU + linear, standardised X and y,
 * lr 0.8, 1000 full-batch epochs. Weights randn·0.01, biases zero, 80/20 split.
 */
import { Mlp } from '../nn/mlp.js';
import { fit } from '../train/train.js';
import { accuracy, meanSquaredError } from '../metrics.js';
import { californiaHousing } from '../data/builtin-files.js';
import { iris } from '../data/builtin.js';
import { splitDataset } from '../data/dataset.js';
import { fitPreprocessing, preparedMatrices } from '../data/preprocessing.js';
import { standardize } from '../data/transforms.js';
import { atLeast, atMost, secondsSince, shown, wants } from './report.js';
import type { Experiment, ReproduceOptions, ReproduceRow } from './report.js';

const SPLIT = { testFraction: 0.2, seed: 42 } as const;
const SMALL_NORMAL = { kind: 'normal', sd: 0.01 } as const;

export const seed000Iris: Experiment = {
  name: 'seed000-iris',
  title: 'iris, [4, 100, 20, 3] ReLU/softmax, lr 0.01, 5000 full-batch epochs',
  async run(options: ReproduceOptions = {}) {
    const start = performance.now();
    const { train, test } = splitDataset(iris(), SPLIT);
    const prep = fitPreprocessing(train);
    const trainSet = preparedMatrices(train, prep);
    const testSet = preparedMatrices(test, prep);
    const model = Mlp.create({ sizes: [4, 100, 20, 3], activation: 'relu', outputActivation: 'softmax', init: SMALL_NORMAL, seed: 0, ...(options.backend === undefined ? {} : { backend: options.backend }) });
    fit(model, trainSet, { loss: 'crossEntropy', learningRate: 0.01, batchSize: 'full', epochs: 5000, batchEvents: false });
    const rows = [
      shown('train accuracy', 'both', 0.9833, accuracy(trainSet.y, model.predict(trainSet.x))),
      atLeast('test accuracy', 'both', 1.0, accuracy(testSet.y, model.predict(testSet.x)), 0.95),
    ];
    const notes = ['softmax + cross-entropy uses the fused gradient ŷ − y exactly as the seed does, so faithful = exact', 'split: our seeded stratified 80/20 (the seed used scikit-learn random_state 42; 30 test flowers, so one miss costs 0.033)'];
    return { name: this.name, title: this.title, notes, rows, seconds: secondsSince(start) };
  },
};

export const seed000Housing: Experiment = {
  name: 'seed000-housing',
  title: 'California housing, [8, 50, 5, 1] ReLU/linear, standardised X and y, lr 0.8, 1000 full-batch epochs',
  async run(options: ReproduceOptions = {}) {
    const start = performance.now();
    const all = await californiaHousing(options.housingPath === undefined ? {} : { path: options.housingPath });
    const { train, test } = splitDataset(all, SPLIT);
    const prep = fitPreprocessing(train, { inputs: [standardize()], targets: [standardize()] });
    const trainSet = preparedMatrices(train, prep);
    const testSet = preparedMatrices(test, prep);
    const rows: ReproduceRow[] = [];
    // The seed's dA = ŷ − y is the gradient of ½(ŷ − y)² (halfSumSquares); the exact MSE gradient is 2(ŷ − y).
    const variants = [
      ['faithful', 'halfSumSquares'],
      ['exact', 'mse'],
    ] as const;
    for (const [variant, loss] of variants) {
      if (!wants(options, variant)) continue;
      const model = Mlp.create({ sizes: [8, 50, 5, 1], activation: 'relu', outputActivation: 'linear', init: SMALL_NORMAL, seed: 0, ...(options.backend === undefined ? {} : { backend: options.backend }) });
      fit(model, trainSet, { loss, learningRate: 0.8, batchSize: 'full', epochs: 1000, batchEvents: false });
      const trainMse = meanSquaredError(trainSet.y, model.predict(trainSet.x));
      const testMse = meanSquaredError(testSet.y, model.predict(testSet.x));
      rows.push(shown('train MSE (standardised)', variant, 0.2992, trainMse));
      rows.push(variant === 'faithful' ? atMost('test MSE (standardised)', variant, 0.3071, testMse, 0.4) : shown('test MSE (standardised)', variant, 0.3071, testMse));
    }
    const notes = [
      'faithful: the seed back-propagates dA = ŷ − y, i.e. MSE without its factor 2 (trained here as halfSumSquares, the same gradient)',
      'exact: the true MSE gradient 2(ŷ − y), which doubles the effective learning rate to 1.6',
      'scalers fitted on the training part only (the seed fits them on all 20,640 rows before splitting)',
      "the seed's 0.3071 is one lucky run: its own numpy code, run here on the same features, gives test MSE 0.383, 0.477, 0.522, 0.381 " +
        'for numpy seeds 0–3, and this engine 0.370–0.404 over init seeds 0–11 (0.3737 for seed 0); hence the bound 0.40, not 0.32',
    ];
    return { name: this.name, title: this.title, notes, rows, seconds: secondsSince(start) };
  },
};
