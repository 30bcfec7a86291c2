import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Matrix } from '../src/matrix.js';
import {
  applyPipeline,
  applyTransform,
  datasetFromRows,
  fitPipeline,
  fitPreprocessing,
  fitTransform,
  invertPipeline,
  iris,
  l2Rows,
  minMax,
  oneHot,
  pixelTransform,
  preparedMatrices,
  prepareInputs,
  preprocessingFromJSON,
  restoreTargets,
  splitDataset,
  standardize,
  transformFromJSON,
} from '../src/data/index.js';
import { assertAllClose, assertClose } from './helpers/tolerance.js';

const x = Matrix.from([[1, 10, 5], [2, 20, 5], [3, 60, 5], [6, 30, 5]], 'float64');

function columnStats(m: Matrix, c: number): { mean: number; std: number; min: number; max: number } {
  const values = Array.from({ length: m.rows }, (_, r) => m.get(r, c));
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const std = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
  return { mean, std, min: Math.min(...values), max: Math.max(...values) };
}

test('standardize: mean 0 and std 1 per column on the fitted rows; a constant column is only centred', () => {
  const t = fitTransform(standardize(), x);
  const z = applyTransform(t, x);
  for (const c of [0, 1]) {
    assertClose(columnStats(z, c).mean, 0, { atol: 1e-12 }, `mean ${c}`);
    assertClose(columnStats(z, c).std, 1, { atol: 1e-12 }, `std ${c}`);
  }
  assert.deepEqual(z.toArray().map((r) => r[2]), [0, 0, 0, 0]);
  assertAllClose(invertPipeline([t], z).data, x.data, { atol: 1e-12 }, 'inverse');
});

test('minMax to 0.01..0.99 (seed 003) and to 0..1; rows outside the fit range map outside', () => {
  const t = fitTransform(minMax(0.01, 0.99), x);
  const y = applyTransform(t, x);
  for (const c of [0, 1]) {
    assertClose(columnStats(y, c).min, 0.01, { atol: 1e-12 });
    assertClose(columnStats(y, c).max, 0.99, { atol: 1e-12 });
  }
  const beyond = applyTransform(fitTransform(minMax(), x), Matrix.from([[11, 110, 5]], 'float64'));
  assertAllClose(beyond.data, [2, 2, 0], { atol: 1e-12 });
  assert.throws(() => minMax(1, 1), /high must exceed low/);
});

test('l2Rows: every row gets unit length, a zero row stays zero; oneHot with on/off values', () => {
  const y = applyTransform(fitTransform(l2Rows(), x), Matrix.from([[3, 4], [0, 0]], 'float64'));
  assertAllClose(y.data, [0.6, 0.8, 0, 0], { atol: 1e-12 });
  assert.throws(() => invertPipeline([{ kind: 'l2Rows' }], y), /cannot be inverted/);
  const h = oneHot([2, 0], 3, { on: 0.99, off: 0.01 });
  assertAllClose(h.data, [0.01, 0.01, 0.99, 0.99, 0.01, 0.01], { atol: 1e-7 });
  assert.throws(() => oneHot([3], 3), /label 3 at row 0 is outside 0\.\.2/);
});

test('pipelines survive JSON and back; transforms fit on the training part only', () => {
  const chain = fitPipeline([standardize(), minMax(-1, 1)], x);
  const revived = (JSON.parse(JSON.stringify(chain)) as unknown[]).map((t) => transformFromJSON(t));
  assert.deepEqual(revived, chain);
  assertAllClose(applyPipeline(revived, x).data, applyPipeline(chain, x).data, { atol: 0 });
  // ModelFormatErrors naming the field's JSON path (they were TypeErrors naming the transform).
  assert.throws(() => transformFromJSON({ kind: 'standardize', mean: [0], std: [0] }), /transform\.std\[0\] must be positive, got 0/);
  assert.throws(() => transformFromJSON({ kind: 'rotate' }, 'inputs[1]'), /inputs\[1\]\.kind must be one of standardize, minMax, l2Rows, affine, got "rotate"/);
  const { train, test: held } = splitDataset(iris(), { seed: 1, testFraction: 0.2 });
  const prep = fitPreprocessing(train, { inputs: [standardize()] });
  const trainX = preparedMatrices(train, prep).x;
  const testX = preparedMatrices(held, prep).x;
  assertClose(columnStats(trainX, 0).mean, 0, { atol: 1e-6 }, 'train mean');
  assert.ok(Math.abs(columnStats(testX, 0).mean) > 1e-4, 'test rows are not re-fitted');
});

test('preprocessing with target standardisation maps predictions back to original units, and round-trips JSON', () => {
  const ds = {
    name: 'toy', task: 'regression' as const, inputs: x, targets: Matrix.from([[100], [200], [300], [400]], 'float64'),
    labels: undefined, featureNames: ['a', 'b', 'c'], classNames: [], targetNames: ['price'],
  };
  const prep = fitPreprocessing(ds, { inputs: [standardize()], targets: [standardize()] });
  const { y } = preparedMatrices(ds, prep);
  assertClose(columnStats(y, 0).mean, 0, { atol: 1e-12 });
  const revived = preprocessingFromJSON(JSON.parse(JSON.stringify(prep)));
  assertAllClose(restoreTargets(revived, y).data, [100, 200, 300, 400], { atol: 1e-9 });
  assertAllClose(prepareInputs(revived, x).data, preparedMatrices(ds, prep).x.data, { atol: 0 });
  assert.throws(() => preprocessingFromJSON({ ...prep, task: 'ranking' }), /task "ranking"/);
  const pixels = fitTransform(pixelTransform(0.01, 1), x);
  assertAllClose(applyTransform(pixels, Matrix.from([[0, 255]])).data, [0.01, 1], { atol: 1e-6 });
});

test("standardize scales the numeric columns and leaves the one-hot block as 0/1, as scikit-learn's ColumnTransformer does", () => {
  // 200 rows: a number, and a category with one rare value (2 rows) that scaling would blow up to about 10.
  const rows = Array.from({ length: 200 }, (_, i) => [i / 10, i < 2 ? 'rare' : i % 2 === 0 ? 'a' : 'b']);
  const { dataset } = datasetFromRows(rows, rows.map((_, i) => i % 2), { task: 'classification' });
  const prep = fitPreprocessing(dataset, { inputs: [standardize()], missing: 'error' });
  const fitted = prep.inputs[0]!;
  assert.equal(fitted.kind, 'standardize');
  if (fitted.kind !== 'standardize') return;
  assert.ok(fitted.std[0]! > 5 && Math.abs(fitted.mean[0]! - 9.95) < 1e-9, 'the number is standardised');
  assert.deepEqual(fitted.mean.slice(1), [0, 0, 0], 'the categories a, b, rare keep mean 0');
  assert.deepEqual(fitted.std.slice(1), [1, 1, 1], 'and std 1');
  const x = preparedMatrices(dataset, prep).x;
  assert.deepEqual(Array.from(x.data.subarray(1, 4)), [0, 0, 1], 'row 1 (rare) is the indicator 0, 0, 1');
  // A plain matrix (no encoding) is standardised in every column, as before.
  const plain = fitPipeline([standardize()], Matrix.from([[0, 1], [0, 0], [1, 0], [1, 0]]));
  assert.deepEqual(plain[0]!.kind === 'standardize' ? plain[0]!.mean : [], [0.5, 0.25]);
});
