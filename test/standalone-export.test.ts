/**
 * backprop → standalone predict module: `backprop export --format ts|js` writes one file with no
 * imports (weights as base64 float32, preprocessing and class names inside); imported, it agrees
 * with `backprop predict` to 1e-6 on raw rows, and the generated code type-checks strictly.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { before, describe, test } from 'node:test';
import { predictCommand, type Prediction } from '../src/cli/commands/predict.js';
import { formattedNumberValue } from '../src/data/number-format.js';
import { isoDateDays } from '../src/data/iso-date.js';
import { cli, tempDir } from './cli-run.js';
import { housesCase, irisCase, seed003Case, type ModelCase } from './helpers/onnx-models.js';

interface Generated {
  predict(row: readonly number[]): Prediction;
  predictBatch(rows: readonly (readonly number[])[]): Prediction[];
  featureNames: readonly string[];
}

/** Largest difference between two predictions' numbers (probabilities or values); labels must match. */
function maxDifference(actual: readonly Prediction[], expected: readonly Prediction[]): number {
  let max = 0;
  expected.forEach((e, r) => {
    const a = actual[r]!;
    if ('class' in e) {
      assert.ok('class' in a);
      assert.equal(a.class, e.class, `row ${r}`);
      assert.deepEqual(Object.keys(a.probabilities).sort(), Object.keys(e.probabilities).sort());
      for (const [name, p] of Object.entries(e.probabilities)) max = Math.max(max, Math.abs(a.probabilities[name]! - p));
    } else {
      assert.ok('values' in a);
      for (const [name, v] of Object.entries(e.values)) max = Math.max(max, Math.abs(a.values[name]! - v) / Math.max(1, Math.abs(v)));
    }
  });
  return max;
}

describe('standalone predict modules agree with backprop predict to 1e-6', () => {
  const cases: ModelCase[] = [];
  const dir = tempDir();
  before(async () => {
    cases.push(await irisCase(dir), await housesCase(dir), await seed003Case(dir));
  });

  for (const [index, label] of ['iris', 'houses (regression, original units)', 'seed 003 (784-200-10)'].entries()) {
    for (const format of ['ts', 'js'] as const) {
      test(`${label}, .${format}`, async (t) => {
        const c = cases[index]!;
        const out = join(dir, `${index}-predict.${format}`);
        const run = await cli(['export', c.modelPath, '--format', format, '-o', out]);
        assert.equal(run.code, 0, run.stderr);
        const code = readFileSync(out, 'utf8');
        assert.doesNotMatch(code, /^\s*import\s/m, 'the generated module imports nothing');
        if (format === 'js') assert.ok(statSync(join(dir, `${index}-predict.d.ts`)).size > 0, 'a .d.ts beside the .js');
        const generated = (await import(pathToFileURL(out).href)) as Generated;
        const expected = await predictCommand({ model: c.modelPath, csv: c.csv });
        const batch = generated.predictBatch(c.rows);
        assert.deepEqual(batch, c.rows.map((row) => generated.predict(row)));
        const diff = maxDifference(batch, expected);
        t.diagnostic(`${c.name} .${format}: ${code.length} bytes, max |standalone − predict| = ${diff.toExponential(2)}`);
        assert.ok(diff <= 1e-6, `max difference ${diff}`);
        if (index === 2 && format === 'ts') {
          const stated = /makes a standalone module of ([\d,]+) bytes \(\.ts\)/.exec(readFileSync(new URL('../README.md', import.meta.url), 'utf8'));
          assert.equal(Number(stated?.[1]?.replace(/,/g, '')), Buffer.byteLength(code), 'the README states the size of seed 003’s module');
        }
        assert.throws(() => generated.predict(c.rows[0]!.slice(1)), { message: `predict: expected ${c.rows[0]!.length} input values, got ${c.rows[0]!.length - 1}` });
      });
    }
  }

  test('a number written for people, an ISO date or a Date in a numeric cell is read as predict reads it; other text is refused', async () => {
    const c = cases[1]!;
    const out = join(dir, 'written-predict.js');
    assert.equal((await cli(['export', c.modelPath, '--format', 'js', '-o', out])).code, 0);
    const generated = (await import(pathToFileURL(out).href)) as Generated & { networkOutputs(row: readonly unknown[]): number[] };
    const row = [...c.rows[0]!];
    const cells = ['$1,200', '12.5%', '12,5%', '(0.65)', '($1,100.50)', '−1.5', '−1e2', '−$5', '1,234', '1 234.5', "1'234", '€3,50', '€4.743,75', '3 €', '$-5', '+$5', '$5%',
      '1,23', '12,5', 'abc', '$', '%', '1,2345', '--5', '(5', '1.234.567', '$1,20', '5$5', '1e3', ' 7 ',
      '2024-01-03', '2015-01', '2015-13', '2024-01-03T10:30:00.25Z', '2024-01-03 10:30+02:00', '1969-07-20T20:17', '2023-02-30', '2024-13-01', '2024-1-3', '03/01/2024'];
    for (const cell of cells) {
      const written = formattedNumberValue(cell.trim()) ?? isoDateDays(cell);
      const plain = Number(cell.trim());
      const expected = Number.isFinite(plain) ? plain : written;
      if (expected === undefined) {
        assert.throws(() => generated.networkOutputs([cell, ...row.slice(1)]), /is not a finite number/, cell);
        continue;
      }
      assert.deepEqual(generated.networkOutputs([cell, ...row.slice(1)]), generated.networkOutputs([expected, ...row.slice(1)]), cell);
    }
    // A Date is its ISO text, as the estimators read it; an invalid one is refused.
    assert.deepEqual(generated.networkOutputs([new Date(Date.UTC(2024, 0, 3, 6)), ...row.slice(1)]), generated.networkOutputs([Date.UTC(2024, 0, 3, 6) / 86_400_000, ...row.slice(1)]));
    assert.throws(() => generated.networkOutputs([new Date(Number.NaN), ...row.slice(1)]), /an invalid Date/);
  });

  test('the generated .ts and the .js with its .d.ts type-check under strict settings', async () => {
    const c = cases[0]!;
    for (const format of ['ts', 'js'] as const) assert.equal((await cli(['export', c.modelPath, '--format', format, '-o', join(dir, `typed.${format}`)])).code, 0);
    writeFileSync(
      join(dir, 'use.ts'),
      [
        `import { predict as fromTs, type Prediction } from './typed.ts';`,
        `import { predictBatch as fromJs, featureNames } from './typed.js';`,
        `const p: Prediction = fromTs([5.1, 3.5, 1.4, 0.2]);`,
        `const q = fromJs([[5.1, 3.5, 1.4, 0.2]]);`,
        `const label: string = 'class' in p ? p.class : '';`,
        `export const all = [label, q.length, featureNames.length];`,
      ].join('\n'),
    );
    const tsc = join(process.cwd(), 'node_modules/typescript/bin/tsc');
    const args = ['--noEmit', '--strict', '--noUncheckedIndexedAccess', '--exactOptionalPropertyTypes', '--allowImportingTsExtensions', '--target', 'es2022', '--module', 'nodenext', '--skipLibCheck', '--types', 'node', '--typeRoots', join(process.cwd(), 'node_modules/@types'), join(dir, 'use.ts')];
    const result = await promisify(execFile)(process.execPath, [tsc, ...args]).then(
      () => ({ code: 0, output: '' }),
      (error: { code: number; stdout: string }) => ({ code: error.code, output: error.stdout }),
    );
    assert.equal(result.code, 0, result.output);
  });
});
