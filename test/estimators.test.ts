/** Classifier and Regressor: in-memory fitting, labels in their original type, the model file, online steps, aborting. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { predictCommand } from '../src/cli/commands/predict.js';
import { Classifier, createReferenceBackend, fitModel, loadModel, loadModelFromJSON, Matrix, Mlp, Regressor, saveModel, TRAINING_DEFAULTS } from '../src/node.js';
import { tempDir } from './cli-run.js';

/** Two well-separated blobs in 3 columns on very different scales (standardisation matters). */
function blobs(count: number, seed = 1): { x: number[][]; side: number[] } {
  let state = seed;
  const next = () => (state = (state * 16807) % 2147483647) / 2147483647;
  const x: number[][] = [];
  const side: number[] = [];
  for (let i = 0; i < count; i++) {
    const s = i % 2;
    x.push([1000 + (s * 2 - 1) * 300 + next() * 200, next() * 0.01 + s * 0.02, next()]);
    side.push(s);
  }
  return { x, side };
}

const backend = createReferenceBackend();

test('the estimators fill in the defaults of backprop train', () => {
  for (const estimator of [new Classifier(), new Regressor()]) {
    const o = estimator.options;
    assert.deepEqual(
      { hiddenLayers: o.hiddenLayers, activation: o.activation, optimizer: o.optimizer, learningRate: o.learningRate, epochs: o.epochs, batchSize: o.batchSize, seed: o.seed, validationSplit: o.validationSplit, bias: o.bias, shuffle: o.shuffle },
      { ...TRAINING_DEFAULTS, hiddenLayers: [...TRAINING_DEFAULTS.hiddenLayers] },
    );
  }
  assert.throws(() => new Classifier({ learningRate: -1 }), /learningRate must be a positive number, got -1/);
  assert.throws(() => new Classifier({ activation: 'softmax' }), /softmax works only on the output layer/);
});

test('labels come back in their original type: strings, numbers, booleans', async () => {
  const { x, side } = blobs(80);
  for (const labels of [side.map((s) => (s === 1 ? 'yes' : 'no')), side.map((s) => s * 10 - 5), side.map((s) => s === 1)] as const) {
    const clf = new Classifier<string | number | boolean>({ epochs: 15, backend });
    await clf.fit(x, labels);
    const predicted = clf.predict(x);
    assert.equal(typeof predicted[0], typeof labels[0]);
    assert.ok(clf.score(x, labels) > 0.95, `accuracy ${clf.score(x, labels)} on separable blobs`);
    assert.equal(clf.predictProba(x.slice(0, 2)).length, 2);
    assert.equal(clf.classes.length, 2);
  }
});

test('numeric classes sort numerically; X as a Matrix, a flat Float32Array or records gives the same answer', async () => {
  const { x, side } = blobs(60);
  const y = side.map((s) => (s === 0 ? 10 : 9));
  const clf = new Classifier<number>({ epochs: 5, backend, featureNames: ['income', 'rate', 'other'] });
  await clf.fit(x, y);
  assert.deepEqual(clf.classes, [9, 10]);
  const expected = clf.predictProba(x);
  const matrix = Matrix.from(x, 'float64');
  assert.deepEqual(clf.predictProba(matrix), expected);
  assert.deepEqual(clf.predictProba({ data: Float64Array.from(x.flat()), columns: 3 }), expected);
  assert.deepEqual(clf.predictProba(x.map(([income, rate, other]) => ({ other, income, rate }))), expected);
  assert.throws(() => clf.predict([[1, 2]]), /row 1: 2 cells, the model needs 3 \(income, rate, other\)/);
  assert.throws(() => clf.predict([[1, null, 2]]), /row 1: missing cell in column "rate", and the model was trained without imputation/);
  assert.throws(() => clf.predict({ data: new Float32Array(7), columns: 3 }), /X\.data holds 7 values, which do not split into rows of 3 columns \(2 rows and 1 value left over\)/);
});

test('toJSON / fromJSON and saveModel / loadModel keep every prediction; backprop predict reads the file', async () => {
  const { x, side } = blobs(60);
  const y = side.map((s) => (s === 1 ? 'spam' : 'ham'));
  const clf = new Classifier<string>({ hiddenLayers: [8], epochs: 5, backend });
  await clf.fit(x, y);
  const again = Classifier.fromJSON<string>(JSON.parse(JSON.stringify(clf)), { backend });
  assert.deepEqual(again.predictProba(x), clf.predictProba(x));
  assert.deepEqual(again.options.hiddenLayers, [8]);
  const file = join(tempDir(), 'spam.json');
  await saveModel(clf, file);
  const loaded = await loadModel(file, { backend });
  assert.ok(loaded instanceof Classifier);
  assert.deepEqual(loaded.predict(x), clf.predict(x));
  const cli = await predictCommand({ model: file, csv: 'x1,x2,x3\n' + x.slice(0, 5).map((r) => r.join(',')).join('\n') + '\n' });
  assert.deepEqual(cli.map((p) => ('class' in p ? p.class : '')), clf.predict(x.slice(0, 5)));
  assert.throws(() => Regressor.fromJSON(JSON.stringify(clf)), /holds a classification model, not a regression one/);
});

test('a version-1 file without preprocessing (written by Mlp) loads with the identity preprocessing', () => {
  const mlp = Mlp.create({ sizes: [2, 3, 2], outputActivation: 'softmax', seed: 4, backend });
  const json = JSON.parse(JSON.stringify(mlp)) as { version: number };
  assert.equal(json.version, 1);
  const model = loadModelFromJSON(json, { backend });
  assert.ok(model instanceof Classifier);
  assert.deepEqual(model.classes, [0, 1], 'output indices as class labels: integer names load as numbers');
  assert.deepEqual(model.predictProba([[0.5, -1]])[0], Array.from(mlp.predict([[0.5, -1]]).data));
  assert.throws(() => loadModelFromJSON({ ...json, version: 99 }), /version 99 is not supported/);
});

test('Regressor: values in the target units, R², evaluate', async () => {
  const x = Array.from({ length: 120 }, (_, i) => [i / 12, Math.cos(i)]);
  const y = x.map(([a, b]) => 5000 + 300 * a! - 200 * b!);
  const reg = new Regressor({ epochs: 60, backend });
  await reg.fit(x, y);
  const scores = reg.evaluate(x, y);
  assert.ok(scores.r2 > 0.98, `R² ${scores.r2}`);
  assert.equal(reg.score(x, y), scores.r2);
  assert.ok(scores.mae < 200, `MAE ${scores.mae} in the target's units`);
  assert.ok(Math.abs(reg.predict([[5, 0]])[0]! - 6500) < 300);
});

test('partialFit: online steps keep the optimiser and scaling; the first call takes the classes', async () => {
  const { x, side } = blobs(100);
  const clf = new Classifier<number>({ batchSize: 1, backend });
  await clf.partialFit(x.slice(0, 10), side.slice(0, 10), { classes: [0, 1, 2] });
  const before = clf.score(x, side);
  for (let i = 10; i < 100; i++) await clf.partialFit([x[i]!], [side[i]!]);
  assert.deepEqual(clf.classes, [0, 1, 2]);
  assert.equal(clf.metadata.trainedEpochs, 91);
  assert.ok(clf.score(x, side) >= before && clf.score(x, side) > 0.9, `accuracy ${before} → ${clf.score(x, side)}`);
  await assert.rejects(clf.partialFit([x[0]!], [7]), /label 7 \(row 1\) is not one of this classifier's classes \(0, 1, 2\)/);
});

test('fit stops between epochs on an abort signal; onEpoch sees every epoch', async () => {
  const { x, side } = blobs(40);
  const clf = new Classifier<number>({ epochs: 50, backend });
  const controller = new AbortController();
  const seen: number[] = [];
  await assert.rejects(clf.fit(x, side, { signal: controller.signal, onEpoch: (e) => (seen.push(e.epoch), e.epoch === 3 && controller.abort()) }), { name: 'AbortError' });
  assert.deepEqual(seen, [1, 2, 3]);
  assert.equal(clf.metadata.trainedEpochs, 3);
  assert.equal(clf.history?.stopReason, 'aborted');
  assert.deepEqual(clf.history?.epochs.map((e) => e.epoch), [1, 2, 3], 'history holds the epochs run');
  assert.equal(clf.predict(x).length, 40, 'the model keeps the weights of the last epoch');
  assert.throws(() => new Classifier().predict(x), /not fitted yet: call fit first/);
});

test('a classifier needs two classes, and says so', async () => {
  await assert.rejects(new Classifier({ backend }).fit([[1], [2]], ['a', 'a']), /y holds one class only \("a"\); a classifier needs at least two/);
  await assert.rejects(new Classifier({ backend }).partialFit([[1]], ['a']), /the first batch \(pass \{ classes \} to name them all\) holds one class only/);
  await assert.rejects(new Classifier({ backend }).partialFit([[1]], ['a'], { classes: ['a', 'b', 'a'] }), /classes holds the same label twice/);
  await assert.rejects(new Classifier({ backend }).fit([[1], [2]], ['1', 1]), /y mixes label types, strings \("1"\) and numbers \(1\): use one type for every label/);
  await assert.rejects(new Classifier({ backend }).fit([[1], [2]], ['a', 'b', 'a']), /X has 2 rows but y has 3 targets/);
});

// ModelFormatErrors whose field is the option's JSON path (they were TypeErrors "metadata.estimator.options: ...").
test('a file whose estimator fields are wrong fails naming the field', async () => {
  const { x, side } = blobs(20);
  const clf = new Classifier<number>({ epochs: 1, backend });
  await clf.fit(x, side);
  const json = clf.toJSON();
  const broken = { ...json, metadata: { ...json.metadata, estimator: { kind: 'classifier', labels: [0, 1], options: { epochs: -3 } } } };
  assert.throws(() => loadModelFromJSON(broken, { backend }), /metadata\.estimator\.options\.epochs must be a positive whole number, got -3/);
  const relabelled = { ...json, metadata: { ...json.metadata, estimator: { kind: 'classifier', labels: ['x', 'y'] } } };
  assert.throws(() => loadModelFromJSON(relabelled, { backend }), /metadata\.estimator\.labels do not match metadata\.preprocessing\.classNames \(0, 1\)/);
});

test('fitting again starts afresh and gives the previous network back', async () => {
  const { x, side } = blobs(30);
  const clf = new Classifier<number>({ epochs: 2, backend });
  await clf.fit(x, side);
  const first = clf.network;
  await clf.fit(x, side.map((s) => 1 - s));
  assert.ok(first.disposed, 'the first network was disposed');
  assert.notEqual(clf.network, first);
  assert.equal(clf.metadata.trainedEpochs, 2);
});

test('fitModel decides the task from the targets and says why', async () => {
  const { x, side } = blobs(40);
  const classes = await fitModel(x, side.map((s) => (s === 1 ? 'big' : 'small')), { epochs: 2, backend });
  assert.equal(classes.task, 'classification');
  assert.match(classes.taskReason, /target "y" holds text \(2 distinct values: small, big\)/);
  assert.ok(classes.model instanceof Classifier);
  const values = await fitModel(x, x.map((r) => r[0]! / 7), { epochs: 2, backend });
  assert.equal(values.task, 'regression');
  assert.ok(values.model instanceof Regressor);
  const forced = await fitModel(x, side, { task: 'regression', epochs: 1, backend });
  assert.equal(forced.task, 'regression');
  assert.match(forced.taskReason, /^as asked; target "y" holds 2 integer values: 0, 1$/);
  await assert.rejects(fitModel(x, side.map(() => 'x' as string | null).map((v, i) => (i === 3 ? null : v)), { backend }), /target at row 4 is missing/);
});
