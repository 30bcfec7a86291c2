/**
 * The exploratory test's CLI findings on predict, inspect and evaluate: full-precision values in
 * predict's CSV, `--keep` for id columns, a did-you-mean for a header that differs in case,
 * `inspect --input` with text categories, `--no-weights` without the "not shown" note, `train -`
 * refused with a plain reason, and `evaluate` recreating the training split only for the very
 * training file (path, size and time, or the same bytes), with a note for look-alikes.
 */
import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { assertOneLineError, cli, tempDir } from './cli-run.js';

const dir = tempDir();

/** 200 rows: a category, two numbers and a price in the millions (6 digits would round it). */
function writeShop(path: string, rows = 200): void {
  let state = 7;
  const next = () => (state = (state * 16807) % 2147483647) / 2147483647;
  const lines = ['id,colour,size,age,price'];
  for (let i = 0; i < rows; i++) {
    const colour = ['red', 'green', 'blue'][i % 3]!;
    const size = 50 + next() * 100;
    const age = next() * 30;
    lines.push([`A${i + 1}`, colour, size.toFixed(2), age.toFixed(1), (1_000_000 + size * 9_000 - age * 3_000 + (i % 3) * 50_000).toFixed(2)].join(','));
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

describe('predict, inspect, evaluate on a table with a category', () => {
  const shop = join(dir, 'shop.csv');
  const model = join(dir, 'shop.json');

  before(async () => {
    writeShop(shop);
    const run = await cli(['train', shop, '--target', 'price', '--ignore', 'id', '--epochs', '5', '--no-out', '--save', model, '--quiet']);
    assert.equal(run.code, 0, run.stderr);
  });

  it('predict prints regression values in full in its CSV, as --json does', async () => {
    const input = 'colour,size,age\nred,60.5,3\nblue,140,20\n';
    const csv = await cli(['predict', model, '-'], input);
    const json = await cli(['predict', model, '-', '--json'], input);
    assert.equal(csv.code, 0, csv.stderr);
    const values = (JSON.parse(json.stdout) as { values: { price: number } }[]).map((p) => String(p.values.price));
    assert.deepEqual(csv.stdout.trim().split('\n'), ['price', ...values]);
    assert.ok(values.every((v) => v.replace(/[-.]/g, '').length > 6), `more than 6 digits: ${values.join()}`);
  });

  it('predict --keep copies input columns into the output (CSV first, JSON as kept)', async () => {
    const input = 'id,colour,size,age,price\n"A 1, x",red,60.5,3,1\nB2,blue,140,20,2\n';
    const csv = await cli(['predict', model, '-', '--keep', 'id,price'], input);
    assert.equal(csv.code, 0, csv.stderr);
    const lines = csv.stdout.trim().split('\n');
    assert.equal(lines[0], 'id,price_input,price', 'a kept name that clashes with an output column gets _input');
    assert.match(lines[1]!, /^"A 1, x",1,\d/);
    assert.match(lines[2]!, /^B2,2,\d/);
    const json = JSON.parse((await cli(['predict', model, '-', '--keep', 'id', '--json'], input)).stdout) as { kept: Record<string, string> }[];
    assert.deepEqual(json.map((p) => p.kept), [{ id: 'A 1, x' }, { id: 'B2' }]);
    assertOneLineError(await cli(['predict', model, '-', '--keep', 'ID'], input), 2, /--keep ID: <stdin> has no column "ID" .*; did you mean "id"\?$/);
    const positional = await cli(['predict', model, '-', '--keep', 'colour'], 'red,60.5,3\n');
    assert.equal(positional.stdout.trim().split('\n')[1]!.split(',')[0], 'red', 'a file without a header keeps by the model\'s column names');
  });

  it('predict: a header that differs from a model column in case gets a did-you-mean', async () => {
    assertOneLineError(await cli(['predict', model, '-'], 'Colour,size,age\nred,60.5,3\n'), 2, /has no column "colour", which the model needs \(colour, size, age\); did you mean "Colour" for "colour"\? \(column names are matched exactly: rename the header\)$/);
  });

  it('inspect --input takes a raw row with text categories and shows the prepared inputs', async () => {
    const run = await cli(['inspect', model, '--input', 'green,100,10']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /forward pass for input green, 100, 10\n {2}X = \[[^\]]*\] \(after the model's preprocessing\)\n {2}Z1 = /);
    const json = JSON.parse((await cli(['inspect', model, '--input', 'green,100,10', '--json'])).stdout) as { forward: { input: unknown[]; prepared: number[] } };
    assert.deepEqual(json.forward.input, ['green', 100, 10]);
    assert.equal(json.forward.prepared.length, 5, '3 one-hot inputs and 2 numbers');
    assertOneLineError(await cli(['inspect', model, '--input', 'green,big,10']), 2, /--input: "big" in column "size" is not a number$/);
  });

  it('inspect --no-weights does not say the weights were left out for size', async () => {
    const hidden = await cli(['inspect', model, '--no-weights']);
    assert.equal(hidden.code, 0, hidden.stderr);
    assert.doesNotMatch(hidden.stdout, /weights not shown/);
    assert.match((await cli(['inspect', model])).stdout, /weights not shown for networks of more than 100 parameters; use --weights/);
  });

  it('train - says stdin is not a data set, without a did-you-mean', async () => {
    assertOneLineError(await cli(['train', '-', '--no-out'], 'a,b\n1,2\n'), 2, /"-" \(stdin\) is not a data set here: train and evaluate read a file; save the input to a file first/);
  });

  it('evaluate recreates the test split only for the training file itself (or the same bytes)', async () => {
    const part = async (data: string, m = model) => {
      const run = await cli(['evaluate', m, data, '--json']);
      assert.equal(run.code, 0, run.stderr);
      return JSON.parse(run.stdout) as { part: string; note?: string; metrics: { samples: number } };
    };
    assert.deepEqual([(await part(shop)).part, (await part(shop)).metrics.samples], ['test', 40]);
    const copy = join(dir, 'copy.csv');
    copyFileSync(shop, copy);
    assert.equal((await part(copy)).part, 'test', 'the same bytes elsewhere are the same data');
    mkdirSync(join(dir, 'other'));
    const other = join(dir, 'other', 'shop.csv');
    writeShop(other, 150);
    const look = await part(other);
    assert.deepEqual([look.part, look.metrics.samples], ['all', 150]);
    assert.match(look.note ?? '', /is not the file .*shop\.json was trained on/);
    const human = await cli(['evaluate', model, other]);
    assert.match(human.stdout, /^shop \(all rows\): regression\nnote: .* every row is evaluated\n/);
    // An old model file (no metadata.source.file) at another path: every row, said so.
    const old = JSON.parse(readFileSync(model, 'utf8')) as { metadata: { source: Record<string, unknown> } };
    delete old.metadata.source['file'];
    const oldModel = join(dir, 'old.json');
    writeFileSync(oldModel, JSON.stringify(old));
    const fromOld = await part(other, oldModel);
    assert.equal(fromOld.part, 'all');
    assert.match(fromOld.note ?? '', /does not record which file it was trained on/);
    assert.equal((await part(shop, oldModel)).part, 'test', 'an old model file: the same path as at train time still counts');
    appendFileSync(shop, 'A999,red,70,5,1700000\n');
    const changed = await part(shop);
    assert.deepEqual([changed.part, changed.metrics.samples], ['all', 201]);
    assert.match(changed.note ?? '', /has changed since .* was trained on it/);
  });
});

describe('predict reads a file as train does', () => {
  it('a file in the latin1 of the training file is read as latin1 with a note; --encoding latin1 reads it silently; one that mixes UTF-8 is refused', async () => {
    const file = join(dir, 'boissons.csv');
    const rows = ['boisson,prix,y', 'caf\xe9,1.5,a', 'caf\xe8,2.5,b', 'th\xe9,3,a', 'caf\xe9,1.7,a', 'caf\xe8,2.2,b', 'th\xe9,3.1,a'];
    writeFileSync(file, Buffer.from(rows.join('\n') + '\n', 'latin1'));
    const model = join(dir, 'boissons.json');
    const run = await cli(['train', file, '--encoding', 'latin1', '--test-split', '0', '--epochs', '2', '--no-out', '--save', model]);
    assert.equal(run.code, 0, run.stderr);
    const ok = await cli(['predict', model, file, '--encoding', 'latin1']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout.trim().split('\n').length, 7, ok.stdout);
    assert.equal(ok.stderr, '', 'caf\xe9 and caf\xe8 are categories the model saw: no unseen-category warning');
    const fallback = await cli(['predict', model, file]);
    assert.equal(fallback.code, 0, fallback.stderr);
    assert.equal(fallback.stdout, ok.stdout);
    assert.equal(fallback.stderr, `${file}: is not UTF-8 (byte 0xE9 at byte 18): read as latin1, as the model's training file was (--encoding sets it)\n`);
    const other = join(dir, 'boissons-utf8.csv');
    writeFileSync(other, rows.join('\n') + '\n');
    const utf8 = await cli(['predict', model, other]);
    assert.equal(utf8.code, 0, utf8.stderr);
    assert.equal(utf8.stdout, ok.stdout, 'the same rows in UTF-8 are read as UTF-8');
    assert.equal(utf8.stderr, '');
    const mixed = join(dir, 'boissons-mixed.csv');
    writeFileSync(mixed, Buffer.concat([Buffer.from('boisson,prix\nth\xe9,3\n', 'utf8'), Buffer.from('caf\xe9,1.5\n', 'latin1')]));
    assertOneLineError(await cli(['predict', model, mixed]), 1, /boissons-mixed\.csv: is not UTF-8 \(byte 0xE9 at byte 23\); save it as UTF-8, or pass --encoding latin1/);
    // evaluate on another latin1 file (not the training one) reads it so too.
    const more = join(dir, 'boissons-more.csv');
    writeFileSync(more, Buffer.from([...rows, 'th\xe9,2.9,a'].join('\n') + '\n', 'latin1'));
    const evaluated = await cli(['evaluate', model, more, '--json']);
    assert.equal(evaluated.code, 0, evaluated.stderr);
    const result = JSON.parse(evaluated.stdout) as { metrics: { samples: number }; notes?: string[] };
    assert.equal(result.metrics.samples, 7);
    assert.deepEqual(result.notes, [`${more}: is not UTF-8 (byte 0xE9 at byte 18): read as latin1, as the model's training file was (--encoding sets it)`]);
  });

  it("a ';' file with '.' decimals is read with '.', as train reads it", async () => {
    const file = join(dir, 'semi.csv');
    writeFileSync(file, 'a;b;y\n1.5;2.5;0\n2.5;3.5;1\n3.5;1.5;0\n1.5;2.0;1\n');
    const model = join(dir, 'semi.json');
    const run = await cli(['train', file, '--test-split', '0', '--epochs', '2', '--no-out', '--save', model]);
    assert.equal(run.code, 0, run.stderr);
    const ok = await cli(['predict', model, file]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout.trim().split('\n').length, 5, ok.stdout);
  });
});

describe('evaluate reads the training file as train read it', () => {
  it('its --comment, --delimiter and --no-header are kept in the model and used again', async () => {
    const file = join(dir, 'commented.txt');
    const lines = ['# exported 2026-12-01', '# a|b|y'];
    for (let i = 0; i < 60; i++) lines.push(`${(i % 7) / 3}|${(i % 5) / 2}|${i % 2}`);
    writeFileSync(file, lines.join('\n') + '\n');
    const model = join(dir, 'commented.json');
    const flags = ['--comment', '#', '--delimiter', '|', '--no-header'];
    const run = await cli(['train', file, ...flags, '--epochs', '2', '--no-out', '--save', model, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const trained = JSON.parse(run.stdout) as { test: { accuracy: number } };
    const evaluated = await cli(['evaluate', model, file, '--json']);
    assert.equal(evaluated.code, 0, evaluated.stderr);
    const result = JSON.parse(evaluated.stdout) as { part: string; metrics: { accuracy: number; samples: number } };
    assert.equal(result.part, 'test');
    assert.equal(result.metrics.samples, 12, 'the test rows of the same split: 20 % of 60');
    assert.equal(result.metrics.accuracy, trained.test.accuracy);
  });
});

describe("predict tells a header from data with train's missing markers", () => {
  it("a headerless file whose first row has the model's '?' marker is all data", async () => {
    const file = join(dir, 'marked.csv');
    const lines = ['a,b,y'];
    for (let i = 0; i < 40; i++) lines.push(`${i % 5 === 0 ? '?' : (i % 7) / 2},${(i % 3) / 2},${i % 2}`);
    writeFileSync(file, lines.join('\n') + '\n');
    const model = join(dir, 'marked.json');
    const run = await cli(['train', file, '--na-values', '?', '--missing', 'mean', '--epochs', '2', '--no-out', '--save', model]);
    assert.equal(run.code, 0, run.stderr);
    const rows = join(dir, 'marked-rows.csv');
    writeFileSync(rows, '?,0.5\n1.5,1\n2,0\n');
    const out = await cli(['predict', model, rows]);
    assert.equal(out.code, 0, out.stderr);
    assert.equal(out.stdout.trim().split('\n').length, 4, `a header line and 3 predictions: ${out.stdout}`);
    assert.doesNotMatch(out.stderr, /header/);
  });
});

describe('the engine', () => {
  it('train --json names the engine, and the CLI runs the relaxed-SIMD build without the shebang flag (Node 20)', () => {
    // As `node dist/cli/main.js` runs (Windows' npm shims): no --experimental-wasm-relaxed-simd on the command line; main.ts sets it.
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'train', 'xor', '--epochs', '1', '--no-out', '--json'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const { engine } = JSON.parse(run.stdout) as { engine: { backend: string; threads: number; relaxedSimd?: boolean } };
    assert.equal(engine.backend, 'wasm');
    assert.ok(engine.threads >= 1);
    if (process.versions.node.startsWith('20.')) assert.equal(engine.relaxedSimd, true);
  });
});

describe('evaluate names a column that differs only in case', () => {
  it('says which header name it probably is', async () => {
    const file = join(dir, 'cased.csv');
    const lines = ['size,colour,y'];
    for (let i = 0; i < 40; i++) lines.push(`${(i % 9) / 2},${['red', 'blue'][i % 2]},${i % 2}`);
    writeFileSync(file, lines.join('\n') + '\n');
    const model = join(dir, 'cased.json');
    const run = await cli(['train', file, '--epochs', '1', '--no-out', '--save', model]);
    assert.equal(run.code, 0, run.stderr);
    const other = join(dir, 'cased-other.csv');
    writeFileSync(other, lines.map((l, i) => (i === 0 ? 'Size,colour,y' : l)).join('\n') + '\n');
    assertOneLineError(await cli(['evaluate', model, other]), 2, /cased-other\.csv has no column "size", which the model needs \(size, colour\); did you mean "Size" for "size"\?/);
  });
});

describe('evaluate reads another file with the flags given', () => {
  it('--encoding latin1 for a file that is not the training one', async () => {
    const rows = ['boisson,prix,y', 'caf\xe9,1.5,a', 'caf\xe8,2.5,b', 'th\xe9,3,a', 'caf\xe9,1.7,a', 'caf\xe8,2.2,b', 'th\xe9,3.1,a'];
    const train = join(dir, 'drinks-utf8.csv');
    writeFileSync(train, rows.join('\n') + '\n');
    const model = join(dir, 'drinks.json');
    const run = await cli(['train', train, '--test-split', '0', '--epochs', '2', '--no-out', '--save', model]);
    assert.equal(run.code, 0, run.stderr);
    const other = join(dir, 'drinks-latin1.csv');
    writeFileSync(other, Buffer.from(rows.join('\n') + '\n', 'latin1'));
    assertOneLineError(await cli(['evaluate', model, other]), 1, /drinks-latin1\.csv: is not UTF-8 \(byte 0xE9 at byte 18\); save it as UTF-8, or pass --encoding latin1/);
    const ok = await cli(['evaluate', model, other, '--encoding', 'latin1', '--json']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal((JSON.parse(ok.stdout) as { metrics: { samples: number } }).metrics.samples, 6);
  });
});

describe("a model trained with --thousands '.' loads again", () => {
  it('predict reads it (metadata.source.thousands "." was refused as invalid)', async () => {
    const file = join(dir, 'grouped.csv');
    const lines = ['a;b;y'];
    for (let i = 0; i < 40; i++) lines.push(`${1 + (i % 7)}.${100 + (i % 900)},5;${i % 3};${i % 2}`);
    writeFileSync(file, lines.join('\n') + '\n');
    const model = join(dir, 'grouped.json');
    const run = await cli(['train', file, '--thousands', '.', '--epochs', '1', '--no-out', '--save', model]);
    assert.equal(run.code, 0, run.stderr);
    const out = await cli(['predict', model, file]);
    assert.equal(out.code, 0, out.stderr);
    assert.equal(out.stdout.trim().split('\n').length, 41);
  });
});
