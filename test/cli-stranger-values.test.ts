/**
 * A stranger's values at predict time that the network cannot take: a number beyond float32
 * (1e50, what a unit slip or an overflowed export writes) is named by file, line and column in
 * one line, as train names it, not warned about as "Infinity standard deviations" and then
 * refused as a NaN output that names no column; the library's estimators say the same by row.
 * And a boolean category pandas wrote as True/False finds its category when given as a JS
 * boolean or in another case (TRUE, true), rather than being an unseen category of zeros, in
 * predict, the estimators and the exported standalone module.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { EncodingError } from '../src/data/encoding.js';
import { Classifier, loadModel } from '../src/node.js';
import { assertOneLineError, cli, tempDir, writeHousesCsv } from './cli-run.js';

test('predict and the loaded model: a cell beyond float32 is refused naming its line and column, with no Infinity warning', async () => {
  const dir = tempDir();
  const model = join(dir, 'houses.json');
  const trained = await cli(['train', writeHousesCsv(dir, 100), '--epochs', '2', '--save', model, '--no-out', '--quiet']);
  assert.equal(trained.code, 0, trained.stderr);
  const rows = join(dir, 'rows.csv');
  writeFileSync(rows, 'rooms,age,noise\n2.5,10,0.3\n3,1e50,0.5\n');
  const predicted = await cli(['predict', model, rows]);
  assertOneLineError(predicted, 1, /rows\.csv:3: "1e50" in column "age" is too large for the model, whose inputs are float32 \(up to ±3\.4e38\)/);
  assert.doesNotMatch(predicted.stderr, /Infinity|NaN/);
  const scored = join(dir, 'scored.csv');
  writeFileSync(scored, 'rooms,age,noise,price\n2.5,10,0.3,100\n3,1e50,0.5,120\n');
  assertOneLineError(await cli(['evaluate', model, scored]), 1, /scored\.csv:3:2: "1e50" in column "age" is beyond the float32 range/);
  const warnings: string[] = [];
  const loaded = await loadModel(model, { warn: (m) => warnings.push(m) });
  assert.throws(() => loaded.predict([{ rooms: 3, age: 1e50, noise: 0.5 }]), (e: unknown) => e instanceof EncodingError && /^row 1: "1e\+50" in column "age" is too large for the model/.test(e.message));
  assert.deepEqual(warnings, [], 'no far-from-training warning of Infinity first');
});

test("a boolean column pandas wrote as True/False: a JS true or false, or a CSV's TRUE / true, is that category, not an unseen one encoded as zeros", async () => {
  const dir = tempDir();
  const lines = ['size,member,bought'];
  for (let i = 0; i < 80; i++) lines.push(`${(i % 9) / 2},${i % 3 === 0 ? 'True' : 'False'},${i % 3 === 0 || i % 9 > 6 ? 1 : 0}`);
  const data = join(dir, 'shop.csv');
  writeFileSync(data, lines.join('\n') + '\n');
  const model = join(dir, 'shop.json');
  const trained = await cli(['train', data, '--epochs', '3', '--save', model, '--no-out', '--quiet']);
  assert.equal(trained.code, 0, trained.stderr);
  const warnings: string[] = [];
  const loaded = await loadModel(model, { warn: (m) => warnings.push(m) });
  assert.ok(loaded instanceof Classifier);
  for (const [given, written] of [[true, 'True'], [false, 'False']] as const) {
    assert.deepEqual(loaded.predictProba([{ size: 2, member: given }]), loaded.predictProba([{ size: 2, member: written }]), `${given} is "${written}"`);
  }
  assert.deepEqual(warnings, [], 'no unseen-category warning');
  const rows = join(dir, 'rows.csv');
  writeFileSync(rows, 'size,member\n2,True\n2,TRUE\n2,true\n');
  const predicted = await cli(['predict', model, rows]);
  assert.equal(predicted.code, 0, predicted.stderr);
  assert.equal(predicted.stderr, '', 'no warning');
  const [, ...out] = predicted.stdout.trim().split('\n');
  assert.equal(new Set(out).size, 1, `one answer for the three spellings: ${out.join(' | ')}`);
  // The exported standalone module reads them the same way.
  const module = join(dir, 'shop.mjs');
  const exported = await cli(['export', model, '--format', 'js', '-o', module]);
  assert.equal(exported.code, 0, exported.stderr);
  const standalone = (await import(pathToFileURL(module).href)) as { predict: (row: unknown) => unknown };
  assert.deepEqual(standalone.predict({ size: 2, member: true }), standalone.predict({ size: 2, member: 'True' }));
  assert.deepEqual(standalone.predict([2, 'TRUE']), standalone.predict([2, 'True']));
  assert.notDeepEqual(standalone.predict({ size: 2, member: false }), standalone.predict({ size: 2, member: 'True' }));
});
