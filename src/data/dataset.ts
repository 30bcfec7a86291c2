/**
 * The Dataset type and the seeded operations on it: subset, shuffle, train/test split
 * (stratified for classification), conversion to float matrices, and a SampleSource for
 * the training loop that keeps uint8 images as bytes until a batch is filled.
 */
import type { Backend } from '../backend/backend.js';
import { Matrix } from '../matrix.js';
import type { DType } from '../matrix.js';
import { Random } from '../random.js';
import type { SampleSource } from '../train/sample-source.js';
import type { ColumnInfo } from './columns.js';
import { UsageError } from '../errors/usage-error.js';
import { DataFormatError } from '../errors/data-format-error.js';

/** What the targets mean: class labels, or real values. */
export type Task = 'classification' | 'regression';

/** `count` grey-scale images of `height x width` bytes, image i at pixels[i·height·width ...]. */
export interface ImageSet {
  readonly pixels: Uint8Array;
  readonly count: number;
  readonly height: number;
  readonly width: number;
}

/**
 * A labelled data set. Inputs are either a `count x features` float matrix or uint8 images
 * (one flattened `height·width` row per sample).
 * - `labels` (classification): class index per sample, in [0, classNames.length).
 * - `targets`: explicit float targets, `count x outputs` (regression values, or a data set's own
 *   target encoding such as XOR's single 0/1 output). When undefined, training targets are the
 *   one-hot encoding of `labels` (see `targetMatrix`).
 */
export interface Dataset {
  readonly name: string;
  readonly task: Task;
  readonly inputs: Matrix | ImageSet;
  readonly targets: Matrix | undefined;
  readonly labels: Int32Array | undefined;
  /** One name per input column (images: `px0` ... ). */
  readonly featureNames: readonly string[];
  /** Class names, index = label (empty for regression). */
  readonly classNames: readonly string[];
  /** Names of the target columns (regression), e.g. `['MedHouseVal']`. */
  readonly targetNames: readonly string[];
  /** Tables read from CSV or rows: each input column's kind; categorical inputs hold codes into `categories`, NaN = missing. */
  readonly columns?: readonly ColumnInfo[];
  /** Why the task is what it is, in one line (tables read from CSV or rows). */
  readonly taskReason?: string;
}

/** A train part and a test part of one data set. */
export interface DatasetSplit {
  readonly train: Dataset;
  readonly test: Dataset;
}

/** True if the inputs are uint8 images rather than a float matrix. */
export function isImageSet(inputs: Matrix | ImageSet): inputs is ImageSet {
  return (inputs as ImageSet).pixels !== undefined;
}

/** Number of samples. */
export function sampleCount(dataset: Dataset): number {
  return isImageSet(dataset.inputs) ? dataset.inputs.count : dataset.inputs.rows;
}

/** Values per input row (features, or height·width pixels). */
export function inputSize(dataset: Dataset): number {
  const inputs = dataset.inputs;
  return isImageSet(inputs) ? inputs.height * inputs.width : inputs.cols;
}

/** Values per training target row: the explicit targets' width, else the number of classes. */
export function targetSize(dataset: Dataset): number {
  return dataset.targets === undefined ? dataset.classNames.length : dataset.targets.cols;
}

/** A new data set holding the given rows, in the given order. */
export function subset(dataset: Dataset, indices: ArrayLike<number>): Dataset {
  const n = indices.length;
  const count = sampleCount(dataset);
  for (let i = 0; i < n; i++) {
    const index = indices[i]!;
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new UsageError(`subset: index ${index} is outside 0..${count - 1}`);
    }
  }
  const inputs = dataset.inputs;
  let picked: Matrix | ImageSet;
  if (isImageSet(inputs)) {
    const size = inputs.height * inputs.width;
    const pixels = new Uint8Array(n * size);
    for (let i = 0; i < n; i++) pixels.set(inputs.pixels.subarray(indices[i]! * size, (indices[i]! + 1) * size), i * size);
    picked = { pixels, count: n, height: inputs.height, width: inputs.width };
  } else {
    picked = pickRows(inputs, indices);
  }
  const labels = dataset.labels === undefined ? undefined : Int32Array.from({ length: n }, (_, i) => dataset.labels![indices[i]!]!);
  const targets = dataset.targets === undefined ? undefined : pickRows(dataset.targets, indices);
  return { ...dataset, inputs: picked, labels, targets };
}

function pickRows(m: Matrix, indices: ArrayLike<number>): Matrix {
  const out = Matrix.zeros(indices.length, m.cols, m.dtype);
  for (let i = 0; i < indices.length; i++) {
    const r = indices[i]!;
    out.data.set(m.data.subarray(r * m.cols, (r + 1) * m.cols), i * m.cols);
  }
  return out;
}

/** The data set with its rows in a seeded random order. */
export function shuffleDataset(dataset: Dataset, seed: number): Dataset {
  return subset(dataset, new Random(seed).permutation(sampleCount(dataset)));
}

/** Options of `splitDataset`. */
export interface SplitOptions {
  /** Fraction of the samples that go to the test part, in (0, 1) (default 0.2). */
  readonly testFraction?: number;
  /** Seed of the shuffle (default 0). */
  readonly seed?: number;
  /** Keep class proportions in both parts (default: true for classification with labels). */
  readonly stratify?: boolean;
}

/**
 * Seeded train/test split. Stratified: each class contributes round(n_class·testFraction)
 * samples to the test part. Both parts come out shuffled.
 */
export function splitDataset(dataset: Dataset, { testFraction = 0.2, seed = 0, stratify }: SplitOptions = {}): DatasetSplit {
  if (!(testFraction > 0 && testFraction < 1)) throw new UsageError(`splitDataset: testFraction must be in (0, 1), got ${testFraction}`);
  const random = new Random(seed);
  const count = sampleCount(dataset);
  const labels = dataset.labels;
  const byClass = (stratify ?? labels !== undefined) && labels !== undefined;
  const groups: number[][] = [];
  if (byClass) {
    for (let i = 0; i < count; i++) (groups[labels[i]!] ??= []).push(i);
  } else {
    groups.push(Array.from({ length: count }, (_, i) => i));
  }
  const train: number[] = [];
  const test: number[] = [];
  for (const group of groups) {
    if (group === undefined) continue;
    random.shuffle(group);
    const testCount = Math.round(group.length * testFraction);
    // A loop, not push(...group): a spread of 200,000 indices overflows the call stack.
    for (let i = 0; i < group.length; i++) (i < testCount ? test : train).push(group[i]!);
  }
  if (train.length === 0 || test.length === 0) {
    throw new DataFormatError({ file: dataset.name }, `splitDataset: ${count} samples with testFraction ${testFraction} leaves an empty part (more rows, or another test fraction)`);
  }
  return { train: subset(dataset, random.shuffle(train)), test: subset(dataset, random.shuffle(test)) };
}

/** Affine conversion of uint8 pixels to floats: value = byte·scale + shift. */
export interface PixelScaling {
  readonly scale: number;
  readonly shift: number;
}

/** Pixels to [low, high]: seed 003's `x/255·0.99 + 0.01` is `pixelRange(0.01, 1)`. */
export function pixelRange(low: number, high: number): PixelScaling {
  return { scale: (high - low) / 255, shift: low };
}

/**
 * The inputs as a float matrix (`count x inputSize`); images are converted with `scaling`
 * (default byte/255) to `dtype` (default float32). Matrix inputs keep their precision unless `dtype` is given.
 */
export function inputMatrix(dataset: Dataset, scaling: PixelScaling = pixelRange(0, 1), dtype?: DType): Matrix {
  const inputs = dataset.inputs;
  if (!isImageSet(inputs)) return dtype === undefined || inputs.dtype === dtype ? inputs : inputs.clone(dtype);
  const out = Matrix.zeros(inputs.count, inputs.height * inputs.width, dtype ?? 'float32');
  const { scale, shift } = scaling;
  for (let i = 0; i < inputs.pixels.length; i++) out.data[i] = inputs.pixels[i]! * scale + shift;
  return out;
}

/** Values of one-hot targets: `on` for the true class, `off` elsewhere (seed 003: 0.99 / 0.01). */
export interface OneHotValues {
  readonly on?: number;
  readonly off?: number;
}

/**
 * The training targets as a matrix: explicit targets (in their precision unless `dtype` is given),
 * else the one-hot encoding of the labels (float32 unless `dtype` is given).
 */
export function targetMatrix(dataset: Dataset, values: OneHotValues = {}, dtype?: DType): Matrix {
  const targets = dataset.targets;
  if (targets !== undefined) return dtype === undefined || targets.dtype === dtype ? targets : targets.clone(dtype);
  if (dataset.labels === undefined) throw new DataFormatError({ file: dataset.name }, 'has neither targets nor labels');
  return oneHot(dataset.labels, dataset.classNames.length, values, dtype ?? 'float32');
}

/** One-hot encoding: row i is `off` everywhere except `on` at column labels[i]. labels: n → n x classCount. */
export function oneHot(labels: ArrayLike<number>, classCount: number, { on = 1, off = 0 }: OneHotValues = {}, dtype: DType = 'float32'): Matrix {
  const out = Matrix.zeros(labels.length, classCount, dtype);
  if (off !== 0) out.data.fill(off);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (!Number.isInteger(label) || label < 0 || label >= classCount) {
      throw new DataFormatError({ file: 'oneHot labels' }, `label ${label} at row ${i} is outside 0..${classCount - 1}`);
    }
    out.data[i * classCount + label] = on;
  }
  return out;
}

/** Options of `datasetSource`. */
export interface SourceOptions extends OneHotValues {
  /** How image bytes become floats (default byte/255). Ignored for matrix inputs. */
  readonly pixels?: PixelScaling;
}

/**
 * A SampleSource over the data set for the training loop. Images stay uint8 and are converted
 * per batch by `backend.gatherRowsU8`; label targets are written one-hot per batch.
 */
export function datasetSource(dataset: Dataset, { pixels = pixelRange(0, 1), on = 1, off = 0 }: SourceOptions = {}): SampleSource {
  const inputs = dataset.inputs;
  const labels = dataset.labels;
  const targets = dataset.targets;
  const width = targetSize(dataset);
  if (targets === undefined && labels === undefined) throw new DataFormatError({ file: dataset.name }, 'has neither targets nor labels');
  return {
    count: sampleCount(dataset),
    inputSize: inputSize(dataset),
    targetSize: width,
    fill(backend: Backend, indices: ArrayLike<number>, start: number, x: Matrix, y: Matrix): void {
      if (isImageSet(inputs)) backend.gatherRowsU8(inputs.pixels, indices, start, pixels.scale, pixels.shift, x);
      else backend.gatherRows(inputs.data, indices, start, x);
      if (targets !== undefined) {
        backend.gatherRows(targets.data, indices, start, y);
        return;
      }
      y.data.fill(off, 0, y.rows * width);
      for (let i = 0; i < y.rows; i++) y.data[i * width + labels![indices[start + i]!]!] = on;
    },
  };
}
