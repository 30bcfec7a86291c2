/**
 * fit's callback and signal as a library user writes them: an async onEpoch (tfjs' onEpochEnd is
 * awaited, so Keras users write them) is awaited and its rejection rejects fit with its own error,
 * never an unhandled rejection; a signal already aborted rejects before anything changes, so a
 * fitted model keeps its network (an AbortSignal.timeout that fired early must not reset the model).
 * The engine's fitAsync awaits its onEvent in the same way.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createReferenceBackend } from '../src/backend/reference.js';
import { Classifier } from '../src/estimators/classifier.js';
import { Regressor } from '../src/estimators/regressor.js';
import { Matrix } from '../src/matrix.js';
import { Mlp } from '../src/nn/mlp.js';
import { fitAsync } from '../src/train/train-async.js';
import { fit } from '../src/train/train.js';
import { UsageError } from '../src/errors/usage-error.js';

const backend = createReferenceBackend();
const x = Array.from({ length: 12 }, (_, i) => [i, (i * 5) % 7]);
const y = x.map(([a, b]) => 3 * a! - b! + 10);

test('an async onEpoch is awaited before the next epoch, and its rejection rejects fit with its own error', async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    const order: string[] = [];
    const reg = new Regressor({ epochs: 3, seed: 1, backend });
    await reg.fit(x, y, {
      onEpoch: async (e) => {
        order.push(`start ${e.epoch}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        order.push(`end ${e.epoch}`);
      },
    });
    assert.deepEqual(order, ['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);

    let calls = 0;
    const failing = new Regressor({ epochs: 5, seed: 1, backend });
    await assert.rejects(
      failing.fit(x, y, { onEpoch: async (e) => { calls++; if (e.epoch === 2) throw new RangeError('my callback broke'); } }),
      (error: unknown) => error instanceof RangeError && error.message === 'my callback broke',
    );
    assert.equal(calls, 2, 'training stops at the epoch whose callback rejected');
    assert.equal(failing.metadata.trainedEpochs, 2);
    assert.equal(failing.predict([[1, 2]]).length, 1, 'the model keeps the weights of the epochs run');

    const clf = new Classifier({ epochs: 2, seed: 1, backend });
    await assert.rejects(clf.partialFit(x, x.map(([a]) => a! % 2 === 0), { onEpoch: () => Promise.reject(new Error('partial callback')) }), /^Error: partial callback$/);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(unhandled, [], 'no rejection of a callback goes unhandled');
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});

test('a signal already aborted rejects fit and partialFit before the fitted model is touched', async () => {
  const reg = new Regressor({ epochs: 30, seed: 1, backend });
  await reg.fit(x, y);
  const before = reg.predict(x);
  const network = reg.network;
  const reason = new Error('cancelled by the user');
  await assert.rejects(reg.fit(x, y, { signal: AbortSignal.abort(reason) }), (error: unknown) => error === reason);
  await assert.rejects(reg.partialFit(x, y, { signal: AbortSignal.abort() }), { name: 'AbortError' });
  assert.equal(reg.network, network, 'the fitted network is kept, not replaced by an untrained one');
  assert.deepEqual(reg.predict(x), before);
  assert.equal(reg.metadata.trainedEpochs, 30);
  assert.notEqual(reg.history?.stopReason, 'aborted', 'history is the completed fit, not an aborted one');

  const fresh = new Classifier({ epochs: 3, seed: 1, backend });
  await assert.rejects(fresh.partialFit(x, x.map(([a]) => a! % 2), { signal: AbortSignal.abort() }), { name: 'AbortError' });
  assert.throws(() => fresh.predict(x), /not fitted yet: call fit first/, 'an aborted first call leaves no untrained network behind');
});

test('a validationSplit that holds out no row of a small X is refused, not trained without validation', async () => {
  const three = x.slice(0, 3);
  await assert.rejects(
    new Regressor({ validationSplit: 0.2, epochs: 2, backend }).fit(three, y.slice(0, 3)),
    (error: unknown) => error instanceof UsageError && error.message === 'validationSplit 0.2 of 3 rows holds out no row (3 × 0.2 rounds down to 0), so fit would run without validation: give at least 5 rows, a validationSplit of at least 0.34, or leave validationSplit out',
  );
  await assert.rejects(
    new Classifier({ validationSplit: 0.1, earlyStopping: 2, epochs: 2, backend }).fit(x.slice(0, 4), [0, 1, 0, 1]),
    /^UsageError: validationSplit 0\.1 of 4 rows holds out no row \(4 × 0\.1 rounds down to 0\), so fit would run without validation and earlyStopping would watch the training loss: give at least 10 rows, a validationSplit of at least 0\.25, or leave validationSplit out$/,
  );
  await assert.rejects(new Regressor({ validationSplit: 0.5, backend }).fit([[1]], [1]), /^UsageError: validationSplit 0\.5 of 1 row holds out no row .*: one row cannot be split, leave validationSplit out$/);
  const history = await new Regressor({ validationSplit: 0.34, epochs: 2, backend }).fit(three, y.slice(0, 3));
  assert.equal(typeof history.epochs[0]?.validationLoss, 'number', 'one row of three is held out');
});

test("the engine's fit refuses a validationSplit that holds out no row too (it trained without validation, silently)", () => {
  const model = Mlp.create({ sizes: [2, 3, 1], seed: 1, backend });
  const data = { x: Matrix.from(x.slice(0, 4)), y: Matrix.from(y.slice(0, 4).map((v) => [v / 30])) };
  assert.throws(
    () => fit(model, data, { epochs: 1, loss: 'mse', validationSplit: 0.2, earlyStopping: { patience: 2 } }),
    /^UsageError: validationSplit 0\.2 of 4 rows holds out no row \(4 × 0\.2 rounds down to 0\), so fit would run without validation and earlyStopping would watch the training loss: give at least 5 rows, a validationSplit of at least 0\.25, or leave validationSplit out$/,
  );
  assert.equal(typeof fit(model, data, { epochs: 1, loss: 'mse', validationSplit: 0.25 }).epochs[0]?.validationLoss, 'number', 'one row of four is held out');
});

test("the engine's fitAsync awaits an async onEvent too, and rejects with the callback's error", async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    const model = Mlp.create({ sizes: [2, 3, 1], seed: 1, backend });
    const data = { x: Matrix.from(x), y: Matrix.from(y.map((v) => [v / 30])) };
    const order: string[] = [];
    await fitAsync(model, data, { epochs: 2, batchSize: 12, loss: 'mse', onEvent: async (e) => { if (e.type !== 'epoch') return; order.push(`start ${e.epoch}`); await new Promise((resolve) => setTimeout(resolve, 5)); order.push(`end ${e.epoch}`); } });
    assert.deepEqual(order, ['start 1', 'end 1', 'start 2', 'end 2']);
    await assert.rejects(fitAsync(model, data, { epochs: 3, onEvent: async (e) => { if (e.type === 'epoch') throw new RangeError('engine callback'); } }), /^RangeError: engine callback$/);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(unhandled, []);
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});

test('predict inside onEpoch uses the weights trained so far; on a refit, those of the new network', async () => {
  const reg = new Regressor({ epochs: 20, seed: 1, backend });
  await reg.fit(x, y);
  const before = reg.predict(x);
  const seen: number[][] = [];
  await reg.fit(x, y.map((v) => -v), { onEpoch: () => { seen.push(reg.predict(x)); } });
  assert.equal(seen.length, 20);
  assert.notDeepEqual(seen[0], before, 'the first epoch of the refit predicts with the new network');
  assert.deepEqual(seen.at(-1), reg.predict(x), 'the last epoch predicts what the fitted model predicts');
});
