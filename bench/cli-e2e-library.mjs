// The library's side of bench/cli-e2e.ts's training-time comparison, run by it as a child
// process (as the CLI is): the work of `backprop train fashion-mnist --layers 128 --optimizer sgd
// --learning-rate 0.1 --batch-size 64 --epochs 1` through the public engine calls (Mlp.create +
// fit, no event listener) with the CLI's defaults: seed 0, default initialiser, pixels / 255,
// shuffled. Prints one JSON line: {"seconds": the History's training seconds}. Needs dist/.
import { fashionMnist } from '../dist/data/builtin-files.js';
import { datasetSource } from '../dist/data/dataset.js';
import { Mlp } from '../dist/nn/mlp.js';
import { fit } from '../dist/train/train.js';

const { train } = await fashionMnist({ cacheUnpacked: true });
const model = Mlp.create({ sizes: [784, 128, 10], activation: 'relu', outputActivation: 'softmax', bias: true, seed: 0 });
const history = fit(model, datasetSource(train), { loss: 'crossEntropy', optimizer: { kind: 'sgd', learningRate: 0.1 }, epochs: 1, batchSize: 64, seed: 0, shuffle: true });
process.stdout.write(`${JSON.stringify({ seconds: history.seconds })}\n`);
