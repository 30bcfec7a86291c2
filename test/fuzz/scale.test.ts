/**
 * Scale (npm run fuzz, too slow for npm test): 1,000,000-row CSVs with 20 columns, one regression
 * and one classification, load, train one epoch and predict, through the CLI in this process.
 * Prints their timings.
 */
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
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

test('a 1,000,000-row, 20-column classification CSV (three text labels) trains one epoch and predicts', { timeout: 20 * 60_000 }, async () => {
  const dir = tempDir();
  const numbers = join(dir, 'numbers.csv');
  writeRegressionCsv(numbers, 1_000_000, 20);
  // The same inputs, the target cut into three classes by its value.
  const lines = readFileSync(numbers, 'utf8').trimEnd().split('\n');
  const csv = join(dir, 'million-classes.csv');
  const labelled = lines.map((line, r) => {
    const cut = line.lastIndexOf(',');
    if (r === 0) return `${line.slice(0, cut)},grade`;
    const y = Number(line.slice(cut + 1));
    return `${line.slice(0, cut)},${y < -40 ? 'low' : y < 40 ? 'mid' : 'high'}`;
  });
  writeFileSync(csv, labelled.join('\n') + '\n');
  const model = join(dir, 'model.json');
  let start = performance.now();
  const train = await runInProcess(['train', csv, '--epochs', '1', '--no-out', '--quiet', '--save', model, '--json']);
  const trained = (performance.now() - start) / 1000;
  assert.equal(train.code, 0, train.stderr);
  const result = JSON.parse(train.stdout) as { samples: { train: number; test: number }; task: string; classNames: string[]; test: { accuracy?: number } };
  assert.equal(result.task, 'classification');
  assert.equal(result.samples.train + result.samples.test, 1_000_000);
  assert.ok((result.test.accuracy ?? 0) > 0.5, `test accuracy ${result.test.accuracy} (a third is chance)`);
  start = performance.now();
  const predict = await runInProcess(['predict', model, csv]);
  const predicted = (performance.now() - start) / 1000;
  assert.equal(predict.code, 0, predict.stderr);
  const out = predict.stdout.trimEnd().split('\n');
  assert.equal(out.length, 1_000_001);
  assert.match(out[0]!, /^class,p_/);
  assert.ok(out.slice(1, 1000).every((l) => ['low', 'mid', 'high'].includes(l.split(',')[0]!)));
  console.log(`1M rows × 20 columns, 3 classes: load + split + train 1 epoch + evaluate + save ${trained.toFixed(1)} s (test accuracy ${result.test.accuracy}), predict ${predicted.toFixed(1)} s`);
});
