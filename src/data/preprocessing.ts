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
import { encodeMatrix, fitEncoding, indicatorInputs } from './encoding.js';
import type { Encoding, EncodingSpec, WarningSink } from './encoding.js';
import { encodingFromJSON } from './encoding-json.js';
import { applyPipeline, fitPipeline, fittedWidth, invertPipeline, showJson, transformFromJSON } from './transforms.js';
import { ModelFormatError } from '../errors/model-format-error.js';
import type { FittedTransform, TransformSpec } from './transforms.js';
import { UsageError } from '../errors/usage-error.js';

/**
 * What to fit: a chain for the inputs and one for the targets (both default to none). Tables
 * (data sets with `columns`) also get an encoding stage first: imputation per `missing`,
 * one-hot for categorical columns, unseen categories per `unknownCategory`.
 */
export interface PreprocessingSpec extends EncodingSpec {
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
  /** Tables only: imputation and one-hot, applied before `inputs` (absent in older model files and for images). */
  readonly encoding?: Encoding;
}

/** Unseen-category warnings go here unless a caller passes its own sink. */
export const warnOnStderr: WarningSink = (message) => console.warn(message);

/** Fits the spec on the training part. Image inputs are fitted on their raw byte values. */
export function fitPreprocessing(train: Dataset, spec: PreprocessingSpec = {}): Preprocessing {
  const { on = 1, off = 0 } = spec.oneHot ?? {};
  const encoding = train.columns === undefined || isImageSet(train.inputs) ? undefined : fitEncoding(train, spec);
  const inputSpecs = spec.inputs ?? [];
  // Affine and l2Rows learn nothing from the data: a chain of only those (an image set's pixel
  // scaling) is fitted without making a float copy of the whole training set.
  const learns = encoding !== undefined || inputSpecs.some((s) => s.kind !== 'affine' && s.kind !== 'l2Rows');
  const raw = learns ? inputMatrix(train, { scale: 1, shift: 0 }) : Matrix.zeros(0, 0);
  const rawInputs = encoding === undefined ? raw : encodeMatrix(encoding, raw, train.columns!, warnOnStderr);
  const targets = spec.targets ?? [];
  if (targets.length > 0 && train.targets === undefined) throw new UsageError(`fitPreprocessing: target transforms need explicit targets; ${train.name} has labels (use oneHot values instead)`);
  return {
    task: train.task,
    inputs: fitPipeline(inputSpecs, rawInputs, encoding === undefined ? undefined : indicatorInputs(encoding)),
    targets: train.targets === undefined ? [] : fitPipeline(targets, train.targets),
    oneHot: { on, off },
    featureNames: [...train.featureNames],
    classNames: [...train.classNames],
    targetNames: [...train.targetNames],
    ...(encoding === undefined ? {} : { encoding }),
  };
}

/**
 * Raw input rows (`rows x features`, raw bytes for images) → model inputs. With an encoding,
 * NaN cells are imputed and categorical cells are indices into the encoding's categories.
 */
export function prepareInputs(prep: Preprocessing, raw: Matrix, warn: WarningSink = warnOnStderr): Matrix {
  const encoding = prep.encoding;
  if (encoding === undefined) return applyPipeline(prep.inputs, raw);
  const own = encoding.columns.map((c) => (c.kind === 'numeric' ? { name: c.name, kind: 'numeric' as const } : { name: c.name, kind: 'categorical' as const, categories: c.categories }));
  return applyPipeline(prep.inputs, encodeMatrix(encoding, raw, own, warn));
}

/** A data set's inputs → model inputs (its categorical codes read through its own `columns`). */
export function prepareDatasetInputs(prep: Preprocessing, dataset: Dataset, warn: WarningSink = warnOnStderr): Matrix {
  const raw = inputMatrix(dataset, { scale: 1, shift: 0 });
  if (prep.encoding === undefined || dataset.columns === undefined) return prepareInputs(prep, raw, warn);
  return applyPipeline(prep.inputs, encodeMatrix(prep.encoding, raw, dataset.columns, warn));
}

/** Values per model input row: the encoding's width, else the raw width. */
export function preparedInputSize(prep: Preprocessing, rawWidth: number): number {
  return prep.encoding?.width ?? rawWidth;
}

/** Model outputs for regression → original target units (inverse target chain). */
export function restoreTargets(prep: Preprocessing, outputs: Matrix): Matrix {
  return invertPipeline(prep.targets, outputs);
}

/** The model-ready inputs x and targets y of a data set as matrices (small sets; evaluation streams through preparedSource). */
export function preparedMatrices(dataset: Dataset, prep: Preprocessing, warn: WarningSink = warnOnStderr): LabelledMatrices {
  const x = prepareDatasetInputs(prep, dataset, warn);
  return { x, y: preparedTargets(dataset, prep) };
}

/** The model-ready targets of a data set (samples x targets: one-hot rows from labels, or the transformed targets). */
export function preparedTargets(dataset: Dataset, prep: Preprocessing): Matrix {
  const rawTargets = targetMatrix(dataset, prep.oneHot);
  return dataset.targets === undefined ? rawTargets : applyPipeline(prep.targets, rawTargets);
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

/**
 * Validates parsed JSON (e.g. a model file's metadata.preprocessing) as Preprocessing. Throws a
 * ModelFormatError whose field is the JSON path below `field` (pass 'metadata.preprocessing' for
 * a model file), e.g. `metadata.preprocessing.inputs[2].mean`. Beyond each field's type it checks
 * that the column transforms of each chain agree on their width, and for the inputs that it is
 * the encoding's width when there is an encoding (widths against the layers: cli/model-checks.ts).
 */
export function preprocessingFromJSON(json: unknown, field = 'preprocessing'): Preprocessing {
  const fail = (key: string, problem: string): never => {
    throw new ModelFormatError(key === '' ? field : `${field}.${key}`, problem);
  };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail('', `must be an object, got ${showJson(json)}`);
  const o = json as Record<string, unknown>;
  const strings = (key: string): string[] => {
    const v = o[key];
    if (!Array.isArray(v)) return fail(key, `must be an array of strings, got ${showJson(v)}`);
    const bad = v.findIndex((s) => typeof s !== 'string');
    return bad < 0 ? [...(v as string[])] : fail(`${key}[${bad}]`, `must be a string, got ${showJson(v[bad])}`);
  };
  const chain = (key: string): FittedTransform[] => {
    const v = o[key];
    return Array.isArray(v) ? v.map((t, i) => transformFromJSON(t, `${field}.${key}[${i}]`)) : fail(key, `must be an array of transforms, got ${showJson(v)}`);
  };
  const task = o['task'];
  if (task !== 'classification' && task !== 'regression') fail('task', `${showJson(task)} is neither classification nor regression`);
  const oneHot = o['oneHot'] as Record<string, unknown> | undefined;
  const on = oneHot?.['on'];
  const off = oneHot?.['off'];
  if (typeof on !== 'number' || typeof off !== 'number') fail('oneHot', 'needs numbers "on" and "off"');
  const encoding = o['encoding'] === undefined ? undefined : encodingFromJSON(o['encoding'], `${field}.encoding`);
  const featureNames = strings('featureNames');
  if (encoding !== undefined && (encoding.columns.length !== featureNames.length || encoding.columns.some((c, i) => c.name !== featureNames[i]))) fail('encoding.columns', 'are not the feature names (featureNames)');
  const targetNames = strings('targetNames');
  const inputs = chain('inputs');
  const targets = chain('targets');
  // Widths against the model's layers are the caller's to check (it has the layers); here, what the file itself fixes.
  checkChainWidth(inputs, 'inputs', encoding?.width, 'the encoding gives', (i, key, problem) => fail(`inputs[${i}].${key}`, problem));
  checkChainWidth(targets, 'targets', undefined, '', (i, key, problem) => fail(`targets[${i}].${key}`, problem));
  return {
    task: task as Task,
    inputs,
    targets,
    oneHot: { on: on as number, off: off as number },
    featureNames,
    classNames: strings('classNames'),
    targetNames,
    ...(encoding === undefined ? {} : { encoding }),
  };
}

/**
 * Every column transform of `chain` (named `name`) has `width` columns (`source` says where that width comes
 * from), or, with `width` undefined, as many as the first one: else `fail(index, key, problem)`.
 */
function checkChainWidth(chain: readonly FittedTransform[], name: string, width: number | undefined, source: string, fail: (index: number, key: string, problem: string) => never): void {
  let expected = width;
  let from = source;
  chain.forEach((t, i) => {
    const n = fittedWidth(t);
    if (n === undefined) return;
    if (expected === undefined) {
      expected = n;
      from = `${name}[${i}] has`;
    } else if (n !== expected) {
      fail(i, t.kind === 'standardize' ? 'mean' : 'min', `has ${n} columns but ${from} ${expected}`);
    }
  });
}

/**
 * The preprocessing of a model file that stores none (what `backprop predict`, the exporters and
 * the estimators assume): no transforms, inputs x1.., targets y1.. (regression) or classes 0, 1, ...
 */
export function identityPreprocessing(shape: { readonly inputSize: number; readonly outputSize: number }, task: Task): Preprocessing {
  const classNames = task === 'classification' ? Array.from({ length: Math.max(shape.outputSize, 2) }, (_, i) => String(i)) : [];
  const featureNames = Array.from({ length: shape.inputSize }, (_, i) => `x${i + 1}`);
  const targetNames = task === 'regression' ? Array.from({ length: shape.outputSize }, (_, i) => `y${i + 1}`) : ['class'];
  return { task, inputs: [], targets: [], oneHot: { on: 1, off: 0 }, featureNames, classNames, targetNames };
}
