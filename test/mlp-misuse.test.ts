/**
 * The engine-level network from plain JavaScript: Mlp.create's options and Mlp.predict's inputs
 * are checked with one line naming the option, row or column, instead of a TypeError from deep
 * inside, a misspelt option silently ignored, or a string cell read as its number.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createReferenceBackend } from '../src/backend/reference.js';
import { UsageError } from '../src/errors/usage-error.js';
import { Matrix } from '../src/matrix.js';
import { Mlp } from '../src/nn/mlp.js';
import { parseInit } from '../src/nn/init.js';
import { predictAsync } from '../src/nn/predict-async.js';

const backend = createReferenceBackend();
/** Anything, as plain JavaScript would pass it. */
const loose = (value: unknown) => value as never;

function usage(pattern: RegExp): (error: unknown) => boolean {
  return (error: unknown) => error instanceof UsageError && pattern.test(error.message);
}

test('Mlp.create: no sizes, a misspelt option, string sizes and initialisers it cannot draw from are one line each', () => {
  assert.throws(() => Mlp.create(loose({})), usage(/^Mlp\.create needs sizes, the layer sizes from input to output \(e\.g\. \{ sizes: \[4, 16, 3\] \}\), got none$/));
  assert.throws(() => Mlp.create(loose([4, 3])), usage(/^Mlp\.create takes options such as \{ sizes: \[4, 16, 3\] \}, got an array \(pass it as \{ sizes \}\)$/));
  assert.throws(() => Mlp.create(loose({ sizes: [2, 3], activaton: 'tanh', backend })), usage(/^Mlp\.create: unknown option "activaton"; did you mean "activation"\?/));
  assert.throws(() => Mlp.create(loose({ sizes: ['4', 3], backend })), usage(/^Mlp\.create: sizes\[0\] \(the input size\) must be a positive integer, got the string "4"$/));
  assert.throws(() => Mlp.create(loose({ sizes: [2, 3], init: 'he', backend })), usage(/^init: unknown initialiser "he"; did you mean "heNormal" or "heUniform"\? \(one of xavierNormal, .*\{ kind: 'normal', sd \}/));
  assert.throws(() => Mlp.create(loose({ sizes: [2, 3], init: 'glorot_uniform', backend })), usage(/^init: unknown initialiser "glorot_uniform"; did you mean "xavierUniform"\? /));
  assert.throws(() => Mlp.create(loose({ sizes: [2, 3], init: 'kaiming_normal', backend })), usage(/^init: unknown initialiser "kaiming_normal"; did you mean "heNormal"\? /));
  assert.throws(() => Mlp.create(loose({ sizes: [2, 3], init: 'lecun_normal', backend })), usage(/^init: unknown initialiser "lecun_normal"; did you mean "fanIn"\? /));
  assert.throws(() => parseInit('glorot_normal'), usage(/^unknown initialiser "glorot_normal"; did you mean "xavierNormal"\? \(one of xavierNormal, .*constant:VALUE\)$/));
  assert.throws(() => Mlp.create(loose({ sizes: [2, 3], init: 'heNormall', backend })), usage(/^init: unknown initialiser "heNormall"; did you mean "heNormal"\?/));
  assert.throws(() => Mlp.create(loose({ sizes: [2, 3], init: { kind: 'heNormal' }, backend })), usage(/^init: heNormal is an initialiser's name, not a kind: pass init: 'heNormal'$/));
  assert.throws(() => Mlp.create(loose({ sizes: [2, 3], init: { kind: 'normal' }, backend })), usage(/^init: normal needs a number sd above 0/));
  assert.throws(() => Mlp.create(loose({ sizes: [2, 3], init: 'uniform', backend })), usage(/^init: "uniform" needs its parameters, as an object/));
  assert.throws(() => Mlp.create(loose({ sizes: [2, 3], biasInit: { kind: 'uniform', low: 1, high: 0 }, backend })), usage(/^biasInit: uniform needs numbers low < high/));
  assert.doesNotThrow(() => Mlp.create({ sizes: [2, 3], init: { kind: 'fanNormal', fan: 'out' }, biasInit: { kind: 'constant', value: 0.1 }, backend }));
});

test('Mlp.predict: a 1-D array, no rows, ragged rows and text cells name the row (1-based) and column', async () => {
  const model = Mlp.create({ sizes: [2, 3, 1], seed: 1, backend });
  assert.throws(() => model.predict(loose([0, 1])), usage(/^predict: x is a 1-D array \(\[0,1\]\): pass rows, e\.g\. \[x\] for one row$/));
  assert.throws(() => model.predict([]), usage(/^predict: x has no rows$/));
  assert.throws(() => model.predict([[0, 1], [1]]), usage(/^predict: the model expects 2 input values per row, got 1 in row 2$/));
  assert.throws(() => model.predict(loose([[0, '1']])), usage(/^predict: row 1, column 2 is the string "1", not a number \(Mlp takes prepared numbers; Classifier and Regressor read raw cells\)$/));
  assert.throws(() => model.activations(loose([[0, null]])), usage(/^activations: row 1, column 2 is null, not a number/));
  assert.throws(() => model.predict(loose(new Float32Array(4))), usage(/a flat Float32Array \(wrap it: new Matrix\(rows, 2, data\)\)/));
  await assert.rejects(predictAsync(model, [[1, 2, 3]]), usage(/^predictAsync: the model expects 2 input values per row, got 3 in row 1$/));
  assert.deepEqual(model.predict([[0, 1], [1, 0]]).data, model.predict(Matrix.from([[0, 1], [1, 0]])).data, 'rows as arrays and as a Matrix agree');
});
