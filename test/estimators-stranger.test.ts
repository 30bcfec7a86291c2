/**
 * What a stranger using the estimators as a library runs into: typed-array rows, model files
 * whose preprocessing does not fit the layers (or holds a stage this version does not know),
 * values too large for float32 at predict time, and two async tasks sharing one estimator.
 * Each ends in one BackpropError naming the problem, never in a NaN, null or undefined result.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BackpropError, Classifier, createReferenceBackend, fitModel, loadModelFromJSON, Matrix, ModelFormatError, Regressor, type ModelJson } from '../src/node.js';
import { EncodingError } from '../src/data/encoding.js';
import { encodeFloat32 } from '../src/io/base64.js';
import { UsageError } from '../src/errors/usage-error.js';

const backend = createReferenceBackend();
const quiet = { backend, warn: () => {}, epochs: 2, seed: 1 } as const;
const x = Array.from({ length: 30 }, (_, i) => [i % 7, (i * 3) % 5]);
const y = x.map(([a, b]) => (a! + b! > 5 ? 'hi' : 'lo'));

async function fitted(): Promise<Classifier<string>> {
  const clf = new Classifier<string>(quiet);
  await clf.fit(x, y);
  return clf;
}

test('typed-array rows are rows by position, as number[][]: names x1, x2 (or featureNames), not "0", "1"', async () => {
  const typed = x.map((row) => Float64Array.from(row));
  const clf = new Classifier<string>(quiet);
  await clf.fit(typed, y);
  assert.deepEqual(clf.featureNames, ['x1', 'x2']);
  assert.deepEqual(clf.predictProba([Float32Array.from([1, 2])]), clf.predictProba([[1, 2]]));
  const named = new Classifier<string>({ ...quiet, featureNames: ['width', 'height'] });
  await named.fit(typed, y);
  assert.deepEqual(named.featureNames, ['width', 'height'], 'the featureNames option names typed rows too');
  assert.throws(() => clf.predict([new DataView(new ArrayBuffer(16))] as unknown as Float64Array[]), (e: unknown) => e instanceof UsageError && /row 1 of X is a DataView/.test(e.message));
});

test('a loaded model is told apart by its public task (TypeScript narrows on it)', async () => {
  const model = loadModelFromJSON(JSON.stringify(await fitted()));
  assert.equal(model.task, 'classification');
  if (model.task === 'classification') assert.equal(model.predictProba([[1, 2]])[0]!.length, 2);
  else assert.fail('a classifier file loaded as a regressor');
});

test('a model file whose preprocessing does not fit its layers is refused, naming the field', async () => {
  const json = (await fitted()).toJSON();
  const variant = (change: (j: ModelJson & { metadata: Record<string, any> }) => void): ModelJson => {
    const copy = structuredClone(json) as ModelJson & { metadata: Record<string, any> };
    delete copy.metadata['estimator']; // as a file of `backprop train` has it: labels come from classNames
    change(copy);
    return copy;
  };
  const refused = (j: ModelJson, field: string, problem: RegExp) =>
    assert.throws(() => loadModelFromJSON(j), (e: unknown) => e instanceof ModelFormatError && e.field === field && problem.test(e.problem), field);
  refused(variant((j) => (j.metadata.preprocessing.classNames = ['hi'])), 'metadata.preprocessing.classNames', /names 1 classes but the output layer has 2 units/);
  refused(variant((j) => (j.metadata.preprocessing.classNames = ['a', 'b', 'c'])), 'metadata.preprocessing.classNames', /names 3 classes/);
  refused(variant((j) => (j.metadata.preprocessing.targets = [{ kind: 'affine', scale: 2, shift: 0 }])), 'metadata.preprocessing.targets', /regression only/);
  refused(variant((j) => (j.metadata.preprocessing.pca = [{ components: 2 }])), 'metadata.preprocessing.pca', /a preprocessing stage this version of backprop does not know/);
  refused(
    variant((j) => {
      const prep = j.metadata.preprocessing;
      delete prep.encoding;
      prep.featureNames = ['x1'];
      prep.inputs = [];
    }),
    'metadata.preprocessing.featureNames',
    /names 1 features but layers\[0\] takes 2 inputs/,
  );
  refused(variant((j) => (j.metadata.preprocessing.inputs = [{ kind: 'standardize', mean: [0, 0, 0], std: [1, 1, 1] }])), 'metadata.preprocessing.inputs[0].mean', /3 columns/);
  const unchanged = loadModelFromJSON(variant(() => {}));
  assert.ok(unchanged instanceof Classifier && unchanged.classes.join() === 'hi,lo', 'the unchanged file loads');
});

test('a value beyond float32 at predict time names its row and column; a non-finite output names its row', async () => {
  const reg = new Regressor({ ...quiet, featureNames: ['a', 'b'] });
  await reg.fit(x, x.map(([a]) => a!));
  assert.throws(() => reg.predict([[1, 2], [1e50, 2]]), (e: unknown) => e instanceof EncodingError && /^row 2: "1e\+50" in column "a" is too large for the model/.test(e.message));
  const json = structuredClone(reg.toJSON());
  const layer = json.layers[0]!;
  const weights = encodeFloat32(new Float32Array(layer.inputSize * layer.units).fill(3e38));
  const broken = loadModelFromJSON({ ...json, layers: [{ ...layer, weights }, ...json.layers.slice(1)] });
  // Row 1's standardised inputs sum to below 0 (ReLU gives 0); row 2's, far above: 3e38 times them overflows.
  assert.throws(() => broken.predict([[1, 2], [6, 4]]), (e: unknown) => e instanceof BackpropError && /the model's output for row 2 is (NaN|-?Infinity) \(not a finite number\)/.test(e.message));
  await assert.rejects(reg.fit([[1e39, 1], [2, 2]], [1, 2]), (e: unknown) => e instanceof BackpropError && /beyond the float32 range \(±3\.4e38\): the network computes in float32, so scale the column down first \(divide it, or take its log\)$/.test(e.message));
});

test('two async tasks sharing an estimator: the second fit is refused while the first runs, not trained on a disposed network', async () => {
  const clf = new Classifier<string>(quiet);
  const first = clf.fit(x, y);
  await assert.rejects(clf.fit(x, y), (e: unknown) => e instanceof UsageError && /this classifier is still running fit: await it before calling fit/.test(e.message));
  await assert.rejects(clf.partialFit(x, y), (e: unknown) => e instanceof UsageError && /still running fit: await it before calling partialFit/.test(e.message));
  await first;
  const old = clf.network;
  await clf.fit(x, y); // once the first is done, fitting again works
  assert.throws(() => old.predict(Matrix.from([[0, 0]])), (e: unknown) => e instanceof UsageError && /this model was disposed/.test(e.message));
});

test("a model of `backprop train --na-values ? --thousands ,` reads text cells as train did: '?' is missing, '1,234' is 1234", async () => {
  const records = x.map(([a, b], i) => ({ size: a! * 1000 + b!, color: i % 3 === 0 ? 'red' : i % 3 === 1 ? 'green' : 'blue' }));
  const clf = new Classifier<string>({ ...quiet, missing: 'mean' });
  await clf.fit(records, y);
  const json = structuredClone(clf.toJSON()) as ModelJson & { metadata: Record<string, unknown> };
  json.metadata['source'] = { dataset: 'shop.csv', naValues: ['?'], thousands: ',' };
  const warnings: string[] = [];
  const model = loadModelFromJSON(json, { warn: (m) => warnings.push(m) });
  assert.ok(model instanceof Classifier);
  const asTrainRead = model.predictProba([{ size: null, color: 'red' }, { size: 3004, color: null }, { size: 3004, color: 'blue' }]);
  assert.deepEqual(model.predictProba([{ size: '?', color: 'red' }, { size: 3004, color: ' ? ' }, { size: '3,004', color: 'blue' }]), asTrainRead);
  assert.deepEqual(warnings, [], "' ? ' is a missing cell, not an unseen category");
  model.predict([{ size: 1, color: 'purple' }]);
  assert.match(warnings.join('\n'), /column "color" has category "purple" that training did not see/, 'a loaded model warns where it was told to');
  json.metadata['source'] = { naValues: '?' };
  assert.throws(() => loadModelFromJSON(json), (e: unknown) => e instanceof ModelFormatError && e.field === 'metadata.source.naValues');
});

test('a model file passed as bytes (readFileSync without an encoding, fetch().arrayBuffer()) loads; a Promise or Response is named', async () => {
  const text = JSON.stringify(await fitted());
  const bytes = new TextEncoder().encode(text);
  const fromText = loadModelFromJSON(text);
  assert.deepEqual(loadModelFromJSON(bytes).toJSON(), fromText.toJSON());
  assert.deepEqual(loadModelFromJSON(bytes.buffer).toJSON(), fromText.toJSON());
  assert.deepEqual(Classifier.fromJSON(Buffer.from(text)).classes, ['hi', 'lo']);
  assert.throws(() => loadModelFromJSON(new Uint8Array([0xff, 0xfe, 0x00])), (e: unknown) => e instanceof ModelFormatError && /is not UTF-8 text/.test(e.message));
  assert.throws(() => loadModelFromJSON(Promise.resolve(text)), (e: unknown) => e instanceof ModelFormatError && /is a Promise, not the model: await it first/.test(e.message));
  assert.throws(() => loadModelFromJSON(new Response(text)), (e: unknown) => e instanceof ModelFormatError && /is a fetch Response/.test(e.message));
});

test('rows of both shapes in one predict call are refused, not read as records with every cell missing', async () => {
  const reg = new Regressor({ ...quiet, missing: 'median', featureNames: ['a', 'b'] });
  await reg.fit(x, x.map(([a, b]) => a! * 2 + b!));
  assert.throws(() => reg.predict([{ a: 1, b: 2 }, [5, 3]] as unknown as number[][]) /* plain JS */, (e: unknown) => e instanceof EncodingError && /^row 2 is not a record .* like row 1: pass every row the same way/.test(e.message));
  assert.throws(() => reg.predict([[5, 3], { a: 1, b: 2 }] as unknown as number[][]), (e: unknown) => e instanceof EncodingError && /^row 2 is not an array of cells like row 1/.test(e.message));
  assert.deepEqual(reg.predict([{ a: 5, b: 3 }]), reg.predict([[5, 3]]));
  // R² of one row is undefined (scikit-learn: NaN with a warning), not a score of 0.
  assert.ok(Number.isNaN(reg.score([[5, 3]], [13])));
  assert.ok(Number.isFinite(reg.score([[5, 3], [1, 1]], [13, 3])));
});

test("missing labels (null, undefined, NaN among strings, '', 'NA') drop their rows under missing: 'drop', and say so otherwise", async () => {
  for (const gap of [null, undefined, Number.NaN, '', ' NA ']) {
    const labels = y.map((v, i) => (i === 3 ? gap : v)) as string[]; // plain JS: a label column with a gap
    const clf = new Classifier<string>({ ...quiet, missing: 'drop' });
    await clf.fit(x, labels);
    assert.deepEqual(clf.classes, ['hi', 'lo'], `gap ${String(gap)}: its row is dropped, not a class`);
  }
  const withNull = y.map((v, i) => (i === 3 ? null : v)) as string[];
  await assert.rejects(new Classifier<string>(quiet).fit(x, withNull), (e: unknown) => e instanceof UsageError && /got null \(a missing label\): leave its row out, or fit with the option missing: 'drop'$/.test(e.message));
  const withNaN = y.map((v, i) => (i === 3 ? Number.NaN : v)) as string[];
  await assert.rejects(new Classifier<string>(quiet).fit(x, withNaN), (e: unknown) => e instanceof BackpropError && /^row 4: the target cell "NaN" is a missing value/.test(e.message) && !/mixes label types/.test(e.message));
});

test('partialFit on a loaded model with a label it does not know names the label and the classes, not a column "y"', async () => {
  const json = structuredClone((await fitted()).toJSON()) as ModelJson & { metadata: { preprocessing: { targetNames: string[] } } };
  json.metadata.preprocessing.targetNames = ['label']; // as `backprop train` names the target column of its file
  const model = Classifier.fromJSON<string>(json);
  await assert.rejects(model.partialFit([[1, 2], [3, 4]], ['hi', 'maybe']), (e: unknown) => e instanceof UsageError && /^label "maybe" \(row 2\) is not one of this classifier's classes \("hi", "lo"\)/.test(e.message));
  await model.partialFit([[1, 2]], [' hi ']); // a known label with stray spaces is that label
});

test('options forwarded from optional settings may be undefined (exactOptionalPropertyTypes): they mean the default', async () => {
  const settings: { seed?: number | undefined; epochs?: number | undefined; signal?: AbortSignal | undefined } = { epochs: 2 };
  const clf = new Classifier<string>({ backend, warn: undefined, seed: settings.seed, epochs: settings.epochs, missing: undefined });
  await clf.fit(x, y, { signal: settings.signal, onEpoch: undefined });
  assert.equal(clf.options.seed, new Classifier().options.seed);
  assert.equal(loadModelFromJSON(clf.toJSON(), { warn: undefined, backend: undefined }).task, 'classification');
});

test('inputColumns says what predict expects of each column: name, kind, categories, the fill of a missing cell', async () => {
  const records = x.map(([a, b], i) => ({ size: i === 2 ? null : a!, color: ['red', 'green', 'blue'][b! % 3]! }));
  const clf = new Classifier<string>({ ...quiet, missing: 'median' });
  await clf.fit(records, y);
  assert.deepEqual(clf.inputColumns.map(({ name, kind }) => [name, kind]), [['size', 'numeric'], ['color', 'categorical']]);
  const color = clf.inputColumns[1]!;
  assert.ok(color.kind === 'categorical' && color.categories.join() === 'blue,green,red');
  assert.equal(typeof clf.inputColumns[0]!.fill, 'number', 'a missing size is imputed');
  const bare = structuredClone((await fitted()).toJSON());
  const plain = loadModelFromJSON({ ...bare, metadata: {} }); // as an old file without preprocessing
  assert.deepEqual(plain.inputColumns, [{ name: 'x1', kind: 'numeric', fill: null }, { name: 'x2', kind: 'numeric', fill: null }], 'a file without preprocessing: numbers, none imputed');
});

test('a column-oriented X ({ age: [...], plan: [...] }, as dataframe libraries export) is named, with the conversion', async () => {
  const columns = { age: [31, 40, 22], plan: ['pro', 'free', 'pro'] };
  await assert.rejects(new Classifier(quiet).fit(columns as never, ['a', 'b', 'a']), (e: unknown) => e instanceof UsageError && /^X is an object of columns \("age", "plan"\), one array per column: pass one record per row instead/.test(e.message));
  const rows = columns.age.map((_, i) => Object.fromEntries(Object.entries(columns).map(([name, column]) => [name, column[i]!])));
  assert.deepEqual(rows[1], { age: 40, plan: 'free' }, 'the conversion the message shows');
});

test('typed-array targets (a Float64Array of values, an Int32Array of class codes) are their numbers', async () => {
  const values = Float64Array.from(x, ([a, b]) => a! * 2.3 + b! * 0.7);
  const reg = new Regressor(quiet);
  await reg.fit(x, values);
  assert.equal(reg.score(x, values), reg.score(x, Array.from(values)));
  const codes = Int32Array.from(x, ([a]) => a! % 2);
  const clf = new Classifier<number>(quiet);
  await clf.fit(x, codes as unknown as number[]); // plain JS, or TypeScript with Array.from(codes)
  assert.deepEqual(clf.classes, [0, 1]);
  const fitted = await fitModel(x, values, quiet);
  assert.equal(fitted.task, 'regression');
});

test('a Classifier given a regression target (non-whole numbers, a class for nearly every row) is refused as scikit-learn refuses it, not fitted with a class per row', async () => {
  const values = x.map(([a, b], i) => a! * 0.37 + b! * 0.11 + i * 0.001);
  const clf = new Classifier<number>(quiet);
  await assert.rejects(clf.fit(x, values), (e: unknown) => e instanceof UsageError && /^y holds 30 distinct numbers in 30 rows, not all whole \(0, 0\.1[0-9]*, .*use a Regressor .*y\.map\(String\)/.test(e.message));
  await assert.rejects(new Classifier<number>(quiet).partialFit(x, values), (e: unknown) => e instanceof UsageError && /^the first batch holds 30 distinct numbers/.test(e.message));
  // A few non-whole codes (0.5, 1.5) stay classes, whole numbers do whatever their count, and text keeps every value a class.
  await new Classifier<number>(quiet).fit(x, x.map(([a]) => (a! % 2) + 0.5));
  await new Classifier<number>(quiet).fit(x, x.map((_, i) => i));
  const asText = new Classifier<string>(quiet);
  await asText.fit(x, values.map(String));
  assert.equal(asText.classes.length, 30);
});

test("records the estimators cannot take as they are (dates not in ISO 8601, a '-' marker, several such columns) are refused with the library's way out, never a CLI flag; formatted numbers and ISO dates are read", async () => {
  const formatted = x.map(([a, b], i) => ({ a: a!, b: b!, amount: `${i + 1},${String((i * 7) % 1000).padStart(3, '0')}`, share: `${i}%`, day: `2020-01-${String((i % 28) + 1).padStart(2, '0')}` }));
  const fitted = new Regressor(quiet);
  await fitted.fit(formatted, x.map(([a]) => a!));
  assert.deepEqual(fitted.predict([{ a: 1, b: 2, amount: '2,500', share: '5%', day: '2020-01-09' }]), fitted.predict([{ a: 1, b: 2, amount: 2500, share: 5, day: Date.UTC(2020, 0, 9) / 86_400_000 }]));
  const cases: [string, (i: number) => Record<string, string | number | null>, RegExp][] = [
    ['dates', (i) => ({ day: `${(i % 28) + 1}.01.2020` }), /reads dates written as ISO 8601 \(2024-01-03, read as days since 1970-01-01\), not these: leave it out of X, or write them so/],
    ['a dash for missing', (i) => ({ c: i % 9 === 0 ? '-' : i }), /if it marks a missing value, null in its place reads it as missing/],
    ['several', (i) => ({ id: `u${i}`, day: `${(i % 28) + 1}.01.2020` }), /: leave them out of X; leave out all but one of them/],
  ];
  for (const [what, extra, pattern] of cases) {
    const records = x.map(([a, b], i) => ({ a: a!, b: b!, ...extra(i) }));
    await assert.rejects(new Regressor(quiet).fit(records, x.map(([a]) => a!)), (e: unknown) => {
      assert.ok(e instanceof BackpropError, what);
      assert.match(e.message, pattern, what);
      assert.doesNotMatch(e.message, /--[a-z]/, `${what}: no CLI flag in ${e.message}`);
      return true;
    });
  }
});
