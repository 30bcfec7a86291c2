/**
 * The quick start: seed 001's XOR network (2-5-1, sigmoid, a random example each step),
 * trained and queried with the library, printing the loss as it falls.
 */
import { Matrix, Mlp, accuracy, fit } from '../src/index.js';

const x = Matrix.from([[0, 0], [0, 1], [1, 0], [1, 1]]);
const y = Matrix.from([[0], [1], [1], [0]]);
const model = Mlp.create({ sizes: [2, 5, 1], activation: 'sigmoid', outputActivation: 'sigmoid', init: { kind: 'uniform', low: -1, high: 1 }, seed: 3 });
console.log(model.summary());

fit(model, { x, y }, {
  loss: 'halfSumSquares',
  learningRate: 0.5,
  batchSize: 1,
  sampling: 'random',
  stepsPerEpoch: 1000,
  epochs: 20,
  seed: 3,
  batchEvents: false,
  onEvent: (e) => {
    if (e.type === 'epoch' && e.epoch % 4 === 0) console.log(`epoch ${String(e.epoch).padStart(2)}  loss ${e.loss.toFixed(6)}  accuracy ${e.accuracy}`);
  },
});

const out = model.predict(x);
for (let r = 0; r < 4; r++) console.log(`${x.rowArray(r).join(' xor ')} -> ${out.get(r, 0).toFixed(4)}`);
console.log(`accuracy ${accuracy(y, out)}`);
