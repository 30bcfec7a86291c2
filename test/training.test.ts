/** The training loop: seed toys learnt, every optimiser and mode, reproducibility, early stopping, divergence. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  Matrix, Mlp, Random, TrainingDivergedError, accuracy, createReferenceBackend, createWasmBackend, fit, train, type Backend, type EpochEvent, type TrainOptions,
} from '../src/index.js';

const xorX = Matrix.from([[0, 0], [0, 1], [1, 0], [1, 1]]);
const xorY = Matrix.from([[0], [1], [1], [0]]);

test('XOR is learnt to 100 % by a 2-5-1 sigmoid net picking a random example each step (seed 001)', () => {
  const model = Mlp.create({ sizes: [2, 5, 1], activation: 'sigmoid', outputActivation: 'sigmoid', init: { kind: 'uniform', low: -1, high: 1 }, seed: 3 });
  const history = fit(model, { x: xorX, y: xorY }, {
    loss: 'halfSumSquares',
    learningRate: 0.5,
    batchSize: 1,
    sampling: 'random',
    stepsPerEpoch: 1000,
    epochs: 20,
    seed: 3,
  });
  assert.equal(accuracy(xorY, model.predict(xorX)), 1);
  assert.deepEqual(Array.from(model.query([[0, 1]]).data), Array.from(model.predict(Matrix.from([[0, 1]])).data), 'query is predict');
  assert.ok(history.epochs.at(-1)!.loss < history.epochs[0]!.loss / 4, 'the loss falls');
});

test("seed 004's OR toy: 3-4-1 sigmoid, N(0, 0.001), lr 10, 100 full-batch iterations reach 100 %", () => {
  const x = Matrix.from([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]]);
  const y = Matrix.from([[0], [1], [1], [1]]);
  const model = Mlp.create({
    sizes: [3, 4, 1],
    activation: 'sigmoid',
    outputActivation: 'sigmoid',
    init: { kind: 'normal', sd: 0.001 },
    biasInit: { kind: 'normal', sd: 0.001 },
    seed: 0,
  });
  const history = fit(model, { x, y }, { loss: 'halfSumSquares', learningRate: 10, batchSize: 'full', epochs: 100 });
  assert.equal(history.epochs.length, 100);
  assert.equal(accuracy(y, model.predict(x)), 1);
  assert.equal(history.epochs.at(-1)!.accuracy, 1);
});

/** A small 3-class problem: points around three centres. */
function blobs(seed: number, perClass: number) {
  const random = new Random(seed);
  const centres = [[0, 0], [3, 0], [0, 3]];
  const x = Matrix.zeros(perClass * 3, 2);
  const y = Matrix.zeros(perClass * 3, 3);
  for (let i = 0; i < perClass * 3; i++) {
    const c = i % 3;
    x.set(i, 0, centres[c]![0]! + random.normal(0, 0.6));
    x.set(i, 1, centres[c]![1]! + random.normal(0, 0.6));
    y.set(i, c, 1);
  }
  return { x, y };
}

const optimisers: [string, TrainOptions][] = [
  ['sgd', { learningRate: 0.1 }],
  ['momentum', { optimizer: { kind: 'momentum', learningRate: 0.05, momentum: 0.9 } }],
  ['nesterov', { optimizer: { kind: 'momentum', learningRate: 0.05, momentum: 0.9, nesterov: true } }],
  ['adam', { optimizer: { kind: 'adam', learningRate: 0.01 } }],
  ['sgd + L2 + cosine', { optimizer: { kind: 'sgd', learningRate: 0.1, weightDecay: 1e-4 }, schedule: { kind: 'cosine' } }],
  ['sgd + step schedule', { learningRate: 0.2, schedule: { kind: 'step', stepSize: 5, gamma: 0.5 } }],
  ['adam + exponential', { optimizer: { kind: 'adam', learningRate: 0.01 }, schedule: { kind: 'exponential', gamma: 0.95 } }],
];

for (const [name, options] of optimisers) {
  test(`${name} learns three blobs to >= 95 %`, () => {
    const data = blobs(1, 60);
    const model = Mlp.create({ sizes: [2, 16, 3], activation: 'tanh', outputActivation: 'softmax', seed: 2 });
    const history = fit(model, data, { epochs: 20, batchSize: 16, seed: 4, ...options });
    assert.ok(accuracy(data.y, model.predict(data.x)) >= 0.95, `accuracy ${accuracy(data.y, model.predict(data.x))}`);
    assert.ok(history.epochs.at(-1)!.loss < history.epochs[0]!.loss);
  });
}

test('schedules set the learning rate of each epoch', () => {
  const data = blobs(1, 10);
  const model = Mlp.create({ sizes: [2, 4, 3], outputActivation: 'softmax', seed: 1 });
  const history = fit(model, data, { learningRate: 0.4, epochs: 4, schedule: { kind: 'step', stepSize: 2, gamma: 0.5 } });
  assert.deepEqual(history.epochs.map((e) => e.learningRate), [0.4, 0.4, 0.2, 0.2]);
});

test('the same seed gives bit-identical weights and training; another seed does not', () => {
  const run = (seed: number) => {
    const data = blobs(5, 30);
    const model = Mlp.create({ sizes: [2, 8, 3], outputActivation: 'softmax', seed });
    const history = fit(model, data, { epochs: 3, batchSize: 7, seed, optimizer: { kind: 'adam', learningRate: 0.01 } });
    return { weights: model.layers.map((l) => Array.from(l.W.data)), losses: history.epochs.map((e) => e.loss) };
  };
  assert.deepEqual(run(11), run(11));
  assert.notDeepEqual(run(11).weights, run(12).weights);
});

test('batch events cover every row once per epoch; full batch, mini-batch and per-sample modes', () => {
  const data = blobs(2, 10);
  for (const [batchSize, batches] of [['full', 1], [1, 30], [8, 4]] as const) {
    const model = Mlp.create({ sizes: [2, 3, 3], outputActivation: 'softmax', seed: 1 });
    const events = [...train(model, data, { epochs: 2, batchSize })];
    const epoch1 = events.filter((e) => e.type === 'batch' && e.epoch === 1);
    assert.equal(epoch1.length, batches, `batch size ${batchSize}`);
    assert.equal(epoch1.reduce((sum, e) => sum + (e.type === 'batch' ? e.rows : 0), 0), 30);
    assert.equal(events.filter((e) => e.type === 'epoch').length, 2);
  }
});

test('validation split, and early stopping restores the best weights', () => {
  const data = blobs(3, 40);
  const model = Mlp.create({ sizes: [2, 32, 3], outputActivation: 'softmax', seed: 1 });
  const history = fit(model, data, {
    epochs: 200,
    batchSize: 8,
    optimizer: { kind: 'adam', learningRate: 0.05 },
    validationSplit: 0.25,
    earlyStopping: { patience: 3, restoreBestWeights: true },
  });
  const last = history.epochs.at(-1)!;
  assert.equal(history.stopReason, 'earlyStopping');
  assert.ok(history.epochs.length < 200);
  assert.notEqual(last.validationLoss, undefined);
  assert.notEqual(last.validationAccuracy, undefined);
  const best = history.epochs[history.bestEpoch! - 1]!;
  assert.equal(best.validationLoss, Math.min(...history.epochs.map((e) => e.validationLoss!)));
  assert.equal(history.epochs.length, history.bestEpoch! + 3);
});

test('divergence stops at once with epoch and batch, keeping the last good weights', () => {
  const x = Matrix.from([[1e3, -2e3], [2e3, 1e3], [-1e3, 5e2]]);
  const y = Matrix.from([[1], [2], [3]]);
  const model = Mlp.create({ sizes: [2, 8, 1], seed: 1 });
  const before = model.layers.map((l) => Array.from(l.W.data));
  const epochs: EpochEvent[] = [];
  assert.throws(
    () => fit(model, { x, y }, { learningRate: 10, epochs: 50, batchSize: 1, onEvent: (e) => e.type === 'epoch' && epochs.push(e) }),
    (error: unknown) => {
      assert.ok(error instanceof TrainingDivergedError);
      assert.match(error.message, /^training diverged at epoch \d+, batch \d+: the loss is (NaN|Infinity); try a smaller learning rate/);
      return true;
    },
  );
  for (const layer of model.layers) assert.ok(layer.W.data.every(Number.isFinite), 'weights stay finite');
  if (epochs.length === 0) assert.deepEqual(model.layers.map((l) => Array.from(l.W.data)), before);
});

test("seed 003's shortcut keeps f' in the output layer's update but leaves it out of the error handed back", () => {
  const data = { x: Matrix.from([[0.2, 0.9]]), y: Matrix.from([[0.01, 0.99, 0.01]]) };
  const exact = Mlp.create({ sizes: [2, 6, 3], activation: 'sigmoid', outputActivation: 'sigmoid', bias: false, seed: 1 });
  const shortcut = exact.clone();
  const settings = { loss: 'halfSumSquares', learningRate: 0.3, epochs: 1, batchSize: 1 } as const;
  fit(exact, data, settings);
  fit(shortcut, data, { ...settings, outputGradient: 'rawErrorBackward' });
  assert.deepEqual(Array.from(shortcut.layers[1]!.W.data), Array.from(exact.layers[1]!.W.data), 'same output-layer update');
  assert.notDeepEqual(Array.from(shortcut.layers[0]!.W.data), Array.from(exact.layers[0]!.W.data), 'different hidden-layer update');
});

test('per-sample SGD computing the next sample during the update (lookahead) gives the bits of stepping apart, whatever runs between batch events', () => {
  const rng = new Random(21);
  const x = Matrix.zeros(37, 13);
  const y = Matrix.zeros(37, 3);
  for (let i = 0; i < x.size; i++) x.data[i] = rng.normal();
  for (let r = 0; r < 37; r++) y.data[r * 3 + rng.int(3)] = 1;
  const wasm = createWasmBackend({ threads: 1 });
  const cases: [string, Backend, 'float32' | 'float64'][] = [
    ['wasm', wasm, 'float32'], ['reference', createReferenceBackend(), 'float32'], ['reference', createReferenceBackend(), 'float64'],
  ];
  for (const [name, backend, dtype] of cases) {
    for (const [sizes, bias, outputGradient] of [[[13, 9, 3], true, 'exact'], [[13, 11, 7, 3], false, 'rawErrorBackward']] as const) {
      const label = `${name} ${dtype} ${sizes.join('-')}`;
      const start = Mlp.create({ sizes: [...sizes], activation: 'sigmoid', outputActivation: 'sigmoid', bias, seed: 5, backend, dtype });
      const options = { loss: 'halfSumSquares', learningRate: 0.5, epochs: 3, batchSize: 1, seed: 2, outputGradient } as const;
      const apart = start.clone();
      const fused = start.clone();
      const historyApart = fit(apart, { x, y }, { ...options, lookahead: false });
      // Predictions between batch events use the model's other buffers: the carried forward pass survives them.
      const run = train(fused, { x, y }, options);
      let next = run.next();
      while (next.done !== true) {
        if (next.value.type === 'batch' && next.value.batch % 5 === 0) fused.predict(x, 1);
        next = run.next();
      }
      fused.layers.forEach((layer, l) => assert.deepEqual(layer.W.data, apart.layers[l]!.W.data, `${label}: W${l + 1}`));
      assert.deepEqual(next.value.epochs.map((e) => e.loss), historyApart.epochs.map((e) => e.loss), `${label}: losses`);
    }
  }
  wasm.close();
});

test('batches with lookahead (the next batch gathered while two threads finish the update) give the bits of stepping apart', () => {
  const rng = new Random(8);
  const x = Matrix.zeros(300, 320);
  const y = Matrix.zeros(300, 10);
  for (let i = 0; i < x.size; i++) x.data[i] = Math.max(0, rng.normal());
  for (let r = 0; r < 300; r++) y.data[r * 10 + rng.int(10)] = 1;
  const wasm = createWasmBackend({ threads: 2 });
  // 2·64·320·160 = 6.6 MFLOP: the first layer's update is split over the two threads.
  const start = Mlp.create({ sizes: [320, 160, 10], activation: 'relu', outputActivation: 'softmax', seed: 3, backend: wasm });
  const options = { loss: 'crossEntropy', learningRate: 0.05, epochs: 2, batchSize: 64, seed: 4 } as const;
  const apart = start.clone();
  const fused = start.clone();
  const historyApart = fit(apart, { x, y }, { ...options, lookahead: false });
  const historyFused = fit(fused, { x, y }, options);
  fused.layers.forEach((layer, l) => assert.deepEqual(layer.W.data, apart.layers[l]!.W.data, `W${l + 1}`));
  assert.deepEqual(historyFused.epochs.map((e) => e.loss), historyApart.epochs.map((e) => e.loss));
  wasm.close();
});

test('clear errors for data that does not fit the model and for bad options', () => {
  const model = Mlp.create({ sizes: [2, 3, 1], seed: 1 });
  const x = Matrix.zeros(4, 3);
  const y = Matrix.zeros(4, 1);
  assert.throws(() => fit(model, { x, y }), /training data has 3 input columns but the model expects 2/);
  assert.throws(() => fit(model, { x: Matrix.zeros(4, 2), y: Matrix.zeros(4, 2) }), /2 target columns but the model outputs 1/);
  assert.throws(() => fit(model, { x: Matrix.zeros(4, 2), y }, { batchSize: 0 }), /batch size must be a positive integer, got 0/);
  assert.throws(() => fit(model, { x: Matrix.zeros(4, 2), y }, { learningRate: -1 }), /learning rate must be a positive number, got -1/);
  assert.throws(() => Mlp.create({ sizes: [2, 0, 1] }), /sizes\[1\] \(the size of hidden layer 1\) must be a positive integer, got 0/);
  assert.throws(() => model.predict([[1, 2, 3]]), /expects 2 input values per row, got 3/);
});
