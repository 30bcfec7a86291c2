/**
 * W1-W4 of the peers' README (bench/.peers/README.md) with backprop's public training API (Mlp.create + fit),
 * on a given backend. Each returns seconds (training or inference only) and test accuracy.
 */
import type { Backend } from '../src/backend/backend.js';
import { pixelRange, type Dataset } from '../src/data/dataset.js';
import { datasetSource } from '../src/data/dataset.js';
import { Matrix } from '../src/matrix.js';
import { Mlp } from '../src/nn/mlp.js';
import { fit } from '../src/train/train.js';
import type { Images } from './fmnist.js';

export interface WorkloadResult {
  readonly seconds: number;
  readonly accuracy: number | undefined;
  /** Samples trained on (W2 may use a prefix of the epoch; times are per epoch of 60k after scaling). */
  readonly samples: number;
}

export interface WorkloadData {
  readonly train: Images;
  readonly test: Images;
}

function dataset(images: Images, limit: number): Dataset {
  const count = Math.min(limit, images.count);
  return {
    name: 'fashion-mnist',
    task: 'classification',
    inputs: { pixels: images.pixels.subarray(0, count * 784), count, height: 28, width: 28 },
    targets: undefined,
    labels: images.labels.subarray(0, count),
    featureNames: [],
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    targetNames: [],
  };
}

function testAccuracy(model: Mlp, test: Images, low: number, high: number): number {
  const x = Matrix.zeros(test.count, 784);
  const scale = (high - low) / 255;
  for (let i = 0; i < x.size; i++) x.data[i] = test.pixels[i]! * scale + low;
  const predicted = model.predict(x, 1000).argmaxRows();
  let correct = 0;
  for (let i = 0; i < test.count; i++) if (predicted[i] === test.labels[i]) correct++;
  return correct / test.count;
}

function timed(run: () => void): number {
  const t0 = performance.now();
  run();
  return (performance.now() - t0) / 1000;
}

/** W1: 784-128-10 ReLU/softmax, cross-entropy, SGD 0.1, batch 64, one shuffled epoch. */
export function w1(backend: Backend, data: WorkloadData, seed: number): WorkloadResult {
  const model = Mlp.create({ sizes: [784, 128, 10], activation: 'relu', outputActivation: 'softmax', init: 'xavierUniform', seed, backend });
  const source = datasetSource(dataset(data.train, 60000));
  const seconds = timed(() => {
    fit(model, source, { loss: 'crossEntropy', optimizer: { kind: 'sgd', learningRate: 0.1 }, epochs: 1, batchSize: 64, seed });
  });
  return { seconds, accuracy: testAccuracy(model, data.test, 0, 1), samples: 60000 };
}

/** W2 (seed 003): 784-200-10 sigmoid/sigmoid, no bias, N(0, fan^-½), ½·sum of squares, lr 0.2, batch 1, file order. */
export function w2(backend: Backend, data: WorkloadData, seed: number, limit: number): WorkloadResult {
  const model = Mlp.create({
    sizes: [784, 200, 10], activation: 'sigmoid', outputActivation: 'sigmoid', bias: false, init: 'fanIn', seed, backend,
  });
  const source = datasetSource(dataset(data.train, limit), { pixels: pixelRange(0.01, 1), on: 0.99, off: 0.01 });
  const seconds = timed(() => {
    fit(model, source, { loss: 'halfSumSquares', optimizer: { kind: 'sgd', learningRate: 0.2 }, epochs: 1, batchSize: 1, shuffle: false, seed });
  });
  return { seconds, accuracy: testAccuracy(model, data.test, 0.01, 1), samples: Math.min(limit, 60000) };
}

function w3Model(backend: Backend, seed: number): Mlp {
  return Mlp.create({ sizes: [784, 512, 256, 10], activation: 'relu', outputActivation: 'softmax', init: 'xavierUniform', seed, backend });
}

/** W3: 784-512-256-10 ReLU/softmax, Adam (1e-3, 0.9, 0.999, 1e-8), batch 128, one epoch. */
export function w3(backend: Backend, data: WorkloadData, seed: number): WorkloadResult {
  const model = w3Model(backend, seed);
  const source = datasetSource(dataset(data.train, 60000));
  const optimizer = { kind: 'adam', learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } as const;
  const seconds = timed(() => {
    fit(model, source, { loss: 'crossEntropy', optimizer, epochs: 1, batchSize: 128, seed });
  });
  return { seconds, accuracy: testAccuracy(model, data.test, 0, 1), samples: 60000 };
}

/** W4: the W3 network's forward pass over the 10k test images in batches of 1000 (seconds for all 10k). */
export function w4(backend: Backend, data: WorkloadData, seed: number): WorkloadResult {
  const model = w3Model(backend, seed);
  const x = backend.allocate(data.test.count, 784, 'float32');
  for (let i = 0; i < x.size; i++) x.data[i] = data.test.pixels[i]! / 255;
  model.predict(x.rows > 1000 ? new Matrix(1000, 784, x.data.subarray(0, 1000 * 784)) : x, 1000);
  const seconds = timed(() => model.predict(x, 1000));
  return { seconds, accuracy: undefined, samples: data.test.count };
}
