/**
 * One model, everywhere: a file saved by `backprop train` or by the playground gives the same
 * answers through the library's `loadModel(path).predict(rawRows)` as through `backprop predict`
 * (classes identical, probabilities and values within 1e-6).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { predictCommand, type Prediction } from '../src/cli/commands/predict.js';
import { Classifier, fit, loadModel, loadModelFromJSON, Regressor } from '../src/node.js';
import { prepareJob } from '../playground/jobs.js';
import { DEFAULTS } from '../playground/state.js';
import { cli, tempDir, writeHousesCsv } from './cli-run.js';

const ATOL = 1e-6;

function close(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= ATOL * Math.max(1, Math.abs(expected)), `${what}: library ${actual}, CLI ${expected}`);
}

/** The probabilities of CLI predictions in class order. */
function cliProbabilities(predictions: readonly Prediction[], classes: readonly string[]): number[][] {
  return predictions.map((p) => ('class' in p ? classes.map((c) => p.probabilities[c]!) : assert.fail('expected a class prediction')));
}

const IRIS_ROWS = [
  [5.1, 3.5, 1.4, 0.2],
  [6.2, 2.9, 4.3, 1.3],
  [7.7, 3.0, 6.1, 2.3],
  [5.9, 3.0, 5.1, 1.8],
  [4.4, 2.9, 1.4, 0.2],
];

test('backprop train iris --save, then loadModel(file).predict(raw rows) equals backprop predict', async () => {
  const dir = tempDir();
  const file = join(dir, 'm.json');
  const trained = await cli(['train', 'iris', '--epochs', '8', '--save', file, '--no-out', '--quiet']);
  assert.equal(trained.code, 0, trained.stderr);
  const csv = join(dir, 'rows.csv');
  writeFileSync(csv, 'sepal_length,sepal_width,petal_length,petal_width\n' + IRIS_ROWS.map((r) => r.join(',')).join('\n') + '\n');
  const predicted = await cli(['predict', file, csv, '--json']);
  assert.equal(predicted.code, 0, predicted.stderr);
  const fromCli = JSON.parse(predicted.stdout) as Prediction[];

  const model = await loadModel(file);
  assert.ok(model instanceof Classifier, 'an iris file loads as a Classifier');
  assert.deepEqual(model.classes, ['setosa', 'versicolor', 'virginica']);
  assert.deepEqual(model.predict(IRIS_ROWS), fromCli.map((p) => ('class' in p ? p.class : '')));
  assert.equal(model.predict(IRIS_ROWS)[0], 'setosa', 'a setosa flower is called setosa (the raw rows are standardised as in training)');
  const probabilities = model.predictProba(IRIS_ROWS);
  cliProbabilities(fromCli, model.classes).forEach((row, r) => row.forEach((p, c) => close(probabilities[r]![c]!, p, `row ${r} class ${c}`)));
  // Records keyed by column name give the same answer as arrays in column order.
  const names = model.featureNames;
  const records = IRIS_ROWS.map((row) => Object.fromEntries(names.map((n, i) => [n, row[i]!])));
  assert.deepEqual(model.predictProba(records), probabilities);
});

test('a regression CSV: the library predicts the CLI values in original units', async () => {
  const dir = tempDir();
  const data = writeHousesCsv(dir, 200);
  const file = join(dir, 'houses.json');
  const trained = await cli(['train', data, '--epochs', '10', '--save', file, '--no-out', '--quiet']);
  assert.equal(trained.code, 0, trained.stderr);
  const rows = [
    [2.5, 10, 0.3],
    [4.0, 35, 0.9],
    [1.2, 48, 0.1],
  ];
  const fromCli = await predictCommand({ model: file, csv: 'rooms,age,noise\n' + rows.map((r) => r.join(',')).join('\n') + '\n' });
  const model = await loadModel(file);
  assert.ok(model instanceof Regressor, 'a regression file loads as a Regressor');
  const values = model.predict(rows);
  fromCli.forEach((p, r) => close(values[r]!, 'values' in p ? p.values['price']! : NaN, `row ${r}`));
  assert.ok(values.every((v) => v > 20 && v < 250), `values are in the price's units, got ${values.join(', ')}`);
});

test('a model saved by the playground: the library and backprop predict agree', async () => {
  const job = await prepareJob({ kind: '2d', settings: { ...DEFAULTS, dataset: 'circle', hidden: [6], seed: 3 } });
  fit(job.model, job.train, { ...job.options, epochs: 5 });
  const dir = tempDir();
  const file = join(dir, 'playground-circle.json');
  writeFileSync(file, JSON.stringify(job.model, null, 1) + '\n'); // what the page's Save button downloads
  const rows = [
    [0, 0],
    [4.5, -1],
    [-3, 3.5],
    [1, 1],
  ];
  const fromCli = await predictCommand({ model: file, csv: 'x,y\n' + rows.map((r) => r.join(',')).join('\n') + '\n' });
  const model = await loadModel(file);
  assert.ok(model instanceof Classifier);
  // The page's classes are 0 and 1: the library gives them as numbers, the CLI prints them as text.
  assert.deepEqual(model.predict(rows).map(String), fromCli.map((p) => ('class' in p ? p.class : '')));
  const probabilities = model.predictProba(rows);
  cliProbabilities(fromCli, model.classes.map(String)).forEach((row, r) => row.forEach((p, c) => close(probabilities[r]![c]!, p, `row ${r} class ${c}`)));
});

test('a CLI model of integer labels (a 0/1 or 3/5/7 target column) loads with number labels, as pandas reads the column; other names stay text', async () => {
  const dir = tempDir();
  const lines = ['a,b,grade'];
  for (let i = 0; i < 60; i++) lines.push(`${i % 6},${(i * 7) % 5},${[3, 5, 7][i % 3]}`);
  writeFileSync(join(dir, 'grades.csv'), lines.join('\n') + '\n');
  writeFileSync(join(dir, 'text.csv'), lines.map((l, i) => (i === 0 ? l : l.replace(/,(\d)$/, ',0$1'))).join('\n') + '\n');
  const file = join(dir, 'grades.json');
  const trained = await cli(['train', join(dir, 'grades.csv'), '--epochs', '2', '--save', file, '--no-out', '--quiet']);
  assert.equal(trained.code, 0, trained.stderr);
  const model = await loadModel(file);
  assert.ok(model instanceof Classifier);
  assert.deepEqual(model.classes, [3, 5, 7]);
  assert.ok([3, 5, 7].includes(model.predict([[1, 2]])[0] as number), `a number label, got ${JSON.stringify(model.predict([[1, 2]]))}`);
  assert.equal(model.score([[1, 2]], [model.predict([[1, 2]])[0]!]), 1);
  // Saved again by the library, the labels keep their type (and the file its class names).
  const again = loadModelFromJSON(model.toJSON());
  assert.ok(again instanceof Classifier);
  assert.deepEqual(again.classes, [3, 5, 7]);
  // Codes written with a leading zero ("03") are text in a CSV: they stay strings.
  const textFile = join(dir, 'text.json');
  const textTrained = await cli(['train', join(dir, 'text.csv'), '--epochs', '2', '--save', textFile, '--no-out', '--quiet']);
  assert.equal(textTrained.code, 0, textTrained.stderr);
  const text = await loadModel(textFile);
  assert.ok(text instanceof Classifier);
  assert.deepEqual(text.classes, ['03', '05', '07']);
});

test('a CLI model of a True/False target (a pandas bool column) loads with boolean labels; score takes booleans or the file\'s True/False', async () => {
  const dir = tempDir();
  const lines = ['a,b,member'];
  for (let i = 0; i < 60; i++) lines.push(`${i % 6},${(i * 7) % 5},${i % 6 > 2 ? 'True' : 'False'}`);
  writeFileSync(join(dir, 'members.csv'), lines.join('\n') + '\n');
  const file = join(dir, 'members.json');
  const trained = await cli(['train', join(dir, 'members.csv'), '--epochs', '2', '--save', file, '--no-out', '--quiet']);
  assert.equal(trained.code, 0, trained.stderr);
  const model = await loadModel(file);
  assert.ok(model instanceof Classifier);
  assert.deepEqual(model.classes, [false, true]);
  const [label] = model.predict([[4, 1]]);
  assert.equal(typeof label, 'boolean');
  assert.equal(model.score([[4, 1]], [label!]), 1);
  assert.equal(model.score([[4, 1]], [label ? 'True' : 'False'] as never), 1, "the file's own spelling counts as that class");
  const again = loadModelFromJSON(model.toJSON());
  assert.ok(again instanceof Classifier);
  assert.deepEqual(again.classes, [false, true], 'saved again by the library, the labels stay booleans');
});

test("a library model's target is 'y' unless fit is given targetName; backprop evaluate says to pass --target when the file names it otherwise", async () => {
  const dir = tempDir();
  const rows = Array.from({ length: 60 }, (_, i) => ({ size: i % 7, color: i % 2 ? 'red' : 'blue' }));
  const y = rows.map((r) => (r.color === 'red' ? 'yes' : 'no'));
  const csv = join(dir, 'shop.csv');
  writeFileSync(csv, 'size,color,label\n' + rows.map((r, i) => `${r.size},${r.color},${y[i]}`).join('\n') + '\n');
  const plain = new Classifier({ epochs: 5 });
  await plain.fit(rows, y);
  writeFileSync(join(dir, 'plain.json'), JSON.stringify(plain));
  const named = new Classifier({ epochs: 5, targetName: 'label' });
  await named.fit(rows, y);
  writeFileSync(join(dir, 'named.json'), JSON.stringify(named));
  assert.deepEqual(named.preprocessing.targetNames, ['label']);
  const refused = await cli(['evaluate', join(dir, 'plain.json'), csv]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /no column named "y" \(columns: size, color, label\); "y" is the model's target: pass --target NAME to evaluate against another column/);
  for (const args of [[join(dir, 'named.json'), csv], [join(dir, 'plain.json'), csv, '--target', 'label']]) {
    const run = await cli(['evaluate', ...args, '--json']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).metrics.samples, 60);
  }
});
