/**
 * --skip-rows N (CsvOptions.skipRows), as pandas' read_csv(skiprows=N): the first N physical
 * lines go before the delimiter and header are read, messages keep the file's line numbers, train
 * stores it for evaluate, and a junk line above the header (scikit-learn's boston_house_prices.csv) gets a hint.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createCsvParser, parseCsv } from '../src/data/csv.js';
import { sampleCount } from '../src/data/dataset.js';
import { DataFormatError, UsageError } from '../src/index.js';
import { sourceFromMetadata } from '../src/cli/model-checks.js';
import { assertOneLineError, cli, tempDir } from './cli-run.js';

/** A boston-like file: a count line ("40,3,,,"), the header on line 2, then 40 numeric rows. */
function bostonLike(rows = 40): string {
  const lines = [`${rows},3,,`, 'crim,rm,age,medv'];
  for (let i = 0; i < rows; i++) {
    const rm = 4 + (i % 7) * 0.5;
    const age = (i * 13) % 90;
    lines.push([((i * 7) % 11) / 10, rm, age, (10 + 5 * rm - 0.1 * age).toFixed(2)].join(','));
  }
  return lines.join('\n') + '\n';
}

describe('CSV skipRows (library)', () => {
  it('skips physical lines ending in \\n, \\r\\n or a lone \\r, chunks split anywhere', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = bostonLike().replace(/\n/g, eol);
      const whole = parseCsv(text, { skipRows: 1 });
      assert.deepEqual(whole.featureNames, ['crim', 'rm', 'age'], JSON.stringify(eol));
      const parser = createCsvParser({ skipRows: 1 });
      for (const ch of text) parser.push(ch);
      assert.equal(sampleCount(parser.end()), 40);
    }
  });

  it('keeps the real line numbers in later messages', () => {
    const text = bostonLike().replace(/\n/g, '\r\n').split('\r\n');
    text[12] = '0.1,oops,5,30';
    assert.throws(() => parseCsv(text.join('\r\n'), { skipRows: 1, file: 'b.csv' }), (error: unknown) => error instanceof DataFormatError && /^b\.csv:13:2: "oops"/.test(error.message));
    // An error on the header itself names line N+1.
    assert.throws(() => parseCsv('junk\nx,x\n1,2\n', { skipRows: 1, header: true, file: 'd.csv' }), /: d\.csv:2:\d+: column name "x" appears twice/);
  });

  it('refuses a skipRows that is not a whole number from 0 up, naming it', () => {
    for (const bad of [-1, 1.5, Number.NaN]) assert.throws(() => parseCsv('a,b\n1,2\n', { skipRows: bad }), (error: unknown) => error instanceof UsageError && /^skipRows /.test(error.message));
    assert.equal(sourceFromMetadata({ skipRows: 2 }, 'm.json').skipRows, 2);
    for (const bad of [-1, 1.5, '1']) assert.throws(() => sourceFromMetadata({ skipRows: bad }, 'm.json'), /metadata\.source\.skipRows/);
    assert.throws(() => parseCsv('a,b\n1,2\n', { skipRows: 5 }), /no data rows after the 5 skipped lines \(--skip-rows\)/);
  });

  it('hints --skip-rows 1 on a junk first line, shorter or mostly empty', () => {
    assert.throws(() => parseCsv(bostonLike(), { file: 'b.csv' }), /: b\.csv:1:4: .*; if the table starts on line 2, pass --skip-rows 1$/);
    const short = bostonLike().replace('40,3,,', '40,3');
    assert.throws(() => parseCsv(short, { file: 'b.csv' }), /: b\.csv:2:3: expected 2 fields as in the first row, found 4; if the table starts on line 2, pass --skip-rows 1$/);
    // A one-cell title over a two-column table fails as one column, and gets the hint too.
    const titled = 'Sales report\na,y\n' + Array.from({ length: 30 }, (_, i) => `${i % 7}.5,${i % 2}`).join('\n');
    assert.throws(() => parseCsv(titled, { file: 't.csv' }), /t\.csv:1: the only column is "Sales report", .*; if the table starts on line 2, pass --skip-rows 1$/);
    assert.deepEqual(parseCsv(titled, { skipRows: 1 }).featureNames, ['a']);
  });
});

describe('--skip-rows (CLI)', () => {
  const dir = tempDir();
  const file = join(dir, 'boston.csv');
  writeFileSync(file, bostonLike());
  const model = join(dir, 'model.json');

  it('trains on a boston-like file, stores the flag, and evaluate reads the same file without it', async () => {
    const run = await cli(['train', file, '--skip-rows', '1', '--epochs', '3', '--save', model, '--no-out', '--json', '--quiet']);
    assert.equal(run.code, 0, run.stderr);
    const saved = JSON.parse(readFileSync(model, 'utf8')) as { metadata: { source: { skipRows?: number } } };
    assert.equal(saved.metadata.source.skipRows, 1);
    const evaluated = await cli(['evaluate', model, file, '--json']);
    assert.equal(evaluated.code, 0, evaluated.stderr);
    assert.equal((JSON.parse(evaluated.stdout) as { task: string }).task, 'regression');
    const inspected = await cli(['inspect', model, '--json']);
    assert.equal((JSON.parse(inspected.stdout) as { metadata: { source: { skipRows?: number } } }).metadata.source.skipRows, 1);
  });

  it('predict takes --skip-rows too', async () => {
    const run = await cli(['predict', model, '-', '--skip-rows', '2', '--json'], 'title line\r\nanother\ncrim,rm,age\n0.1,5,20\n');
    assert.equal(run.code, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as unknown[]).length, 1);
  });

  it('reports the file\'s line numbers for a bad cell after the skipped lines', async () => {
    const bad = join(dir, 'bad.csv');
    const lines = bostonLike().split('\n');
    lines[20] = '0.3,6,lots,40';
    writeFileSync(bad, lines.join('\n'));
    assertOneLineError(await cli(['train', bad, '--skip-rows', '1', '--no-out', '--quiet']), 1, /bad\.csv:21:3: "lots" in column "age"/);
  });

  it('hints --skip-rows 1 without the flag', async () => {
    assertOneLineError(await cli(['train', file, '--no-out', '--quiet']), 1, /boston\.csv:1:4: .*; if the table starts on line 2, pass --skip-rows 1$/);
  });

  it('refuses -1, 1.5 and abc with exit 2', async () => {
    for (const bad of ['-1', '1.5', 'abc']) {
      assertOneLineError(await cli(['train', file, `--skip-rows=${bad}`, '--no-out', '--quiet']), 2, /--skip-rows \(lines skipped before the header\) must be a whole number from 0 to 1000000000/);
    }
    assertOneLineError(await cli(['evaluate', model, file, '--skip-rows', 'abc']), 2, /--skip-rows/);
    assertOneLineError(await cli(['train', 'iris', '--skip-rows', '1', '--no-out']), 2, /--skip-rows applies to CSV files; iris is not one/);
  });
});
