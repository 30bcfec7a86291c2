/**
 * `predict` on files read compactly and written in batches gives, byte for byte, what the
 * all-strings reading gave (the former implementation, kept as the reference in predict-former.ts). Files with numeric
 * and categorical columns, missing and quoted cells, spaces, an unseen category, `--keep`, a
 * decimal comma, and more rows than one output batch (2048) and one predict batch (65536).
 * A bad cell or a ragged row near the end of a long file prints nothing on stdout.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { cli, errorLines, tempDir } from './cli-run.js';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DecimalMark } from '../src/data/cells.js';
import type { FormerOptions } from './predict-former.js';
import { predictCommand } from '../src/cli/commands/predict.js';

const dir = tempDir();

/** A fixed pseudo-random sequence in [0, 1). */
function sequence(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 16807) % 2147483647) / 2147483647;
}

/** Training rows: id, a colour (category), size, age, and a label of three classes or a price. */
function writeTraining(path: string, target: 'label' | 'price'): void {
  const next = sequence(11);
  const lines = [`id,colour,size,age,${target}`];
  for (let i = 0; i < 300; i++) {
    const colour = ['red', 'green', 'blue'][i % 3]!;
    const size = 50 + next() * 100;
    const age = next() * 30;
    const y = target === 'label' ? (size < 83 ? 'small' : size < 116 ? 'mid' : 'big') : (size * 9 - age * 3 + (i % 3) * 50).toFixed(2);
    lines.push([`A${i + 1}`, colour, i % 17 === 0 ? '' : size.toFixed(2), age.toFixed(1), y].join(','));
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

/**
 * Rows to predict, columns in another order than training's, the target and an id among them:
 * plain numbers most of the time, and now and then a quoted number, spaces, an empty or NA cell,
 * a quoted or unseen colour, an exponent, a far value; `decimal` ',' writes "1,5" with ';'.
 */
function predictInput(rows: number, decimal: DecimalMark = '.'): string {
  const next = sequence(5);
  const d = decimal === ',' ? ';' : ',';
  const num = (v: number, digits: number) => (decimal === ',' ? v.toFixed(digits).replace('.', ',') : v.toFixed(digits));
  const lines = [['age', 'id', 'colour', 'label', 'size'].join(d)];
  for (let i = 0; i < rows; i++) {
    const age = next() * 30;
    const size = 50 + next() * 100;
    const odd = i % 23;
    const ageCell = odd === 1 ? `"${num(age, 2)}"` : odd === 2 ? ` ${num(age, 1)} ` : odd === 3 ? '' : odd === 4 ? 'NA' : odd === 5 ? '1e1' : num(age, 3);
    const colour = odd === 6 ? '"blue"' : odd === 7 ? 'purple' : odd === 8 ? '' : ['red', 'green', 'blue'][i % 3]!;
    const sizeCell = odd === 9 ? '-0' : odd === 10 ? '100' : i === rows - 2 ? '99999' : num(size, 2);
    const id = odd === 11 ? `"B ${i}${d} q"` : `A${i}`;
    lines.push([ageCell, id, colour, 'x', sizeCell].join(d));
  }
  return lines.join('\n') + '\n';
}

/** The former predict's CSV and warnings for `text`, computed in a process started as the CLI is (the same kernels). */
function formerPredict(model: string, text: string, options: FormerOptions = {}): { csv: string; warnings: string[] } {
  const input = join(dir, 'former-input.csv');
  writeFileSync(input, text);
  const script = fileURLToPath(new URL('predict-former.ts', import.meta.url));
  const tsx = pathToFileURL(fileURLToPath(new URL('../node_modules/tsx/dist/loader.mjs', import.meta.url))).href;
  const run = spawnSync(process.execPath, ['--experimental-wasm-relaxed-simd', '--import', tsx, script, model, input, JSON.stringify(options)], { encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as { csv: string; warnings: string[] };
}

describe('predict read compactly and written in batches', () => {
  const classifier = join(dir, 'classes.json');
  const regressor = join(dir, 'price.json');

  before(async () => {
    writeTraining(join(dir, 'classes.csv'), 'label');
    writeTraining(join(dir, 'price.csv'), 'price');
    for (const [data, model, target] of [['classes.csv', classifier, 'label'], ['price.csv', regressor, 'price']] as const) {
      const run = await cli(['train', join(dir, data), '--target', target, '--ignore', 'id', '--missing', 'mean', '--epochs', '3', '--no-out', '--save', model, '--quiet']);
      assert.equal(run.code, 0, run.stderr);
    }
  });

  it('gives the former CSV and warnings, byte for byte, with --keep, for both tasks', async () => {
    const input = predictInput(3000);
    for (const model of [classifier, regressor]) {
      const run = await cli(['predict', model, '-', '--keep', 'id,age'], input);
      assert.equal(run.code, 0, run.stderr);
      const former = formerPredict(model, input, { keep: ['id', 'age'] });
      assert.equal(run.stdout, former.csv);
      assert.deepEqual(errorLines(run), former.warnings);
      assert.ok(former.warnings.some((w) => w.includes('purple')), 'the unseen category is warned about');
    }
  });

  it('gives the former CSV with a decimal comma and ";"', async () => {
    const input = predictInput(500, ',');
    const run = await cli(['predict', regressor, '-'], input);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, (formerPredict(regressor, input, { delimiter: ';', decimal: ',' })).csv);
  });

  it('gives the former CSV and JSON over more rows than one predict batch', async () => {
    const input = predictInput(70_000);
    const run = await cli(['predict', classifier, '-'], input);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, (formerPredict(classifier, input)).csv);
    const json = await cli(['predict', classifier, '-', '--json'], input);
    assert.equal(json.code, 0, json.stderr);
    const rows = JSON.parse(json.stdout) as { class: string; probabilities: Record<string, number> }[];
    assert.equal(rows.length, 70_000);
    const lines = run.stdout.split('\n');
    assert.equal(lines[69_999 + 1]!.split(',')[0], rows[69_999]!.class);
  });

  it('prints nothing on stdout when a cell or a row near the end of a long file is bad', async () => {
    const good = predictInput(60_000).split('\n');
    const badCell = good.slice();
    badCell[59_990] = badCell[59_990]!.replace(/^[^,]*/, 'abc');
    const ragged = good.slice();
    ragged[59_995] += ',7';
    for (const [lines, problem] of [[badCell, /<stdin>:59991: "abc" in column "age" is not a number/], [ragged, /59996.*expected 5 fields as in the header, found 6/]] as const) {
      const run = await cli(['predict', classifier, '-'], lines.join('\n'));
      assert.notEqual(run.code, 0);
      assert.equal(run.stdout, '');
      const errors = errorLines(run).filter((l) => !l.startsWith('<stdin>: warning'));
      assert.equal(errors.length, 1, run.stderr);
      assert.match(errors[0]!, problem);
    }
  });

  it('reads the same rows from the whole text, chunks cut anywhere, and a feeder', async () => {
    const input = predictInput(400);
    const whole = await predictCommand({ model: classifier, csv: input, onWarning: () => {} });
    const pieces: string[] = [];
    for (let at = 0; at < input.length; at += 7) pieces.push(input.slice(at, at + 7));
    assert.deepEqual(await predictCommand({ model: classifier, csv: pieces, onWarning: () => {} }), whole);
    const fed = await predictCommand({ model: classifier, csv: async (push) => pieces.forEach(push), onWarning: () => {} });
    assert.deepEqual(fed, whole);
  });

  it('says a failed read of the input before a bad model file, and the model file before bad rows', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{not json');
    const missing = await cli(['predict', broken, join(dir, 'no-such.csv')]);
    assert.match(errorLines(missing).join('\n'), /no-such\.csv: no such file/);
    const badRows = await cli(['predict', broken, '-'], 'age,size\n1,"2\n');
    assert.match(errorLines(badRows).join('\n'), /broken\.json/);
  });
});

