/** `backprop explain` run as a subprocess: text, Markdown, HTML and JSON, and one-line errors. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { saveModel } from '../src/io/model-file.js';
import { Mlp } from '../src/nn/mlp.js';
import { assertOneLineError, cli, errorLines, tempDir } from './cli-run.js';

const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));

function backprop(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', main, 'explain', ...args], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

test('no arguments: the classic walkthrough as text', () => {
  const { code, stdout } = backprop();
  assert.equal(code, 0);
  assert.ok(stdout.startsWith('Backpropagation step by step: a 2-2-2 network'));
  assert.ok(stdout.includes('E_total = E_o1 + E_o2 = 0.274811083 + 0.023560026 = 0.298371109'));
  assert.ok(stdout.includes('w1+ = w1 - η·∂E_total/∂w1 = 0.15 - 0.5 × 0.000438568 = 0.149780716'));
});

test('--format md and --format html', () => {
  const md = backprop('--format', 'md');
  assert.equal(md.code, 0);
  assert.ok(md.stdout.startsWith('# Backpropagation step by step'));
  assert.ok(md.stdout.includes('$$'));
  const html = backprop('--format', 'html', '--matrix');
  assert.equal(html.code, 0);
  assert.ok(html.stdout.startsWith('<!DOCTYPE html>'));
  assert.ok(html.stdout.includes('</svg>') && html.stdout.includes('class="matrix"'));
});

test('--json with --iterations', () => {
  const { code, stdout } = backprop('--json', '--iterations', '10000');
  assert.equal(code, 0);
  const json = JSON.parse(stdout) as Record<string, unknown>;
  assert.equal(json['totalError'], 0.298371109);
  assert.equal((json['updatedWeights'] as Record<string, number>)['w8'], 0.561370121);
  assert.equal(json['errorAfter'], 0.0000351019);
});

test('a user network and the matrix form of a larger one', () => {
  const small = backprop('--layers', '2,3,1', '--activation', 'tanh', '--output-activation', 'linear', '--loss', 'mse', '--seed', '4', '--targets', '0.5', '--lr', '0.1');
  assert.equal(small.code, 0, small.stderr);
  assert.ok(small.stdout.includes('net_h3 = w5·i1 + w6·i2 + b1'));
  const large = backprop('--layers', '6,8,3', '--inputs', '1,2,3,4,5,6', '--targets', '0,1,0', '--matrix', '--output-activation', 'softmax', '--loss', 'crossEntropy');
  assert.equal(large.code, 0, large.stderr);
  assert.ok(large.stdout.startsWith('Backpropagation in matrix form: a 6-8-3 network'));
  assert.ok(large.stdout.includes('dW[1]  6x8'));
});

test('bad input ends in one line on stderr and exit code 2', () => {
  for (const args of [['--layers', '2,8,2'], ['--lr', 'fast'], ['--weights', '1,2,3'], ['--activation', 'sigmoidal'], ['--layers', '3,2']]) {
    const { code, stdout, stderr } = backprop(...args);
    assert.equal(code, 2, `${args.join(' ')}: exit code`);
    assert.equal(stdout, '');
    assert.equal(stderr.trim().split('\n').length, 1, `${args.join(' ')}: ${stderr}`);
  }
});

test('explain --model of a CSV model with a category column takes a raw row, as inspect --input does', async () => {
  const dir = tempDir();
  const csv = join(dir, 'shapes.csv');
  const rows = ['colour,size,label'];
  for (let i = 0; i < 40; i++) rows.push(`${['red', 'green', 'blue'][i % 3]},${((i * 7) % 30) / 10},${(i * 7) % 30 > 15 ? 'big' : 'small'}`);
  writeFileSync(csv, rows.join('\n') + '\n');
  const model = join(dir, 'shapes.json');
  const trained = await cli(['train', csv, '--layers', '3', '--epochs', '2', '--no-out', '--quiet', '--save', model]);
  assert.equal(trained.code, 0, trained.stderr);

  const run = await cli(['explain', '--model', model, '--inputs', 'green,1.2', '--targets', 'big', '--json']);
  assert.equal(run.code, 0, run.stderr);
  const data = JSON.parse(run.stdout) as { inputs: Record<string, number>; targets: Record<string, number> };
  // colour is one-hot in sorted category order (blue, green, red), then the standardised size.
  assert.deepEqual(Object.values(data.inputs).slice(0, 3), [0, 1, 0]);
  assert.equal(Object.keys(data.inputs).length, 4);
  assert.deepEqual(Object.values(data.targets), [1, 0], 'big is the first class');
  // The same row through inspect --input gives the same prepared inputs.
  const inspect = JSON.parse((await cli(['inspect', model, '--input', 'green,1.2', '--json'])).stdout) as { forward: { prepared: number[] } };
  assert.deepEqual(Object.values(data.inputs).map((v) => Number(v.toFixed(6))), inspect.forward.prepared.map((v) => Number(v.toFixed(6))));

  const unseen = await cli(['explain', '--model', model, '--inputs', 'purple,1.2']);
  assert.equal(unseen.code, 0, unseen.stderr);
  assert.deepEqual(errorLines(unseen), ['--inputs: warning: column "colour" has category "purple" that training did not see; encoded as all zeros']);

  assertOneLineError(await cli(['explain', '--model', model, '--inputs', '0,1,0,1.2']), 2, /--inputs has 4 values but the model expects 2 raw columns \(colour, size\)$/);
  assertOneLineError(await cli(['explain', '--model', model, '--inputs', 'green']), 2, /--inputs has 1 value but the model expects 2 raw columns \(colour, size\)$/);
  assertOneLineError(await cli(['explain', '--model', model, '--inputs', 'green,tall']), 2, /--inputs: "tall" in column "size" is not a number$/);
  assertOneLineError(await cli(['explain', '--model', model]), 2, /give one raw row of the model's 2 columns with --inputs \(colour, size\)/);
  assertOneLineError(await cli(['explain', '--model', model, '--inputs', 'green,1.2', '--targets', 'huge']), 2, /--targets: "huge" is not a number; give a class name \(big, small\) or 2 comma-separated numbers$/);
});

test('explain --model of a regression model: --targets in the data’s units go through its target transforms', async () => {
  const dir = tempDir();
  const modelPath = join(dir, 'price.json');
  const model = Mlp.create({ sizes: [1, 1], outputActivation: 'linear', weights: [[[0.5]]], biases: [[0]] });
  model.metadata = { loss: 'mse', preprocessing: { task: 'regression', inputs: [], targets: [{ kind: 'standardize', mean: [100], std: [20] }], oneHot: { on: 1, off: 0 }, featureNames: ['rooms'], classNames: [], targetNames: ['price'] } };
  await saveModel(model, modelPath);
  const run = await cli(['explain', '--model', modelPath, '--inputs', '3', '--targets', '140', '--json']);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual((JSON.parse(run.stdout) as { targets: Record<string, number> }).targets, { target_o1: 2 });
  assertOneLineError(await cli(['explain', '--model', modelPath, '--inputs', 'three']), 2, /--inputs value 1 \(column "rooms"\): "three" is not a number, and this model has no category columns$/);
});
