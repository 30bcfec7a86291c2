/**
 * Plain-JavaScript mistakes with the estimators get a UsageError naming the option or argument
 * and what to pass instead (TypeScript catches most of them at compile time; JavaScript does not):
 * unknown or ill-typed options, X that is not rows, labels that are one-hot or of mixed types.
 * Column vectors ([[1], [2]]) are taken as one target per row.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createReferenceBackend } from '../src/backend/reference.js';
import { UsageError } from '../src/errors/usage-error.js';
import { Classifier } from '../src/estimators/classifier.js';
import { Regressor } from '../src/estimators/regressor.js';
import { Mlp } from '../src/nn/mlp.js';

const backend = createReferenceBackend();
/** Anything, as plain JavaScript would pass it. */
const loose = (value: unknown) => value as never;
const x = Array.from({ length: 24 }, (_, i) => [i % 2, (i * 7) % 5]);
const labels = x.map(([a]) => (a === 1 ? 'on' : 'off'));

function refuses(run: () => unknown, pattern: RegExp): void {
  assert.throws(run, (error: unknown) => error instanceof UsageError && pattern.test(error.message), `expected a UsageError matching ${pattern}`);
}

async function rejects(run: () => Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(run, (error: unknown) => error instanceof UsageError && pattern.test(error.message));
}

test('options: an unknown name gets a did-you-mean, a value of the wrong type names the option and what it got', () => {
  refuses(() => new Classifier(loose({ hiddenLayer: [4] })), /unknown option "hiddenLayer"; did you mean "hiddenLayers"\?/);
  refuses(() => new Classifier(loose({ earlyStopping: true })), /earlyStopping must be a patience in epochs \(e\.g\. 5\) or \{ patience, minDelta \}, got boolean true/);
  refuses(() => new Regressor(loose({ learningRate: '0.1' })), /learningRate must be a number, got the string "0\.1"/);
  refuses(() => new Classifier(loose({ hiddenLayers: 16 })), /hiddenLayers must be an array, got number 16/);
  refuses(() => new Classifier(loose({ activation: 'rleu' })), /unknown activation "rleu"; did you mean "relu"\?/);
  refuses(() => new Classifier(loose({ optimizer: 'adma' })), /unknown optimizer "adma"; did you mean "adam"\?/);
  refuses(() => new Classifier(loose({ missing: 'average' })), /unknown missing policy "average"/);
  refuses(() => new Classifier(loose([4])), /the options must be an object/);
  assert.doesNotThrow(() => new Classifier({ hiddenLayers: [4], earlyStopping: { patience: 3 }, backend }));
});

test('Mlp.create: an unknown activation is a UsageError with a did-you-mean', () => {
  refuses(() => Mlp.create({ sizes: [2, 3, 1], activation: loose('sigmod'), backend }), /unknown activation "sigmod"; did you mean "sigmoid"\?/);
});

test('X: undefined, text, a flat typed array, a 1-D array and rows without values each say what to pass', async () => {
  const clf = new Classifier({ epochs: 1, backend });
  await rejects(() => clf.fit(loose(undefined), labels), /X must be an array of rows \(number\[\]\[\]\), an array of records, a Matrix or \{ data, columns \}, got undefined/);
  await rejects(() => clf.fit(loose('abc'), labels), /got the string "abc"/);
  await rejects(() => clf.fit(loose(Float32Array.from(x.flat())), labels), /X is a flat Float32Array of 48 values: pass \{ data: X, columns: N \}/);
  await rejects(() => clf.fit(loose([[], []]), ['a', 'b']), /row 1 of X has no values/);
  await clf.fit(x, labels);
  refuses(() => clf.predict(loose([0, 1])), /X is a 1-D array \(\[0,1\]\): pass rows, e\.g\. \[\[0,1\]\]/);
});

test('y: one-hot rows and mixed label types are refused with the fix; column vectors are one target per row', async () => {
  await rejects(() => new Classifier({ epochs: 1, backend }).fit(x, loose(x.map(([a]) => (a === 1 ? [0, 1] : [1, 0])))), /y looks one-hot encoded \(row 1 is \[1,0\]\): pass one label per row, e\.g\. y\.map\(\(row\) => row\.indexOf\(1\)\)/);
  await rejects(() => new Classifier({ epochs: 1, backend }).fit(x, loose(x.map(([a], i) => (a === 1 ? 1 : i % 3 === 0 ? 'b' : 0)))), /y mixes label types, strings \("b"\) and numbers \(1\): use one type for every label/);
  await rejects(() => new Regressor({ epochs: 1, backend }).fit(x, loose(x.map(([a, b]) => [a, b]))), /y must hold one target per row, but row 1 is \[0,0\] \(several targets per row/);
  const column = new Regressor({ epochs: 3, seed: 2, backend });
  const flat = new Regressor({ epochs: 3, seed: 2, backend });
  const y = x.map(([a, b]) => a! + 2 * b!);
  await column.fit(x, loose(y.map((v) => [v])));
  await flat.fit(x, y);
  assert.deepEqual(column.predict(x), flat.predict(x), 'a column vector trains exactly as the flat targets');
  assert.equal(column.score(x, loose(y.map((v) => [v]))), flat.score(x, y));
  const clf = new Classifier({ epochs: 3, seed: 2, backend });
  await clf.fit(x, loose(labels.map((l) => [l])));
  assert.deepEqual(clf.classes, ['off', 'on']);
});
