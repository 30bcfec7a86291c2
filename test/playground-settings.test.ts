/**
 * The playground's DOM-free parts in Node: the settings table ⇄ URL hash (speed, features,
 * per-layer activations, problem, discretize, L1), the input features, relabelling a data set
 * for the other problem kind, and the live layer health that flags dead ReLUs.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Mlp, fit } from '../src/index.js';
import { asProblem, generatePoints, pointTargets } from '../playground/datasets-2d.js';
import { FEATURES, FEATURE_NAMES, featureInputs, gridPoints, isPlainCoordinates } from '../playground/features.js';
import { layerStats } from '../playground/layer-stats.js';
import { DEFAULTS, hiddenActivations, parseHash, toHash } from '../playground/state.js';

test('new settings round-trip through the hash, and bad values keep their defaults', () => {
  const settings = parseHash('#speed=max&features=sinX1,x1&hidden=4,3&acts=tanh,relu&problem=regression&discretize=true&l1=0.001&logLoss=true');
  assert.equal(settings.speed, 'max');
  assert.deepEqual(settings.features, ['x1', 'sinX1'], 'features are kept in diagram order');
  assert.deepEqual(hiddenActivations(settings), ['tanh', 'relu']);
  assert.equal(settings.problem, 'regression');
  assert.equal(settings.discretize, true);
  assert.equal(settings.l1, 0.001);
  assert.equal(settings.logLoss, true);
  assert.deepEqual(parseHash(toHash(settings)), settings);
  const bad = parseHash('#speed=3&features=x1,x1&acts=tanh&discretize=yes&l1=-1&features=');
  assert.equal(bad.speed, DEFAULTS.speed);
  assert.deepEqual(bad.features, DEFAULTS.features);
  assert.deepEqual(hiddenActivations(bad), ['relu', 'relu'], 'per-layer activations that do not match the layers are dropped');
  assert.equal(bad.discretize, false);
  assert.equal(bad.l1, 0);
  assert.equal(parseHash('').speed, '2', 'the default pace is 2 batches per frame');
});

test('features: seven of them in [-1, 1], the plain pair recognised, one column per chosen feature', () => {
  assert.equal(FEATURE_NAMES.length, 7);
  for (const p of gridPoints(20)) for (const name of FEATURE_NAMES) assert.ok(Math.abs(FEATURES[name].value(p.x, p.y)) <= 1 + 1e-12);
  assert.equal(isPlainCoordinates(['x1', 'x2']), true);
  assert.equal(isPlainCoordinates(['x1', 'x2', 'x1x2']), false);
  const x = featureInputs([{ x: 3, y: -6, label: 0 }], ['x1', 'x2', 'x1Squared', 'x1x2', 'sinX2']);
  assert.deepEqual([...x.data].map((v) => Number(v.toFixed(5))), [0.5, -1, 0.25, -0.5, Number(Math.sin(-6).toFixed(5))]);
});

test('asProblem: classification sets as regression get ±1 targets, the plane as classification gets its sign as class', () => {
  const circle = generatePoints({ dataset: 'circle', points: 40, noise: 0, trainPercent: 50, seed: 1 });
  const regression = asProblem(circle, 'regression');
  assert.equal(regression.task, 'regression');
  assert.deepEqual(regression.train.map((p) => p.label), circle.train.map((p) => 2 * p.label - 1));
  assert.equal(asProblem(circle, 'auto'), circle);
  const plane = generatePoints({ dataset: 'plane', points: 40, noise: 0, trainPercent: 50, seed: 1 });
  const classes = asProblem(plane, 'classification');
  assert.equal(classes.task, 'classification');
  assert.deepEqual(classes.test.map((p) => p.label), plane.test.map((p) => (p.label >= 0 ? 1 : 0)));
});

test('layer stats: a healthy ReLU net has live units and gradients; a learning rate of 1 kills most of them', () => {
  const split = generatePoints({ dataset: 'spiral', points: 500, noise: 0, trainPercent: 50, seed: 1 });
  const data = { x: featureInputs(split.train, ['x1', 'x2']), y: pointTargets(split.train) };
  const run = (learningRate: number) => {
    const model = Mlp.create({ sizes: [2, 16, 16, 1], activation: 'relu', outputActivation: 'sigmoid', seed: 1 });
    fit(model, data, { loss: 'binaryCrossEntropy', optimizer: { kind: 'adam', learningRate }, batchSize: 10, epochs: 20, seed: 1 });
    return layerStats(model, data, 'binaryCrossEntropy');
  };
  const healthy = run(0.01);
  assert.equal(healthy.length, 3);
  assert.ok(healthy.every((s) => s.gradientNorm > 0), 'every layer still gets a gradient');
  assert.ok(healthy.slice(0, 2).every((s) => s.flat === 'dead' && s.flatShare < 0.5));
  assert.equal(healthy[2]!.flat, null, 'the output layer is never called dead');
  const broken = run(1);
  assert.ok(broken.slice(0, 2).some((s) => s.flatShare > 0.5), `most of a layer is dead at lr 1 (${broken.map((s) => s.flatShare).join(', ')})`);
});
