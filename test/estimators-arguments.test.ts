/**
 * Arguments a library user gets wrong in ways TypeScript does not always catch (a missing await,
 * one record where rows go, a Matrix from a second installed copy of backprop, a Matrix as y):
 * each is one UsageError that names the argument and the way out, never "got object" for
 * something that is a Promise, a record or a Matrix.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createReferenceBackend } from '../src/backend/reference.js';
import { UsageError } from '../src/errors/usage-error.js';
import { Classifier } from '../src/estimators/classifier.js';
import { Regressor } from '../src/estimators/regressor.js';
import { Matrix } from '../src/matrix.js';
import { Mlp } from '../src/nn/mlp.js';
import { fit } from '../src/train/train.js';
import { accuracy } from '../src/metrics.js';

const backend = createReferenceBackend();
/** Anything, as plain JavaScript would pass it. */
const loose = (value: unknown) => value as never;
const x = [[0, 0], [0, 1], [1, 0], [1, 1], [2, 1], [1, 2]];
const y = [1, 2, 3, 4, 5, 6];

async function rejects(run: () => Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(run, (error: unknown) => error instanceof UsageError && pattern.test(error.message), `expected a UsageError matching ${pattern}`);
}
function refuses(run: () => unknown, pattern: RegExp): void {
  assert.throws(run, (error: unknown) => error instanceof UsageError && pattern.test(error.message), `expected a UsageError matching ${pattern}`);
}

/** A Matrix as a second copy of the package makes it: the same shape, another class. */
class Matrix2 {
  readonly rows: number;
  readonly cols: number;
  data: Float32Array;
  constructor(rows: number, cols: number, data: Float32Array) {
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }
}
Object.defineProperty(Matrix2, 'name', { value: 'Matrix' });

test('a Promise given for X or y (a missing await) says to await it', async () => {
  const reg = new Regressor({ epochs: 2, backend });
  await rejects(() => reg.fit(loose(Promise.resolve(x)), y), /^X is a Promise, not the rows: await it first/);
  await rejects(() => reg.fit(x, loose(Promise.resolve(y))), /^y is a Promise, not the targets: await it first/);
  const clf = new Classifier({ epochs: 2, backend });
  await rejects(() => clf.fit(x, loose(Promise.resolve(y))), /^y is a Promise, not the labels: await it first/);
  await reg.fit(x, y);
  refuses(() => reg.predict(loose(Promise.resolve(x))), /^X is a Promise, not the rows: await it first/);
  refuses(() => reg.score(x, loose(Promise.resolve(y))), /^y is a Promise, not the targets: await it first/);
});

test('one record where rows go says to wrap it in an array', async () => {
  const reg = new Regressor({ epochs: 2, backend });
  await reg.fit(x.map(([a, b]) => ({ a, b })), y);
  refuses(() => reg.predict(loose({ a: 1, b: 2 })), /^X is one record \(\{"a":1,"b":2\}\), not an array of them: pass \[record\] for one row/);
  await rejects(() => new Regressor({ backend }).fit(loose({ a: 1, b: 2 }), loose(3)), /^X is one record/);
});

test('a Matrix from another copy of backprop is named as such, with the conversion', async () => {
  const foreign = new Matrix2(6, 2, Float32Array.from(x.flat()));
  const reg = new Regressor({ epochs: 2, backend });
  await rejects(() => reg.fit(loose(foreign), y), /^X is a Matrix from another copy of backprop .*npm ls backprop.*\{ data: X\.data, columns: X\.cols \}/);
  const net = Mlp.create({ sizes: [2, 3, 1], seed: 1, backend });
  refuses(() => net.predict(loose(foreign)), /^predict: x is a Matrix from another copy of backprop .*new Matrix\(x\.rows, x\.cols, x\.data\)/);
  refuses(() => fit(net, { x: loose(foreign), y: loose(new Matrix2(6, 1, Float32Array.from(y))) }, { epochs: 1 }), /^fit: x is a Matrix from another copy of backprop/);
  refuses(() => accuracy(loose(new Matrix2(1, 2, Float32Array.of(0, 1))), Matrix.from([[0, 1]])), /^accuracy: yTrue is a Matrix from another copy of backprop/);
});

test('y as a Matrix: a column of values is its values; wider ones are told what to pass', async () => {
  const reg = new Regressor({ epochs: 2, seed: 1, backend });
  await reg.fit(x, loose(Matrix.from(y.map((v) => [v]))));
  const plain = new Regressor({ epochs: 2, seed: 1, backend });
  await plain.fit(x, y);
  assert.deepEqual(reg.predict(x), plain.predict(x));
  await rejects(() => new Classifier({ backend }).fit(x, loose(Matrix.from(x))), /^y is a 6 x 2 Matrix: pass one label per row/);
});

test('predict while the first fit runs (a missing await on fit) says to await fit, not to call it', async () => {
  const reg = new Regressor({ epochs: 3, backend });
  const running = reg.fit(x, y);
  refuses(() => reg.predict(x), /^this regressor's fit has not finished yet: await it before using the model \(await model\.fit\(X, y\)\)$/);
  refuses(() => reg.toJSON(), /^this regressor's fit has not finished yet/);
  await running;
  assert.equal(reg.predict(x).length, x.length);
  const clf = new Classifier({ epochs: 3, backend });
  const online = clf.partialFit(x, y.map((v) => v % 2));
  refuses(() => clf.classes, /^this classifier's partialFit has not finished yet: await it before using the model \(await model\.partialFit\(X, y\)\)$/);
  await online;
  refuses(() => new Classifier().predict(x), /^this classifier is not fitted yet: call fit first$/);
});

test("scikit-learn's and Keras' option names in camelCase, warm_start, loss and tol name the setting to use", () => {
  refuses(() => new Classifier(loose({ maxIter: 200 })), /^unknown option "maxIter" \(scikit-learn's or Keras' name\): use epochs$/);
  refuses(() => new Regressor(loose({ randomState: 0 })), /^unknown option "randomState" .*: use seed$/);
  refuses(() => new Classifier(loose({ warm_start: true })), /^unknown option "warm_start" .*: use partialFit\(X, y\) to train the fitted network further, one pass a call \(fit starts afresh, as scikit-learn's default warm_start=False\)$/);
  refuses(() => new Classifier(loose({ warmStart: true })), /^unknown option "warmStart" .*: use partialFit/);
  refuses(() => new Classifier(loose({ loss: 'mse' })), /^unknown option "loss" .*: use Mlp with fit.*\(Classifier trains with crossEntropy, Regressor with mse\)$/);
  refuses(() => new Regressor(loose({ tol: 1e-4 })), /^unknown option "tol" .*: use earlyStopping: \{ patience, minDelta \}$/);
});

test("Keras' and scikit-learn's fit options with no equivalent say what to do instead", async () => {
  const reg = new Regressor({ epochs: 1, backend });
  await rejects(() => reg.fit(x, y, loose({ validationData: [x, y] })), /^fit has no option validationData \(Keras' validation_data\): score the held-out rows in onEpoch, onEpoch: \(\) => console\.log\(model\.score\(xVal, yVal\)\), or let fit hold out a part of X with new Regressor\(\{ validationSplit: 0\.1 \}\)$/);
  await rejects(() => reg.fit(x, y, loose({ validation_data: [x, y] })), /^fit has no option validation_data \(Keras' validation_data\): score the held-out rows in onEpoch/);
  await rejects(() => new Classifier({ backend }).fit(x, y, loose({ sampleWeight: y })), /^fit has no option sampleWeight \(scikit-learn's sample_weight\): rows are weighted equally; repeat a row to give it more weight$/);
  await rejects(() => new Classifier({ backend }).partialFit(x, y, loose({ classWeight: {} })), /^partialFit has no option classWeight \(Keras' class_weight\): rows are weighted equally; repeat the rows of a rare class to give it more weight$/);
});
