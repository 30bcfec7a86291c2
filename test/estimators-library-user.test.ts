/**
 * A stranger calling the estimators from plain JavaScript with what scikit-learn, Keras and
 * PyTorch habits suggest: each wrong call is a UsageError naming the argument (and row, column
 * or option) with what to do, instead of being ignored, crashing with a TypeError, or training
 * on something else than was meant.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { createReferenceBackend } from '../src/backend/reference.js';
import { BackpropError } from '../src/errors/backprop-error.js';
import { ResourceLimitError } from '../src/errors/resource-limit-error.js';
import { UsageError } from '../src/errors/usage-error.js';
import { Classifier } from '../src/estimators/classifier.js';
import { fitModel } from '../src/estimators/fit-model.js';
import { loadModel, saveModel } from '../src/estimators/node.js';
import { Regressor } from '../src/estimators/regressor.js';
import { loadModelFromJSON } from '../src/estimators/load.js';
import { Matrix } from '../src/matrix.js';
import { Mlp } from '../src/nn/mlp.js';

const backend = createReferenceBackend();
/** Anything, as plain JavaScript would pass it. */
const loose = (value: unknown) => value as never;
const x = Array.from({ length: 24 }, (_, i) => [i % 2, (i * 7) % 5]);
const labels = x.map(([a]) => (a === 1 ? 'on' : 'off'));

function usage(pattern: RegExp): (error: unknown) => boolean {
  return (error: unknown) => error instanceof UsageError && pattern.test(error.message);
}

test("fit's options: Keras' fit(x, y, { epochs }) names the constructor; a typo, a non-function onEpoch or a non-signal are refused before training", async () => {
  const clf = new Classifier({ epochs: 1, backend });
  await assert.rejects(clf.fit(x, labels, loose({ epochs: 5 })), usage(/^epochs is a setting of the classifier, not an option of fit \(which takes \{ onEpoch, signal \}\): new Classifier\(\{ epochs: 5 \}\)$/));
  await assert.rejects(new Regressor({ backend }).fit(x, x.map(([a]) => a!), loose({ batch_size: 8 })), usage(/^batch_size is a setting of the regressor, .*new Regressor\(\{ batchSize: 8 \}\)$/));
  await assert.rejects(clf.fit(x, labels, loose({ verbose: 1 })), usage(/^fit has no option verbose \(Keras' name\): pass onEpoch: \(event\) => console\.log\(event\.epoch, event\.loss\) to see every epoch$/));
  assert.throws(() => new Classifier(loose({ verbose: true })), usage(/^unknown option "verbose" \(scikit-learn's or Keras' name\): use fit's option onEpoch: \(event\) => console\.log\(event\)$/));
  await assert.rejects(clf.fit(x, labels, loose({ onepoch: () => undefined })), usage(/unknown option of fit "onepoch"; did you mean "onEpoch"\?/));
  await assert.rejects(clf.fit(x, labels, loose(5)), usage(/the options of fit must be an object such as \{ onEpoch, signal \}, got number 5/));
  await assert.rejects(clf.fit(x, labels, loose({ onEpoch: 'log' })), usage(/onEpoch must be a function/));
  await assert.rejects(clf.fit(x, labels, loose({ signal: true })), usage(/signal must be an AbortSignal/));
  await assert.rejects(clf.partialFit(x, labels, loose({ clases: ['off', 'on'] })), usage(/unknown option of partialFit "clases"; did you mean "classes"\?/));
  assert.equal(clf.fitted, false, 'nothing was trained');
  await clf.partialFit(x, labels, { classes: ['off', 'on'], signal: new AbortController().signal });
  assert.deepEqual(clf.classes, ['off', 'on']);
});

test('X for fit: ragged rows, no rows and a flat array that does not split name the row or the count, not "3.5 rows" or a data set "rows"', async () => {
  const clf = new Classifier({ epochs: 1, backend });
  await assert.rejects(clf.fit([[0, 0], [1], [1, 0, 2], [1, 1]], ['a', 'b', 'a', 'b']), usage(/^row 2 of X has 1 value but row 1 has 2: every row needs a value for every column \(mark a missing one with null and choose the option missing\)$/));
  await assert.rejects(clf.fit([], []), usage(/^X has no rows: fit needs at least one row/));
  await assert.rejects(new Regressor({ backend }).fit([], []), usage(/^X has no rows/));
  await assert.rejects(clf.fit({ data: new Float32Array(7), columns: 2 }, ['a', 'b', 'a']), usage(/^X\.data holds 7 values, which do not split into rows of 2 columns \(3 rows and 1 value left over\)/));
  await assert.rejects(clf.fit({ data: new Float32Array(8), columns: 0 }, ['a', 'b', 'a', 'b']), usage(/columns must be a positive whole number/));
  await assert.rejects(clf.fit(loose({ data: [0, 0, 1, 1], columns: 2 }), ['a', 'b']), usage(/data must be a Float32Array or Float64Array \(Float32Array\.from\(values\)\)/));
  await assert.rejects(new Regressor({ backend }).fit(loose([1, 2, 3, 4]), [1, 2, 3, 4]), usage(/X is a 1-D array \(\[1,2,3\], \.\.\.\): pass rows, e\.g\. \[\[1,2,3, \.\.\.\]\] for one row of 4 values, or X\.map\(\(v\) => \[v\]\)/));
});

test('featureNames: a count that differs from the rows, names that are not text, or records (named by their keys) are refused', async () => {
  await assert.rejects(new Classifier({ featureNames: ['a'], epochs: 1, backend }).fit(x, labels), usage(/^featureNames names 1 column but the rows of X have 2 values: name every column once$/));
  await assert.rejects(new Classifier({ featureNames: ['a', 'b', 'c'], epochs: 1, backend }).fit(Matrix.from(x), labels), usage(/^featureNames names 3 columns but the rows of X have 2 values/));
  await assert.rejects(new Classifier({ featureNames: ['a'], epochs: 1, backend }).fit({ data: Float32Array.from(x.flat()), columns: 2 }, labels), usage(/^featureNames names 1 column but the rows of X have 2 values/));
  assert.throws(() => new Classifier({ featureNames: loose([1, 2]) }), usage(/featureNames must be an array of column names \(strings\), got an array \[1,2\]/));
  const records = x.map(([a, b]) => ({ a, b }));
  await assert.rejects(new Classifier({ featureNames: ['p', 'q'], epochs: 1, backend }).fit(records, labels), usage(/featureNames names the columns of array rows, but X holds records, named by their keys \("a", "b"\): leave featureNames out/));
  const named = new Classifier({ featureNames: ['p', 'q'], epochs: 1, backend });
  await named.fit(x, labels);
  await named.fit(x, labels); // fitting again keeps the names
  assert.deepEqual(named.featureNames, ['p', 'q']);
});

test('options a fit would have used wrongly: momentum out of [0, 1), bad early stopping, unknown input transforms, scikit-learn names', () => {
  assert.throws(() => new Classifier({ optimizer: 'momentum', momentum: 1.5 }), usage(/^momentum must be in \[0, 1\) \(the share of the last step kept\), got 1\.5$/));
  assert.throws(() => new Classifier({ optimizer: 'momentum', momentum: NaN }), usage(/momentum must be in \[0, 1\)/));
  assert.throws(() => new Classifier({ earlyStopping: 0 }), usage(/earlyStopping's patience must be a whole number of epochs of at least 1, got number 0/));
  assert.throws(() => new Classifier({ earlyStopping: loose({ patienc: 3 }) }), usage(/earlyStopping: unknown setting "patienc"; did you mean "patience"\?/));
  assert.throws(() => new Classifier({ earlyStopping: loose({ patience: '3' }) }), usage(/patience must be a whole number of epochs of at least 1, got the string "3"/));
  assert.throws(() => new Classifier({ earlyStopping: { patience: 3, minDelta: -1 } }), usage(/minDelta must be a number of at least 0/));
  assert.throws(() => new Classifier({ inputs: loose(['standardize']) }), usage(/^inputs\[0\] must be a transform such as standardize\(\) or minMax\(0, 1\)/));
  assert.throws(() => new Classifier({ inputs: loose([{ kind: 'standardise' }]) }), usage(/inputs\[0\]: unknown transform kind "standardise"; did you mean "standardize"\?/));
  assert.throws(() => new Classifier({ inputs: loose([{ kind: 'minMax' }]) }), usage(/inputs\[0\]: minMax needs numbers low < high, e\.g\. minMax\(0, 1\)/));
  assert.throws(() => new Classifier({ inputs: loose([null]) }), usage(/inputs\[0\] must be a transform/));
  assert.throws(() => new Classifier({ inputs: loose([{ kind: 'affine' }]) }), usage(/inputs\[0\]: affine needs finite numbers scale and shift/));
  assert.throws(() => new Classifier(loose({ max_iter: 200 })), usage(/^unknown option "max_iter" \(scikit-learn's or Keras' name\): use epochs$/));
  assert.throws(() => new Regressor(loose({ random_state: 1 })), usage(/use seed$/));
  assert.doesNotThrow(() => new Classifier({ optimizer: 'momentum', momentum: 0, earlyStopping: { patience: 2, minDelta: 0.01, restoreBestWeights: false }, inputs: [{ kind: 'minMax', low: -1, high: 1 }, { kind: 'affine', scale: 2, shift: 0 }] }));
});

test('score and evaluate: a missing or non-numeric target names its row (no NaN score, no text joined into the mean); numeric text counts as in fit', async () => {
  const reg = new Regressor({ epochs: 2, backend });
  const y = x.map(([a, b]) => a! + 2 * b!);
  await reg.fit(x, y);
  assert.throws(() => reg.evaluate(x, y.map((v, i) => (i === 1 ? NaN : v))), usage(/^y at row 2 is NaN \(a missing target\): scoring needs a finite number for every row/));
  assert.throws(() => reg.score(x, loose(y.map((v, i) => (i === 2 ? null : v)))), usage(/^y at row 3 is null \(a missing target\)/));
  assert.throws(() => reg.evaluate(x, loose(y.map((v, i) => (i === 0 ? 'abc' : v)))), usage(/^y at row 1 is "abc": scoring needs a finite number/));
  assert.deepEqual(reg.evaluate(x, loose(y.map(String))), reg.evaluate(x, y), "numeric text ('12') is its number, as fit reads it");
  const clf = new Classifier({ epochs: 2, backend });
  await clf.fit(x, labels);
  assert.throws(() => clf.score(x, loose(labels.map((l, i) => (i === 3 ? null : l)))), usage(/^y at row 4 is null \(a missing label\): score needs a label for every row/));
  assert.throws(() => clf.score(x, loose(labels.map((l, i) => (i === 0 ? '' : l)))), usage(/^y at row 1 is "" \(a missing label\)/));
});

test('partialFit with { classes } that do not hold a label of the first batch is refused, not trained with the labels mapped to other classes', async () => {
  const clf = new Classifier<string | number>({ epochs: 1, backend });
  await assert.rejects(clf.partialFit(x, labels, { classes: [0, 1] }), usage(/^label "off" \(row 1\) is not one of the classes given in \{ classes \} \(0, 1\): name every class the stream holds there, in the labels' own type$/));
  assert.equal(clf.fitted, false);
  await clf.partialFit(x, labels, { classes: ['on', 'off', 'maybe'] });
  assert.deepEqual(clf.classes, ['on', 'off', 'maybe']);
});

test('saveModel and loadModel: arguments swapped or not a path, and a missing folder, are one line saying so', async () => {
  const clf = new Classifier({ epochs: 1, backend });
  await clf.fit(x, labels);
  const dir = mkdtempSync(join(tmpdir(), 'backprop-save-'));
  await assert.rejects(saveModel(loose(join(dir, 'm.json')), loose(clf)), usage(/^saveModel takes a Classifier, a Regressor or an Mlp, then the path, got string ".*m\.json" first$/));
  await assert.rejects(saveModel(clf, loose(undefined)), usage(/^saveModel: the path must be a file name \(a string such as 'model\.json'\), got undefined$/));
  await assert.rejects(loadModel(loose(42)), usage(/^loadModel: the path must be a file name .*, got number 42$/));
  const missing = join(dir, 'no-such-folder');
  await assert.rejects(saveModel(clf, join(missing, 'm.json')), (e: unknown) => e instanceof BackpropError && e.message === `cannot write model file ${join(missing, 'm.json')}: the folder ${missing} does not exist`);
  // A name promising another format would hold JSON: refused, nothing written.
  await assert.rejects(saveModel(clf, join(dir, 'm.onnx')), usage(/^saveModel: .*m\.onnx: a model file is backprop's JSON format, not an ONNX file: name it m\.json; for ONNX, exportOnnx\(model\) gives the file's bytes$/));
  await assert.rejects(saveModel(clf, join(dir, 'm.csv')), usage(/not a CSV file: name it m\.json$/));
  assert.ok(!existsSync(join(dir, 'm.onnx')));
  await saveModel(clf, pathToFileURL(join(dir, 'url.json'))); // a file: URL, as fs takes it
  assert.deepEqual((await loadModel(pathToFileURL(join(dir, 'url.json')))).predict(x), clf.predict(x));
  rmSync(dir, { recursive: true, force: true });
});

/** Records typed by an interface, as a TypeScript codebase declares its rows: no index signature. */
interface House {
  rooms: number;
  age: number;
  city?: string;
}
interface Sale {
  when: Date;
  amount: number;
}

test('records typed by an interface (no index signature) type-check and fit; a Date-valued interface is a type error', async () => {
  const houses: House[] = Array.from({ length: 24 }, (_, i) => ({ rooms: 1 + (i % 4), age: (i * 5) % 30, city: i % 2 === 0 ? 'a' : 'b' }));
  const reg = new Regressor({ epochs: 2, backend });
  await reg.fit(houses, houses.map((h) => 10 * h.rooms - h.age));
  const predicted: number[] = reg.predict(houses.slice(0, 2));
  assert.equal(predicted.length, 2);
  assert.ok(Number.isFinite(reg.score(houses, houses.map((h) => 10 * h.rooms - h.age))));
  const clf = new Classifier<string>({ epochs: 2, backend });
  await clf.fit(houses, houses.map((h) => (h.rooms > 2 ? 'big' : 'small')));
  assert.equal(clf.predictProba(houses.slice(0, 1))[0]!.length, 2);
  // A Date is a cell: its ISO 8601 text, read as days since 1970-01-01; an invalid one is named.
  const sales: Sale[] = Array.from({ length: 30 }, (_, i) => ({ when: new Date(Date.UTC(2024, 0, 1 + i)), amount: i % 4 }));
  const byDate = new Regressor({ backend, epochs: 2 });
  await byDate.fit(sales, sales.map((_, i) => i));
  assert.deepEqual(byDate.predict([{ when: new Date(Date.UTC(2024, 1, 3)), amount: 1 }]), byDate.predict([{ when: '2024-02-03T00:00:00.000Z', amount: 1 }]));
  assert.throws(() => byDate.predict([{ when: new Date('not a date'), amount: 1 }]), usage(/row 1, column "when": an invalid Date/));
});

test('the in-memory reader\'s messages place a cell by row, not as a file named "rows" (rows:4:3:), and say what to do with an infinite cell', async () => {
  const reg = new Regressor({ epochs: 1, backend });
  await assert.rejects(reg.fit(x, x.map((_, i) => (i === 3 ? NaN : i))), (e: unknown) => e instanceof BackpropError && /^row 4: the target cell "NaN" is a missing value; drop such rows \(the option missing: 'drop'\)$/.test(e.message));
  await assert.rejects(reg.fit(x.map(([a], i) => [a!, i === 1 ? Infinity : i]), x.map((_, i) => i)), (e: unknown) => e instanceof BackpropError && /^row 2: "Infinity" in column "x2" is not a finite number: replace it by a finite value, or by null and choose the option missing$/.test(e.message));
  await assert.rejects(new Regressor({ missing: 'drop', epochs: 1, backend }).fit([[0, null], [1, NaN]], [1, 2]), (e: unknown) => e instanceof BackpropError && /^no data rows are left after dropping 2 rows with missing cells/.test(e.message));
});

test('Classifier.fromJSON of a regressor file says which loader reads it', async () => {
  const reg = new Regressor({ epochs: 1, backend });
  await reg.fit(x, x.map((_, i) => i));
  assert.throws(() => Classifier.fromJSON(JSON.stringify(reg)), usage(/^this model file holds a regression model, not a classification one: load it with Regressor\.fromJSON, or with loadModelFromJSON \/ loadModel, which give either$/));
});

test('fitModel: a misspelt task or option, null options, no y, a length mismatch and a column vector are handled as the estimators handle them', async () => {
  await assert.rejects(fitModel(x, labels, loose({ task: 'classify', backend })), usage(/^unknown task "classify" \(one of auto, classification, regression\)$/));
  await assert.rejects(fitModel(x, labels, loose({ onepoch: () => undefined, backend })), usage(/^unknown option of fitModel "onepoch"; did you mean "onEpoch"\?/));
  await assert.rejects(fitModel(x, labels, loose(null)), usage(/^the options of fitModel must be an object such as \{ task: 'auto', epochs: 20, onEpoch \}, got null$/));
  await assert.rejects(fitModel(x, loose(undefined)), usage(/^y must be an array of labels, got undefined$/));
  await assert.rejects(fitModel(x, labels.slice(1), { backend }), usage(/^X has 24 rows but y has 23 targets$/));
  await assert.rejects(fitModel([], [], { backend }), usage(/^X has no rows/));
  await assert.rejects(fitModel(x, labels.map((l, i) => (i === 2 ? null : l)), { backend }), usage(/^target at row 3 is missing: fitModel needs a target for every row, so leave that row out of X and y$/));
  const { task, model } = await fitModel(x, loose(labels.map((l) => [l])), { epochs: 1, backend });
  assert.equal(task, 'classification');
  assert.deepEqual(model.task === 'classification' && model.classes, ['off', 'on']);
});

test('loading: a backend given by name, a misspelt option and a fitted model passed as it is (not as its JSON)', async () => {
  const clf = new Classifier({ epochs: 1, backend });
  await clf.fit(x, labels);
  const text = JSON.stringify(clf);
  assert.throws(() => Classifier.fromJSON(text, loose({ backend: 'reference' })), usage(/^Classifier\.fromJSON: backend must be a Backend such as createReferenceBackend\(\) or await loadBackend\('wasm'\), got the string "reference" \(load it first: backend: await loadBackend\("reference"\)\)$/));
  assert.throws(() => Regressor.fromJSON(text, loose({ warm: () => undefined })), usage(/^Regressor\.fromJSON: unknown option "warm"; did you mean "warn"\?/));
  assert.throws(() => loadModelFromJSON(text, loose({ warn: 'console' })), usage(/^loadModelFromJSON: warn must be a function receiving one-line warnings, got string$/));
  const dir = mkdtempSync(join(tmpdir(), 'backprop-load-'));
  await saveModel(clf, join(dir, 'm.json'));
  await assert.rejects(loadModel(join(dir, 'm.json'), loose({ backend: 'wasm' })), usage(/^loadModel: backend must be a Backend/));
  rmSync(dir, { recursive: true, force: true });
  assert.deepEqual(Classifier.fromJSON(clf).predict(x), clf.predict(x), 'a fitted model passed as it is reads as its toJSON()');
  assert.deepEqual(loadModelFromJSON(clf, { backend }).predict(x), clf.predict(x));
  assert.throws(() => Mlp.create(loose({ sizes: [2, 1], backend: 'wasm' })), usage(/^Mlp\.create: backend must be a Backend/));
});

test("a network too large for the memory budget is a ResourceLimitError before allocation, whose hint is the library's setMemoryBudget, not the CLI's --max-memory", async () => {
  const huge = new Classifier({ hiddenLayers: [100_000, 100_000], epochs: 1, backend });
  await assert.rejects(huge.fit(x, labels), (e: unknown) => e instanceof ResourceLimitError && /^a 2-100000-100000-2 network \(10,000,600,002 parameters, weights and gradients\) needs 80\.0 GB, more than the memory limit of .* \(raise it with setMemoryBudget\(bytes\), or use a smaller network, batch size or data\)$/.test(e.message));
  await assert.rejects(new Regressor({ hiddenLayers: [20_000], batchSize: 'full', epochs: 1, backend }).fit(Array.from({ length: 30_000 }, (_, i) => [i % 3, i % 5]), Array.from({ length: 30_000 }, (_, i) => i % 7)), (e: unknown) => e instanceof ResourceLimitError && /batches of 30000 rows\) needs .*\(raise it with setMemoryBudget\(bytes\)/.test(e.message) && !/--max-memory/.test(e.message));
  assert.equal(huge.fitted, false);
  const small = new Classifier({ epochs: 1, backend });
  await small.fit(x, labels);
  const claimed = { ...small.toJSON(), layers: [{ ...small.toJSON().layers[0]!, units: 1e9 }] };
  assert.throws(() => loadModelFromJSON(claimed), (e: unknown) => e instanceof ResourceLimitError && /^a 2-1000000000 network .*\(raise it with setMemoryBudget\(bytes\)/.test(e.message));
  assert.throws(() => Classifier.fromJSON(JSON.stringify(claimed)), (e: unknown) => e instanceof ResourceLimitError && !/--max-memory/.test(e.message));
});

test('rows as Maps and bigint labels say how to convert them', async () => {
  await assert.rejects(new Regressor({ epochs: 1, backend }).fit(loose(x.map(([a, b]) => new Map([['a', a], ['b', b]]))), x.map(() => 1)), usage(/^row 1 of X is a Map: pass records as plain objects, e\.g\. X\.map\(\(row\) => Object\.fromEntries\(row\)\)$/));
  await assert.rejects(new Classifier({ epochs: 1, backend }).fit(x, loose(BigInt64Array.from(x, ([a]) => BigInt(a!)))), usage(/^labels must be strings, numbers or booleans, got the bigint 0 \(convert the labels first: Array\.from\(y, Number\)\)$/));
});

test('partialFit: a later call may repeat the classes (as scikit-learn), not change them', async () => {
  const clf = new Classifier({ epochs: 1, backend });
  await clf.partialFit(x, labels, { classes: ['off', 'on'] });
  await clf.partialFit(x, labels, { classes: ['on', 'off'] });
  await assert.rejects(clf.partialFit(x, labels, { classes: ['off', 'on', 'maybe'] }), usage(/^classes \["off","on","maybe"\] differ from this classifier's classes \["off","on"\]: partialFit keeps the classes of its first call/));
});
