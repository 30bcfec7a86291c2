/**
 * What each training job is made of: the model, its data as matrices, the options of
 * `train()` and the metadata saved with the model, so a downloaded file works with the CLI.
 */
import { Matrix, Mlp, type ModelJson, type TrainOptions } from '../src/index.js';
import { asProblem, DOMAIN, generatePoints, pointTargets } from './datasets-2d.js';
import { FEATURES, featureInputs, isPlainCoordinates } from './features.js';
import { hiddenActivations } from './state.js';
import { PIXELS, splitDigits, type Digits, type DigitsLoader } from './digits-data.js';
import type { Job } from './protocol.js';

/** Everything the worker needs to train one job. */
export interface PreparedJob {
  readonly model: Mlp;
  readonly train: { readonly x: Matrix; readonly y: Matrix };
  readonly test: { readonly x: Matrix; readonly y: Matrix };
  readonly options: TrainOptions;
  /** The test images (digits only), to send mistakes back. */
  readonly testDigits?: Digits;
}

/** Inputs → model scaling of the digits, as in seed 003: x = byte / 255 · 0.99 + 0.01. */
const DIGIT_SCALE = 0.99 / 255;
const DIGIT_SHIFT = 0.01;
const DIGIT_ON = 0.99;
const DIGIT_OFF = 0.01;

/** A digits job without a loader (2-D jobs need none). */
const noDigits: DigitsLoader = () => Promise.reject(new Error('prepareJob: a digits job needs a digits loader'));

/**
 * Builds the model and data of a job (a model file's weights replace the fresh ones if given).
 * `loadDigits` fetches the digits for a digits job (the worker passes digits-fetch.ts's).
 */
export async function prepareJob(job: Job, file?: ModelJson, loadDigits: DigitsLoader = noDigits): Promise<PreparedJob> {
  return job.kind === '2d' ? prepare2d(job.settings, file) : prepareDigits(job.settings, file, loadDigits);
}

function prepare2d(settings: Job['settings'], file?: ModelJson): PreparedJob {
  const generated = generatePoints({ dataset: settings.dataset, points: 500, noise: settings.noise, trainPercent: settings.trainPercent, seed: settings.seed });
  const split = asProblem(generated, settings.problem);
  const regression = split.task === 'regression';
  const { features } = settings;
  const activations = [...hiddenActivations(settings), regression ? 'linear' : 'sigmoid'] as const;
  const model = file === undefined ? Mlp.create({ sizes: [features.length, ...settings.hidden, 1], activations, seed: settings.seed }) : Mlp.fromJSON(file);
  const featureNames = features.map((name) => FEATURES[name].label);
  // Only the plain coordinates are a CSV's columns scaled; other features are saved under their names.
  const inputs = isPlainCoordinates(features) ? [{ kind: 'affine', scale: 1 / DOMAIN, shift: 0 }] : [];
  model.metadata = {
    ...model.metadata,
    task: split.task,
    loss: regression ? 'mse' : 'binaryCrossEntropy',
    dataset: `playground-${settings.dataset}`,
    playgroundFeatures: features,
    preprocessing: preprocessing(split.task, inputs, isPlainCoordinates(features) ? ['x', 'y'] : featureNames, regression ? [] : ['0', '1'], { on: 1, off: 0 }),
  };
  return {
    model,
    train: { x: featureInputs(split.train, features), y: pointTargets(split.train) },
    test: { x: featureInputs(split.test, features), y: pointTargets(split.test) },
    options: {
      loss: regression ? 'mse' : 'binaryCrossEntropy',
      task: split.task,
      optimizer: { kind: settings.optimizer, learningRate: settings.learningRate, weightDecay: settings.l2, l1: settings.l1 },
      batchSize: settings.batchSize,
      epochs: 1_000_000,
      seed: settings.seed,
      batchEvents: true,
    },
  };
}

async function prepareDigits(settings: Job['settings'], file: ModelJson | undefined, loadDigits: DigitsLoader): Promise<PreparedJob> {
  const { train, test } = splitDigits(await loadDigits(), settings.seed);
  const model = file === undefined ? Mlp.create({ sizes: [PIXELS, settings.digitsHidden, 10], activation: 'sigmoid', outputActivation: 'sigmoid', init: 'fanIn', seed: settings.seed }) : Mlp.fromJSON(file);
  const classNames = Array.from({ length: 10 }, (_, i) => String(i));
  const pixels = Array.from({ length: PIXELS }, (_, i) => `px${i}`);
  model.metadata = {
    ...model.metadata,
    task: 'classification',
    loss: 'halfSumSquares',
    dataset: 'mnist',
    preprocessing: preprocessing('classification', [{ kind: 'affine', scale: DIGIT_SCALE, shift: DIGIT_SHIFT }], pixels, classNames, { on: DIGIT_ON, off: DIGIT_OFF }),
  };
  return {
    model,
    train: digitMatrices(train),
    test: digitMatrices(test),
    testDigits: test,
    options: {
      loss: 'halfSumSquares',
      optimizer: { kind: 'sgd', learningRate: settings.digitsRate },
      batchSize: 1,
      epochs: 1_000_000,
      seed: settings.seed,
      batchEvents: true,
    },
  };
}

/** Model-ready digit inputs (count x 784) and one-hot 0.01/0.99 targets (count x 10). */
export function digitMatrices(digits: Digits): { x: Matrix; y: Matrix } {
  const x = Matrix.zeros(digits.count, PIXELS);
  for (let i = 0; i < x.data.length; i++) x.data[i] = digits.pixels[i]! * DIGIT_SCALE + DIGIT_SHIFT;
  const y = Matrix.zeros(digits.count, 10);
  y.data.fill(DIGIT_OFF);
  for (let r = 0; r < digits.count; r++) y.data[r * 10 + digits.labels[r]!] = DIGIT_ON;
  return { x, y };
}

/** Scales 28 x 28 bytes (0-255) the way the digit network expects. */
export function digitInputs(bytes: ArrayLike<number>): Matrix {
  return new Matrix(1, PIXELS, Float32Array.from({ length: PIXELS }, (_, i) => bytes[i]! * DIGIT_SCALE + DIGIT_SHIFT));
}

/** The data module's Preprocessing record, as the CLI reads it from a model file. */
function preprocessing(task: string, inputs: unknown[], featureNames: string[], classNames: string[], oneHot: { on: number; off: number }) {
  return { task, inputs, targets: [], oneHot, featureNames, classNames, targetNames: ['label'] };
}
