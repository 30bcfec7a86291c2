/**
 * Models with an encoding stage (a CSV with categorical columns and missing cells, trained by the
 * CLI with --missing mean) exported to ONNX and to a standalone module: onnxruntime-web on the
 * raw cells (numeric NaN for gaps, category strings, 'NA' / '' for missing categories, an unseen
 * category) agrees with `backprop predict` on the same raw rows (probabilities within 1e-5,
 * identical labels), and the standalone module within 1e-6, rows as arrays or records. Padded
 * category cells are trimmed in the graph as predict's CSV reader trims them, and categories
 * with regex characters match only themselves.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, test } from 'node:test';
import * as ort from 'onnxruntime-web';
import { predictCommand, type Prediction } from '../src/cli/commands/predict.js';
import { loadModel } from '../src/io/model-file.js';
import { Mlp } from '../src/nn/mlp.js';
import { ONNX_STRING_OPSET } from '../src/onnx/encoding-graph.js';
import { exportOnnx, ONNX_OPSET } from '../src/onnx/export.js';
import { decodeModel } from '../src/onnx/onnx-decode.js';
import { importOnnx } from '../src/onnx/import.js';
import { cli, tempDir } from './cli-run.js';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

type Cell = string | number | null;
const HEADER = ['age', 'plan', 'income', 'region'] as const;

/** A generated table: churn from plan, region and age; about 6 % of the feature cells empty or NA. */
function table(count: number, seed: number): { rows: Cell[][]; churn: string[] } {
  let state = seed;
  const next = () => (state = (state * 16807) % 2147483647) / 2147483647;
  const rows: Cell[][] = [];
  const churn: string[] = [];
  for (let i = 0; i < count; i++) {
    const plan = ['basic', 'pro', 'team'][Math.floor(next() * 3)]!;
    const region = ['north', 'south', 'east', 'west'][Math.floor(next() * 4)]!;
    const age = Math.round(20 + next() * 50);
    const income = Math.round(20_000 + next() * 80_000);
    const risk = (plan === 'basic' ? 1.5 : -1) + (region === 'south' ? 1 : -0.4) + (age - 45) / 15;
    churn.push(risk > 0 ? 'yes' : 'no');
    const row: Cell[] = [age, plan, income, region];
    for (let c = 0; c < 4; c++) if (next() < 0.06) row[c] = next() < 0.5 ? null : 'NA';
    rows.push(row);
  }
  return { rows, churn };
}

const csvCell = (v: Cell) => (v === null ? '' : String(v));
const dir = tempDir();
const modelPath = join(dir, 'churn.json');
/** Rows to predict: generated ones with gaps, plus an unseen plan, a missing region ('' and NA) and a missing number. */
const { rows: predictRows } = table(40, 5);
predictRows.push([61, 'enterprise', 52_000, 'south'], [33, 'pro', null, 'NA'], [null, 'basic', 30_000, null], [45, 'team', 70_000, 'west']);
const csv = [HEADER.join(','), ...predictRows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n';
let expected: Prediction[] = [];

before(async () => {
  const { rows, churn } = table(400, 1);
  const csvPath = join(dir, 'churn.csv');
  writeFileSync(csvPath, [[...HEADER, 'churn'].join(','), ...rows.map((r, i) => [...r.map(csvCell), churn[i]].join(','))].join('\n') + '\n');
  const run = await cli(['train', csvPath, '--target', 'churn', '--missing', 'mean', '--layers', '8', '--epochs', '30', '--seed', '4', '--save', modelPath, '--no-out']);
  assert.equal(run.code, 0, run.stderr);
  expected = await predictCommand({ model: modelPath, csv, onWarning: () => {} });
});

/** Largest probability difference; labels must be identical. */
function compare(actual: { label: string; probabilities: Record<string, number> }[]): number {
  let worst = 0;
  expected.forEach((e, r) => {
    assert.ok('class' in e);
    assert.equal(actual[r]!.label, e.class, `row ${r + 1} label`);
    for (const [name, p] of Object.entries(e.probabilities)) worst = Math.max(worst, Math.abs(actual[r]!.probabilities[name]! - p));
  });
  return worst;
}

test('ONNX with categories: opset 20, inputs "input" (numbers, NaN = missing) and "categories" (strings); onnxruntime-web agrees with backprop predict', async (t) => {
  const model = await loadModel(modelPath);
  const encoding = (model.metadata['preprocessing'] as { encoding: { columns: { name: string; kind: string }[] } }).encoding;
  assert.deepEqual(encoding.columns.map((c) => `${c.name}:${c.kind}`), ['age:numeric', 'plan:categorical', 'income:numeric', 'region:categorical']);
  const bytes = exportOnnx(model);
  const onnx = decodeModel(bytes);
  assert.equal(onnx.opsets[0]!.version, ONNX_STRING_OPSET);
  assert.deepEqual(onnx.graph.inputs.map((i) => `${i.name}:${(i.shape ?? []).join("x")}`), ['input:batchx2', 'categories:batchx2']);
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  try {
    const numbers = Float32Array.from(predictRows.flatMap((r) => [r[0], r[2]].map((v) => (v === null || v === 'NA' ? Number.NaN : Number(v)))));
    // Missing categories as the CSV has them: '' for an empty cell, 'NA' as written.
    const texts = predictRows.flatMap((r) => [r[1], r[3]].map((v) => (v === null ? '' : String(v))));
    const out = await session.run({ input: new ort.Tensor('float32', numbers, [predictRows.length, 2]), categories: new ort.Tensor('string', texts, [predictRows.length, 2]) });
    const classes = Object.keys((expected[0] as { probabilities: Record<string, number> }).probabilities);
    const probabilities = out['probabilities']!.data as Float32Array;
    const labels = out['label']!.data as string[];
    const worst = compare(labels.map((label, r) => ({ label, probabilities: Object.fromEntries(classes.map((name, k) => [name, probabilities[r * classes.length + k]!])) })));
    t.diagnostic(`max |onnxruntime-web − predict| = ${worst.toExponential(2)} over ${predictRows.length} rows`);
    assert.ok(worst <= 1e-5, `max difference ${worst}`);
  } finally {
    await session.release();
  }
  const back = importOnnx(bytes);
  assert.deepEqual(Array.from(back.layers[0]!.W.data), Array.from(model.layers[0]!.W.data), 'importOnnx reads the layers back past the encoding nodes');
});

test('a numeric-only encoding (imputation, no categories) stays opset 13 with one float input', async () => {
  const csvPath = join(dir, 'numeric.csv');
  const { rows, churn } = table(200, 9);
  writeFileSync(csvPath, ['age,income,churn', ...rows.map((r, i) => [csvCell(r[0]!), csvCell(r[2]!), churn[i]].join(','))].join('\n') + '\n');
  const path = join(dir, 'numeric.json');
  const run = await cli(['train', csvPath, '--target', 'churn', '--missing', 'median', '--epochs', '5', '--save', path, '--no-out']);
  assert.equal(run.code, 0, run.stderr);
  const onnx = decodeModel(exportOnnx(await loadModel(path)));
  assert.equal(onnx.opsets[0]!.version, ONNX_OPSET);
  assert.deepEqual(onnx.graph.inputs.map((i) => i.name), ['input']);
  assert.ok(onnx.graph.nodes.some((n) => n.opType === 'IsNaN'));
});

test('backprop export describes both inputs of a model with categories', async () => {
  const run = await cli(['export', modelPath, '--format', 'onnx', '-o', join(dir, 'churn.onnx')]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /ONNX opset 20, inputs "input" \[batch, 2\] float32, "categories" \[batch, 2\] string, outputs "probabilities" \[batch, 2\], "label" \[batch\]/);
});

test('the standalone module takes raw cells (categories, missing values) as arrays or records and agrees with backprop predict to 1e-6', async (t) => {
  for (const format of ['js', 'ts'] as const) {
    const out = join(dir, `predict-${format}.${format}`);
    const run = await cli(['export', modelPath, '--format', format, '-o', out]);
    assert.equal(run.code, 0, run.stderr);
    const generated = (await import(pathToFileURL(out).href)) as {
      predictBatch(rows: readonly unknown[]): { class: string; probabilities: Record<string, number> }[];
      featureNames: readonly string[];
    };
    assert.deepEqual(generated.featureNames, HEADER);
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (message: string) => warnings.push(message);
    let arrays, records;
    try {
      arrays = generated.predictBatch(predictRows);
      records = generated.predictBatch(predictRows.map((r) => ({ region: r[3], income: r[2], plan: r[1], age: r[0] })));
    } finally {
      console.warn = warn;
    }
    assert.deepEqual(records, arrays);
    assert.ok(warnings.length === 2 && warnings.every((w) => /column "plan" has category "enterprise"/.test(w)), warnings.join('\n'));
    const worst = compare(arrays.map((p) => ({ label: p.class, probabilities: p.probabilities })));
    t.diagnostic(`.${format}: max |standalone − predict| = ${worst.toExponential(2)}`);
    assert.ok(worst <= 1e-6, `max difference ${worst}`);
    if (format === 'ts') assert.match(readFileSync(out, 'utf8'), /export type Row = readonly Cell\[\] \| \{ readonly \[name: string\]: Cell \}/);
  }
});

test('a model whose columns are all categorical: ONNX takes "categories" only, runs, and imports back', async () => {
  const csvPath = join(dir, 'categories.csv');
  const { rows, churn } = table(200, 13);
  writeFileSync(csvPath, ['plan,region,churn', ...rows.map((r, i) => [csvCell(r[1]!), csvCell(r[3]!), churn[i]].join(','))].join('\n') + '\n');
  const path = join(dir, 'categories.json');
  const run = await cli(['train', csvPath, '--target', 'churn', '--missing', 'most-frequent', '--epochs', '5', '--save', path, '--no-out']);
  assert.equal(run.code, 0, run.stderr);
  const model = await loadModel(path);
  const bytes = exportOnnx(model);
  assert.deepEqual(decodeModel(bytes).graph.inputs.map((i) => i.name), ['categories']);
  const sample = [['basic', 'south'], ['team', ''], ['gold', 'north']];
  const expectedHere = await predictCommand({ model: path, csv: ['plan,region', ...sample.map((r) => r.join(','))].join('\n') + '\n', onWarning: () => {} });
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  try {
    const out = await session.run({ categories: new ort.Tensor('string', sample.flat(), [sample.length, 2]) });
    assert.deepEqual([...(out['label']!.data as string[])], expectedHere.map((p) => ('class' in p ? p.class : '')));
  } finally {
    await session.release();
  }
  assert.deepEqual(Array.from(importOnnx(bytes).layers[0]!.W.data), Array.from(model.layers[0]!.W.data));
});

test("train's --na-values and --no-default-na travel into the ONNX graph and the standalone module: '?' is missing there too, 'NA' is a category", async () => {
  const csvPath = join(dir, 'markers.csv');
  const { rows, churn } = table(300, 17);
  // Missing regions written '?', and 'NA' (North America) a real region under --no-default-na.
  const region = (v: Cell, i: number) => (v === null || v === 'NA' ? '?' : i % 7 === 0 ? 'NA' : String(v));
  writeFileSync(csvPath, ['plan,region,churn', ...rows.map((r, i) => [r[1] === null || r[1] === 'NA' ? 'basic' : r[1], region(r[3]!, i), churn[i]].join(','))].join('\n') + '\n');
  const path = join(dir, 'markers.json');
  const run = await cli(['train', csvPath, '--target', 'churn', '--na-values', '?', '--no-default-na', '--missing', 'most-frequent', '--epochs', '5', '--save', path, '--no-out']);
  assert.equal(run.code, 0, run.stderr);
  const model = await loadModel(path);
  const columns = (model.metadata['preprocessing'] as { encoding: { columns: { name: string; categories: string[] }[] } }).encoding.columns;
  assert.ok(columns[1]!.categories.includes('NA') && !columns[1]!.categories.includes('?'), columns[1]!.categories.join(' '));
  const sample = [['basic', '?'], ['team', 'NA'], ['pro', ''], ['basic', 'south']];
  const expectedHere = await predictCommand({ model: path, csv: ['plan,region', ...sample.map((r) => r.join(','))].join('\n') + '\n', onWarning: () => {} });
  const probabilityOf = (p: Prediction) => ('class' in p ? p.probabilities : {});
  const session = await ort.InferenceSession.create(exportOnnx(model), { executionProviders: ['wasm'] });
  try {
    const out = await session.run({ categories: new ort.Tensor('string', sample.flat(), [sample.length, 2]) });
    const p = out['probabilities']!.data as Float32Array;
    expectedHere.forEach((e, r) => {
      const names = Object.keys(probabilityOf(e));
      names.forEach((name, k) => assert.ok(Math.abs(p[r * names.length + k]! - probabilityOf(e)[name]!) <= 1e-5, `ONNX row ${r + 1} ${name}: ${p[r * names.length + k]} vs ${probabilityOf(e)[name]}`));
    });
  } finally {
    await session.release();
  }
  const out = join(dir, 'markers.js');
  assert.equal((await cli(['export', path, '--format', 'js', '-o', out])).code, 0);
  const generated = (await import(pathToFileURL(out).href)) as { predictBatch(rows: readonly unknown[]): { probabilities: Record<string, number> }[] };
  generated.predictBatch(sample).forEach((g, r) => {
    for (const [name, value] of Object.entries(probabilityOf(expectedHere[r]!))) assert.ok(Math.abs(g.probabilities[name]! - value) <= 1e-6, `standalone row ${r + 1} ${name}`);
  });
  // '?' gives the fill (the most frequent region), so its row equals the row with the fill written out.
  assert.notDeepEqual(probabilityOf(expectedHere[0]!), probabilityOf(expectedHere[1]!));
});

test('category cells are trimmed in the ONNX graph as backprop predict trims them; regex characters in categories match only themselves', async () => {
  // Categories with RE2 metacharacters: were they not escaped, "aXb" would match "a.b", "aab" "a+b", "e" "[d]|e".
  const kinds = ['a.b', 'a+b', '(c)', '[d]|e', 'g\\h', '$x^'];
  const csvPath = join(dir, 'regex.csv');
  const lines = Array.from({ length: 120 }, (_, i) => `${kinds[i % kinds.length]},${i % 5 < 2 ? 'new york' : 'paris'},${i % kinds.length < 3 ? 'yes' : 'no'}`);
  writeFileSync(csvPath, ['kind,city,y', ...lines].join('\n') + '\n');
  const path = join(dir, 'regex.json');
  const run = await cli(['train', csvPath, '--target', 'y', '--delimiter', ',', '--missing', 'most-frequent', '--layers', '6', '--epochs', '20', '--seed', '3', '--save', path, '--no-out']);
  assert.equal(run.code, 0, run.stderr);
  const model = await loadModel(path);
  const columns = (model.metadata['preprocessing'] as { encoding: { columns: { categories: string[] }[] } }).encoding.columns;
  assert.deepEqual([...columns[0]!.categories].sort(), [...kinds].sort());
  // Padded cells (unquoted, so backprop's CSV reader trims them), near misses, a padded missing marker, a blank cell, another case.
  const sample = [[' a.b ', 'new york'], ['aXb', 'paris'], ['aab', '  paris'], ['(c) ', 'new  york'], [' [d]|e', ' NA '], ['e', '   '], ['g\\h  ', 'paris'], ['$x^', 'Paris']];
  const expectedHere = await predictCommand({ model: path, csv: ['kind,city', ...sample.map((r) => r.join(','))].join('\n') + '\n', delimiter: ',', onWarning: () => {} });
  const bytes = exportOnnx(model);
  assert.match(decodeModel(bytes).docString, /input "categories" \[batch, 2\] strings kind, city \(compared after trimming surrounding whitespace, as backprop's CSV reader trims a cell; case matters; an unseen category encodes as zeros\)/);
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  try {
    const probabilities = async (rows: string[][]) => Array.from((await session.run({ categories: new ort.Tensor('string', rows.flat(), [rows.length, 2]) }))['probabilities']!.data as Float32Array);
    const p = await probabilities(sample);
    expectedHere.forEach((e, r) => {
      assert.ok('class' in e);
      Object.values(e.probabilities).forEach((value, k) => assert.ok(Math.abs(p[r * 2 + k]! - value) <= 1e-5, `row ${r + 1} ${JSON.stringify(sample[r])}: ONNX ${p[r * 2 + k]} vs predict ${value}`));
    });
    // Tabs, no-break spaces and a byte-order mark are whitespace to trim() too: the same as the bare cells.
    assert.deepEqual(await probabilities([['\ta.b\u00a0', '\ufeffparis\n'], ['\u2003(c)', 'new york\r']]), await probabilities([['a.b', 'paris'], ['(c)', 'new york']]));
  } finally {
    await session.release();
  }
  // The near misses really are unseen (all-zero blocks), not matched by a pattern: predict warns about them.
  const warnings: string[] = [];
  await predictCommand({ model: path, csv: 'kind,city\naXb,paris\naab,paris\ne,paris\n', delimiter: ',', onWarning: (w) => warnings.push(w) });
  assert.match(warnings.join('\n'), /column "kind" has 3 categories \("aXb", "aab", "e"\) that training did not see/);
});

test('a categorical column without categories (a width-0 block) adds no nodes, and the next column still reads its own cells', async () => {
  const model = Mlp.create({ sizes: [3, 2], outputActivation: 'softmax', seed: 5 });
  const columns = [
    { name: 'empty', kind: 'categorical', categories: [], fill: null },
    { name: 'plan', kind: 'categorical', categories: ['basic', 'pro'], fill: null },
    { name: 'age', kind: 'numeric', fill: null },
  ];
  model.metadata = { preprocessing: { task: 'classification', inputs: [], targets: [], oneHot: { on: 1, off: 0 }, featureNames: ['empty', 'plan', 'age'], classNames: ['no', 'yes'], targetNames: ['y'], encoding: { columns, missing: 'error', unknownCategory: 'ignore', width: 3 } } };
  const bytes = exportOnnx(model);
  assert.ok(!decodeModel(bytes).graph.nodes.some((n) => n.name.startsWith('preprocess/encoding/0/')));
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  try {
    const out = await session.run({ input: new ort.Tensor('float32', Float32Array.from([30, 50]), [2, 1]), categories: new ort.Tensor('string', ['anything', ' pro', 'x', 'basic'], [2, 2]) });
    const expectedP = model.predict([[0, 1, 30], [1, 0, 50]]).data;
    Array.from(out['probabilities']!.data as Float32Array).forEach((v, i) => assert.ok(Math.abs(v - expectedP[i]!) <= 1e-6, `probability ${i}: ${v} vs ${expectedP[i]}`));
  } finally {
    await session.release();
  }
});
