/**
 * A model file's stored preprocessing against its layers, as the library loads it: the widths
 * the preprocessing gives and layers[0] takes, the class or target names the output layer has,
 * stages this version does not know (a file from a newer backprop), and scales too small to divide
 * by in float32. What the preprocessing
 * fixes on its own (a chain's columns against the encoding) `preprocessingFromJSON` checks.
 * Every failure is a ModelFormatError naming the field, never a prediction that is silently off.
 */
import type { Preprocessing } from '../data/preprocessing.js';
import { FLOAT32_MIN_NORMAL, type FittedTransform } from '../data/transforms.js';
import { ModelFormatError } from '../errors/model-format-error.js';

/** The fields of metadata.preprocessing that this version applies when it predicts. */
export const PREPROCESSING_FIELDS: ReadonlySet<string> = new Set(['task', 'inputs', 'targets', 'oneHot', 'featureNames', 'classNames', 'targetNames', 'encoding']);

/** The layer sizes the checks need. */
export interface LayerShape {
  readonly inputSize: number;
  readonly outputSize: number;
}

/**
 * Throws a ModelFormatError (field `metadata.preprocessing.…`, `file` when given) where `prep`,
 * read from `raw`, does not fit a network of `shape`.
 */
export function checkPreprocessingFits(prep: Preprocessing, raw: unknown, shape: LayerShape, file?: string): void {
  const fail = (field: string, problem: string): never => {
    throw new ModelFormatError(`metadata.preprocessing${field === '' ? '' : `.${field}`}`, problem, file);
  };
  if (typeof raw === 'object' && raw !== null) {
    for (const [key, value] of Object.entries(raw)) {
      const empty = value === undefined || value === null || (Array.isArray(value) && value.length === 0);
      if (!PREPROCESSING_FIELDS.has(key) && !empty) fail(key, 'is a preprocessing stage this version of backprop does not know (a file from a newer version?): predicting without it would give wrong answers');
    }
  }
  const { inputSize: inputs, outputSize: outputs } = shape;
  const units = (n: number) => `${n} unit${n === 1 ? '' : 's'}`;
  if (prep.encoding === undefined && prep.featureNames.length !== inputs) fail('featureNames', `names ${prep.featureNames.length} features but layers[0] takes ${inputs} inputs`);
  if (prep.encoding !== undefined && prep.encoding.width !== inputs) fail('encoding.width', `is ${prep.encoding.width} but layers[0] takes ${inputs} inputs`);
  checkChain(prep.inputs, inputs, 'inputs', 'layers[0] takes', fail);
  if (!Number.isFinite(prep.oneHot.on) || !Number.isFinite(prep.oneHot.off) || prep.oneHot.on === prep.oneHot.off) fail('oneHot', `needs two different finite values, got on ${prep.oneHot.on}, off ${prep.oneHot.off}`);
  if (prep.task === 'classification') {
    const classes = prep.classNames.length;
    const fits = classes === Math.max(outputs, 2);
    if (!fits) fail('classNames', `names ${classes} classes but the output layer has ${units(outputs)}${outputs === 1 ? ' (one unit: 2 classes)' : ''}`);
    if (prep.targets.length > 0) fail('targets', 'target transforms apply to regression only, but task is classification');
  } else {
    if (prep.targetNames.length !== outputs) fail('targetNames', `names ${prep.targetNames.length} targets but the output layer has ${units(outputs)}`);
    checkChain(prep.targets, outputs, 'targets', 'the output layer has', fail);
  }
}

/** Every column transform of `chain` has `width` columns, and every scale can be divided by in float32. */
function checkChain(chain: readonly FittedTransform[], width: number, key: string, where: string, fail: (field: string, problem: string) => never): void {
  chain.forEach((t, i) => {
    const field = `${key}[${i}]`;
    const columns = t.kind === 'standardize' ? t.mean.length : t.kind === 'minMax' ? t.min.length : undefined;
    if (columns !== undefined && columns !== width) fail(`${field}.${t.kind === 'standardize' ? 'mean' : 'min'}`, `has ${columns} columns but ${where} ${width}`);
    if (t.kind === 'standardize') {
      const tiny = t.std.findIndex((s) => !(s >= FLOAT32_MIN_NORMAL) || !Number.isFinite(s));
      if (tiny >= 0) fail(`${field}.std[${tiny}]`, `is ${t.std[tiny]}, too small to divide by in float32 (at least ${FLOAT32_MIN_NORMAL.toPrecision(4)})`);
    } else if (t.kind === 'minMax') {
      if (!(t.high > t.low)) fail(`${field}.high`, `must exceed low, got low ${t.low}, high ${t.high}`);
      const reversed = t.min.findIndex((m, c) => !(t.max[c]! >= m));
      if (reversed >= 0) fail(`${field}.max[${reversed}]`, `is below min[${reversed}]`);
    } else if (t.kind === 'affine') {
      if (!(Math.abs(t.scale) >= FLOAT32_MIN_NORMAL)) fail(`${field}.scale`, `is ${t.scale}, too small to divide by in float32 (at least ${FLOAT32_MIN_NORMAL.toPrecision(4)} in size)`);
    }
  });
}
