/**
 * The step plan (src/train/step-plan.ts): which mode it picks for which optimiser and parameters,
 * that its fused plain-SGD step is the standard step (gradients, then SGD) up to rounding, and
 * what the fused step leaves in dW.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createReferenceBackend } from '../src/backend/reference.js';
import { Matrix } from '../src/matrix.js';
import { Mlp } from '../src/nn/mlp.js';
import { createOptimizer, type OptimizerConfig } from '../src/nn/optimizers.js';
import { Random } from '../src/random.js';
import { matrixSource } from '../src/train/sample-source.js';
import { StepPlan, type StepPlanOptions } from '../src/train/step-plan.js';
import { computeGradients, modelParameters, trainStep } from '../src/train/train-step.js';
import { assertAllClose } from './helpers/tolerance.js';

const reference = createReferenceBackend();

function data(rows: number, inputs: number, outputs: number) {
  const rng = new Random(3);
  const x = Matrix.zeros(rows, inputs, 'float64');
  const y = Matrix.zeros(rows, outputs, 'float64');
  for (let i = 0; i < x.size; i++) x.data[i] = rng.normal();
  for (let r = 0; r < rows; r++) y.data[r * outputs + rng.int(outputs)] = 1;
  return { x, y };
}

function model(sizes: number[]): Mlp {
  return Mlp.create({ sizes, activation: 'tanh', outputActivation: 'softmax', seed: 4, backend: reference, dtype: 'float64' });
}

function planOptions(rows: number, batchSize: number, lookahead: boolean): StepPlanOptions {
  return { loss: 'crossEntropy', source: matrixSource(data(rows, 5, 3)), order: Uint32Array.from({ length: rows }, (_, i) => i), batchSize, lookahead };
}

test('the plan fuses plain SGD on the model\'s own parameters only, and looks ahead only when allowed and with two layers or more', () => {
  const sgd: OptimizerConfig = { kind: 'sgd', learningRate: 0.1 };
  const cases: [string, OptimizerConfig, number[], 'all' | 'frozen biases' | 'first layer', boolean, string][] = [
    ['plain SGD', sgd, [5, 4, 3], 'all', true, 'fusedSgdLookahead'],
    ['plain SGD, frozen biases', sgd, [5, 4, 3], 'frozen biases', true, 'fusedSgdLookahead'],
    ['plain SGD, no lookahead asked', sgd, [5, 4, 3], 'all', false, 'fusedSgd'],
    ['plain SGD, one layer', sgd, [5, 3], 'all', true, 'fusedSgd'],
    ['plain SGD on part of the parameters', sgd, [5, 4, 3], 'first layer', true, 'standard'],
    ['SGD with weight decay', { kind: 'sgd', learningRate: 0.1, weightDecay: 0.01 }, [5, 4, 3], 'all', true, 'standard'],
    ['SGD with L1', { kind: 'sgd', learningRate: 0.1, l1: 0.01 }, [5, 4, 3], 'all', true, 'standard'],
    ['momentum', { kind: 'momentum', learningRate: 0.1 }, [5, 4, 3], 'all', true, 'standard'],
    ['adam', { kind: 'adam' }, [5, 4, 3], 'all', true, 'standard'],
  ];
  for (const [label, config, sizes, which, lookahead, expected] of cases) {
    const net = model(sizes);
    const all = modelParameters(net, which !== 'frozen biases');
    const parameters = which === 'first layer' ? all.slice(0, 2) : all;
    const plan = new StepPlan(net, createOptimizer(config), parameters, planOptions(10, 4, lookahead));
    assert.equal(plan.mode, expected, label);
  }
});

test('the fused plain-SGD step counts a step, updates W and b as gradients + SGD would (up to rounding) and leaves dW as the last gradients call left it', () => {
  const fusedNet = model([5, 4, 3]);
  const standardNet = fusedNet.clone();
  const options = planOptions(8, 8, false);
  const optimizer = createOptimizer({ kind: 'sgd', learningRate: 0.3 });
  const plan = new StepPlan(fusedNet, optimizer, modelParameters(fusedNet), options);
  assert.equal(plan.mode, 'fusedSgd');
  const dWBefore = fusedNet.layers.map((layer) => Float64Array.from(layer.dW.data));
  const loss = plan.step(0, 8, false);
  assert.equal(optimizer.steps, 1);
  fusedNet.layers.forEach((layer, l) => assert.deepEqual(Float64Array.from(layer.dW.data), dWBefore[l], `dW${l + 1} not formed by the fused step`));

  const buffers = standardNet.buffers(8);
  options.source.fill(reference, options.order, 0, buffers.X, buffers.Y);
  const standardLoss = trainStep(standardNet, buffers, { loss: 'crossEntropy', optimizer: createOptimizer({ kind: 'sgd', learningRate: 0.3 }) });
  assert.equal(loss, standardLoss, 'the same loss before the update');
  standardNet.layers.forEach((layer, l) => {
    assert.ok(layer.dW.data.some((v) => v !== 0), `trainStep formed dW${l + 1}`);
    assertAllClose(fusedNet.layers[l]!.W.data, layer.W.data, { atol: 1e-14, rtol: 1e-12 }, `W${l + 1}`);
    assertAllClose(fusedNet.layers[l]!.b!.data, layer.b!.data, { atol: 1e-14, rtol: 1e-12 }, `b${l + 1}`);
  });
  assert.ok(fusedNet.layers.some((layer, l) => layer.W.data.some((v, i) => v !== model([5, 4, 3]).layers[l]!.W.data[i])), 'the step moved the weights');
});

test('computeGradients changes no parameter and leaves the gradients gradcheck compares against', () => {
  const net = model([5, 4, 3]);
  const { x, y } = data(6, 5, 3);
  const buffers = net.buffers(6);
  buffers.X.data.set(x.data);
  buffers.Y.data.set(y.data);
  const W = net.layers.map((layer) => Float64Array.from(layer.W.data));
  const value = computeGradients(net, buffers, { loss: 'crossEntropy' });
  assert.ok(Number.isFinite(value) && value > 0);
  net.layers.forEach((layer, l) => assert.deepEqual(Float64Array.from(layer.W.data), W[l], `W${l + 1} unchanged`));
  assert.ok(net.layers.every((layer) => layer.dW.data.some((v) => v !== 0)), 'every dW formed');
});
