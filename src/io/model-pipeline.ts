/**
 * The prediction pipeline a model file describes, for exporters (ONNX, standalone code): the
 * stored preprocessing (or the defaults `backprop predict` uses for a model without one), and
 * each column transform as the per-column `x·scale + shift` it computes.
 */
import { BackpropError } from '../errors/backprop-error.js';
import { missingMarkers } from '../data/cells.js';
import type { Preprocessing } from '../data/preprocessing.js';
import { identityPreprocessing, preprocessingFromJSON } from '../data/preprocessing.js';
import type { FittedTransform } from '../data/transforms.js';
import { UsageError } from '../errors/usage-error.js';
import { isThenable } from '../errors/thenable.js';
import { Mlp } from '../nn/mlp.js';
import type { ModelJson } from '../nn/model-json.js';
import { inferTask, storedLossOf } from '../train/evaluate.js';
import { modelFromJson } from './model-json.js';

/** The fields of metadata.preprocessing that every exporter here understands. */
const KNOWN_PREPROCESSING_FIELDS = new Set(['task', 'inputs', 'targets', 'oneHot', 'featureNames', 'classNames', 'targetNames', 'encoding']);

/** A pipeline step an exporter cannot write: the message names the step. */
export class UnsupportedPipelineError extends BackpropError {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedPipelineError';
  }
}

/** What the exporters take: an Mlp, or a fitted Classifier or Regressor (its network and its model file's toJSON). */
export type ExportableModel = Mlp | { readonly network: Mlp; toJSON(): ModelJson };

/**
 * The Mlp to export: `model` itself, or a fitted estimator as its model file reads back (the
 * network with the preprocessing and names toJSON writes, what `backprop export` gets from the
 * file). A Promise (a loadModel without await) or anything else is a UsageError naming `call`.
 */
export function exportedMlp(model: unknown, call: string): Mlp {
  if (model instanceof Mlp) return model;
  if (isThenable(model)) throw new UsageError(`${call}: the model is a Promise: await it first (await loadModel(path))`);
  // An estimator: its network getter refuses an unfitted one ("not fitted yet: call fit first").
  const estimator = (typeof model === 'object' && model !== null ? model : {}) as { network?: unknown; toJSON?: () => ModelJson };
  if ('network' in estimator && typeof estimator.toJSON === 'function' && estimator.network instanceof Mlp) return modelFromJson(estimator.toJSON());
  const got = typeof model === 'string' ? `the string ${JSON.stringify(model.slice(0, 40))} (load the file first: await loadModel(path))`
    : typeof model === 'object' && model !== null ? (Object.keys(model).length === 0 ? 'an empty object' : `an object with ${Object.keys(model).slice(0, 5).join(', ')}`) : String(model);
  throw new UsageError(`${call} takes an Mlp or a fitted Classifier or Regressor, got ${got}`);
}

/**
 * The model's preprocessing, as `backprop predict` applies it: metadata.preprocessing when the
 * file has it, otherwise the task inferred from the output layer, names x1.., y1.. and classes 0...
 * `what` names the exporter in messages ("ONNX", "standalone code").
 */
export function modelPipeline(model: Mlp, what: string): Preprocessing {
  const stored = model.metadata['preprocessing'];
  if (stored === undefined) {
    return identityPreprocessing(model, inferTask(model, storedLossOf(model)));
  }
  if (typeof stored === 'object' && stored !== null) {
    for (const [key, value] of Object.entries(stored)) {
      const empty = value === undefined || value === null || (Array.isArray(value) && value.length === 0);
      if (!KNOWN_PREPROCESSING_FIELDS.has(key) && !empty) {
        throw new UnsupportedPipelineError(`cannot export the preprocessing stage "${key}" to ${what}: this exporter knows the encoding stage and the inputs and targets transform chains`);
      }
    }
    const chains = stored as { inputs?: unknown; targets?: unknown };
    for (const [chain, list] of [['inputs', chains.inputs], ['targets', chains.targets]] as const) {
      if (!Array.isArray(list)) continue;
      list.forEach((t: unknown, i) => {
        const kind = (t as { kind?: unknown } | null)?.kind;
        if (typeof kind !== 'string' || !EXPORTABLE_KINDS.includes(kind)) {
          throw new UnsupportedPipelineError(`cannot export preprocessing.${chain}[${i}] of kind ${JSON.stringify(kind)} to ${what}: the exporter knows ${EXPORTABLE_KINDS.join(', ')}`);
        }
      });
    }
  }
  // A broken field is the model file's fault, not the exporter's: its ModelFormatError names the field.
  return preprocessingFromJSON(stored, 'metadata.preprocessing');
}

/**
 * The text cells that mean "missing" for this model, as `backprop predict` reads them: pandas'
 * defaults, plus train's `--na-values` and less the defaults under `--no-default-na`, as train
 * stored them in metadata.source (naValues, keepDefaultNa). Sorted, the empty cell included.
 */
export function missingMarkersOf(model: Mlp): string[] {
  const source = model.metadata['source'];
  const o = typeof source === 'object' && source !== null && !Array.isArray(source) ? (source as Record<string, unknown>) : {};
  const extra = Array.isArray(o['naValues']) ? o['naValues'].filter((t): t is string => typeof t === 'string') : [];
  return [...missingMarkers(extra, o['keepDefaultNa'] !== false)].sort();
}

/** Transform kinds the exporters can write. */
export const EXPORTABLE_KINDS: readonly string[] = ['standardize', 'minMax', 'l2Rows', 'affine'];

/**
 * A column transform (standardize, minMax) as y = x·scale[c] + shift[c], exactly as
 * data/transforms.ts computes it (a constant column keeps scale 1).
 */
export function columnScaleShift(t: Extract<FittedTransform, { kind: 'standardize' | 'minMax' }>): { scale: number[]; shift: number[] } {
  if (t.kind === 'standardize') return { scale: t.std.map((s) => 1 / s), shift: t.mean.map((m, c) => -m / t.std[c]!) };
  const scale = t.min.map((lo, c) => {
    const range = t.max[c]! - lo;
    return range > 0 ? (t.high - t.low) / range : 1;
  });
  return { scale, shift: t.min.map((lo, c) => t.low - lo * scale[c]!) };
}

/** Class names as predict reports them (at least two; a one-output classifier is binary). */
export function classNamesOf(prep: Preprocessing, outputSize: number): string[] {
  const names = prep.classNames.length > 0 ? [...prep.classNames] : ['0', '1'];
  const wanted = Math.max(outputSize, 2);
  while (names.length < wanted) names.push(String(names.length));
  return names.slice(0, wanted);
}

/** Names of a regression model's outputs (the stored target names when their count fits). */
export function targetNamesOf(prep: Preprocessing, outputSize: number): string[] {
  return prep.targetNames.length === outputSize ? [...prep.targetNames] : Array.from({ length: outputSize }, (_, i) => `y${i + 1}`);
}
