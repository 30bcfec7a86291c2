import { Mlp, accuracy, fit, fitPreprocessing, gradcheck, preparedMatrices, splitDataset, standardize } from 'backprop';
import { loadDataset, saveModel } from 'backprop/node';

const iris = await loadDataset('iris');                             // { train, test: undefined }: iris has one part
const { train, test } = splitDataset(iris.train, { testFraction: 0.2, seed: 0 });
const prep = fitPreprocessing(train, { inputs: [standardize()] });  // fitted on the training part only
const { x, y } = preparedMatrices(train, prep);                     // x: 120 x 4 standardised, y: 120 x 3 one-hot
const { x: xTest, y: yTest } = preparedMatrices(test, prep);

const model = Mlp.create({
  sizes: [4, 100, 20, 3],             // input, hidden..., output
  activation: 'relu',                 // hidden layers
  outputActivation: 'softmax',
  init: { kind: 'normal', sd: 0.01 }, // seed 000's randn * 0.01
  seed: 42,
});
const history = fit(model, { x, y }, {
  loss: 'crossEntropy',
  optimizer: { kind: 'adam', learningRate: 0.01 },
  epochs: 200, batchSize: 32, validationSplit: 0.2,
  earlyStopping: { patience: 10, restoreBestWeights: true },
});
const testAccuracy = accuracy(yTest, model.predict(xTest));        // Mlp.predict takes prepared inputs
const check = gradcheck(model, x.clone('float64'), y.clone('float64')); // worst relative error per layer
console.log(`${history.epochs.length} epochs, test accuracy ${testAccuracy.toFixed(3)}, gradcheck worst ${check.worst.toExponential(1)}`);
model.metadata.preprocessing = prep;  // backprop predict and loadModel then take raw rows
await saveModel(model, 'iris.json');
if (testAccuracy < 0.9 || check.worst > 1e-6) process.exitCode = 1;
