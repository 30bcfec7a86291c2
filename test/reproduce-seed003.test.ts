/** Seed 003's 784-200-10 network with its settings, 2 epochs of per-sample SGD on the full Fashion-MNIST. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findExperiment } from '../src/reproduce/index.js';

test('seed003 settings on full Fashion-MNIST (../shared/datasets): test accuracy >= 0.84', async () => {
  const report = await findExperiment('seed003-fashion-mnist').run({ fashionDir: '../shared/datasets/fashion-mnist' });
  const accuracy = report.rows[0]!.ours;
  assert.ok(accuracy >= 0.84, `test accuracy ${accuracy}`);
});
