/**
 * What the estimators take as rows and labels, as a person passes them: records with different
 * keys (pandas' union), labels with stray spaces (trimmed as the table reader trims), cells of
 * types the table cannot hold (Date, bigint), and misuse reported as UsageErrors in the library's
 * terms (option names, not CLI flags).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Classifier, createReferenceBackend, fitModel, Regressor } from '../src/node.js';
import { UsageError } from '../src/errors/usage-error.js';

const backend = createReferenceBackend();
const n = 40;

test('record keys: the union over all records in first-seen order; a record without a key has a missing cell', async () => {
  const x = Array.from({ length: n }, (_, i) => (i === 0 ? { a: i } : i === 1 ? { a: i, c: i % 3, b: i * 2 } : { a: i, b: i * 2, c: i % 3 }));
  const warnings: string[] = [];
  const clf = new Classifier({ epochs: 2, missing: 'mean', backend, warn: (m) => warnings.push(m) });
  await clf.fit(x, x.map((_, i) => (i % 2 === 0 ? 'p' : 'q')));
  assert.deepEqual(clf.featureNames, ['a', 'c', 'b'], 'keys in the order first seen (row 2 names c before b)');
  assert.equal(clf.predict([{ a: 1 }, { a: 2, b: 4, c: 1 }]).length, 2, 'a record without b and c predicts with them imputed');
  // The same record gives the same answer alone or beside others; alone, a warning names the columns no record has.
  assert.deepEqual(clf.predictProba([{ a: 1, d: 3 }])[0], clf.predictProba([{ a: 1 }, { a: 2, b: 4, c: 1 }])[0]);
  assert.ok(warnings.some((w) => /no record has the columns "c", "b": imputed as missing cells/.test(w)), warnings.join('\n'));
  // Without imputation a record without a key is refused, alone or beside others.
  const strict = new Classifier({ epochs: 1, backend });
  await strict.fit(x.slice(2), x.slice(2).map((_, i) => (i % 2 === 0 ? 'p' : 'q')));
  assert.throws(() => strict.predict([{ a: 1, d: 3 }]), /no record has the columns "b", "c", which the model needs \(it was trained without imputing missing cells\)/);
  assert.throws(() => strict.predict([{ a: 1 }, { a: 2, b: 4, c: 1 }]), /missing cell in column "b"/);
  // The default missing: 'error' names the gap as a missing cell.
  await assert.rejects(new Classifier({ epochs: 1, backend }).fit(x, x.map((_, i) => (i % 2 === 0 ? 'p' : 'q'))), /missing cell in column "c"/);
});

test('text labels are trimmed as the table reader trims: fit, partialFit, classes, score', async () => {
  const x = Array.from({ length: n }, (_, i) => [i % 2, i]);
  const y = x.map((_, i) => (i % 2 === 0 ? (i % 4 === 0 ? 'Yes ' : 'Yes') : ' no'));
  const clf = new Classifier<string>({ epochs: 30, backend });
  await clf.fit(x, y);
  assert.deepEqual(clf.classes, ['Yes', 'no']);
  assert.ok(clf.score(x, y) > 0.9, 'score compares trimmed labels');
  const online = new Classifier<string>({ backend });
  await online.partialFit(x.slice(0, 4), y.slice(0, 4), { classes: [' no', 'Yes '] });
  assert.deepEqual(online.classes, ['no', 'Yes'], 'the given order, trimmed');
  await online.partialFit(x.slice(4, 8), y.slice(4, 8));
  await assert.rejects(new Classifier({ backend }).partialFit(x, y, { classes: ['Yes', 'Yes ', 'no'] }), /classes holds the same label twice/);
  const cased = new Classifier<string>({ epochs: 1, backend });
  await cased.fit(x, x.map((_, i) => (i % 2 === 0 ? 'Yes' : 'yes')));
  assert.deepEqual(cased.classes, ['Yes', 'yes'], 'case is kept');
});

test('invalid Date, bigint and object cells are UsageErrors naming row and column; a valid Date is its ISO text', async () => {
  const dated = Array.from({ length: n }, (_, i) => ({ d: new Date(i === 3 ? Number.NaN : Date.UTC(2020, 0, i + 1)), x: i }));
  const y = dated.map((_, i) => (i % 2 === 0 ? 'a' : 'b'));
  await assert.rejects(new Classifier({ epochs: 1, backend }).fit(dated, y), (e: unknown) => e instanceof UsageError && /^row 4, column "d": an invalid Date \(new Date of text it could not read\)/.test(e.message));
  const valid = dated.map((row, i) => ({ ...row, d: new Date(Date.UTC(2020, 0, i + 1)) }));
  const byDate = new Classifier({ epochs: 1, backend });
  await byDate.fit(valid, y);
  assert.deepEqual(byDate.predictProba([{ d: new Date(Date.UTC(2020, 0, 5)), x: 1 }]), byDate.predictProba([{ d: '2020-01-05', x: 1 }]));
  const big = Array.from({ length: n }, (_, i) => [i, BigInt(i)]);
  await assert.rejects(new Regressor({ epochs: 1, backend }).fit(big as never, big.map((_, i) => i)), (e: unknown) => e instanceof UsageError && /row 1, column "x2": a bigint .*Number\(value\)/.test(e.message));
  await assert.rejects(new Regressor({ epochs: 1, backend }).fit([[1], [2]], [1, { v: 2 }] as never), (e: unknown) => e instanceof UsageError && /row 2, target: an object is not a cell value/.test(e.message));
  const clf = new Classifier({ epochs: 1, backend });
  await clf.fit(dated.map(({ x }) => ({ x, d: x % 7 })), y);
  assert.throws(() => clf.predict([{ x: 1, d: new Date(Number.NaN) }]), (e: unknown) => e instanceof UsageError && /row 1, column "d": an invalid Date/.test(e.message));
  await assert.rejects(new Classifier({ backend }).fit([[1], [2]], ['a', null] as never), (e: unknown) => e instanceof UsageError && /labels must be strings, numbers or booleans, got null \(a missing label\)/.test(e.message));
});

test('misuse is a UsageError, and library messages name options, not CLI flags', async () => {
  const isUsage = (pattern: RegExp) => (e: unknown) => e instanceof UsageError && pattern.test(e.message);
  await assert.rejects(new Classifier({ backend }).fit([[1], [2]], ['a', 'b', 'a']), isUsage(/X has 2 rows but y has 3 targets/));
  assert.throws(() => new Classifier().predict([[1]]), isUsage(/not fitted yet/));
  assert.throws(() => new Regressor({ epochs: 0 }), isUsage(/epochs must be a positive whole number/));
  const x = Array.from({ length: n }, (_, i) => ({ age: i, plan: i % 4 === 0 ? null : 'basic' }));
  const y = x.map((_, i) => (i % 2 === 0 ? 'a' : 'b'));
  await assert.rejects(new Classifier({ epochs: 1, backend }).fit(x, y), (e: unknown) => e instanceof Error && /choose the option missing: 'drop', 'mean'/.test(e.message) && !/--/.test(e.message));
  await assert.rejects(new Regressor({ epochs: 1, backend }).fit([[1], [2], [3]], [1, NaN, 3]), (e: unknown) => e instanceof Error && /\(the option missing: 'drop'\)/.test(e.message) && !/--/.test(e.message));
  const strict = new Classifier({ epochs: 1, backend });
  await strict.fit(x.map(({ age }) => [age]), y);
  assert.throws(() => strict.score({ data: new Float32Array(3), columns: 2 }, ['a']), isUsage(/X\.data holds 3 values, which do not split into rows of 2 columns \(1 row and 1 value left over\)/));
  assert.throws(() => strict.predict([[null]]), (e: unknown) => e instanceof Error && /fit with the option missing: 'mean', 'median' or 'most-frequent'/.test(e.message));
  const { taskReason } = await fitModel(x.map(({ age }) => [age]), x.map(({ age }) => age * 1000), { epochs: 1, backend });
  assert.match(taskReason, /the option task: 'classification'/);
});

test("fit passes the reader's notes to the warn option, in the library's terms", async () => {
  const warnings: string[] = [];
  const x = Array.from({ length: 40 }, (_, i) => [i, (i * 7) % 5]);
  const y = x.map((_, i) => (i % 3 === 0 ? 'Yes' : i % 3 === 1 ? 'yes' : 'no'));
  await new Classifier({ hiddenLayers: [4], epochs: 1, seed: 1, backend: createReferenceBackend(), warn: (m) => warnings.push(m) }).fit(x, y);
  assert.ok(warnings.some((w) => /^target "y" has labels that differ only in case or spaces \("Yes" \/ "yes"\)/.test(w)), warnings.join('\n'));
  assert.ok(warnings.some((w) => /^column "x1" counts rows .*: it looks like an identifier; leave it out of X$/.test(w)), warnings.join('\n'));
  assert.ok(warnings.every((w) => !w.includes('--')), 'no CLI flags in library notes');
});

test('a "?" or "-" where a number goes in predict says how to give a missing cell, and what the model does with it', async () => {
  const x = Array.from({ length: n }, (_, i) => ({ a: i, b: i % 5 }));
  const y = x.map((_, i) => (i % 2 === 0 ? 'p' : 'q'));
  const strict = new Classifier({ epochs: 1, backend });
  await strict.fit(x, y);
  assert.throws(() => strict.predict([{ a: 1, b: '?' }]), /row 1: "\?" in column "b" is not a number; if it marks a missing value, leave the cell empty: the model refuses it there \(trained without imputing missing cells\)$/);
  const imputing = new Classifier({ epochs: 1, backend, missing: 'mean' });
  await imputing.fit(x, y);
  assert.throws(() => imputing.predict([{ a: 1, b: '-' }]), /"-" in column "b" is not a number; if it marks a missing value, leave the cell empty: the model fills it with the value fitted in training$/);
  assert.equal(imputing.predict([{ a: 1, b: '' }]).length, 1);
  // Other text gets no such hint.
  assert.throws(() => strict.predict([{ a: 1, b: 'seven' }]), /"seven" in column "b" is not a number$/);
});

test('a row of the wrong length names its cell count in words ("1 cell") and the columns, cut when many', async () => {
  const x = Array.from({ length: n }, (_, i) => Array.from({ length: 12 }, (_, j) => i + j));
  const clf = new Classifier({ epochs: 1, backend });
  await clf.fit(x, x.map((_, i) => (i % 2 === 0 ? 'p' : 'q')));
  assert.throws(() => clf.predict([[1]]), /row 1: 1 cell, the model needs 12 \(x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, … and 2 more\)$/);
});

test('a record whose key nearly names a column the model needs (case, a typo) is offered that key', async () => {
  const x = Array.from({ length: n }, (_, i) => ({ age: i, income: i % 5 }));
  const clf = new Classifier({ epochs: 1, backend });
  await clf.fit(x, x.map((_, i) => (i % 2 === 0 ? 'p' : 'q')));
  assert.throws(() => clf.predict([{ Age: 3, incme: 2 }]), /no record has the columns "age", "income", which the model needs \(it was trained without imputing missing cells\); did you mean "Age" for "age", "incme" for "income"\? \(keys are matched exactly\)$/);
});
