/** Models and raw rows shared by the onnx-*.test.ts and standalone tests: trained iris and houses models, and seed 003's network. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { saveModel } from '../../src/io/model-file.js';
import { Mlp } from '../../src/nn/mlp.js';
import { Random } from '../../src/random.js';
import { cli, tempDir, writeHousesCsv } from '../cli-run.js';

/** A model file and raw input rows to predict. */
export interface ModelCase {
  readonly name: string;
  readonly modelPath: string;
  readonly rows: number[][];
  /** The rows as CSV text (a header when the features have names). */
  readonly csv: string;
}

/** Trains iris (standardized inputs, softmax) with the CLI; rows: every 7th iris sample, raw. */
export async function irisCase(dir = tempDir()): Promise<ModelCase> {
  const modelPath = join(dir, 'iris.json');
  const run = await cli(['train', 'iris', '--layers', '8', '--epochs', '30', '--seed', '1', '--save', modelPath, '--no-out']);
  if (run.code !== 0) throw new Error(run.stderr);
  const rows = [
    [5.1, 3.5, 1.4, 0.2],
    [7.0, 3.2, 4.7, 1.4],
    [6.3, 3.3, 6.0, 2.5],
    [5.9, 3.0, 5.1, 1.8],
    [4.9, 2.4, 3.3, 1.0],
    [6.0, 2.2, 5.0, 1.5],
  ];
  return { name: 'iris', modelPath, rows, csv: rows.map((r) => r.join(',')).join('\n') + '\n' };
}

/** Trains a regression on a generated houses CSV (price in original units); rows: its first 20 inputs. */
export async function housesCase(dir = tempDir()): Promise<ModelCase> {
  const csvPath = writeHousesCsv(dir);
  const modelPath = join(dir, 'houses.json');
  const run = await cli(['train', csvPath, '--target', 'price', '--layers', '8', '--epochs', '20', '--seed', '2', '--save', modelPath, '--no-out']);
  if (run.code !== 0) throw new Error(run.stderr);
  const lines = readFileSync(csvPath, 'utf8').trim().split('\n').slice(1, 21);
  const rows = lines.map((line) => line.split(',').slice(0, 3).map(Number));
  return { name: 'houses', modelPath, rows, csv: ['rooms,age,noise', ...rows.map((r) => r.join(','))].join('\n') + '\n' };
}

/**
 * Seed 003's network, 784-200-10 sigmoid without biases, fanOut-initialised (seed 3, untrained),
 * with its preprocessing: pixels 0..255 → 0.01..1 (affine 0.99/255, 0.01). Rows: 8 random images.
 */
export async function seed003Case(dir = tempDir()): Promise<ModelCase> {
  const model = Mlp.create({ sizes: [784, 200, 10], activation: 'sigmoid', outputActivation: 'sigmoid', bias: false, init: 'fanOut', seed: 3 });
  model.metadata = {
    ...model.metadata,
    loss: 'halfSumSquares',
    preprocessing: {
      task: 'classification',
      inputs: [{ kind: 'affine', scale: 0.99 / 255, shift: 0.01 }],
      targets: [],
      oneHot: { on: 0.01, off: 0.99 },
      featureNames: Array.from({ length: 784 }, (_, i) => `pixel${i}`),
      classNames: Array.from({ length: 10 }, (_, i) => String(i)),
      targetNames: ['label'],
    },
  };
  const modelPath = join(dir, 'seed003.json');
  await saveModel(model, modelPath);
  const random = new Random(303);
  const rows = Array.from({ length: 8 }, () => Array.from({ length: 784 }, () => (random.uniform() < 0.6 ? 0 : Math.floor(random.uniform() * 256))));
  return { name: 'seed 003', modelPath, rows, csv: rows.map((r) => r.join(',')).join('\n') + '\n' };
}
