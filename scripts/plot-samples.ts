/**
 * Renders one sample of every plot to docs/images/*.png (the pictures the README shows), from fixed
 * synthetic histories and predictions plus real MNIST test digits from the `mnist` package.
 * Run: node --import tsx scripts/plot-samples.ts
 */
import { mkdirSync } from 'node:fs';
import { mnist } from '../src/data/builtin-files.js';
import {
  Random,
  confusionMatrixSvg,
  decisionBoundarySvg,
  decisionGridInputs,
  digitSvg,
  imageGridSvg,
  lossCurveSvg,
  paddedRange,
  scatterSvg,
  writePng,
} from '../src/node.js';

const out = 'docs/images';
mkdirSync(out, { recursive: true });
const random = new Random(3);
const noise = () => random.normal(0, 1);

const epochs = 20;
const train = Array.from({ length: epochs }, (_, i) => 0.08 + 0.55 * Math.exp(-i / 3) + 0.004 * noise());
const validation = train.map((v, i) => v + 0.02 + 0.0015 * i);
const accuracy = (loss: readonly number[]) => loss.map((v) => Math.min(1, 1.005 - v / 3.2));
await writePng(`${out}/loss-curve.png`, lossCurveSvg({
  loss: { train, validation },
  lossName: 'cross-entropy',
  metric: { name: 'accuracy', train: accuracy(train), validation: accuracy(validation) },
  subtitle: 'sample: MNIST-shaped history, 784-100-10',
}));

const k = 10;
const counts = Array.from({ length: k }, (_, t) =>
  Array.from({ length: k }, (_, p) => (t === p ? 940 + Math.round(30 * noise()) : Math.max(0, Math.round(3 * noise() + (random.uniform(0, 1) < 0.2 ? 8 : 0))))),
);
await writePng(`${out}/confusion-matrix.png`, confusionMatrixSvg({ counts }));

const shipped = (await mnist({ seed: 0 })).test;
const shippedPixels = (shipped.inputs as { pixels: Uint8Array }).pixels;
const digits = Array.from({ length: 300 }, (_, i) => ({
  pixels: Float32Array.from(shippedPixels.subarray(i * 784, (i + 1) * 784), (v) => v / 255),
  label: shipped.labels![i]!,
}));
const wrong = digits.slice(0, 24).map((d, i) => ({ pixels: d.pixels, actual: d.label, predicted: (d.label + 1 + (i % 8)) % 10 }));
await writePng(`${out}/misclassified.png`, imageGridSvg({ images: wrong, total: 212 }));
await writePng(`${out}/digit.png`, digitSvg({ pixels: digits[0]!.pixels, title: `label ${digits[0]!.label}` }));

const actual = Array.from({ length: 2000 }, () => Math.min(5, Math.max(0.15, 2.1 + 1.1 * noise())));
const predicted = actual.map((a) => 0.82 * a + 0.35 + 0.42 * noise());
await writePng(`${out}/scatter.png`, scatterSvg({ actual, predicted, valueLabel: 'median house value ($100k)' }));

const n = 200;
const x = Array.from({ length: n }, () => random.uniform(-2, 2));
const y = Array.from({ length: n }, () => random.uniform(-2, 2));
const labels = x.map((xi, i) => (xi * xi + y[i]! * y[i]! < 1.6 ? 1 : 0));
const grid = { xRange: paddedRange(x), yRange: paddedRange(y), columns: 100, rows: 100 };
const inputs = decisionGridInputs(grid);
const outputs = Float32Array.from({ length: 100 * 100 }, (_, i) => 1 / (1 + Math.exp(3 * (inputs[2 * i]! ** 2 + inputs[2 * i + 1]! ** 2 - 1.6))));
await writePng(`${out}/decision-boundary.png`, decisionBoundarySvg({ grid, outputs, outputSize: 1, points: { x, y, labels }, classNames: ['outside', 'inside'] }));
console.log(`wrote 6 pictures to ${out}/`);
