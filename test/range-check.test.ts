/** Inputs far from the training data get one warning per column with the worst value (src/data/range-check.ts). */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fitPreprocessing, minMax, standardize } from '../src/data/index.js';
import { datasetFromRows, prepareRawRows } from '../src/data/raw-rows.js';
import { cli, tempDir } from './cli-run.js';

// 40 rows: km 10..49 in a shuffled order (mean 29.5, std 11.54), plan basic/pro.
const rows = Array.from({ length: 40 }, (_, i) => [10 + ((i * 7) % 40), i % 2 === 0 ? 'basic' : 'pro']);
const { dataset } = datasetFromRows(rows, rows.map((_, i) => (i % 3 === 0 ? 'yes' : 'no')), { featureNames: ['km', 'plan'] });

test('standardize: a value more than 10 standard deviations from the training mean is named once, with the worst of them', () => {
  const prep = fitPreprocessing(dataset, { inputs: [standardize()] });
  const warnings: string[] = [];
  prepareRawRows(prep, [[12, 'pro'], [29500, 'basic'], [130, 'pro'], [-2000, 'pro']], { warn: (w) => warnings.push(w) });
  assert.deepEqual(warnings, [
    'warning: column "km" has 2 values far from its training data (29500 in row 2: 2553 standard deviations from the training mean 29.5 (std 11.54)); the network extrapolates there, so check the column\'s units and values',
  ]);
  warnings.length = 0;
  prepareRawRows(prep, [[0, 'pro'], [140, 'basic']], { warn: (w) => warnings.push(w) });
  assert.deepEqual(warnings, [], '2.6 and 9.6 standard deviations out: no warning');
});

test('minMax: a value more than one training range outside [min, max] is named; other transforms are not checked', () => {
  const prep = fitPreprocessing(dataset, { inputs: [minMax()] });
  const warnings: string[] = [];
  prepareRawRows(prep, [[95, 'pro'], [5, 'pro']], { warn: (w) => warnings.push(w) });
  assert.deepEqual(warnings, ['warning: column "km" has a value far from its training data (95 in row 1: training\'s values run from 10 to 49); the network extrapolates there, so check the column\'s units and values']);
  const none = fitPreprocessing(dataset, { inputs: [] });
  warnings.length = 0;
  prepareRawRows(none, [[1e6, 'pro']], { warn: (w) => warnings.push(w) });
  assert.deepEqual(warnings, []);
});

test('backprop predict warns on stderr, naming the file and line, and still predicts every row', async () => {
  const dir = tempDir();
  const train = join(dir, 'trips.csv');
  writeFileSync(train, 'km,plan,late\n' + rows.map((r, i) => `${r[0]},${r[1]},${i % 3 === 0 ? 'yes' : 'no'}`).join('\n') + '\n');
  const model = join(dir, 'model.json');
  const trained = await cli(['train', train, '--epochs', '2', '--save', model, '--no-out']);
  assert.equal(trained.code, 0, trained.stderr);
  const run = await cli(['predict', model, '-'], 'km,plan\n20,pro\n21000,basic\n');
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /^<stdin>: warning: column "km" has a value far from its training data \(21000 in <stdin>:3: \d+ standard deviations from the training mean [\d.]+ \(std [\d.]+\)\); the network extrapolates there/m);
  assert.equal(run.stdout.trim().split('\n').length, 3, 'a header and both rows');
});
