/**
 * A person's own CSV through the real CLI: an ID column, two categorical columns and 5 %
 * missing cells; the task decision; predict on raw rows (columns in another order, an unseen
 * category, a missing cell) agreeing with in-process prediction; and every refusal as one line.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { prepareRawRows } from '../src/data/raw-rows.js';
import { readModelFile } from '../src/cli/model-file.js';
import { classLabels } from '../src/metrics.js';
import { assertOneLineError, cli, tempDir } from './cli-run.js';

/** 300 rows: ID, colour and city (categories), two numbers; label 0/1/2 from colour, x and city; 5 % of feature cells missing. */
function writeShopCsv(dir: string): string {
  let state = 7;
  const next = () => (state = (state * 16807) % 2147483647) / 2147483647;
  const colours = ['red', 'green', 'blue'];
  const cities = ['Oslo', 'Lima', 'Pune', 'Kyiv'];
  const lines = ['ID,colour,x,city,weight,label'];
  let missing = 0;
  for (let i = 0; i < 300; i++) {
    const colour = Math.floor(next() * 3);
    const city = Math.floor(next() * 4);
    const x = next() * 4 - 2;
    const weight = 50 + next() * 30;
    const label = x > 0.8 ? 2 : colour === 0 || city === 3 ? 1 : 0;
    const cells = [`A${1000 + i}`, colours[colour]!, x.toFixed(3), cities[city]!, weight.toFixed(1), String(label)];
    for (let c = 1; c <= 4; c++) {
      if (next() < 0.05) {
        cells[c] = ['', 'NA', 'None'][missing % 3]!;
        missing++;
      }
    }
    lines.push(cells.join(','));
  }
  const path = join(dir, 'shop.csv');
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

describe('your own CSV', { concurrency: 4 }, () => {
  const dir = tempDir();
  const shop = writeShopCsv(dir);
  const model = join(dir, 'shop.json');
  let trained: Record<string, unknown> = {};
  let trainStderr = '';

  before(async () => {
    const run = await cli(['train', shop, '--ignore', 'ID', '--missing', 'mean', '--epochs', '40', '--save', model, '--no-out', '--json', '--quiet']);
    assert.equal(run.code, 0, run.stderr);
    trained = JSON.parse(run.stdout) as Record<string, unknown>;
    trainStderr = run.stderr;
  });

  it('trains as classification with the reason printed first and in --json; categories one-hot encoded', () => {
    assert.equal(trained['task'], 'classification');
    assert.equal(trained['taskReason'], 'target "label" holds 3 integer values: 0, 1, 2; --task regression treats it as a number');
    const lines = trainStderr.split('\n');
    assert.equal(lines[0], 'task: classification (target "label" holds 3 integer values: 0, 1, 2; --task regression treats it as a number)');
    assert.equal(lines[1], 'inputs: 9 from 4 columns: colour (3 categories), x, city (4 categories), weight; missing cells: mean');
    assert.deepEqual((trained['layers'] as number[])[0], 9);
    assert.ok((trained['test'] as { accuracy: number }).accuracy > 0.8, `test accuracy ${JSON.stringify(trained['test'])}`);
  });

  it('predict: raw rows in another column order with an extra column, an unseen category and a missing cell; same classes as in-process', async () => {
    const rows = 'weight,city,label,colour,x,note\n61.5,Oslo,,green,-1.2,a\n70,Rome,,red,0.1,b\n55,Lima,,blue,,c\n58,Kyiv,,NA,1.5,d\n';
    const run = await cli(['predict', model, '-', '--json'], rows);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '<stdin>: warning: column "city" has category "Rome" that training did not see; encoded as all zeros\n');
    const predicted = (JSON.parse(run.stdout) as { class: string }[]).map((p) => p.class);
    const file = await readModelFile(model);
    const records = [
      { weight: 61.5, city: 'Oslo', colour: 'green', x: -1.2 },
      { weight: 70, city: 'Rome', colour: 'red', x: 0.1 },
      { weight: 55, city: 'Lima', colour: 'blue', x: null },
      { weight: 58, city: 'Kyiv', colour: null, x: 1.5 },
    ];
    const x = prepareRawRows(file.preprocessing, records, { warn: () => undefined, dtype: file.model.dtype });
    const inProcess = Array.from(classLabels(file.model.predict(x)), (label) => file.preprocessing.classNames[label]);
    assert.deepEqual(predicted, inProcess);
    assert.ok(predicted.every((c) => ['0', '1', '2'].includes(c)), `class names keep the codes: ${predicted.join()}`);
    assert.equal(predicted[3], '2');
  });

  it('evaluate reads the same columns by name and recreates the test part', async () => {
    const run = await cli(['evaluate', model, shop, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout) as { metrics: { accuracy: number; samples: number } };
    assert.equal(result.metrics.accuracy, (trained['test'] as { accuracy: number }).accuracy);
    assert.equal(result.metrics.samples, 60);
  });

  it('an integer target with hundreds of distinct values stays regression', async () => {
    const lines = ['a,b,count'];
    for (let i = 0; i < 400; i++) lines.push(`${i % 17},${(i * 7) % 13},${(i * 37) % 389}`);
    const path = join(dir, 'counts.csv');
    writeFileSync(path, lines.join('\n') + '\n');
    const run = await cli(['train', path, '--epochs', '2', '--no-out', '--json', '--quiet']);
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout) as { task: string; taskReason: string };
    assert.equal(result.task, 'regression');
    assert.match(result.taskReason, /^target "count" holds more than 20 distinct whole numbers \(389 integer values: 0, 1, 2, 3, 4, \.\.\.\); --task classification treats each value as a class$/);
  });

  it('a semicolon file with decimal commas trains without flags; --task regression overrides the rule', async () => {
    const run = await cli(['train', 'test/fixtures/customers.csv', '--ignore', 'customer_id', '--na-values', '?', '--missing', 'median', '--epochs', '2', '--no-out', '--json', '--quiet', '--task', 'regression']);
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout) as { task: string; taskReason: string; layers: number[] };
    assert.equal(result.task, 'regression');
    assert.equal(result.taskReason, 'as asked; target "churned" holds 2 integer values: 0, 1');
    assert.equal(result.layers[0], 10);
  });

  it('refused data, exit 1: an identifier column, missing cells without --missing, a text target as regression, a non-finite number', async () => {
    assertOneLineError(await cli(['train', shop, '--no-out', '--missing', 'mean']), 1, /shop\.csv: column "ID" looks like an identifier \(300 distinct values in 300 rows\): --ignore ID, or --categorical ID to encode it anyway$/);
    assertOneLineError(await cli(['train', shop, '--no-out', '--ignore', 'ID']), 1, /shop\.csv:\d+:\d+: missing cell in column "\w+" \(missing cells per column: colour \d+, x \d+, city \d+, weight \d+\); choose --missing drop, mean, median or most-frequent$/);
    const labels = join(dir, 'labels.csv');
    writeFileSync(labels, 'a,kind\n1,cat\n2,dog\n');
    assertOneLineError(await cli(['train', labels, '--no-out', '--task', 'regression']), 1, /labels\.csv:2:2: target "cat" is not a number$/);
    const infinite = join(dir, 'inf.csv');
    writeFileSync(infinite, 'a,b,y\n1,2,0.5\n3,Infinity,1.5\n');
    assertOneLineError(await cli(['train', infinite, '--no-out']), 1, /inf\.csv:3:2: "Infinity" in column "b" is not a finite number$/);
  });

  it('refused data, exit 1: beyond float32, duplicate column names, a column mixing numbers and text; an ambiguous delimiter is said in one line', async () => {
    const big = join(dir, 'big.csv');
    writeFileSync(big, 'a,b,y\n1,2,0.5\n3,5e38,1.5\n');
    assertOneLineError(await cli(['train', big, '--no-out']), 1, /big\.csv:3:2: "5e38" in column "b" is beyond the float32 range \(±3\.4e38\): the network computes in float32, so scale the column down first \(divide it, or take its log\)/);
    const twice = join(dir, 'twice.csv');
    writeFileSync(twice, 'a,b,a,y\n1,2,3,0.5\n');
    assertOneLineError(await cli(['train', twice, '--no-out']), 1, /twice\.csv:1:3: column name "a" appears twice \(columns 1 and 3\)$/);
    const mixed = join(dir, 'mixed.csv');
    writeFileSync(mixed, 'a,b,y\n1,2,0.5\n3,4,1.5\n5,six,2.5\n');
    assertOneLineError(await cli(['train', mixed, '--no-out']), 1, /mixed\.csv:4:2: "six" in column "b" is not a number, but the column holds 2 numbers and 1 text cell; fix the cell, or treat the column as categories \(--categorical b\)$/);
    const ambiguous = join(dir, 'ambiguous.csv');
    writeFileSync(ambiguous, 'a;b,c,y\n' + Array.from({ length: 30 }, (_, i) => `${i};${i % 3},${i % 5},${(i * 0.37).toFixed(2)}`).join('\n') + '\n');
    const run = await cli(['train', ambiguous, '--ignore', 'a;b', '--no-out', '--epochs', '1', '--quiet', '--json']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr.split('\n')[0], `${ambiguous}: the delimiter is ambiguous: "," and ";" each split the first 20 lines evenly; reading "," (3 fields; --delimiter chooses)`);
  });

  it('softmax on a regression task is refused (exit 2)', async () => {
    assertOneLineError(await cli(['train', 'test/fixtures/customers.csv', '--ignore', 'customer_id', '--na-values', '?', '--missing', 'mean', '--task', 'regression', '--no-out', '--output-activation', 'softmax', '--loss', 'mse']), 2, /cannot train softmax outputs with mse on a regression task: softmax outputs sum to 1/);
  });

  it('refused flags, exit 2: unknown columns (did-you-mean), bad policies, CSV flags on a built-in', async () => {
    assertOneLineError(await cli(['train', shop, '--no-out', '--ignore', 'id']), 2, /shop\.csv:1: ignore: no column named "id"\. Did you mean "ID"\?/);
    assertOneLineError(await cli(['train', shop, '--no-out', '--features', 'colour,wieght']), 2, /features: no column named "wieght"\. Did you mean "weight"\?/);
    assertOneLineError(await cli(['train', shop, '--no-out', '--missing', 'avg']), 2, /unknown missing-cell policy "avg"\. .*Choose one of: error, drop, mean, median, most-frequent/);
    assertOneLineError(await cli(['train', shop, '--no-out', '--task', 'clasification']), 2, /unknown task "clasification"\. Did you mean "classification"\?/);
    assertOneLineError(await cli(['train', shop, '--no-out', '--delimiter', '::']), 2, /--delimiter must be one character/);
    assertOneLineError(await cli(['train', shop, '--no-out', '--decimal', ';']), 2, /--decimal must be "\." or ","/);
    assertOneLineError(await cli(['train', 'iris', '--no-out', '--ignore', 'sepal_length']), 2, /--ignore applies to CSV files; iris is not one$/);
    assertOneLineError(await cli(['train', 'iris', '--no-out', '--task', 'regression']), 2, /iris is a classification data set; --task regression applies to CSV files$/);
  });

  it('refused at predict time: a column the model needs is absent (exit 2); an unseen category under --unknown-category error (exit 1)', async () => {
    assertOneLineError(await cli(['predict', model, '-'], 'colour,x,weight\nred,1,60\n'), 2, /<stdin> has no column "city", which the model needs \(colour, x, city, weight\)$/);
    const partial = join(dir, 'partial.csv');
    writeFileSync(partial, 'colour,x,weight,label\nred,1,60,0\n');
    assertOneLineError(await cli(['evaluate', model, partial]), 2, /partial\.csv has no column "city", which the model needs \(colour, x, city, weight\)$/);
    const strict = join(dir, 'strict.json');
    const run = await cli(['train', shop, '--ignore', 'ID', '--missing', 'most-frequent', '--unknown-category', 'error', '--epochs', '1', '--save', strict, '--no-out', '--quiet']);
    assert.equal(run.code, 0, run.stderr);
    assertOneLineError(await cli(['predict', strict, '-'], 'colour,x,city,weight\nred,1,Oslo,60\npink,1,Oslo,60\n'), 1, /<stdin>:3: column "colour" has category "pink", which training did not see \(known: blue, green, red\)$/);
  });

  it('impossible output set-ups are refused before training (exit 2)', async () => {
    const xor = await cli(['train', 'xor', '--no-out', '--output-activation', 'softmax', '--loss', 'crossEntropy']);
    assertOneLineError(xor, 2, /cannot train softmax outputs with crossEntropy on a classification task: softmax on one output unit always outputs 1/);
    assertOneLineError(await cli(['train', shop, '--ignore', 'ID', '--missing', 'mean', '--no-out', '--output-activation', 'sigmoid', '--loss', 'crossEntropy']), 2, /crossEntropy needs a softmax output, not sigmoid/);
    assertOneLineError(await cli(['train', 'test/fixtures/customers.csv', '--ignore', 'customer_id', '--na-values', '?', '--missing', 'mean', '--task', 'regression', '--no-out', '--loss', 'binaryCrossEntropy', '--output-activation', 'sigmoid']), 2, /binaryCrossEntropy is a classification loss, and this is a regression task/);
    assertOneLineError(await cli(['train', 'iris', '--no-out', '--output-activation', 'sigmoid', '--loss', 'bce', '--one-hot', '-1,1']), 2, /binaryCrossEntropy needs targets in \[0, 1\], and --one-hot gives -1,1/);
  });

  it('one text column: the inputs line says "1 column"', async () => {
    const path = join(tempDir(), 'reviews.tsv');
    writeFileSync(path, 'review\tscore\n"great, loved it"\t5\n"bad, bad"\t1\nok\t3\n"fine, fine"\t5\n');
    const run = await cli(['train', path, '--epochs', '1', '--no-out']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout + run.stderr, /^inputs: 4 from 1 column: review \(4 categories\)$/m);
  });

  it('download: an unknown name gets a did-you-mean; an unreachable mirror is one line', async () => {
    assertOneLineError(await cli(['download', 'fashion']), 2, /unknown downloadable data set "fashion"\. Did you mean "fashion-mnist"\?/);
    assertOneLineError(await cli(['download', 'mnist', '--cache-dir', dir, '--base-url', 'http://127.0.0.1:9/']), 1, /127\.0\.0\.1/);
    const server = createServer((_req, res) => res.end('not the real file'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      assertOneLineError(await cli(['download', 'california-housing', '--cache-dir', dir, '--base-url', base]), 1, /SHA-256 \w+.* is not the expected/);
    } finally {
      server.close();
    }
  });
});
