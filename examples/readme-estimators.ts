import { Classifier, Regressor } from 'backprop';
import { loadModel, saveModel } from 'backprop/node';

// Plain arrays in, labels out in their own type: XOR as brain.js users write it.
const X = [[0, 0], [0, 1], [1, 0], [1, 1]];
const y = ['off', 'on', 'on', 'off'];
const clf = new Classifier({ hiddenLayers: [8], activation: 'tanh', learningRate: 0.05, epochs: 300, seed: 1 });
await clf.fit(X, y);
console.log(clf.predict([[1, 0]]), clf.classes, clf.predictProba([[1, 0]])); // [ 'on' ] [ 'off', 'on' ] [[p_off, p_on]]
console.log('accuracy', clf.score(X, y));

// Records keyed by column name; inputs and target are standardised inside, predictions come back in dollars.
const houses = Array.from({ length: 200 }, (_, i) => ({ rooms: 1 + (i % 6), age: (i * 7) % 50 }));
const prices = houses.map((h) => 50_000 + 30_000 * h.rooms - 800 * h.age);
const reg = new Regressor({ hiddenLayers: [16], epochs: 100 });
await reg.fit(houses, prices, { onEpoch: (e) => e.epoch % 50 === 0 && console.log(`epoch ${e.epoch} loss ${e.loss.toFixed(4)}`) });
const { r2, mae } = reg.evaluate(houses, prices);
console.log(`R² ${r2.toFixed(4)}, MAE $${mae.toFixed(0)}, a 3-room 10-year-old house: $${reg.predict([{ rooms: 3, age: 10 }])[0]!.toFixed(0)}`);

// The CLI's model file: `backprop predict xor.json rows.csv` reads it, and so does loadModel.
await saveModel(clf, 'xor.json');
const loaded = await loadModel('xor.json');             // a Classifier or a Regressor, by the file's task
console.log(loaded instanceof Classifier && loaded.predict(X)); // [ 'off', 'on', 'on', 'off' ]
if (clf.score(X, y) < 1 || r2 < 0.95) process.exitCode = 1;
