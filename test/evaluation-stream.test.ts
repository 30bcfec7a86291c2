/** Evaluation streams batches through the training source: same numbers as predicting on materialised inputs. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluatePart } from '../src/cli/evaluation.js';
import type { Dataset } from '../src/data/dataset.js';
import { fitPreprocessing, preparedMatrices, preparedSource } from '../src/data/preprocessing.js';
import { Matrix } from '../src/matrix.js';
import { classLabels } from '../src/metrics.js';
import { Mlp } from '../src/nn/mlp.js';
import { Random } from '../src/random.js';
import { evaluateSamples } from '../src/train/evaluate.js';
import { matrixSource } from '../src/train/sample-source.js';

function images(count: number): Dataset {
  const random = new Random(3);
  const pixels = new Uint8Array(count * 64);
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.floor(random.uniform(0, 256));
  const labels = Int32Array.from({ length: count }, (_, i) => i % 3);
  return {
    name: 'tiny-images', task: 'classification', inputs: { pixels, count, height: 8, width: 8 }, targets: undefined, labels,
    featureNames: [], classNames: ['a', 'b', 'c'], targetNames: [],
  };
}

test('evaluateSamples keeps the outputs it computed the loss from, equal to Mlp.predict', () => {
  const data = images(2500); // more than one batch of 1024
  const prep = fitPreprocessing(data, { inputs: [{ kind: 'affine', scale: 1 / 255, shift: 0 }] });
  const { x, y } = preparedMatrices(data, prep);
  const model = Mlp.create({ sizes: [64, 16, 3], outputActivation: 'softmax', seed: 2 });
  const predicted = model.predict(x);
  const kept = Matrix.zeros(2500, 3);
  kept.data.fill(NaN);
  const evaluation = evaluateSamples(model, matrixSource({ x, y }), { loss: 'crossEntropy', task: 'classification', outputs: kept });
  assert.deepEqual([...kept.data], [...predicted.data]);
  assert.ok(Number.isFinite(evaluation.loss));
  assert.ok(evaluation.accuracy !== undefined && evaluation.accuracy >= 0);
  // metric: false gives the same loss without the accuracy (evaluatePart counts from the outputs).
  const lossOnly = evaluateSamples(model, matrixSource({ x, y }), { loss: 'crossEntropy', task: 'classification', metric: false });
  assert.deepEqual(lossOnly, { loss: evaluation.loss });
  const wrong = Matrix.zeros(2500, 2);
  assert.throws(() => evaluateSamples(model, matrixSource({ x, y }), { loss: 'crossEntropy', task: 'classification', outputs: wrong }), /outputs must be 2500x3 float32, got 2500x2/);
});

test('evaluatePart on uint8 images: the streamed source gives the materialised inputs\' predictions and loss', () => {
  const data = images(1500);
  const prep = fitPreprocessing(data, { inputs: [{ kind: 'affine', scale: 1 / 255, shift: 0 }] });
  const model = Mlp.create({ sizes: [64, 16, 3], outputActivation: 'softmax', seed: 5 });
  const { x, y } = preparedMatrices(data, prep);
  const expected = classLabels(model.predict(x));
  const evaluated = evaluatePart(model, data, prep, 'crossEntropy');
  assert.deepEqual([...evaluated.labels!.predicted], [...expected]);
  assert.deepEqual([...evaluated.labels!.truth], [...data.labels!]);
  const materialised = evaluateSamples(model, matrixSource({ x, y }), { loss: 'crossEntropy', task: 'classification' });
  const streamed = evaluateSamples(model, preparedSource(data, prep), { loss: 'crossEntropy', task: 'classification' });
  assert.ok(Math.abs(evaluated.metrics.loss - materialised.loss) < 1e-6, `${evaluated.metrics.loss} vs ${materialised.loss}`);
  assert.equal(evaluated.metrics.loss, streamed.loss, 'evaluatePart reads the training source');
});
