/** `backprop export` and `backprop import` mistakes: one line on stderr each, exit 2 for usage, 1 for files. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { saveModel } from '../src/io/model-file.js';
import { Mlp } from '../src/nn/mlp.js';
import { cli, errorLines, tempDir } from './cli-run.js';

test('export and import refuse bad input with one line', async () => {
  const dir = tempDir();
  const modelPath = join(dir, 'm.json');
  const model = Mlp.create({ sizes: [2, 2], outputActivation: 'softmax' });
  await saveModel(model, modelPath);

  const format = await cli(['export', modelPath, '--format', 'tflite']);
  assert.equal(format.code, 2);
  assert.deepEqual(errorLines(format), ['backprop: unknown format "tflite". Choose one of: onnx, js, ts']);

  const missing = await cli(['export', join(dir, 'none.json')]);
  assert.equal(missing.code, 1);
  assert.deepEqual(errorLines(missing), [`backprop: cannot read model file ${join(dir, 'none.json')}: no such file`]);

  const unwritable = await cli(['export', modelPath, '-o', join(dir, 'no-such-folder', 'm.onnx')]);
  assert.equal(unwritable.code, 1);
  assert.deepEqual(errorLines(unwritable), [`backprop: cannot write ${join(dir, 'no-such-folder', 'm.onnx')}: the folder ${join(dir, 'no-such-folder')} does not exist`]);

  model.metadata = { preprocessing: { task: 'classification', inputs: [{ kind: 'impute', fill: [0, 0] }], targets: [], oneHot: { on: 1, off: 0 }, featureNames: ['a', 'b'], classNames: ['x', 'y'], targetNames: ['c'] } };
  await saveModel(model, modelPath);
  const unknownKind = await cli(['export', modelPath, '--format', 'ts']);
  assert.equal(unknownKind.code, 1);
  assert.deepEqual(errorLines(unknownKind), [`backprop: ${modelPath}: cannot export preprocessing.inputs[0] of kind "impute" to standalone code: the exporter knows standardize, minMax, l2Rows, affine`]);

  const notOnnx = join(dir, 'model.onnx');
  writeFileSync(notOnnx, '{"format": "backprop-model"}\n');
  const wrongFile = await cli(['import', notOnnx]);
  assert.equal(wrongFile.code, 1);
  assert.deepEqual(errorLines(wrongFile), [`backprop: ${notOnnx} is a backprop model file (JSON), not an ONNX file: it needs no import; use it as it is, e.g. backprop predict ${notOnnx} rows.csv`]);
});

test('import names a file that is not ONNX for what it is: a backprop model file, text, empty, zeros', async () => {
  const dir = tempDir();
  const modelPath = join(dir, 'm.json');
  await saveModel(Mlp.create({ sizes: [2, 2] }), modelPath);
  const model = await cli(['import', modelPath, '-o', join(dir, 'out.json')]);
  assert.equal(model.code, 1);
  // Before: "invalid model file: (model) wire type 3 of field 15 is not valid (groups and unknown types are not supported) at byte 0 (in …)".
  assert.deepEqual(errorLines(model), [`backprop: ${modelPath} is a backprop model file (JSON), not an ONNX file: it needs no import; use it as it is, e.g. backprop predict ${modelPath} rows.csv`]);
  const files: [string, string | Uint8Array, string][] = [
    ['notes.onnx', 'x1,x2\n1,2\n', 'is text, not an ONNX file'],
    ['empty.onnx', '', 'is empty, not an ONNX model'],
    ['zeros.onnx', new Uint8Array(512), 'holds nothing but zero bytes (512 bytes), not an ONNX model: the file was never written or was damaged'],
  ];
  for (const [name, contents, problem] of files) {
    writeFileSync(join(dir, name), contents);
    const run = await cli(['import', join(dir, name), '-o', join(dir, 'out.json')]);
    assert.equal(run.code, 1, name);
    assert.deepEqual(errorLines(run), [`backprop: ${join(dir, name)} ${problem}`]);
  }
});

test('export writes next to the model by default and prints what it wrote', async () => {
  const dir = tempDir();
  const modelPath = join(dir, 'net.json');
  await saveModel(Mlp.create({ sizes: [3, 2], outputActivation: 'linear' }), modelPath);
  const run = await cli(['export', modelPath, '--json']);
  assert.equal(run.code, 0, run.stderr);
  const result = JSON.parse(run.stdout) as { files: { path: string; bytes: number }[]; description: string };
  assert.equal(result.files[0]!.path, join(dir, 'net.onnx'));
  assert.equal(result.description, 'ONNX opset 13, input "input" [batch, 3] float32, output "values" [batch, 2]');
  // Importing next to the model it came from would replace net.json: refused without -o.
  const overwrite = await cli(['import', join(dir, 'net.onnx')]);
  assert.equal(overwrite.code, 2);
  assert.deepEqual(errorLines(overwrite), [`backprop: ${join(dir, 'net.json')} exists already: give -o to choose where the imported model goes (-o ${join(dir, 'net.json')} replaces it)`]);
  const back = await cli(['import', join(dir, 'net.onnx'), '-o', join(dir, 'net.json'), '--json']);
  assert.equal(back.code, 0, back.stderr);
  assert.deepEqual(JSON.parse(back.stdout), { output: join(dir, 'net.json'), sizes: [3, 2], activations: ['linear'], parameters: 8 });
  rmSync(join(dir, 'net.json'));
  assert.equal(JSON.parse((await cli(['import', join(dir, 'net.onnx'), '--json'])).stdout).output, join(dir, 'net.json'));
});

test('explain --model: the model’s weights in naming order, raw inputs through its preprocessing', async () => {
  const dir = tempDir();
  const modelPath = join(dir, 'small.json');
  const model = Mlp.create({ sizes: [2, 2, 2], activation: 'sigmoid', outputActivation: 'softmax', weights: [[[1, 2], [3, 4]], [[5, 6], [7, 8]]], biases: [[0.1, 0.2], [0.3, 0.4]] });
  model.metadata = { loss: 'crossEntropy', preprocessing: { task: 'classification', inputs: [{ kind: 'standardize', mean: [1, 2], std: [2, 4] }], targets: [], oneHot: { on: 1, off: 0 }, featureNames: ['a', 'b'], classNames: ['x', 'y'], targetNames: ['c'] } };
  await saveModel(model, modelPath);
  const run = await cli(['explain', '--model', modelPath, '--inputs', '3,6', '--targets', '1,0', '--json']);
  assert.equal(run.code, 0, run.stderr);
  const data = JSON.parse(run.stdout) as { inputs: Record<string, number>; weights: Record<string, number>; biases: Record<string, number>; loss: string; activations: string[] };
  assert.deepEqual(data.inputs, { i1: 1, i2: 1 });
  // w1 = i1→h1 = W1[0][0], w2 = i2→h1 = W1[1][0], w3 = i1→h2 = W1[0][1], ...
  assert.deepEqual(Object.values(data.weights), [1, 3, 2, 4, 5, 7, 6, 8]);
  assert.deepEqual(Object.values(data.biases).map((b) => Number(b.toFixed(6))), [0.1, 0.2, 0.3, 0.4]);
  assert.equal(data.loss, 'crossEntropy');
  assert.deepEqual(data.activations, ['sigmoid', 'softmax']);
  const wrong = await cli(['explain', '--model', modelPath, '--inputs', '3', '--targets', '1,0']);
  assert.equal(wrong.code, 2);
  assert.deepEqual(errorLines(wrong), ['backprop: --inputs has 1 value but the model takes 2 inputs (a, b)']);
});

test("export: -o's extension chooses the format unless --format is given, and a file of another kind is refused", async () => {
  const dir = tempDir();
  const modelPath = join(dir, 'm.json');
  await saveModel(Mlp.create({ sizes: [2, 3, 2], outputActivation: 'softmax', seed: 1 }), modelPath);
  // predict.js without --format: the JavaScript module (it was ONNX bytes in a .js file), its types beside it.
  const js = await cli(['export', modelPath, '-o', join(dir, 'predict.js')]);
  assert.equal(js.code, 0, js.stderr);
  assert.match(readFileSync(join(dir, 'predict.js'), 'utf8'), /export function predict\(row\)/);
  assert.ok(existsSync(join(dir, 'predict.d.ts')));
  // .mjs: declarations as .d.mts, where TypeScript looks for them.
  assert.equal((await cli(['export', modelPath, '-o', join(dir, 'p.mjs')])).code, 0);
  assert.ok(existsSync(join(dir, 'p.d.mts')));
  assert.ok(!existsSync(join(dir, 'p.d.ts')));
  // .ts without --format: TypeScript.
  assert.equal((await cli(['export', modelPath, '-o', join(dir, 'predict.ts')])).code, 0);
  assert.match(readFileSync(join(dir, 'predict.ts'), 'utf8'), /export function predict\(row: /);
  // An extension naming another format than --format, a .cjs file, ONNX into .json: one line each, nothing written.
  const refusals: [string[], RegExp][] = [
    [['--format', 'onnx', '-o', join(dir, 'x.js')], /^backprop: -o .*x\.js names a JavaScript file but --format is onnx: give --format js, or a file name ending in \.onnx$/],
    [['--format', 'ts', '-o', join(dir, 'x.mjs')], /names a JavaScript file but --format is ts/],
    [['--format', 'js', '-o', join(dir, 'x.onnx')], /names an ONNX file but --format is js: give --format onnx, or a file name ending in \.js$/],
    [['-o', join(dir, 'x.cjs')], /^backprop: -o .*x\.cjs: the predict module is an ES module \(export statements\), which a \.cjs file cannot hold: name it \.js or \.mjs$/],
    [['-o', join(dir, 'x.json')], /^backprop: -o .*x\.json: an ONNX file is binary \(protobuf\), not JSON: name it \.onnx, or give --format js or ts for a predict module$/],
  ];
  for (const [flags, pattern] of refusals) {
    const run = await cli(['export', modelPath, ...flags]);
    assert.equal(run.code, 2, flags.join(' '));
    assert.equal(errorLines(run).length, 1);
    assert.match(errorLines(run)[0]!, pattern);
    assert.ok(!existsSync(flags.at(-1)!), `${flags.at(-1)} not written`);
  }
  // Any other name still takes --format (default onnx).
  assert.equal((await cli(['export', modelPath, '-o', join(dir, 'model.bin')])).code, 0);
  assert.equal(readFileSync(join(dir, 'model.bin'))[0], 0x08); // an ONNX ModelProto starts with field 1 (ir_version)
});

test('train --save and import -o refuse a name of another format (model.onnx would hold JSON), before any work', async () => {
  const dir = tempDir();
  const onnx = join(dir, 'model.onnx');
  const save = await cli(['train', 'xor', '--epochs', '1', '--save', onnx, '--no-out']);
  assert.equal(save.code, 2);
  assert.deepEqual(errorLines(save), [`backprop: --save ${onnx}: a model file is backprop's JSON format, not an ONNX file: name it model.json; for ONNX, export the saved model: backprop export ${join(dir, 'model.json')} -o ${onnx}`]);
  assert.equal(save.stdout, '', 'refused before training');
  assert.ok(!existsSync(onnx));
  const script = await cli(['train', 'xor', '--epochs', '1', '--save', join(dir, 'predict.js'), '--no-out']);
  assert.match(errorLines(script)[0]!, /not JavaScript: name it predict\.json; for a predict module, export the saved model: backprop export .*predict\.json -o .*predict\.js$/);
  const imported = await cli(['import', join('test', 'fixtures', 'onnx', 'tiny.onnx'), '-o', join(dir, 'tiny.onnx')]);
  assert.equal(imported.code, 2);
  assert.deepEqual(errorLines(imported), [`backprop: -o ${join(dir, 'tiny.onnx')}: a model file is backprop's JSON format, not an ONNX file: name it tiny.json`]);
  assert.ok(!existsSync(join(dir, 'tiny.onnx')));
});
