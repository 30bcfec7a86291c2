/**
 * Preprocessing of a whole data set: input and target transform chains fitted on the
 * training part, applied to any part, and stored as plain JSON in a model file's metadata
 * (with feature and class names), so predictions can start from raw rows and end in
 * original units or class names.
 */
import { Matrix } from '../matrix.js';
import type { LabelledMatrices, SampleSource } from '../train/sample-source.js';
import { datasetSource, inputMatrix, isImageSet, pixelRange, targetMatrix } from './dataset.js';
import type { Dataset, OneHotValues, PixelScaling, Task } from './dataset.js';
import { applyPipeline, fitPipeline, invertPipeline, transformFromJSON } from './transforms.js';
import type { FittedTransform, TransformSpec } from './transforms.js';

/** What to fit: a chain for the inputs and one for the targets (both default to none). */
export interface PreprocessingSpec {
  readonly inputs?: readonly TransformSpec[];
  readonly targets?: readonly TransformSpec[];
  /** Values of one-hot targets built from labels (default on 1, off 0). */
  readonly oneHot?: OneHotValues;
}

/**
 * Fitted preprocessing plus the names a prediction needs: plain JSON data.
 * Image inputs are transformed from raw byte values (0..255), exactly as a user would pass them.
 */
export interface Preprocessing {
  readonly task: Task;
  readonly inputs: readonly FittedTransform[];
  readonly targets: readonly FittedTransform[];
  readonly oneHot: { readonly on: number; readonly off: number };
  readonly featureNames: readonly string[];
  readonly classNames: readonly string[];
  readonly targetNames: readonly string[];
}

/** Fits the spec on the training part. Image inputs are fitted on their raw byte values. */
export function fitPreprocessing(train: Dataset, spec: PreprocessingSpec = {}): Preprocessing {
  const { on = 1, off = 0 } = spec.oneHot ?? {};
  const rawInputs = inputMatrix(train, { scale: 1, shift: 0 });
  const targets = spec.targets ?? [];
  if (targets.length > 0 && train.targets === undefined) throw new RangeError(`fitPreprocessing: target transforms need explicit targets; ${train.name} has labels (use oneHot values instead)`);
  return {
    task: train.task,
    inputs: fitPipeline(spec.inputs ?? [], rawInputs),
    targets: train.targets === undefined ? [] : fitPipeline(targets, train.targets),
    oneHot: { on, off },
    featureNames: [...train.featureNames],
    classNames: [...train.classNames],
    targetNames: [...train.targetNames],
  };
}

/** Raw input rows (`rows x features`, raw bytes for images) → model inputs. */
export function prepareInputs(prep: Preprocessing, raw: Matrix): Matrix {
  return applyPipeline(prep.inputs, raw);
}

/** Model outputs for regression → original target units (inverse target chain). */
export function restoreTargets(prep: Preprocessing, outputs: Matrix): Matrix {
  return invertPipeline(prep.targets, outputs);
}

/** The model-ready inputs x and targets y of a data set as matrices (for evaluation and small sets). */
export function preparedMatrices(dataset: Dataset, prep: Preprocessing): LabelledMatrices {
  const x = prepareInputs(prep, inputMatrix(dataset, { scale: 1, shift: 0 }));
  const rawTargets = targetMatrix(dataset, prep.oneHot);
  const y = dataset.targets === undefined ? rawTargets : applyPipeline(prep.targets, rawTargets);
  return { x, y };
}

/**
 * A SampleSource of model-ready rows. Image inputs whose chain is empty or one affine map stay
 * uint8 and are converted per batch; anything else is transformed once up front.
 */
export function preparedSource(dataset: Dataset, prep: Preprocessing): SampleSource {
  const pixels = isImageSet(dataset.inputs) ? pixelScalingOf(prep.inputs) : undefined;
  if (pixels !== undefined) {
    const targets = dataset.targets === undefined ? undefined : applyPipeline(prep.targets, dataset.targets);
    return datasetSource({ ...dataset, targets }, { pixels, ...prep.oneHot });
  }
  const { x, y } = preparedMatrices(dataset, prep);
  return datasetSource({ ...dataset, inputs: x, targets: y });
}

/** The byte → float map equal to a chain, when the chain is empty or one affine transform. */
export function pixelScalingOf(chain: readonly FittedTransform[]): PixelScaling | undefined {
  if (chain.length === 0) return { scale: 1, shift: 0 };
  const only = chain[0]!;
  return chain.length === 1 && only.kind === 'affine' ? { scale: only.scale, shift: only.shift } : undefined;
}

/** The affine chain for image bytes mapped to low..high (seed 003: 0.01..1). */
export function pixelTransform(low: number, high: number): TransformSpec {
  const { scale, shift } = pixelRange(low, high);
  return { kind: 'affine', scale, shift };
}

/** Validates parsed JSON (e.g. a model file's metadata.preprocessing) as Preprocessing. */
export function preprocessingFromJSON(json: unknown): Preprocessing {
  const o = json as Record<string, unknown> | null;
  const fail = (problem: string): never => {
    throw new TypeError(`preprocessingFromJSON: ${problem}`);
  };
  if (typeof o !== 'object' || o === null) return fail('not an object');
  const strings = (key: string): string[] => {
    const v = o[key];
    return Array.isArray(v) && v.every((s) => typeof s === 'string') ? [...(v as string[])] : fail(`"${key}" is not an array of strings`);
  };
  const chain = (key: string): FittedTransform[] => {
    const v = o[key];
    return Array.isArray(v) ? v.map((t) => transformFromJSON(t)) : fail(`"${key}" is not an array of transforms`);
  };
  const task = o['task'];
  if (task !== 'classification' && task !== 'regression') fail(`task ${JSON.stringify(task)} is neither classification nor regression`);
  const oneHot = o['oneHot'] as Record<string, unknown> | undefined;
  const on = oneHot?.['on'];
  const off = oneHot?.['off'];
  if (typeof on !== 'number' || typeof off !== 'number') fail('"oneHot" needs numbers "on" and "off"');
  return {
    task: task as Task,
    inputs: chain('inputs'),
    targets: chain('targets'),
    oneHot: { on: on as number, off: off as number },
    featureNames: strings('featureNames'),
    classNames: strings('classNames'),
    targetNames: strings('targetNames'),
  };
}
