/**
 * The engine's fit/train options from plain JavaScript: a value of the wrong type or form is one
 * line naming the option, never a TypeError from deep inside, a NaN learning rate, or training
 * that silently does something else than was asked (`shuffle: 'no'` is a true value; an unknown
 * `sampling` fell back to epochs; `optimizer.lr` was ignored; a schedule given as text diverged
 * with a learning rate of undefined).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createReferenceBackend } from '../src/backend/reference.js';
import { UsageError } from '../src/errors/usage-error.js';
import { Matrix } from '../src/matrix.js';
import { Mlp } from '../src/nn/mlp.js';
import { fit, train } from '../src/train/train.js';
import { fitAsync } from '../src/train/train-async.js';
import { matrixSource } from '../src/train/sample-source.js';
import { createOptimizer } from '../src/nn/optimizers.js';

const backend = createReferenceBackend();
/** Anything, as plain JavaScript would pass it. */
const loose = (value: unknown) => value as never;
const x = Matrix.from([[0, 0], [0, 1], [1, 0], [1, 1]]);
const y = Matrix.from([[0], [1], [1], [0]]);
const model = () => Mlp.create({ sizes: [2, 3, 1], seed: 1, backend });

function refusedBy(options: Record<string, unknown>, pattern: RegExp): void {
  const m = model();
  const before = m.predict(x).data.slice();
  assert.throws(() => fit(m, { x, y }, loose({ epochs: 2, ...options })), (error: unknown) => error instanceof UsageError && pattern.test(error.message) && !error.message.includes('\n'), JSON.stringify(options));
  assert.deepEqual(m.predict(x).data, before, `${JSON.stringify(options)}: refused before any step`);
}

test('options of the wrong type are refused with the option named and the value shown with its type', () => {
  refusedBy({ shuffle: 'no' }, /^fit: shuffle must be a boolean, got the string "no" \(true or false: any string would count as true\)$/);
  refusedBy({ epochs: '5' }, /^fit: epochs must be a number, got the string "5"$/);
  refusedBy({ learningRate: '0.1' }, /^fit: learningRate must be a number, got the string "0\.1"$/);
  refusedBy({ batchSize: '2' }, /^fit: batchSize must be a number of rows or 'full', got the string "2"$/);
  refusedBy({ validationSplit: '0.5' }, /^fit: validationSplit must be a number, got the string "0\.5"$/);
  refusedBy({ stepsPerEpoch: '3' }, /^fit: stepsPerEpoch must be a whole number, got the string "3"$/);
  refusedBy({ seed: 1.5 }, /^fit: seed must be a whole number, got number 1\.5$/);
  refusedBy({ onEvent: 5 }, /^fit: onEvent must be a function, got number 5$/);
  refusedBy({ updateBiases: 0 }, /^fit: updateBiases must be a boolean, got number 0$/);
  refusedBy({ random: 7 }, /^fit: random must be a Random \(new Random\(seed\)\), got number 7; or give seed instead$/);
});

test('options that take a name refuse another one, with a did-you-mean', () => {
  refusedBy({ sampling: 'bogus' }, /^fit: sampling: unknown sampling "bogus" \(one of epoch, random\)$/);
  refusedBy({ sampling: 'randon' }, /did you mean "random"\?/);
  refusedBy({ task: 'classify' }, /^fit: task: unknown task "classify".* \(one of classification, regression\)$/);
  refusedBy({ outputGradient: 'raw' }, /^fit: outputGradient: unknown outputGradient "raw"/);
});

test('early stopping is an object with a whole patience, known settings and a known monitor', () => {
  refusedBy({ earlyStopping: true }, /^fit: earlyStopping is an object: write earlyStopping: \{ patience: 5 \} \(epochs without improvement\), got boolean true$/);
  refusedBy({ earlyStopping: 3 }, /write earlyStopping: \{ patience: 3 \}/);
  refusedBy({ earlyStopping: { patience: -1 } }, /^fit: earlyStopping\.patience must be a whole number of epochs of at least 1, got number -1$/);
  refusedBy({ earlyStopping: { patience: 2, min_delta: 0.1 } }, /^fit: earlyStopping: no setting "min_delta": use minDelta$/);
  refusedBy({ earlyStopping: { patience: 2, minDelta: -0.1 } }, /earlyStopping\.minDelta must be a number of 0 or more/);
  refusedBy({ earlyStopping: { patience: 2, monitor: 'val_loss' } }, /Keras' val_loss is validationLoss here/);
  refusedBy({ earlyStopping: { patience: 2, restoreBestWeights: 'yes' } }, /restoreBestWeights must be true or false, got the string "yes"/);
});

test('a schedule is an object of a known kind with its own settings; text is pointed to parseSchedule', () => {
  refusedBy({ schedule: 'cosine' }, /^fit: schedule is an object, not text: write schedule: parseSchedule\("cosine"\) or, e\.g\., \{ kind: 'cosine' \}$/);
  refusedBy({ schedule: { kind: 'linear' } }, /^fit: schedule\.kind: unknown schedule "linear"/);
  refusedBy({ schedule: { kind: 'cosine', gamma: 0.5 } }, /^fit: schedule cosine: unknown setting "gamma" \(one of minLearningRate, epochs\)$/);
  refusedBy({ schedule: { kind: 'constant', gamma: 0.5 } }, /^fit: schedule constant: takes no settings, got "gamma"$/);
  refusedBy({ schedule: { kind: 'step', stepSize: '2', gamma: 0.5 } }, /^fit: schedule\.stepSize must be a number, got the string "2"$/);
  // A well-formed schedule still trains.
  const m = model();
  const history = fit(m, { x, y }, { epochs: 3, schedule: { kind: 'step', stepSize: 2, gamma: 0.5 }, learningRate: 0.1 });
  assert.deepEqual(history.epochs.map((e) => e.learningRate), [0.1, 0.1, 0.05]);
});

test("an optimiser's settings are its kind's own, of the right type and range", () => {
  refusedBy({ optimizer: { kind: 'adam', lr: 0.01 } }, /^fit: optimizer adam: no setting "lr": use learningRate$/);
  refusedBy({ optimizer: { kind: 'sgd', learningRate: 0.1, momentum: 0.9 } }, /^fit: optimizer sgd: "momentum" is a setting of kind 'momentum', not of 'sgd'$/);
  refusedBy({ optimizer: { kind: 'adam', learningRate: 0.01, betas: [0.9, 0.99] } }, /no setting "betas": use beta1 and beta2/);
  refusedBy({ optimizer: { kind: 'momentum', learningRate: 0.1, nesterov: 'yes' } }, /^fit: optimizer\.nesterov must be true or false, got the string "yes"$/);
  refusedBy({ optimizer: { kind: 'adam', learningRate: '0.01' } }, /^fit: optimizer\.learningRate must be a number, got the string "0\.01"$/);
  // Ranges, for every caller of createOptimizer (the estimators and model files too).
  assert.throws(() => createOptimizer({ kind: 'momentum', learningRate: 0.1, momentum: 1.5 }), /^UsageError: momentum must be a number in \[0, 1\), got 1\.5$/);
  assert.throws(() => createOptimizer({ kind: 'adam', beta1: 1 }), /beta1 must be a number in \[0, 1\), got 1/);
  assert.throws(() => createOptimizer({ kind: 'adam', beta2: -0.1 }), /beta2 must be a number in \[0, 1\), got -0\.1/);
  assert.throws(() => createOptimizer({ kind: 'adam', epsilon: 0 }), /epsilon must be a positive number, got 0/);
  assert.doesNotThrow(() => createOptimizer({ kind: 'momentum', learningRate: 0.1, momentum: 0, nesterov: true }));
});

test('train and fitAsync check the same way', async () => {
  assert.throws(() => train(model(), { x, y }, loose({ shuffle: 'false' })).next(), /^UsageError: train: shuffle must be a boolean/);
  await assert.rejects(fitAsync(model(), { x, y }, loose({ sampling: 'bogus' })), /^UsageError: fitAsync: sampling: unknown sampling "bogus"/);
});

test('matrixSource takes one { x, y } of matrices, and says so', () => {
  assert.throws(() => matrixSource(loose(x)), /^UsageError: matrixSource takes one object \{ x, y \} of two matrices: write matrixSource\(\{ x, y \}\), not matrixSource\(x, y\)$/);
  assert.throws(() => matrixSource(loose({ x: [[0, 0]], y })), /^UsageError: matrixSource: x must be a Matrix \(for plain arrays: Matrix\.from\(rows\)\), got an array \[\[0,0\]\]$/);
  assert.throws(() => matrixSource(loose({ x })), /^UsageError: matrixSource: y must be a Matrix, got undefined$/);
  assert.equal(matrixSource({ x, y }).count, 4);
});

test('Mlp.create names the size it refuses by its place in sizes', () => {
  assert.throws(() => Mlp.create({ sizes: [2, 0, 1], backend }), /^UsageError: Mlp\.create: sizes\[1\] \(the size of hidden layer 1\) must be a positive integer, got 0$/);
  assert.throws(() => Mlp.create({ sizes: [2, 4, 0], backend }), /sizes\[2\] \(the output size\)/);
  assert.throws(() => Mlp.create(loose({ sizes: [1.5, 4], backend })), /sizes\[0\] \(the input size\) must be a positive integer, got 1\.5/);
});
