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
