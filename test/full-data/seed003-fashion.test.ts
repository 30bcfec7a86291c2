/** Seed 003's 784-200-10 network with its settings, 2 epochs of per-sample SGD on the full Fashion-MNIST (npm run test:data). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findExperiment } from '../../src/reproduce/index.js';
import { fashionMnistDir } from './locate.js';

test('seed003 settings on full Fashion-MNIST: exact gradient >= 0.84, the seed shortcut >= 0.70', async () => {
  const report = await findExperiment('seed003-fashion-mnist').run({ fashionDir: fashionMnistDir() });
  assert.deepEqual(report.rows.map((r) => r.variant), ['faithful', 'exact']);
  const [faithful, exact] = report.rows as [(typeof report.rows)[0], (typeof report.rows)[0]];
  assert.ok(exact.ours >= 0.84, `exact: test accuracy ${exact.ours}`);
  assert.ok(faithful.ours >= 0.7, `faithful: test accuracy ${faithful.ours}`);
});
