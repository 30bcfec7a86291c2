/**
 * exportOnnx and standalonePredictor take what a library user has in hand: a fitted Classifier
 * or Regressor exports as its model file does (the bytes `backprop export` writes from it), a
 * Promise (a loadModel without await) or anything else is one UsageError naming the argument,
 * never "Cannot read properties of undefined".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createReferenceBackend } from '../src/backend/reference.js';
import { UsageError } from '../src/errors/usage-error.js';
import { Classifier } from '../src/estimators/classifier.js';
import { Regressor } from '../src/estimators/regressor.js';
import { standalonePredictor } from '../src/export/standalone.js';
import { Mlp } from '../src/nn/mlp.js';
import { exportOnnx } from '../src/onnx/export.js';

const backend = createReferenceBackend();
const loose = (value: unknown) => value as never;
const rows = Array.from({ length: 20 }, (_, i) => ({ size: (i * 7) % 11, plan: ['pro', 'free', null][i % 3] }));

test('a fitted Classifier or Regressor exports as its model file does', async () => {
  const clf = new Classifier({ epochs: 3, seed: 1, missing: 'most-frequent', backend });
  await clf.fit(rows, rows.map((r) => (r.size > 5 ? 'big' : 'small')));
  const file = Mlp.fromJSON(JSON.parse(JSON.stringify(clf.toJSON())));
  assert.deepEqual(exportOnnx(clf), exportOnnx(file));
  assert.deepEqual(standalonePredictor(clf, 'js'), standalonePredictor(file, 'js'));
  const reg = new Regressor({ epochs: 3, seed: 1, backend });
  await reg.fit([[1, 2], [2, 1], [3, 3], [4, 1]], [10, 20, 30, 40]);
  const regFile = Mlp.fromJSON(JSON.parse(JSON.stringify(reg.toJSON())));
  assert.deepEqual(exportOnnx(reg), exportOnnx(regFile));
  assert.deepEqual(standalonePredictor(reg, 'ts'), standalonePredictor(regFile, 'ts'));
  assert.throws(() => exportOnnx(new Classifier()), (e: unknown) => e instanceof UsageError && /^this classifier is not fitted yet: call fit first$/.test(e.message));
});

test('a Promise or something that is no model is named, not a TypeError', () => {
  const refuses = (run: () => unknown, pattern: RegExp) => assert.throws(run, (e: unknown) => e instanceof UsageError && pattern.test(e.message), `expected a UsageError matching ${pattern}`);
  refuses(() => exportOnnx(loose(Promise.resolve({}))), /^exportOnnx: the model is a Promise: await it first \(await loadModel\(path\)\)$/);
  refuses(() => standalonePredictor(loose(Promise.resolve({})), 'js'), /^standalonePredictor: the model is a Promise/);
  refuses(() => exportOnnx(loose({ layers: [] })), /^exportOnnx takes an Mlp or a fitted Classifier or Regressor, got an object with layers$/);
  refuses(() => standalonePredictor(loose('model.json'), 'js'), /^standalonePredictor takes an Mlp or a fitted Classifier or Regressor, got the string "model\.json" \(load the file first: await loadModel\(path\)\)$/);
});
