/**
 * A stranger's values at predict time that the network cannot take: a number beyond float32
 * (1e50, what a unit slip or an overflowed export writes) is named by file, line and column in
 * one line, as train names it, not warned about as "Infinity standard deviations" and then
 * refused as a NaN output that names no column; the library's estimators say the same by row.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { EncodingError } from '../src/data/encoding.js';
import { loadModel } from '../src/node.js';
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
