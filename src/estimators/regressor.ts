/**
 * Regressor: an MLP regressor with the scikit-learn / Keras shape of API. Inputs and the target
 * are standardised inside (as `backprop train` does); predictions come back in the target's units.
 */
import type { Backend } from '../backend/backend.js';
import { restoreTargets } from '../data/preprocessing.js';
import type { TransformSpec } from '../data/transforms.js';
import { modelFromJson } from '../io/model-json.js';
import type { Mlp } from '../nn/mlp.js';
import { UsageError } from '../errors/usage-error.js';
import type { History } from '../train/train.js';
import { Estimator, type FitOptions } from './estimator.js';
import { oneValuePerRow, type CellRecord, type FeatureInput, type NumberArray } from './inputs.js';
import { checkLoadOptions } from './load-options.js';
import { readMetadata, type ModelMetadata } from './metadata.js';
import { inLibraryTerms } from './messages.js';

/** Errors of a regressor's predictions, in the target's units. */
export interface RegressionScores {
  /** Mean squared error. */
  readonly mse: number;
  /** Mean absolute error. */
  readonly mae: number;
  /** Coefficient of determination, 1 − SS_res / SS_tot; NaN for a single row, where it is not defined (as scikit-learn). */
  readonly r2: number;
}

/** A multilayer-perceptron regressor: linear output, MSE on standardised targets, Adam (the CLI's defaults). */
export class Regressor extends Estimator {
  readonly task = 'regression' as const;
  protected readonly kind = 'regressor';

  /** Fits the preprocessing and a new network on X and target values y, and trains it. Fitting again starts afresh (the previous `network` is disposed). */
  async fit<R extends object & CellRecord<R>>(x: FeatureInput<R>, y: readonly number[] | NumberArray, options: FitOptions = {}): Promise<History> {
    this.checkFitInput(x);
    return this.fitRows(x, oneValuePerRow(y, 'targets'), [], options);
  }

  /** One pass over a batch (online learning); the first call fits the scaling and builds the network. After loading a file, the optimiser's state (Adam's moments) starts afresh. */
  async partialFit<R extends object & CellRecord<R>>(x: FeatureInput<R>, y: readonly number[] | NumberArray, options: FitOptions = {}): Promise<History> {
    this.checkFitInput(x, true);
    return this.partialRows(x, oneValuePerRow(y, 'targets'), [], options);
  }

  /** Every target of every row, in original units (rows x targets; models from CSV files may have several). */
  predictAll<R extends object & CellRecord<R>>(x: FeatureInput<R>): number[][] {
    const values = restoreTargets(this.preprocessing, this.outputs(x));
    return Array.from({ length: values.rows }, (_, r) => Array.from(values.data.subarray(r * values.cols, (r + 1) * values.cols)));
  }

  /** The predicted value of every row, in original units (the first target when there are several). */
  predict<R extends object & CellRecord<R>>(x: FeatureInput<R>): number[] {
    return this.predictAll(x).map((row) => row[0]!);
  }

  /** R² of the predictions on X, y (what scikit-learn's `score` returns; NaN for a single row). */
  score<R extends object & CellRecord<R>>(x: FeatureInput<R>, y: readonly number[] | NumberArray): number {
    return this.evaluate(x, y).r2;
  }

  /** MSE, MAE and R² on X, y, in the target's units. */
  evaluate<R extends object & CellRecord<R>>(x: FeatureInput<R>, given: readonly number[] | NumberArray): RegressionScores {
    const y = oneValuePerRow(given, 'targets').map(scoredTarget);
    const predicted = this.predict(x);
    if (predicted.length !== y.length) throw new UsageError(`X has ${predicted.length} rows but y has ${y.length} targets`);
    const n = y.length;
    const mean = y.reduce((s, v) => s + v, 0) / n;
    let squared = 0;
    let absolute = 0;
    let total = 0;
    predicted.forEach((p, i) => {
      const error = p - y[i]!;
      squared += error * error;
      absolute += Math.abs(error);
      total += (y[i]! - mean) ** 2;
    });
    // One row has no variance to explain: R² is undefined there (scikit-learn warns and returns NaN), not 0.
    const r2 = n < 2 ? NaN : total === 0 ? (squared === 0 ? 1 : 0) : 1 - squared / total;
    return { mse: squared / n, mae: absolute / n, r2 };
  }

  /** Rebuilds a regressor from `toJSON()` data or a model file's text or bytes (also files of `backprop train` and the playground). */
  static fromJSON(json: unknown, options: { backend?: Backend; warn?: (message: string) => void } = {}): Regressor {
    checkLoadOptions(options, 'Regressor.fromJSON');
    const { warn, ...load } = options;
    return Regressor.fromNetwork(inLibraryTerms(() => modelFromJson(json, load)), undefined, warn === undefined ? {} : { warn });
  }

  /** A regressor around a loaded network and its metadata; `settings.warn` receives predict's warnings. */
  static fromNetwork(network: Mlp, meta: ModelMetadata = readMetadata(network), settings: { warn?: (message: string) => void } = {}): Regressor {
    return new Regressor({ ...meta.options, ...settings }).restore(network, meta);
  }

  protected targetTransforms(): readonly TransformSpec[] {
    return [{ kind: 'standardize' }];
  }
}

/**
 * A target of `score` / `evaluate` as a number: finite numbers, and numeric text as `fit` reads it
 * ('12.5'); a missing or non-numeric target is a UsageError naming the row, never a NaN score or
 * text joined into the mean.
 */
function scoredTarget(value: unknown, row: number): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  const missing = value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value));
  throw new UsageError(`y at row ${row + 1} is ${typeof value === 'string' || (typeof value === 'object' && value !== null) ? JSON.stringify(value) : String(value)}${missing ? ' (a missing target)' : ''}: scoring needs a finite number for every row; leave rows without a target out`);
}
