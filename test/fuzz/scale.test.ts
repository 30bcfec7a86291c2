/**
 * Scale (npm run fuzz, too slow for npm test): a 1,000,000-row regression CSV with 20 columns
 * loads, trains one epoch and predicts, through the CLI in this process. Prints its timings.
 */
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeRegressionCsv } from '../../bench/csv-parse.js';
import { tempDir } from '../cli-run.js';
import { runInProcess } from '../helpers/cli-in-process.js';

test('a 1,000,000-row, 20-column regression CSV trains one epoch and predicts', { timeout: 20 * 60_000 }, async () => {
  const dir = tempDir();
  const csv = join(dir, 'million.csv');
  let start = performance.now();
  writeRegressionCsv(csv, 1_000_000, 20);
  const generated = (performance.now() - start) / 1000;
  const model = join(dir, 'model.json');
  start = performance.now();
  const train = await runInProcess(['train', csv, '--epochs', '1', '--no-out', '--quiet', '--save', model, '--json']);
  const trained = (performance.now() - start) / 1000;
  assert.equal(train.code, 0, train.stderr);
  const result = JSON.parse(train.stdout) as { samples: { train: number; test: number }; task: string; test: { r2?: number } };
  assert.equal(result.task, 'regression');
  assert.equal(result.samples.train + result.samples.test, 1_000_000);
  start = performance.now();
  const predict = await runInProcess(['predict', model, csv]);
  const predicted = (performance.now() - start) / 1000;
  assert.equal(predict.code, 0, predict.stderr);
  const lines = predict.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 1_000_001);
  assert.equal(lines[0], 'y');
  assert.ok(lines.slice(1, 1000).every((l) => Number.isFinite(Number(l))));
  console.log(`1M rows × 20 columns (${(statSync(csv).size / 1e6).toFixed(0)} MB): generated in ${generated.toFixed(1)} s, load + split + train 1 epoch + evaluate + save ${trained.toFixed(1)} s (test R² ${result.test.r2}), predict ${predicted.toFixed(1)} s`);
});
