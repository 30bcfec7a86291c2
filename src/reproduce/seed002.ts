/**
 * Seed 002: iris with a 4-5-3 sigmoid network without biases, weights uniform in [−1, 1],
 * rows L2-normalised, one-hot targets, 67/33 split, lr 0.1, 100,000 full-batch iterations.
 */
import { Mlp } from '../nn/mlp.js';
import { fit } from '../train/train.js';
import { accuracy, meanAbsoluteError } from '../metrics.js';
import { iris } from '../data/builtin.js';
import { sampleCount, splitDataset } from '../data/dataset.js';
import { fitPreprocessing, preparedMatrices } from '../data/preprocessing.js';
import { l2Rows } from '../data/transforms.js';
import { atLeast, secondsSince, shown } from './report.js';
import type { Experiment, ReproduceOptions } from './report.js';

export const seed002Iris: Experiment = {
  name: 'seed002-iris',
  title: 'iris, 4-5-3 sigmoid without biases, L2 rows, lr 0.1, 100,000 full-batch iterations',
  async run(options: ReproduceOptions = {}) {
    const start = performance.now();
    const { train, test } = splitDataset(iris(), { testFraction: 0.33, seed: 2 });
    const prep = fitPreprocessing(train, { inputs: [l2Rows()] });
    const trainSet = preparedMatrices(train, prep);
    const testSet = preparedMatrices(test, prep);
    const model = Mlp.create({
      sizes: [4, 5, 3],
      activation: 'sigmoid',
      outputActivation: 'sigmoid',
      bias: false,
      init: { kind: 'uniform', low: -1, high: 1 },
      seed: 2,
      ...(options.backend === undefined ? {} : { backend: options.backend }),
    });
    // The seed sums the per-sample updates (w += layerᵀ·delta·0.1) instead of averaging them: lr 0.1·m with the mean.
    const learningRate = 0.1 * sampleCount(train);
    fit(model, trainSet, { loss: 'halfSumSquares', learningRate, batchSize: 'full', epochs: 100_000, batchEvents: false });
    const trainOut = model.predict(trainSet.x);
    const testOut = model.predict(testSet.x);
    const rows = [
      shown('"accuracy" = 1 − mean|y − ŷ|, train', 'faithful', 0.9904, 1 - meanAbsoluteError(trainSet.y, trainOut)),
      shown('"accuracy" = 1 − mean|y − ŷ|, validation', 'faithful', 0.9286, 1 - meanAbsoluteError(testSet.y, testOut)),
      shown('true accuracy, train', 'exact', undefined, accuracy(trainSet.y, trainOut)),
      atLeast('true accuracy, validation', 'exact', undefined, accuracy(testSet.y, testOut), 0.9),
    ];
    const notes = [
      'the seed calls 1 − mean|error| "accuracy" (faithful rows); the exact rows are the share of flowers classified right',
      `the seed sums its batch updates, so lr 0.1 on the sum is lr ${learningRate.toFixed(1)} on our mean gradient: the same steps`,
    ];
    return { name: this.name, title: this.title, notes, rows, seconds: secondsSince(start) };
  },
};
