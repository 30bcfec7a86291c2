/**
 * onnx's own checker (full_check: with shape inference) accepts what exportOnnx writes: a
 * classifier with standardized inputs, a one-output sigmoid classifier, a regression with
 * min-max + L2-row inputs and a standardized target, and seed 003's 784-200-10 network.
 * Needs /usr/bin/python3 with onnx (Debian: apt-get install -y python3-onnx; .ci/run installs it).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Mlp } from '../src/nn/mlp.js';
import { exportOnnx } from '../src/onnx/export.js';
import { tempDir } from './cli-run.js';

const PYTHON = '/usr/bin/python3';

test('onnx.checker.check_model(full_check=True) accepts the exports', () => {
  const probe = spawnSync(PYTHON, ['-c', 'import onnx'], { encoding: 'utf8' });
  assert.equal(probe.status, 0, `${PYTHON} cannot import onnx: apt-get install -y python3-onnx (${probe.stderr.trim().split('\n').at(-1)})`);
  const dir = tempDir();
  const classifier = Mlp.create({ sizes: [4, 6, 3], activation: 'relu', outputActivation: 'softmax', seed: 1 });
  classifier.metadata = { preprocessing: { task: 'classification', inputs: [{ kind: 'standardize', mean: [5, 3, 4, 1], std: [1, 0.5, 2, 0.7] }], targets: [], oneHot: { on: 1, off: 0 }, featureNames: ['a', 'b', 'c', 'd'], classNames: ['x', 'y', 'z'], targetNames: ['k'] } };
  const binary = Mlp.create({ sizes: [2, 3, 1], activation: 'tanh', outputActivation: 'sigmoid', seed: 2 });
  binary.metadata = { loss: 'binaryCrossEntropy' };
  const regression = Mlp.create({ sizes: [3, 4, 2], activation: 'leakyRelu', outputActivation: 'linear', bias: false, seed: 3 });
  regression.metadata = { preprocessing: { task: 'regression', inputs: [{ kind: 'minMax', low: 0, high: 1, min: [0, 0, 0], max: [1, 2, 3] }, { kind: 'l2Rows' }], targets: [{ kind: 'standardize', mean: [1, 2], std: [2, 3] }], oneHot: { on: 1, off: 0 }, featureNames: ['a', 'b', 'c'], classNames: [], targetNames: ['u', 'v'] } };
  const seed003 = Mlp.create({ sizes: [784, 200, 10], activation: 'sigmoid', outputActivation: 'sigmoid', bias: false, init: 'fanOut', seed: 3 });
  const files = Object.entries({ classifier, binary, regression, seed003 }).map(([name, model]) => {
    const path = join(dir, `${name}.onnx`);
    writeFileSync(path, exportOnnx(model));
    return path;
  });
  const script = fileURLToPath(new URL('../scripts/check-onnx.py', import.meta.url));
  const run = spawnSync(PYTHON, [script, ...files], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim().split('\n').filter((line) => line.includes(': ok (ir_version 7, opset ai.onnx 13')).length, files.length, run.stdout);
});
