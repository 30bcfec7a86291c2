/**
 * The engine's functions (fit, train, fitAsync, trainAsync, evaluateAsync, predictAsync,
 * gradcheck, modelToJson) given something other than an Mlp: a Classifier (mixing the two APIs),
 * a Promise (loadMlp without await), an Mlp of another copy of backprop or a plain object. Each is
 * one UsageError naming the call and what to pass, never "the model expects undefined" or a TypeError.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createReferenceBackend } from '../src/backend/reference.js';
import { UsageError } from '../src/errors/usage-error.js';
import { Classifier } from '../src/estimators/classifier.js';
import { modelToJson } from '../src/io/model-json.js';
import { Matrix } from '../src/matrix.js';
import { Mlp } from '../src/nn/mlp.js';
import { predictAsync } from '../src/nn/predict-async.js';
import { gradcheck } from '../src/train/gradcheck.js';
import { evaluateAsync, fitAsync, trainAsync } from '../src/train/train-async.js';
import { fit, train } from '../src/train/train.js';
import { setDefaultBackend } from '../src/backend/default.js';

const backend = createReferenceBackend();
const loose = (value: unknown) => value as never;
const x = Matrix.from([[0, 0], [1, 1], [0, 1], [1, 0]]);
const y = Matrix.from([[1, 0], [0, 1], [0, 1], [1, 0]]);

/** Every engine entry point, called with `model`. */
function calls(model: unknown): [string, () => unknown][] {
  return [
    ['fit', () => fit(loose(model), { x, y }, { epochs: 1 })],
    ['train', () => train(loose(model), { x, y }, { epochs: 1 }).next()],
    ['fitAsync', () => fitAsync(loose(model), { x, y }, { epochs: 1 })],
    ['trainAsync', () => trainAsync(loose(model), { x, y }, { epochs: 1 }).next()],
    ['evaluateAsync', () => evaluateAsync(loose(model), { x, y }, { loss: 'crossEntropy', task: 'classification' })],
    ['predictAsync', () => predictAsync(loose(model), x)],
    ['gradcheck', () => gradcheck(loose(model), x.clone('float64'), y.clone('float64'))],
    ['modelToJson', () => modelToJson(loose(model))],
  ];
}

async function refusesAll(model: unknown, pattern: (call: string) => RegExp): Promise<void> {
  for (const [call, run] of calls(model)) {
    await assert.rejects(async () => run(), (e: unknown) => e instanceof UsageError && pattern(call).test(e.message), `${call}: expected a UsageError matching ${pattern(call)}`);
  }
}

test('a Classifier given to the engine is told to pass its network, or use its own methods', async () => {
  const clf = new Classifier({ epochs: 2, seed: 1, backend });
  await clf.fit([[0, 0], [1, 1], [0, 1], [1, 0]], ['a', 'b', 'b', 'a']);
  await refusesAll(clf, (call) => new RegExp(`^${call} takes an Mlp, got a Classifier: pass model\\.network \\(the engine-level Mlp, whose inputs are prepared: model\\.preprocessing\\), or use the Classifier's own fit, predict and score$`));
  // The network itself is what the engine takes.
  assert.equal(gradcheck(clf.network, x.clone('float64'), y.clone('float64')).layers.length, 2);
});

test('a Promise, an Mlp of another copy and a plain object are named', async () => {
  await refusesAll(Promise.resolve(Mlp.create({ sizes: [2, 2], seed: 1, backend })), (call) => new RegExp(`^${call}: the model is a Promise: await it first \\(await loadMlp\\(path\\)\\)$`));
  await refusesAll({ layers: [] }, (call) => new RegExp(`^${call} takes an Mlp \\(Mlp\\.create\\(\\{ sizes \\}\\), loadMlp\\(path\\) or Mlp\\.fromJSON\\(json\\)\\), got an object with layers$`));
  class Mlp2 { layers = []; }
  Object.defineProperty(Mlp2, 'name', { value: 'Mlp' });
  await refusesAll(new Mlp2(), (call) => new RegExp(`^${call}: the model is an Mlp from another copy of backprop \\(two copies installed or bundled: npm ls backprop lists them\\): keep one copy, or rebuild it with this copy's Mlp\\.fromJSON\\(model\\.toJSON\\(\\)\\)$`));
});

test('a backend given as a Promise (loadWasmBackend without await) is named, and setDefaultBackend checks its argument', () => {
  const pending = Promise.resolve(backend);
  const refuses = (run: () => unknown, pattern: RegExp) => assert.throws(run, (e: unknown) => e instanceof UsageError && pattern.test(e.message), `expected a UsageError matching ${pattern}`);
  refuses(() => setDefaultBackend(loose(pending)), /^setDefaultBackend: backend must be a Backend such as createReferenceBackend\(\) or await loadBackend\('wasm'\), got a Promise \(await it first\)$/);
  refuses(() => setDefaultBackend(loose('wasm')), /^setDefaultBackend: backend must be a Backend .*got the string "wasm" \(load it first: backend: await loadBackend\("wasm"\)\)$/);
  refuses(() => Mlp.create({ sizes: [2, 2], backend: loose(pending) }), /^Mlp\.create: backend must be a Backend .*got a Promise \(await it first\)$/);
  // The default is unchanged: models are still made on a working backend.
  assert.equal(Mlp.create({ sizes: [2, 2], seed: 1 }).predict(x).rows, 4);
});

test('an optimizer object without a kind says what to write, not "unknown optimizer undefined undefined"', () => {
  const model = Mlp.create({ sizes: [2, 2], seed: 1, backend });
  const refuses = (optimizer: unknown, pattern: RegExp) => assert.throws(() => fit(model, { x, y }, { optimizer: loose(optimizer), epochs: 1 }), (e: unknown) => e instanceof UsageError && pattern.test(e.message), `expected a UsageError matching ${pattern}`);
  refuses({ learningRate: 0.1 }, /^fit: optimizer needs a kind: \{ kind: 'sgd' \| 'momentum' \| 'adam', learningRate: 0\.1 \}, or an Optimizer from createOptimizer$/);
  refuses({}, /^fit: optimizer needs a kind: \{ kind: 'sgd' \| 'momentum' \| 'adam', learningRate: 0\.01 \}/);
  refuses({ kind: 'adamw' }, /^fit: optimizer\.kind: unknown optimizer "adamw"; did you mean "adam"\?/);
});
