/**
 * PyTorch → ONNX → backprop (the committed fixtures of test/fixtures/onnx, made by
 * make-fixtures.py): predictions equal PyTorch's saved outputs to 1e-5; backprop → ONNX →
 * backprop gives identical weights and metadata; after `backprop import`, inspect, explain
 * --model and evaluate work on the model file, and it is the JSON the playground loads.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadModel } from '../src/io/model-file.js';
import { modelToJson } from '../src/io/model-json.js';
import { Mlp } from '../src/nn/mlp.js';
import { exportOnnx } from '../src/onnx/export.js';
import { importOnnx } from '../src/onnx/import.js';
import { cli, errorLines, tempDir } from './cli-run.js';
import { irisCase } from './helpers/onnx-models.js';

const fixture = (name: string) => new URL(`fixtures/onnx/${name}`, import.meta.url);
const saved = (name: string) => JSON.parse(readFileSync(fixture(`${name}.json`), 'utf8')) as { input: number[][]; output: number[][] };

for (const [name, sizes, activations] of [
  ['classifier', [4, 8, 3], ['relu', 'softmax']],
  ['tiny', [2, 3, 1], ['tanh', 'sigmoid']],
  ['flatten-matmul', [6, 5, 2], ['leakyRelu', 'linear']],
  ['opset11', [3, 4, 3], ['sigmoid', 'softmax']],
] as const) {
  test(`PyTorch's ${name}.onnx: ${sizes.join('-')} (${activations.join(', ')}), predictions equal PyTorch's to 1e-5`, (t) => {
    const model = importOnnx(new Uint8Array(readFileSync(fixture(`${name}.onnx`))));
    assert.deepEqual(model.sizes, sizes);
    assert.deepEqual(model.layers.map((l) => l.activation), activations);
    assert.deepEqual(model.metadata['importedFrom'], { format: 'onnx', producer: 'pytorch 1.13.0', opset: name === 'opset11' ? 11 : 13 });
    const { input, output } = saved(name);
    const predicted = model.predict(input);
    let maxDiff = 0;
    output.forEach((row, r) => row.forEach((v, c) => (maxDiff = Math.max(maxDiff, Math.abs(predicted.get(r, c) - v)))));
    t.diagnostic(`${name}: max |backprop − PyTorch| = ${maxDiff.toExponential(2)}`);
    assert.ok(maxDiff <= 1e-5, `max difference ${maxDiff}`);
  });
}

test('flatten-matmul keeps LeakyReLU’s slope and the bias-free last layer', () => {
  const model = importOnnx(new Uint8Array(readFileSync(fixture('flatten-matmul.onnx'))));
  assert.equal(model.layers[0]!.alpha, 0.2);
  assert.equal(model.layers[0]!.useBias, true);
  assert.equal(model.layers[1]!.useBias, false);
});

test('an unsupported op is refused with one line naming the op and its node', () => {
  assert.throws(() => importOnnx(new Uint8Array(readFileSync(fixture('logsoftmax.onnx')))), {
    name: 'ModelFormatError',
    message: 'invalid model file: graph.node[1] ("/1/LogSoftmax") uses op LogSoftmax, which backprop cannot import (it reads Gemm, MatMul, Add, Relu, Sigmoid, Tanh, LeakyRelu, Softmax, Identity, Flatten, BatchNormalization, Dropout)',
  });
});

test('backprop → ONNX → backprop: identical weights, activations and metadata (preprocessing included)', async () => {
  const c = await irisCase();
  const model = await loadModel(c.modelPath);
  const back = importOnnx(exportOnnx(model));
  assert.deepEqual(modelToJson(back), modelToJson(model));
  assert.deepEqual(back.predict(c.rows).data, model.predict(c.rows).data);
  // Leaky ReLU's slope travels as a float32 attribute and comes back as the shortest decimal of that float (0.3).
  const other = Mlp.create({ sizes: [3, 5, 4, 2], activations: ['leakyRelu', 'softmax', 'linear'], leakyAlpha: 0.3, bias: false, seed: 9 });
  const otherBack = importOnnx(exportOnnx(other));
  assert.deepEqual(otherBack.layers.map((l) => [l.W.data, l.b, l.activation]), other.layers.map((l) => [l.W.data, l.b, l.activation]));
  assert.equal(otherBack.layers[0]!.alpha, 0.3);
  assert.deepEqual(otherBack.metadata, other.metadata);
});

test('backprop import, then inspect, explain --model, evaluate, and the playground’s format', async () => {
  const dir = tempDir();
  const modelPath = join(dir, 'tiny.json');
  const run = await cli(['import', fixture('tiny.onnx').pathname, '-o', modelPath]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, `wrote ${modelPath}: MLP 2-3-1 (tanh, sigmoid), 13 parameters\n`);

  const inspect = await cli(['inspect', modelPath]);
  assert.equal(inspect.code, 0, inspect.stderr);
  assert.match(inspect.stdout, /network 2-3-1/);
  assert.match(inspect.stdout, /Dense 3 -> 1 .* sigmoid/);

  // explain --model computes the forward pass with the imported weights: out_o1 is PyTorch's output.
  const { input, output } = saved('tiny');
  const explain = await cli(['explain', '--model', modelPath, '--inputs', input[0]!.join(','), '--targets', '1', '--json']);
  assert.equal(explain.code, 0, explain.stderr);
  const neurons = (JSON.parse(explain.stdout) as { neurons: { name: string; out: number }[][] }).neurons;
  const outO1 = neurons.at(-1)!.find((n) => n.name === 'o1')!.out;
  assert.ok(Math.abs(outO1 - output[0]![0]!) < 1e-6, `out_o1 ${outO1} vs PyTorch ${output[0]![0]}`);
  const conflict = await cli(['explain', '--model', modelPath, '--layers', '2,2,2']);
  assert.equal(conflict.code, 2);
  assert.deepEqual(errorLines(conflict), ['backprop: --model gives the network; drop --layers']);

  // evaluate on the saved inputs, labelled with PyTorch's own classes: accuracy 1.
  const csv = join(dir, 'tiny.csv');
  writeFileSync(csv, ['x1,x2,y', ...input.map((row, r) => [...row, output[r]![0]! >= 0.5 ? 1 : 0].join(','))].join('\n') + '\n');
  const evaluate = await cli(['evaluate', modelPath, csv, '--target', 'y', '--part', 'all', '--json']);
  assert.equal(evaluate.code, 0, evaluate.stderr);
  const metrics = (JSON.parse(evaluate.stdout) as { metrics: { samples: number; accuracy: number } }).metrics;
  assert.deepEqual([metrics.samples, metrics.accuracy], [input.length, 1]);

  // The playground's Load model reads the same JSON with Mlp.fromJSON; 2 inputs → 1 output fits its 2-D panel.
  const loaded = Mlp.fromJSON(readFileSync(modelPath, 'utf8'));
  assert.equal(loaded.inputSize, 2);
  assert.equal(loaded.outputSize, 1);
});

test('backprop import refuses with one line and exit code 1', async () => {
  const dir = tempDir();
  const run = await cli(['import', fixture('logsoftmax.onnx').pathname, '-o', join(dir, 'x.json')]);
  assert.equal(run.code, 1);
  assert.deepEqual(errorLines(run), [
    `backprop: invalid model file: graph.node[1] ("/1/LogSoftmax") uses op LogSoftmax, which backprop cannot import (it reads Gemm, MatMul, Add, Relu, Sigmoid, Tanh, LeakyRelu, Softmax, Identity, Flatten, BatchNormalization, Dropout) (in ${fixture('logsoftmax.onnx').pathname})`,
  ]);
  const missing = await cli(['import', join(dir, 'nothing.onnx')]);
  assert.equal(missing.code, 1);
  assert.deepEqual(errorLines(missing), [`backprop: cannot read ONNX file ${join(dir, 'nothing.onnx')}: no such file`]);
});
