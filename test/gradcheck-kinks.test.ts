/** gradcheck and ReLU's kink: samples within the finite-difference step of 0 are left out and reported. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatGradcheck, gradcheckCommand } from '../src/cli/commands/gradcheck.js';
import { Matrix, Mlp, createReferenceBackend, gradcheck } from '../src/index.js';

test('a correct ReLU net passes once the rows at the kink are left out, and the result says which', () => {
  const result = gradcheckCommand({ activation: 'relu', samples: 16, seed: 0 });
  assert.ok(result.worstWithKinks > 0.1, `with the kink rows in, finite differences disagree (${result.worstWithKinks})`);
  assert.deepEqual(result.kinkRows, [3, 5, 10, 14]);
  assert.equal(result.samples, 12);
  assert.ok(result.pass && result.worst < 1e-7, `worst ${result.worst}`);
  const text = formatGradcheck(result);
  assert.match(text, /4 of 16 samples left out: a ReLU\/leaky-ReLU pre-activation lies within the finite-difference step of 0/);
  assert.match(text, /gradients agree/);
});

test('a pre-activation exactly at 0 is a kink; kinks: include keeps the row and shows the disagreement', () => {
  const backend = createReferenceBackend();
  // Row 0 puts the hidden unit's pre-activation at exactly 0; row 1 keeps it well away.
  const model = Mlp.create({ sizes: [1, 1, 1], activation: 'relu', weights: [[[1]], [[2]]], biases: [[0], [0.5]], backend, dtype: 'float64' });
  const x = Matrix.from([[0], [1.5]], 'float64');
  const y = Matrix.from([[1], [0]], 'float64');
  const excluded = gradcheck(model, x, y, { loss: 'mse' });
  assert.deepEqual(excluded.kinks.rows, [0]);
  assert.equal(excluded.samples, 1);
  assert.ok(excluded.worst < 1e-7, `worst ${excluded.worst}`);
  const included = gradcheck(model, x, y, { loss: 'mse', kinks: 'include' });
  assert.deepEqual(included.kinks.rows, []);
  assert.ok(included.worst > 1e-3, `at the kink the finite difference is not the derivative (${included.worst})`);
});

test('tanh nets have no kinks: nothing is left out', () => {
  const result = gradcheckCommand({ activation: 'tanh', samples: 8 });
  assert.deepEqual(result.kinkRows, []);
  assert.equal(result.samples, 8);
  assert.doesNotMatch(formatGradcheck(result), /left out/);
});
