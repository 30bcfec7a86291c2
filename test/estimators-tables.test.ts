/**
 * Classifier and Regressor on business-style records: two categorical columns, missing cells
 * (null, undefined, NaN, 'NA'), imputation fitted in `fit` and stored in the file, an unseen
 * category at predict time (all-zero block and one warning, as `backprop predict` does), and the
 * saved file read by `backprop predict` agreeing with the estimator on the same raw rows.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { predictCommand } from '../src/cli/commands/predict.js';
import { prepareRawRows } from '../src/data/raw-rows.js';
import { Classifier, createReferenceBackend, loadModel, Regressor, saveModel } from '../src/node.js';
import { tempDir } from './cli-run.js';

type Cell = number | string | null | undefined;
interface Customer {
  readonly [column: string]: Cell;
  age: Cell;
  income: Cell;
  plan: Cell;
  region: Cell;
}

const PLANS = ['basic', 'pro', 'team'] as const;
const REGIONS = ['north', 'south', 'east'] as const;
const MISSING = [null, undefined, Number.NaN, 'NA'] as const;

/** A generated table without an ID column: churn depends on the plan, the region and the age; about 5 % of the feature cells are missing. */
function customers(count: number, seed: number): { rows: Customer[]; churn: string[]; spend: number[] } {
  let state = seed;
  const next = () => (state = (state * 16807) % 2147483647) / 2147483647;
  const rows: Customer[] = [];
  const churn: string[] = [];
  const spend: number[] = [];
  for (let i = 0; i < count; i++) {
    const plan = PLANS[Math.floor(next() * 3)]!;
    const region = REGIONS[Math.floor(next() * 3)]!;
    const age = Math.round(20 + next() * 50);
    const income = Math.round(20_000 + next() * 80_000);
    const risk = (plan === 'basic' ? 1.5 : plan === 'pro' ? -1 : -0.5) + (region === 'south' ? 1 : -0.5) + (age - 45) / 15;
    churn.push(risk > 0 ? 'churn' : 'stay');
    spend.push(income / 1000 + (plan === 'team' ? 40 : plan === 'pro' ? 20 : 0) + (region === 'east' ? 10 : 0));
    const row: Customer = { age, income, plan, region };
    for (const key of ['age', 'income', 'plan', 'region'] as const) if (next() < 0.05) row[key] = MISSING[Math.floor(next() * MISSING.length)]!;
    rows.push(row);
  }
  return { rows, churn, spend };
}

/** The rows as a CSV, missing cells as empty or NA (the CLI's missing markers). */
function csvOf(rows: readonly Customer[]): string {
  const cell = (v: Cell, i: number) => (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? (i % 2 === 0 ? '' : 'NA') : String(v));
  return ['region,plan,income,age', ...rows.map((r, i) => [cell(r.region, i), cell(r.plan, i + 1), cell(r.income, i), cell(r.age, i + 1)].join(','))].join('\n') + '\n';
}

const backend = createReferenceBackend();

test('Classifier on records with two categorical columns and missing cells: fit, file, backprop predict agree; an unseen category warns', async () => {
  const { rows, churn } = customers(300, 7);
  assert.ok(rows.some((r) => r.plan === 'NA' || r.plan === null || r.plan === undefined || Number.isNaN(r.plan)), 'the table has missing plan cells');
  await assert.rejects(new Classifier({ backend }).fit(rows, churn), /missing/, 'the default missing: error refuses the gaps');
  const warnings: string[] = [];
  const clf = new Classifier<string>({ hiddenLayers: [16], epochs: 40, missing: 'mean', backend, warn: (m) => warnings.push(m) });
  await clf.fit(rows, churn);
  const encoding = clf.preprocessing.encoding!;
  assert.deepEqual(
    encoding.columns.map((c) => (c.kind === 'categorical' ? `${c.name}:${c.categories.join('|')}` : c.name)),
    ['age', 'income', 'plan:basic|pro|team', 'region:east|north|south'],
  );
  assert.equal(encoding.width, 8);
  assert.equal(clf.network.inputSize, 8, 'the network is sized by the encoded width');
  const accuracy = clf.score(rows, churn);
  assert.ok(accuracy > 0.85, `training accuracy ${accuracy}`);

  const unseen = [
    { age: 60, income: 50_000, plan: 'enterprise', region: 'south' },
    { age: 30, income: null, plan: 'pro', region: 'NA' },
  ];
  const probabilities = clf.predictProba(unseen);
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0]!, /column "plan".*"enterprise"/);
  // The encoding stage alone (standardisation comes after it): columns age, income, plan x 3, region x 3.
  const encoded = prepareRawRows({ ...clf.preprocessing, inputs: [] }, unseen, { warn: () => {} });
  assert.deepEqual(Array.from(encoded.data.subarray(2, 5)), [0, 0, 0], 'the unseen plan is an all-zero block');
  assert.deepEqual(Array.from(encoded.data.subarray(5, 8)), [0, 0, 1], 'region south');
  const incomeFill = encoding.columns[1]!.fill as number;
  assert.ok(Math.abs(encoded.get(1, 1) - incomeFill) < 1e-2 && incomeFill > 40_000 && incomeFill < 80_000, `missing income imputed with the training mean ${incomeFill}`);
  const regionFill = encoding.columns[3]!.fill as string;
  assert.deepEqual(Array.from(encoded.data.subarray(8 + 5, 8 + 8)), REGIONS.slice().sort().map((r) => (r === regionFill ? 1 : 0)), `missing region is the most frequent, ${regionFill}`);

  const dir = tempDir();
  const file = join(dir, 'churn.json');
  await saveModel(clf, file);
  const loaded = await loadModel(file, { backend });
  assert.ok(loaded instanceof Classifier);
  assert.deepEqual(loaded.predictProba(rows), clf.predictProba(rows), 'the file keeps the encoding and the imputed values');
  const test = customers(60, 99).rows.concat(unseen);
  const csvPath = join(dir, 'rows.csv');
  writeFileSync(csvPath, csvOf(test));
  const cliWarnings: string[] = [];
  const cli = await predictCommand({ model: file, csv: csvOf(test), file: csvPath, onWarning: (line) => cliWarnings.push(line) });
  const ours = clf.predictProba(test);
  assert.deepEqual(cli.map((p) => ('class' in p ? p.class : '')), clf.predict(test));
  let worst = 0;
  cli.forEach((p, r) => 'class' in p && clf.classes.forEach((name, c) => (worst = Math.max(worst, Math.abs(p.probabilities[name]! - ours[r]![c]!)))));
  assert.ok(worst < 1e-6, `CLI and estimator probabilities differ by ${worst}`);
  assert.equal(probabilities[0]!.length, 2);
  assert.ok(cliWarnings.some((line) => /column "plan".*"enterprise"/.test(line)), cliWarnings.join('\n'));
});

test('unknownCategory error refuses an unseen category; missing drop leaves rows out of fit and refuses gaps at predict', async () => {
  const { rows, churn } = customers(200, 3);
  const strict = new Classifier<string>({ epochs: 2, missing: 'most-frequent', unknownCategory: 'error', backend });
  await strict.fit(rows, churn);
  assert.throws(() => strict.predict([{ age: 40, income: 40_000, plan: 'gold', region: 'north' }]), /column "plan" has category "gold", which training did not see \(known: basic, pro, team\)/);
  const again = Classifier.fromJSON<string>(JSON.stringify(strict), { backend });
  assert.equal(again.options.unknownCategory, 'error');
  assert.throws(() => again.predict([{ age: 40, income: 40_000, plan: 'gold', region: 'north' }]), /which training did not see/);

  const dropping = new Classifier<string>({ epochs: 2, missing: 'drop', backend });
  await dropping.fit(rows, churn);
  assert.equal(dropping.preprocessing.encoding!.missing, 'drop');
  assert.throws(() => dropping.predict([{ age: null, income: 40_000, plan: 'pro', region: 'north' }]), /missing cell in column "age"/);
  assert.throws(() => new Classifier({ missing: 'zero' as never }), /unknown missing policy "zero" \(one of error, drop, mean, median, most-frequent\)/);
});

test('Regressor with categories and median imputation; a numeric column named in categorical is one-hot encoded', async () => {
  const { rows, spend } = customers(300, 11);
  const coded = rows.map((r, i) => ({ ...r, zone: i % 4 === 0 ? 10 : i % 4 === 1 ? 20 : 30 }));
  const reg = new Regressor({ hiddenLayers: [16], epochs: 60, missing: 'median', categorical: ['zone'], backend });
  await reg.fit(coded, spend);
  const zone = reg.preprocessing.encoding!.columns.find((c) => c.name === 'zone')!;
  assert.ok(zone.kind === 'categorical' && zone.categories.join() === '10,20,30', JSON.stringify(zone));
  assert.equal(reg.network.inputSize, 11);
  const r2 = reg.score(coded, spend);
  assert.ok(r2 > 0.8, `R² ${r2}`);
  const file = join(tempDir(), 'spend.json');
  await saveModel(reg, file);
  const header = 'age,income,plan,region,zone';
  const sample = coded.slice(0, 20);
  const csv = [header, ...sample.map((r) => [r.age, r.income, r.plan, r.region, r.zone].map((v) => (v === null || v === undefined || Number.isNaN(v) ? '' : String(v))).join(','))].join('\n') + '\n';
  const cli = await predictCommand({ model: file, csv });
  const ours = reg.predict(sample);
  cli.forEach((p, r) => assert.ok('values' in p && Math.abs(p.values['y']! - ours[r]!) < 1e-6 * Math.max(1, Math.abs(ours[r]!)), `row ${r + 1}: ${JSON.stringify(p)} vs ${ours[r]}`));
});

test('partialFit: later one-row batches go through the fitted encoding (a missing number, a missing or unseen category)', async () => {
  const { rows, churn } = customers(120, 5);
  const warnings: string[] = [];
  const clf = new Classifier<string>({ batchSize: 1, missing: 'mean', backend, warn: (m) => warnings.push(m) });
  await clf.partialFit(rows, churn);
  const before = clf.network.layers[0]!.W.data.slice();
  await clf.partialFit([{ age: null, income: 50_000, plan: 'pro', region: 'north' }], ['stay']);
  await clf.partialFit([{ age: 30, income: 40_000, plan: undefined, region: 'NA' }], ['stay']);
  await clf.partialFit([{ age: 70, income: 30_000, plan: 'gold', region: 'south' }], ['churn']);
  assert.equal(clf.metadata.trainedEpochs, 4);
  assert.notDeepEqual(clf.network.layers[0]!.W.data, before, 'the steps changed the weights');
  assert.deepEqual(warnings, ['warning: column "plan" has category "gold" that training did not see; encoded as all zeros']);
  await assert.rejects(clf.partialFit([rows[0]!], ['maybe']), /label "maybe" \(row 1\) is not one of this classifier's classes \("churn", "stay"\): partialFit keeps the classes it started with/);
});
