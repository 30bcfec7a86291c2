import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createReferenceBackend } from '../src/backend/reference.js';
import { Matrix } from '../src/matrix.js';
import { datasetSource, iris, pixelRange, sampleCount, shuffleDataset, splitDataset, subset } from '../src/data/index.js';
import type { Dataset } from '../src/data/index.js';
import { assertAllClose } from './helpers/tolerance.js';

const counts = (ds: Dataset): number[] => {
  const out = new Array<number>(ds.classNames.length).fill(0);
  for (const label of ds.labels!) out[label]!++;
  return out;
};

test('stratified seeded split: exact class proportions, disjoint parts, same seed same split', () => {
  const all = iris();
  const a = splitDataset(all, { seed: 42, testFraction: 0.2 });
  const b = splitDataset(all, { seed: 42, testFraction: 0.2 });
  const c = splitDataset(all, { seed: 43, testFraction: 0.2 });
  assert.deepEqual(counts(a.test), [10, 10, 10]);
  assert.deepEqual(counts(a.train), [40, 40, 40]);
  assert.deepEqual(Array.from((a.test.inputs as Matrix).data), Array.from((b.test.inputs as Matrix).data));
  assert.notDeepEqual(Array.from((a.test.inputs as Matrix).data), Array.from((c.test.inputs as Matrix).data));
  const key = (ds: Dataset, r: number): string => (ds.inputs as Matrix).rowArray(r).join(',') + ds.labels![r];
  const trainKeys = new Set(Array.from({ length: 120 }, (_, r) => key(a.train, r)));
  const overlap = Array.from({ length: 30 }, (_, r) => key(a.test, r)).filter((k) => trainKeys.has(k));
  assert.ok(overlap.length <= 1, 'iris has one duplicated flower; otherwise the parts are disjoint');
  assert.notDeepEqual(Array.from(a.test.labels!), [...a.test.labels!].sort(), 'the test part is shuffled');
  const plain = splitDataset(all, { seed: 42, testFraction: 1 / 3, stratify: false });
  assert.equal(sampleCount(plain.test), 50);
  assert.throws(() => splitDataset(all, { testFraction: 1 }), /testFraction must be in \(0, 1\)/);
});

test('shuffle and subset keep rows and labels together', () => {
  const all = iris();
  const shuffled = shuffleDataset(all, 7);
  assert.equal(sampleCount(shuffled), 150);
  const sums = (ds: Dataset): number[] => Array.from({ length: 150 }, (_, r) => (ds.inputs as Matrix).rowArray(r).reduce((s, v) => s + v, 0) * 10 + ds.labels![r]!).sort();
  assertAllClose(sums(shuffled), sums(all), { atol: 1e-4 });
  assert.throws(() => subset(all, [150]), /index 150 is outside 0\.\.149/);
});

test('datasetSource over uint8 images: batches converted by gatherRowsU8, one-hot targets with seed-003 values', () => {
  const images: Dataset = {
    name: 'tiny', task: 'classification',
    inputs: { pixels: Uint8Array.from([0, 255, 51, 102, 255, 0]), count: 3, height: 1, width: 2 },
    targets: undefined, labels: Int32Array.from([1, 0, 2]), featureNames: ['px0', 'px1'], classNames: ['a', 'b', 'c'], targetNames: ['label'],
  };
  const source = datasetSource(images, { pixels: pixelRange(0.01, 1), on: 0.99, off: 0.01 });
  assert.deepEqual([source.count, source.inputSize, source.targetSize], [3, 2, 3]);
  const x = Matrix.zeros(2, 2);
  const y = Matrix.zeros(2, 3);
  source.fill(createReferenceBackend(), [0, 2, 1], 1, x, y);
  const px = (v: number): number => (v / 255) * 0.99 + 0.01;
  assertAllClose(x.data, [px(255), px(0), px(51), px(102)], { atol: 1e-6 });
  assertAllClose(y.data, [0.01, 0.01, 0.99, 0.99, 0.01, 0.01], { atol: 1e-6 });
});
