/** inspect, summary, gradcheck and reproduce through the real CLI. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { cli, tempDir } from './cli-run.js';

describe('inspect and summary', () => {
  const model = join(tempDir(), 'xor.json');

  before(async () => {
    const run = await cli(['train', 'xor', '--layers', '2', '--activation', 'sigmoid', '--epochs', '3', '--test-split', '0', '--no-out', '--save', model, '--quiet']);
    assert.equal(run.code, 0, run.stderr);
  });

  it('summary prints the layer table with shapes and parameter counts', async () => {
    const run = await cli(['summary', model]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /network 2-2-1/);
    assert.match(run.stdout, /^1 +Dense 2 -> 2 +2x2 +1x2 +sigmoid +6$/m);
    assert.match(run.stdout, /^2 +Dense 2 -> 1 +2x1 +1x1 +sigmoid +3$/m);
    assert.match(run.stdout, /^ +total +9$/m);
  });

  it('inspect of a small network prints every weight and bias, and Z and A for an input', async () => {
    const run = await cli(['inspect', model, '--input', '1,0']);
    assert.equal(run.code, 0, run.stderr);
    const weights = [...run.stdout.matchAll(/^ {2}w(\d+) = W\d\[\d\]\[\d\] = (-?\d\.\d{6})$/gm)];
    assert.deepEqual(weights.map((m) => Number(m[1])), [1, 2, 3, 4, 5, 6]);
    assert.equal([...run.stdout.matchAll(/^ {2}b\d\.\d = /gm)].length, 3);
    const json = JSON.parse((await cli(['inspect', model, '--json', '--input', '1,0'])).stdout) as { layers: { W: number[][]; b: number[] }[]; forward: { A: number[][] } };
    assert.equal(json.layers[0]!.W.length, 2);
    const [w1, w2] = [json.layers[0]!.W[0]![0]!, json.layers[0]!.W[0]![1]!];
    const [b1, b2] = json.layers[0]!.b as [number, number];
    const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
    assert.ok(Math.abs(json.forward.A[0]![0]! - sigmoid(w1 + b1)) < 1e-6, 'A1 = sigmoid(x·W + b) for input (1, 0)');
    assert.ok(Math.abs(json.forward.A[0]![1]! - sigmoid(w2 + b2)) < 1e-6);
  });
});

describe('gradcheck and reproduce', () => {
  it('gradcheck prints a per-layer table and agrees for tanh/softmax', async () => {
    const run = await cli(['gradcheck', '--layers', '4,5,3', '--activation', 'tanh', '--output-activation', 'softmax', '--json']);
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout) as { layers: { layer: number; weights: number }[]; worst: number; pass: boolean; loss: string };
    assert.equal(result.layers.length, 2);
    assert.equal(result.loss, 'crossEntropy');
    assert.ok(result.pass && result.worst < 1e-6, `worst ${result.worst}`);
    const text = await cli(['gradcheck', '--layers', '3,4,2', '--activation', 'relu', '--output-activation', 'sigmoid', '--loss', 'mse']);
    assert.match(text.stdout, /^1 +relu +\d\.\d{2}e[-+]\d+ +\d\.\d{2}e[-+]\d+ +ok$/m);
    assert.match(text.stdout, /gradients agree/);
  });

  it('reproduce lists the experiments and runs one, printing seed beside ours', async () => {
    const list = await cli(['reproduce']);
    assert.match(list.stdout, /^seed001-worked-example /m);
    const run = await cli(['reproduce', 'seed004-or']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /seed004-or/);
    const typo = await cli(['reproduce', 'seed004-ro']);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /Did you mean "seed004-or"\?/);
  });
});
