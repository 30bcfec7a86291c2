/** Each chart: well-formed SVG, the title, axis labels and legend text a reader needs, and one mark per datum. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  coefficientOfDetermination,
  confusionMatrixSvg,
  decisionBoundarySvg,
  decisionGridInputs,
  digitSvg,
  imageGridSvg,
  lossCurveSvg,
  scatterSvg,
} from '../src/index.js';
import { assertClose } from './helpers/tolerance.js';
import { count, parseSvg } from './helpers/svg-check.js';

const epochs = 12;
const trainLoss = Array.from({ length: epochs }, (_, i) => 2 * Math.exp(-i / 3) + 0.05);
const validationLoss = trainLoss.map((v) => v + 0.04);

test('loss curve: two panels, curves and markers per epoch, labels and legend', () => {
  const svg = lossCurveSvg({
    loss: { train: trainLoss, validation: validationLoss },
    lossName: 'cross-entropy',
    metric: { name: 'accuracy', train: trainLoss.map((v) => 1 - v / 3), validation: validationLoss.map((v) => 1 - v / 3) },
  });
  const parsed = parseSvg(svg);
  assert.equal(count(parsed, 'polyline'), 4, 'train and validation in each of two panels');
  assert.equal(count(parsed, 'circle', (a) => a['class'] === 'train'), 2 * epochs);
  assert.equal(count(parsed, 'circle', (a) => a['class'] === 'validation'), 2 * epochs);
  for (const words of ['Training history', 'epoch', 'cross-entropy', 'accuracy', 'train (last', 'validation (last', '%']) {
    assert.ok(parsed.text.includes(words), `missing "${words}"`);
  }
});

test('loss curve: log scale skips non-positive values and a NaN epoch breaks the line', () => {
  const withGap = [...trainLoss];
  withGap[5] = Number.NaN;
  withGap[6] = 0;
  const parsed = parseSvg(lossCurveSvg({ loss: { train: withGap }, logScale: true, title: 'Diverged run' }));
  assert.equal(count(parsed, 'polyline'), 2, 'two pieces around the gap');
  assert.equal(count(parsed, 'circle', (a) => a['class'] === 'train'), epochs - 2);
  assert.ok(parsed.text.includes('(log scale)'));
  assert.ok(parsed.text.includes('Diverged run'));
  assert.ok(!svg_has_nan(lossCurveSvg({ loss: { train: withGap } })), 'no NaN coordinates written');
});

function svg_has_nan(svg: string): boolean {
  return /NaN|Infinity/.test(svg);
}

test('confusion matrix: k x k cells with their counts, class names on both axes, accuracy and colour bar', () => {
  const counts = [
    [10, 0, 0],
    [0, 9, 1],
    [0, 2, 8],
  ];
  const parsed = parseSvg(confusionMatrixSvg({ counts, classNames: ['setosa', 'versi<color>', 'virginica'] }));
  assert.equal(count(parsed, 'rect', (a) => a['class'] === 'cell'), 9);
  for (const words of ['Confusion matrix (test)', 'Predicted class', 'True class', 'versi<color>', 'count', '90.00%', '27 of 30']) {
    assert.ok(parsed.text.includes(words), `missing "${words}"`);
  }
  const cellTexts = parsed.text.split(' ');
  for (const n of ['10', '9', '8', '2', '1']) assert.ok(cellTexts.includes(n), `count ${n} written`);
  const rowShares = parseSvg(confusionMatrixSvg({ counts, colorBy: 'row' }));
  assert.ok(rowShares.text.includes('row %'));
});

test('image grid: one tile per image with "true X / pred Y" in class names, limit and total respected', () => {
  const image = new Uint8Array(28 * 28).map((_, i) => (i % 29 === 0 ? 255 : 0));
  const images = Array.from({ length: 7 }, (_, i) => ({ pixels: image, actual: i % 3, predicted: (i + 1) % 3 }));
  const names = ['cat', 'dog', 'bird'];
  const parsed = parseSvg(imageGridSvg({ images, classNames: names, total: 40, limit: 6 }));
  assert.equal(count(parsed, 'rect', (a) => a['class'] === 'tile'), 6);
  assert.ok(parsed.text.includes('Misclassified test images'));
  assert.ok(parsed.text.includes('showing 6 of 40 misclassified'));
  assert.match(parsed.text, /true cat (\/ )?pred dog/, 'one line, or two when the names are long');
  const oneLine = parseSvg(imageGridSvg({ images, limit: 2 }));
  assert.ok(oneLine.text.includes('true 0 / pred 1'));
  assert.ok(count(parsed, 'path') >= 6, 'each tile draws its ink');
  const small = parseSvg(imageGridSvg({ images: [{ pixels: new Float32Array(12).fill(0.5), actual: 0, predicted: 1 }], width: 4, height: 3 }));
  assert.equal(count(small, 'rect', (a) => a['class'] === 'tile'), 1);
  assert.ok(parseSvg(imageGridSvg({ images: [] })).text.includes('no misclassified images'));
});

test('scatter: one point per sample, y = x line, R² and units in the text', () => {
  const actual = [1, 2, 3, 4, 5, 6];
  const predicted = [1.1, 1.9, 3.2, 3.8, 5.1, 6.3];
  const parsed = parseSvg(scatterSvg({ actual, predicted, valueLabel: 'price ($1000s)' }));
  assert.equal(count(parsed, 'circle', (a) => a['class'] === 'point'), 6);
  const r2 = coefficientOfDetermination(actual, predicted);
  for (const words of ['Predicted vs actual (test)', 'actual price ($1000s)', 'predicted price ($1000s)', `R² = ${r2.toFixed(3)}`, 'y = x']) {
    assert.ok(parsed.text.includes(words), `missing "${words}"`);
  }
  assertClose(coefficientOfDetermination([1, 2, 3], [1, 2, 3]), 1, { atol: 1e-12 });
  assertClose(coefficientOfDetermination([1, 2, 3], [2, 2, 2]), 0, { atol: 1e-12 });
  const many = Array.from({ length: 10_000 }, (_, i) => i);
  assert.equal(count(parseSvg(scatterSvg({ actual: many, predicted: many, maxPoints: 1000 })), 'circle', (a) => a['class'] === 'point'), 1000);
  assert.throws(() => scatterSvg({ actual: [1], predicted: [1, 2] }), RangeError);
});

test('decision boundary: grid inputs in documented order, points on top, legend and probability bar', () => {
  const grid = { xRange: [-1, 1] as const, yRange: [0, 2] as const, columns: 4, rows: 2 };
  const inputs = decisionGridInputs(grid);
  assert.deepEqual(Array.from(inputs.slice(0, 4)), [-0.75, 0.5, -0.25, 0.5], 'row 0 at the bottom, x varies fastest');
  assert.deepEqual(Array.from(inputs.slice(-2)), [0.75, 1.5]);
  const outputs = Float32Array.from({ length: 8 }, (_, i) => (inputs[2 * i]! > 0 ? 0.9 : 0.1));
  const points = { x: [-0.5, 0.5, 0.2], y: [1, 1, 0.3], labels: [0, 1, 1] };
  const binary = parseSvg(decisionBoundarySvg({ grid, outputs, outputSize: 1, points, classNames: ['left', 'right'] }));
  assert.equal(count(binary, 'circle', (a) => a['class'] === 'point'), 3);
  for (const words of ['Decision boundary', 'left', 'right', 'P(right)', 'x₁', 'x₂']) assert.ok(binary.text.includes(words), `missing "${words}"`);
  const softmax = Float32Array.from({ length: 8 * 3 }, (_, i) => (i % 3 === 2 ? 0.8 : 0.1));
  const multi = parseSvg(decisionBoundarySvg({ grid, outputs: softmax, outputSize: 3, points: { x: [0], y: [1], labels: [2] } }));
  assert.ok(multi.text.includes('class 2'));
  assert.throws(() => decisionBoundarySvg({ grid, outputs: softmax, outputSize: 2, points }), /expected 16 outputs/);
});

test('digit: a standalone image document with its title', () => {
  const pixels = new Uint8Array(28 * 28).fill(0);
  pixels[14 * 28 + 14] = 200;
  const parsed = parseSvg(digitSvg({ pixels, title: 'label 7' }));
  assert.ok(parsed.text.includes('label 7'));
  assert.equal(count(parsed, 'path'), 1, 'one grey level, one path');
});
