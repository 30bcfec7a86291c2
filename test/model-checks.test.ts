/**
 * Model files checked at load: class names against the output layer, preprocessing widths and
 * scales, source fields, nesting depth, a UTF-8 BOM, non-finite weights, huge layers; and
 * predictions that are not finite are refused instead of printed as null.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { ModelFormatError, ResourceLimitError } from '../src/index.js';
import { readModelFile } from '../src/cli/model-file.js';
import { encodeFloat32 } from '../src/io/base64.js';
import { tempDir } from './cli-run.js';
import { runInProcess } from './helpers/cli-in-process.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('model files checked at load', () => {
  const dir = tempDir();
  const good = join(dir, 'iris.json');
  const houses = join(dir, 'houses.json');
  let base: Json;
  let housesBase: Json;
  const write = (name: string, json: unknown): string => {
    const path = join(dir, name);
    writeFileSync(path, typeof json === 'string' ? json : JSON.stringify(json));
    return path;
  };
  const variant = (name: string, change: (j: Json) => void, from: () => Json = () => base): string => {
    const copy = structuredClone(from());
    change(copy);
    return write(name, copy);
  };
  const refused = async (path: string, field: RegExp) => {
    await assert.rejects(readModelFile(path), (error: unknown) => {
      assert.ok(error instanceof ModelFormatError, String(error));
      assert.ok(error.message.includes(path), error.message);
      assert.match(error.message, field);
      return true;
    });
  };

  before(async () => {
    const run = await runInProcess(['train', 'iris', '--epochs', '1', '--no-out', '--quiet', '--save', good]);
    assert.equal(run.code, 0, run.stderr);
    base = JSON.parse(readFileSync(good, 'utf8')) as Json;
    const csv = ['a,b,y', ...Array.from({ length: 40 }, (_, i) => `${i},${(i * 7) % 5},${i * 2 + 1}`)].join('\n');
    writeFileSync(join(dir, 'h.csv'), csv);
    const reg = await runInProcess(['train', join(dir, 'h.csv'), '--epochs', '1', '--no-out', '--quiet', '--targets', 'standardize', '--save', houses]);
    assert.equal(reg.code, 0, reg.stderr);
    housesBase = JSON.parse(readFileSync(houses, 'utf8')) as Json;
  });

  it('a good file loads, also with a UTF-8 BOM', async () => {
    await readModelFile(good);
    await readModelFile(write('bom.json', '\uFEFF' + readFileSync(good, 'utf8')));
  });

  it('class names that do not match the output layer', async () => {
    await refused(variant('classes.json', (j) => j.metadata.preprocessing.classNames.pop()), /metadata\.preprocessing\.classNames names 2 classes but the output layer has 3 units/);
  });

  it('preprocessing widths and scales', async () => {
    await refused(variant('features.json', (j) => j.metadata.preprocessing.featureNames.push('extra')), /metadata\.preprocessing\.featureNames names 5 features but layers\[0\] takes 4 inputs/);
    await refused(variant('mean.json', (j) => (j.metadata.preprocessing.inputs[0].mean.pop(), j.metadata.preprocessing.inputs[0].std.pop())), /metadata\.preprocessing\.inputs\[0\]\.mean has 3 columns but layers\[0\] takes 4/);
    await refused(variant('std.json', (j) => (j.metadata.preprocessing.targets[0].std[0] = 1e-310), () => housesBase), /metadata\.preprocessing\.targets\[0\]\.std\[0\] is 1e-310, too small to divide by/);
    await refused(variant('targets.json', (j) => j.metadata.preprocessing.targetNames.push('z'), () => housesBase), /metadata\.preprocessing\.targetNames names 2 targets but the output layer has 1 unit/);
  });

  it('source fields of the wrong type are named', async () => {
    await refused(variant('source.json', (j) => (j.metadata.source.dataset = 42)), /metadata\.source\.dataset must be a string .*got number 42/);
    await refused(variant('split.json', (j) => (j.metadata.source.split = { kind: 'seeded', seed: 1, testFraction: 7 })), /metadata\.source\.split\.testFraction must be a number between 0 and 1, got 7/);
    await refused(variant('seed.json', (j) => (j.metadata.source.split = { kind: 'seeded', seed: 1.5, testFraction: 0.2 })), /metadata\.source\.split\.seed must be a whole number, got 1\.5/);
  });

  it('deep nesting is refused before parsing, and inspect survives it', async () => {
    const deep = readFileSync(good, 'utf8').replace(/"metadata":\s*\{/, `"metadata":{"deep":${'['.repeat(100000)}${']'.repeat(100000)},`);
    const path = write('deep.json', deep);
    await refused(path, /\(text\) nests more than 64 arrays\/objects deep/);
    const inspect = await runInProcess(['inspect', path]);
    assert.equal(inspect.code, 1);
    assert.match(inspect.stderr, /^backprop: invalid model file .*deep\.json: \(text\) nests more than 64/);
  });

  it('non-finite weights, and a layer claiming 1e9 units', async () => {
    await refused(variant('nan.json', (j) => (j.layers[0].weights = encodeFloat32(new Float32Array(j.layers[0].inputSize * j.layers[0].units).fill(NaN)))), /layers\[0\]\.weights contains NaN or infinite values/);
    const huge = variant('huge.json', (j) => {
      j.layers[0].units = 1e9;
      j.layers[1].inputSize = 1e9;
    });
    await assert.rejects(readModelFile(huge), (error: unknown) => error instanceof ResourceLimitError && /huge\.json: a 4-1000000000-3 network .* needs \d+\.\d GB, more than the memory limit/.test(error.message));
  });

  it('predictions that are not finite are refused, not printed as null', async () => {
    const big = variant('big.json', (j) => (j.layers[0].weights = encodeFloat32(new Float32Array(j.layers[0].inputSize * j.layers[0].units).fill(3e38))));
    const input = write('rows.csv', '5.1,3.5,1.4,0.2\n');
    const outcome = await runInProcess(['predict', big, input, '--json']);
    assert.equal(outcome.code, 1, outcome.stdout);
    assert.equal(outcome.stdout, '');
    assert.match(outcome.stderr, /rows\.csv: the model's output for data row 1 is NaN \(not a finite number\)/);
    const huge = await runInProcess(['predict', good, write('huge-row.csv', '1e300,3.5,1.4,0.2\n')]);
    assert.equal(huge.code, 1);
    // A raw cell beyond float32 is named before the network runs (it used to surface as this NaN output).
    assert.match(huge.stderr, /huge-row\.csv:1: "1e300" in column "sepal_length" is too large for the model, whose inputs are float32/);
  });

  // A repeated header name is bad content of the data file (a DataFormatError, exit 1, as `train` says it),
  // not a mistake in the command line (it was a UsageError, exit 2, before).
  it('a predict header that repeats a column is refused as bad data, naming the column', async () => {
    const names = base.metadata.preprocessing.featureNames as string[];
    const outcome = await runInProcess(['predict', good, write('dup.csv', `${names[0]},${names[0]},${names[2]},${names[3]}\n1,2,3,4\n`)]);
    assert.equal(outcome.code, 1, outcome.stderr);
    assert.equal(outcome.stdout, '');
    assert.match(outcome.stderr, new RegExp(`dup\\.csv:1:2: column name "${names[0]}" appears twice \\(columns 1 and 2\\)`));
    // A repeated name the model does not use is refused too; a ragged row names its line and column.
    const extra = await runInProcess(['predict', good, write('dup-extra.csv', `${names.join(',')},note,note\n1,2,3,4,a,b\n`)]);
    assert.equal(extra.code, 1, extra.stderr);
    assert.match(extra.stderr, /dup-extra\.csv:1:6: column name "note" appears twice/);
    const ragged = await runInProcess(['predict', good, write('ragged.csv', `${names.join(',')}\n1,2,3,4\n1,2,3\n`)]);
    assert.equal(ragged.code, 1, ragged.stderr);
    assert.match(ragged.stderr, /ragged\.csv:3:4: expected 4 fields as in the header, found 3; write every field, empty ones too \(1,,0\), or delete that line$/m);
    const long = await runInProcess(['predict', good, write('long.csv', `${names.join(',')}\n1,2,3,4\n1,2,3,4,5\n`)]);
    assert.equal(long.code, 1, long.stderr);
    assert.match(long.stderr, /long\.csv:3:5: expected 4 fields as in the header, found 5; a cell holding "," must be in quotes \("a, b"\): fix or delete that line$/m);
  });
});

describe('a column of tiny values (std about 1e-33) trains, saves and predicts', () => {
  it('the CLI and the library both load what train saved; a subnormal std is refused by both', async () => {
    const dir = tempDir();
    const csv = join(dir, 'tiny.csv');
    const rows = Array.from({ length: 60 }, (_, i) => `${(i % 10) * 1e-33},${i % 3},${i % 2}`);
    writeFileSync(csv, `tiny,b,y\n${rows.join('\n')}\n`);
    const model = join(dir, 'tiny.json');
    const trained = await runInProcess(['train', csv, '--epochs', '2', '--no-out', '--quiet', '--save', model]);
    assert.equal(trained.code, 0, trained.stderr);
    const predicted = await runInProcess(['predict', model, csv]);
    assert.equal(predicted.code, 0, predicted.stderr);
    assert.equal(predicted.stdout.trim().split('\n').length, 61);
    const { loadModelFromJSON } = await import('../src/index.js');
    const text = readFileSync(model, 'utf8');
    assert.equal((loadModelFromJSON(text).predict([[5e-33, 1]]) as unknown[]).length, 1);
    const json = JSON.parse(text) as Json;
    json.metadata.preprocessing.inputs[0].std[0] = 1e-39;
    const subnormal = join(dir, 'subnormal.json');
    writeFileSync(subnormal, JSON.stringify(json));
    await assert.rejects(readModelFile(subnormal), /inputs\[0\]\.std\[0\] is 1e-39, too small to divide by in float32/);
    assert.throws(() => loadModelFromJSON(JSON.stringify(json)), /inputs\[0\]\.std\[0\] is 1e-39, too small to divide by in float32/);
  });
});
