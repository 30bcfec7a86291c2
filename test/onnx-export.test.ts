/**
 * backprop → ONNX → onnxruntime-web: exported models run in a real runtime and agree with
 * `backprop predict` on raw rows (probabilities within 1e-5, identical labels; regression values
 * in original units within 1e-5 relative), for iris, a regression CSV and seed 003's network.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { before, describe, test } from 'node:test';
import { predictCommand, type Prediction } from '../src/cli/commands/predict.js';
import { loadModel } from '../src/io/model-file.js';
import { decodeModel } from '../src/onnx/onnx-decode.js';
import { exportOnnx, ONNX_OPSET } from '../src/onnx/export.js';
import { Mlp } from '../src/nn/mlp.js';
import { tempDir } from './cli-run.js';
import { housesCase, irisCase, seed003Case, type ModelCase } from './helpers/onnx-models.js';
import { runOnnx } from './helpers/onnx-runtime.js';

async function exported(c: ModelCase): Promise<{ bytes: Uint8Array; predictions: Prediction[] }> {
  const bytes = exportOnnx(await loadModel(c.modelPath));
  return { bytes, predictions: await predictCommand({ model: c.modelPath, csv: c.csv }) };
}

describe('classifiers exported to ONNX agree with backprop predict', () => {
  const cases: ModelCase[] = [];
  before(async () => {
    const dir = tempDir();
    cases.push(await irisCase(dir), await seed003Case(dir));
  });

  for (const index of [0, 1]) {
    test(`${index === 0 ? 'iris' : 'seed 003 (784-200-10 sigmoid, no bias)'}: probabilities within 1e-5, identical labels`, async (t) => {
      const c = cases[index]!;
      const { bytes, predictions } = await exported(c);
      const out = await runOnnx(bytes, c.rows);
      const classes = Object.keys((predictions[0] as { probabilities: Record<string, number> }).probabilities);
      assert.deepEqual(out['probabilities']!.dims, [c.rows.length, classes.length]);
      assert.deepEqual(out['label']!.dims, [c.rows.length]);
      let maxDiff = 0;
      predictions.forEach((p, r) => {
        assert.ok('class' in p);
        assert.equal(out['label']!.data[r], p.class, `row ${r} label`);
        classes.forEach((name, k) => (maxDiff = Math.max(maxDiff, Math.abs((out['probabilities']!.data[r * classes.length + k] as number) - p.probabilities[name]!))));
      });
      t.diagnostic(`${c.name}: max |onnxruntime − predict| = ${maxDiff.toExponential(2)}`);
      assert.ok(maxDiff <= 1e-5, `max difference ${maxDiff}`);
    });
  }
});

test('a regression model exported to ONNX gives predict’s values in original units (relative 1e-5)', async (t) => {
  const c = await housesCase();
  const { bytes, predictions } = await exported(c);
  const out = await runOnnx(bytes, c.rows);
  assert.deepEqual(Object.keys(out), ['values']);
  assert.deepEqual(out['values']!.dims, [c.rows.length, 1]);
  let maxRelative = 0;
  predictions.forEach((p, r) => {
    assert.ok('values' in p);
    const expected = p.values['price']!;
    assert.ok(expected > 20, `price ${expected} is in original units`);
    maxRelative = Math.max(maxRelative, Math.abs((out['values']!.data[r] as number) - expected) / Math.abs(expected));
  });
  t.diagnostic(`houses: max relative |onnxruntime − predict| = ${maxRelative.toExponential(2)}`);
  assert.ok(maxRelative <= 1e-5, `max relative difference ${maxRelative}`);
});

test('the exported graph states its opset, names and a dynamic batch dimension', async () => {
  const model = Mlp.create({ sizes: [3, 4, 2], activation: 'leakyRelu', outputActivation: 'softmax', seed: 5 });
  const onnx = decodeModel(exportOnnx(model));
  assert.deepEqual(onnx.opsets, [{ domain: '', version: ONNX_OPSET }]);
  assert.ok(ONNX_OPSET >= 13);
  assert.deepEqual(onnx.graph.inputs, [{ name: 'input', elemType: 1, shape: ['batch', 3] }]);
  assert.deepEqual(onnx.graph.outputs.map((o) => [o.name, o.shape]), [['probabilities', ['batch', 2]], ['label', ['batch']]]);
  assert.deepEqual(onnx.graph.nodes.filter((n) => n.name.startsWith('layer')).map((n) => n.opType), ['Gemm', 'LeakyRelu', 'Gemm', 'Softmax']);
  // One row, then 50 rows through the same file: the batch is not fixed.
  for (const rows of [1, 50]) {
    const out = await runOnnx(exportOnnx(model), Array.from({ length: rows }, (_, r) => [r, -r, 0.5]));
    assert.equal(out['label']!.data.length, rows);
  }
});

test('a one-output sigmoid classifier exports both class probabilities and the label', async () => {
  const model = Mlp.create({ sizes: [2, 3, 1], activation: 'tanh', outputActivation: 'sigmoid', seed: 8 });
  model.metadata = { loss: 'binaryCrossEntropy' };
  const dir = tempDir();
  const { saveModel } = await import('../src/io/model-file.js');
  await saveModel(model, `${dir}/binary.json`);
  const rows = [[0.5, -1], [2, 3], [-3, 0.1], [0, 0]];
  const predictions = await predictCommand({ model: `${dir}/binary.json`, csv: rows.map((r) => r.join(',')).join('\n') });
  const out = await runOnnx(exportOnnx(model), rows);
  predictions.forEach((p, r) => {
    assert.ok('class' in p);
    assert.equal(out['label']!.data[r], p.class);
    assert.ok(Math.abs((out['probabilities']!.data[r * 2] as number) - p.probabilities['0']!) <= 1e-5);
    assert.ok(Math.abs((out['probabilities']!.data[r * 2 + 1] as number) - p.probabilities['1']!) <= 1e-5);
  });
});

test('export refuses preprocessing it does not know with one line', async () => {
  const model = Mlp.create({ sizes: [2, 2], outputActivation: 'softmax' });
  model.metadata = { preprocessing: { task: 'classification', inputs: [{ kind: 'impute', fill: [0, 0] }], targets: [], oneHot: { on: 1, off: 0 }, featureNames: ['a', 'b'], classNames: ['x', 'y'], targetNames: ['c'] } };
  assert.throws(() => exportOnnx(model), { message: 'cannot export preprocessing.inputs[0] of kind "impute" to ONNX: the exporter knows standardize, minMax, l2Rows, affine' });
  model.metadata = { preprocessing: { task: 'classification', inputs: [], pca: [{ components: 1 }], targets: [], oneHot: { on: 1, off: 0 }, featureNames: ['a', 'b'], classNames: ['x', 'y'], targetNames: ['c'] } };
  assert.throws(() => exportOnnx(model), { message: 'cannot export the preprocessing stage "pca" to ONNX: this exporter knows the encoding stage and the inputs and targets transform chains' });
  model.metadata = { preprocessing: { task: 'classification', inputs: [], encoding: [{ kind: 'oneHot', column: 0 }], targets: [], oneHot: { on: 1, off: 0 }, featureNames: ['a', 'b'], classNames: ['x', 'y'], targetNames: ['c'] } };
  // A malformed stage is the model file's fault: a ModelFormatError naming the field (it was an UnsupportedPipelineError).
  assert.throws(() => exportOnnx(model), /^ModelFormatError: invalid model file: metadata\.preprocessing\.encoding must be an object, got \[/);
});

test('exported files are the same bytes each time (deterministic)', async () => {
  const model = Mlp.create({ sizes: [4, 3, 2], seed: 1 });
  assert.deepEqual(exportOnnx(model), exportOnnx(model));
  assert.ok((await readFile(new URL('../package.json', import.meta.url), 'utf8')).includes('"onnxruntime-web"'));
});

test('min-max and L2-row inputs, a standardized two-target regression: onnxruntime agrees with predict', async () => {
  const model = Mlp.create({ sizes: [3, 4, 2], activation: 'leakyRelu', outputActivation: 'linear', leakyAlpha: 0.1, seed: 8 });
  model.metadata = {
    preprocessing: {
      task: 'regression',
      inputs: [{ kind: 'minMax', low: 0, high: 1, min: [0, -1, 5], max: [1, 2, 5] }, { kind: 'l2Rows' }, { kind: 'affine', scale: 2, shift: -0.5 }],
      targets: [{ kind: 'standardize', mean: [10, -20], std: [2, 3] }, { kind: 'affine', scale: 0.5, shift: 1 }],
      oneHot: { on: 1, off: 0 },
      featureNames: ['a', 'b', 'c'],
      classNames: [],
      targetNames: ['u', 'v'],
    },
  };
  const dir = tempDir();
  const { saveModel } = await import('../src/io/model-file.js');
  await saveModel(model, `${dir}/l2.json`);
  const rows = [[0.5, 0, 5], [0, -1, 5], [1, 2, 7], [0.2, 0.3, 4]];
  const predictions = await predictCommand({ model: `${dir}/l2.json`, csv: ['a,b,c', ...rows.map((r) => r.join(','))].join('\n') });
  const out = await runOnnx(exportOnnx(model), rows);
  predictions.forEach((p, r) => {
    assert.ok('values' in p);
    ['u', 'v'].forEach((name, c) => {
      const expected = p.values[name]!;
      assert.ok(Math.abs((out['values']!.data[r * 2 + c] as number) - expected) <= 1e-5 * Math.max(1, Math.abs(expected)), `row ${r} ${name}`);
    });
  });
});

test('layering: src/onnx and src/export never import the CLI, and the maths never imports them', async () => {
  const { typeScriptFiles } = await import('./helpers/source-files.js');
  const violations: string[] = [];
  const check = (folder: string, forbidden: RegExp) => {
    for (const file of typeScriptFiles(folder)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) if (forbidden.test(match[1]!)) violations.push(`${file} imports ${match[1]}`);
    }
  };
  check('src/onnx', /\/cli\//);
  check('src/export', /\/cli\//);
  for (const core of ['src/nn', 'src/math', 'src/backend']) check(core, /\/(onnx|export)\//);
  assert.deepEqual(violations, []);
});
