/** Every activation and loss value and derivative against hand-computed numbers. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ELEMENTWISE_ACTIVATIONS, LOSSES, Matrix, createReferenceBackend, meanAbsoluteErrorRow, softmaxRow } from '../src/index.js';
import { assertAllClose, assertClose } from './helpers/tolerance.js';

const tight = { atol: 1e-12 };
const backend = createReferenceBackend();

test('element-wise activations and their derivatives', () => {
  const { sigmoid, tanh, relu, leakyRelu, linear } = ELEMENTWISE_ACTIVATIONS;
  assertClose(sigmoid.forward(0, 0), 0.5, tight, 'sigmoid(0)');
  assertClose(sigmoid.forward(2, 0), 0.8807970779778823, tight, 'sigmoid(2)');
  assertClose(sigmoid.forward(-800, 0), 0, tight, 'sigmoid(-800) stays finite');
  assertClose(sigmoid.derivative(2, 0.8807970779778823, 0), 0.10499358540350662, tight, "sigmoid'(2)");
  assertClose(tanh.forward(0.5, 0), 0.46211715726000974, tight, 'tanh(0.5)');
  assertClose(tanh.derivative(0.5, 0.46211715726000974, 0), 0.7864477329659274, tight, "tanh'(0.5)");
  assert.equal(relu.forward(-1, 0), 0);
  assert.equal(relu.forward(2, 0), 2);
  assert.equal(relu.derivative(-1, 0, 0), 0);
  assert.equal(relu.derivative(2, 2, 0), 1);
  assertClose(leakyRelu.forward(-2, 0.01), -0.02, tight, 'leakyRelu(-2)');
  assert.equal(leakyRelu.forward(3, 0.01), 3);
  assert.equal(leakyRelu.derivative(-2, -0.02, 0.01), 0.01);
  assert.equal(leakyRelu.derivative(3, 3, 0.01), 1);
  assert.equal(linear.forward(-1.5, 0), -1.5);
  assert.equal(linear.derivative(-1.5, -1.5, 0), 1);
});

test('softmax rows and their Jacobian-vector product', () => {
  const out = new Float64Array(3);
  softmaxRow([1, 2, 3], 0, out, 0, 3);
  assertAllClose(out, [0.09003057317038046, 0.24472847105479764, 0.6652409557748219], tight, 'softmax');
  softmaxRow([1001, 1002, 1003], 0, out, 0, 3);
  assertAllClose(out, [0.09003057317038046, 0.24472847105479764, 0.6652409557748219], tight, 'softmax is shift-invariant');
  const Z = Matrix.from([[1, 2, 3]], 'float64');
  const A = Matrix.zeros(1, 3, 'float64');
  backend.softmaxRows(Z, A);
  const dA = Matrix.from([[1, 0, 0]], 'float64');
  const dZ = Matrix.zeros(1, 3, 'float64');
  backend.activationBackward('softmax', 0, Z, A, dA, dZ);
  const [a0, a1, a2] = [0.09003057317038046, 0.24472847105479764, 0.6652409557748219];
  // dZ_j = a_j (δ_j0 − a_0): the first column of the softmax Jacobian.
  assertAllClose(dZ.data, [a0 * (1 - a0), -a1 * a0, -a2 * a0], tight, 'softmax backward');
});

test('losses: values and gradients', () => {
  const yHat = [0.5, 1.0];
  const y = [0, 2];
  assertClose(LOSSES.mse.value(yHat, y, 0, 2), 0.625, tight, 'mse');
  assertClose(LOSSES.mse.gradient(0.5, 0, 2), 0.5, tight, "mse' (2(ŷ−y)/n)");
  assertClose(LOSSES.mse.gradient(1, 2, 2), -1, tight, "mse'");
  assertClose(LOSSES.halfSumSquares.value(yHat, y, 0, 2), 0.625, tight, '½ sum of squares');
  assertClose(LOSSES.halfSumSquares.gradient(0.5, 0, 2), 0.5, tight, "½ sum of squares'");
  assertClose(LOSSES.crossEntropy.value([0.2, 0.7, 0.1], [0, 1, 0], 0, 3), 0.35667494393873245, tight, 'cross-entropy');
  assertClose(LOSSES.crossEntropy.gradient(0.7, 1, 3), -1 / 0.7, tight, "cross-entropy'");
  assert.ok(Number.isFinite(LOSSES.crossEntropy.value([0, 1], [1, 0], 0, 2)), 'clipped at 1e-12, never infinite');
  assertClose(LOSSES.binaryCrossEntropy.value([0.8], [1], 0, 1), 0.2231435513142097, tight, 'binary cross-entropy');
  assertClose(LOSSES.binaryCrossEntropy.value([0.8], [0], 0, 1), 1.6094379124341003, tight, 'binary cross-entropy, y = 0');
  assertClose(LOSSES.binaryCrossEntropy.gradient(0.8, 1, 1), -1.25, tight, "binary cross-entropy'");
  assertClose(meanAbsoluteErrorRow([0.5, 1], [0, 2], 0, 2), 0.75, tight, 'mean absolute error');
});

test('batch loss is the mean over rows; fused output gradient is ŷ − y', () => {
  const yHat = Matrix.from([[0.2, 0.8], [0.6, 0.4]], 'float64');
  const y = Matrix.from([[0, 1], [0, 1]], 'float64');
  assertClose(backend.lossValue('crossEntropy', yHat, y), (-Math.log(0.8) - Math.log(0.4)) / 2, tight, 'mean cross-entropy');
  const dZ = Matrix.zeros(2, 2, 'float64');
  backend.fusedOutputGradient(yHat, y, dZ);
  assertAllClose(dZ.data, [0.2, -0.2, 0.6, -0.6], tight, 'ŷ − y');
});

test('the three matrix products and column sums of the reference backend', () => {
  const A = Matrix.from([[1, 2], [3, 4]]);
  const B = Matrix.from([[5, 6], [7, 8]]);
  const C = Matrix.zeros(2, 2);
  backend.matmul(A, B, C);
  assert.deepEqual(Array.from(C.data), [19, 22, 43, 50]);
  backend.matmulTransA(A, B, C);
  assert.deepEqual(Array.from(C.data), [26, 30, 38, 44]);
  backend.matmulTransB(A, B, C, 0.5);
  assert.deepEqual(Array.from(C.data), [8.5, 11.5, 19.5, 26.5]);
  const sums = Matrix.zeros(1, 2);
  backend.sumColumns(A, sums, 0.5);
  assert.deepEqual(Array.from(sums.data), [2, 3]);
  assert.throws(() => backend.matmul(A, Matrix.zeros(3, 2), C), /matmul B: expected 2x2, got 3x2/);
});
