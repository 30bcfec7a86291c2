/**
 * The options of `Classifier` and `Regressor`: the names and defaults of `backprop train`'s
 * flags (one table, src/train/defaults.ts), and how they become a network and training options.
 */
import type { Backend } from '../backend/backend.js';
import type { BackendName } from '../backend/load.js';
import type { UnknownCategoryRule } from '../data/encoding.js';
import type { MissingPolicy } from '../data/table-builder.js';
import type { TransformSpec } from '../data/transforms.js';
import { ACTIVATION_NAMES, isActivationName, type ActivationName } from '../math/activations.js';
import { unknownNameMessage } from '../errors/closest-name.js';
import type { LossName } from '../math/losses.js';
import { shown } from '../errors/shown.js';
import { UsageError } from '../errors/usage-error.js';
import { parseInit, type InitSpec } from '../nn/init.js';
import { Mlp } from '../nn/mlp.js';
import { OPTIMIZER_NAMES, optimizerConfigFor, type OptimizerConfig } from '../nn/optimizers.js';
import { TRAINING_DEFAULTS } from '../train/defaults.js';
import { parseSchedule } from '../train/schedules.js';
import type { EarlyStoppingOptions, TrainOptions } from '../train/train-options.js';

/** Settings of an estimator; every field is optional (undefined too: a forwarded unset value) and defaults as `backprop train` does. */
export interface EstimatorOptions {
  /** Hidden layer sizes (default [32], `--layers`); [] for none. */
  readonly hiddenLayers?: readonly number[] | undefined;
  /** Hidden activation (default relu, `--activation`). */
  readonly activation?: ActivationName | undefined;
  /** sgd, momentum, nesterov or adam (default adam, `--optimizer`). */
  readonly optimizer?: (typeof OPTIMIZER_NAMES)[number] | undefined;
  /** Learning rate (default 0.01, `--learning-rate`). */
  readonly learningRate?: number | undefined;
  /** Momentum of momentum/nesterov (default 0.9). */
  readonly momentum?: number | undefined;
  /** L2 weight decay (default 0). */
  readonly weightDecay?: number | undefined;
  /** Learning-rate schedule text as `--schedule`: constant, step:N,GAMMA, exponential:GAMMA, cosine[:MIN]. */
  readonly schedule?: string | undefined;
  /** Passes over the training data (default 20, `--epochs`). */
  readonly epochs?: number | undefined;
  /** Rows per step, or 'full' (default 32, `--batch-size`). */
  readonly batchSize?: number | 'full' | undefined;
  /** Fraction of the rows held out for validation, the last rows (default 0, `--validation-split`). */
  readonly validationSplit?: number | undefined;
  /** Early stopping: patience in epochs, or the full options (default off, `--early-stopping`). */
  readonly earlyStopping?: number | EarlyStoppingOptions | undefined;
  /** Seed of the weights and the shuffling (default 0, `--seed`). */
  readonly seed?: number | undefined;
  /** Layers have biases (default true, `--no-bias`). */
  readonly bias?: boolean | undefined;
  /** Shuffle the rows every epoch (default true, `--no-shuffle`). */
  readonly shuffle?: boolean | undefined;
  /** Weight initialiser text as `--init` (default He for ReLU, Xavier otherwise). */
  readonly init?: string | undefined;
  /** Input preprocessing chain, fitted in `fit` (default standardisation, as `--inputs standardize`). */
  readonly inputs?: readonly TransformSpec[] | undefined;
  /**
   * Missing input cells (null, undefined, NaN, '', 'NA', ...), as `--missing`: 'error' (the
   * default) names the first one; 'drop' leaves those rows out of `fit` (predict still refuses
   * them); 'mean', 'median' or 'most-frequent' impute values fitted in `fit` and stored in the file
   * (categorical columns always take their most frequent category).
   */
  readonly missing?: MissingPolicy | undefined;
  /** An unseen category at predict time: 'ignore' (default) gives its column an all-zero block and one warning; 'error' refuses the row. */
  readonly unknownCategory?: UnknownCategoryRule | undefined;
  /** Numeric-looking columns to one-hot encode as categories (zip codes, product codes); text columns always are, as `--categorical`. */
  readonly categorical?: readonly string[] | undefined;
  /** Receives one-line warnings: the reader's notes in fit (labels that differ only in case, a column that counts rows, ...) and predict's unseen categories (once per column per call); default console.warn. */
  readonly warn?: ((message: string) => void) | undefined;
  /** Column names of array rows (default x1, x2, ...; records use their keys). */
  readonly featureNames?: readonly string[] | undefined;
  /** Name of the target column, stored in the model (default 'y'): `backprop evaluate` and `predict --keep` look for it in CSV files. */
  readonly targetName?: string | undefined;
  /**
   * Backend of training (default: the fastest CPU one, loaded in `fit`): a Backend, or a name of
   * `loadBackend` ('default', 'reference', 'wasm', 'webgpu'), loaded in the first `fit`. On a
   * device backend ('webgpu') `fit` and `partialFit` train on the GPU through `trainAsync`, the
   * weights read back once per epoch; predictions, `network`, `toJSON` and saving use a CPU copy
   * of the weights refreshed after every fit, so that `predict` stays synchronous. Without an
   * adapter `fit` rejects with WebGpuUnavailableError, one line saying why.
   */
  readonly backend?: Backend | BackendName | undefined;
}

/** The options with every default filled in (plain data; the backend is not part of it). */
export interface ResolvedOptions {
  readonly hiddenLayers: readonly number[];
  readonly activation: ActivationName;
  readonly optimizer: (typeof OPTIMIZER_NAMES)[number];
  readonly learningRate: number;
  readonly momentum?: number;
  readonly weightDecay?: number;
  readonly schedule?: string;
  readonly epochs: number;
  readonly batchSize: number | 'full';
  readonly validationSplit: number;
  readonly earlyStopping?: EarlyStoppingOptions;
  readonly seed: number;
  readonly bias: boolean;
  readonly shuffle: boolean;
  readonly init?: string;
  readonly inputs: readonly TransformSpec[];
  readonly missing: MissingPolicy;
  readonly unknownCategory: UnknownCategoryRule;
  readonly categorical?: readonly string[];
}

const MISSING_POLICIES: readonly MissingPolicy[] = ['error', 'drop', 'mean', 'median', 'most-frequent'];

/** Every option's name and the type it takes, for plain-JavaScript callers (TypeScript checks them already). */
const OPTION_TYPES: { readonly [K in keyof Required<EstimatorOptions>]: 'number' | 'boolean' | 'string' | 'array' | 'function' | 'batchSize' | 'earlyStopping' | 'backend' } = {
  hiddenLayers: 'array', activation: 'string', optimizer: 'string', learningRate: 'number', momentum: 'number', weightDecay: 'number',
  schedule: 'string', epochs: 'number', batchSize: 'batchSize', validationSplit: 'number', earlyStopping: 'earlyStopping', seed: 'number',
  bias: 'boolean', shuffle: 'boolean', init: 'string', inputs: 'array', missing: 'string', unknownCategory: 'string', categorical: 'array',
  warn: 'function', featureNames: 'array', targetName: 'string', backend: 'backend',
};

/** Every estimator option's name, in the table's order. */
export const ESTIMATOR_OPTION_NAMES: readonly string[] = Object.keys(OPTION_TYPES);

/** True for the name of an estimator option (`epochs`, `batchSize`, ...). */
export function isEstimatorOption(name: string): boolean {
  return Object.hasOwn(OPTION_TYPES, name);
}

/** Refuses an unknown option name (with a did-you-mean) or a value of the wrong type, naming the option. */
function checkOptionTypes(options: EstimatorOptions): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new UsageError(`the options must be an object such as { hiddenLayers: [16], epochs: 50 }, got ${shown(options)}`);
  const names = Object.keys(OPTION_TYPES);
  for (const [name, value] of Object.entries(options)) {
    const type = OPTION_TYPES[name as keyof EstimatorOptions];
    if (type === undefined) throw new UsageError(unknownOptionMessage(name, names));
    if (value === undefined) continue;
    const ok =
      type === 'array' ? Array.isArray(value)
      : type === 'batchSize' ? typeof value === 'number' || value === 'full'
      : type === 'earlyStopping' ? typeof value === 'number' || (typeof value === 'object' && value !== null && !Array.isArray(value))
      : type === 'backend' ? typeof value === 'string' || (typeof value === 'object' && value !== null)
      : typeof value === type;
    if (ok) continue;
    const wanted =
      type === 'array' ? 'an array' : type === 'batchSize' ? "a number of rows or 'full'" : type === 'earlyStopping' ? 'a patience in epochs (e.g. 5) or { patience, minDelta }'
      : type === 'backend' ? 'a backend name or a Backend' : type === 'function' ? 'a function' : `a ${type}`;
    throw new UsageError(`${name} must be ${wanted}, got ${shown(value)}`);
  }
  if (options.activation !== undefined && !isActivationName(options.activation)) throw new UsageError(unknownNameMessage('activation', options.activation, ACTIVATION_NAMES.filter((a) => a !== 'softmax')));
  if (options.featureNames !== undefined && !options.featureNames.every((n) => typeof n === 'string')) throw new UsageError(`featureNames must be an array of column names (strings), got ${shown(options.featureNames)}`);
  if (options.inputs !== undefined) options.inputs.forEach(checkInputSpec);
}

/** scikit-learn's and Keras' names of settings that exist here under another name. */
const FOREIGN_NAMES: Readonly<Record<string, string>> = {
  max_iter: 'epochs', alpha: 'weightDecay', random_state: 'seed', solver: 'optimizer', validation_fraction: 'validationSplit',
  n_iter_no_change: 'earlyStopping', lr: 'learningRate', units: 'hiddenLayers',
  verbose: "fit's option onEpoch: (event) => console.log(event)", callbacks: "fit's option onEpoch: (event) => ...",
  warm_start: "partialFit(X, y) to train the fitted network further, one pass a call (fit starts afresh, as scikit-learn's default warm_start=False)",
  loss: 'Mlp with fit(model, { x, y }, { loss }) for another loss (Classifier trains with crossEntropy, Regressor with mse)',
  tol: 'earlyStopping: { patience, minDelta }', l2: 'weightDecay',
};

/** `unknown option "max_iter" (scikit-learn's or Keras' name): use epochs`, or the usual did-you-mean. */
function unknownOptionMessage(name: string, names: readonly string[]): string {
  // Also in camelCase, as a JavaScript port of scikit-learn spells them (maxIter, randomState, warmStart).
  const ours = FOREIGN_NAMES[name] ?? FOREIGN_NAMES[name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)];
  return ours === undefined ? unknownNameMessage('option', name, names) : `unknown option ${JSON.stringify(name)} (scikit-learn's or Keras' name): use ${ours}`;
}

const TRANSFORM_KINDS = ['standardize', 'minMax', 'l2Rows', 'affine'] as const;

/** One entry of `inputs`: a TransformSpec (as standardize(), minMax(0, 1), l2Rows(), affine(scale, shift) make), or a UsageError naming it. */
function checkInputSpec(spec: unknown, i: number): void {
  const where = `inputs[${i}]`;
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) throw new UsageError(`${where} must be a transform such as standardize() or minMax(0, 1) (that is { kind: 'standardize' }, { kind: 'minMax', low: 0, high: 1 }), got ${shown(spec)}`);
  const { kind, low, high, scale, shift } = spec as Record<string, unknown>;
  if (typeof kind !== 'string' || !(TRANSFORM_KINDS as readonly string[]).includes(kind)) throw new UsageError(`${where}: ${unknownNameMessage('transform kind', kind, TRANSFORM_KINDS)}`);
  const finite = (value: unknown) => typeof value === 'number' && Number.isFinite(value);
  if (kind === 'minMax' && !(finite(low) && finite(high) && (high as number) > (low as number))) throw new UsageError(`${where}: minMax needs numbers low < high, e.g. minMax(0, 1) or { kind: 'minMax', low: 0, high: 1 }, got low ${shown(low)}, high ${shown(high)}`);
  if (kind === 'affine' && !(finite(scale) && finite(shift))) throw new UsageError(`${where}: affine needs finite numbers scale and shift, e.g. affine(1 / 255, 0), got scale ${shown(scale)}, shift ${shown(shift)}`);
}

const EARLY_STOPPING_KEYS = ['patience', 'minDelta', 'restoreBestWeights', 'monitor'] as const;

/** The early-stopping settings: a whole patience of at least 1, a minDelta of at least 0, a boolean restoreBestWeights, a known monitor, no other keys. */
function checkEarlyStopping(stop: EarlyStoppingOptions): void {
  for (const key of Object.keys(stop)) if (!(EARLY_STOPPING_KEYS as readonly string[]).includes(key)) throw new UsageError(`earlyStopping: ${unknownNameMessage('setting', key, EARLY_STOPPING_KEYS)}`);
  const { patience, minDelta, restoreBestWeights, monitor } = stop as { patience: unknown; minDelta?: unknown; restoreBestWeights?: unknown; monitor?: unknown };
  if (typeof patience !== 'number' || !Number.isInteger(patience) || patience < 1) throw new UsageError(`earlyStopping's patience must be a whole number of epochs of at least 1, got ${shown(patience)}`);
  if (minDelta !== undefined && !(typeof minDelta === 'number' && minDelta >= 0 && Number.isFinite(minDelta))) throw new UsageError(`earlyStopping's minDelta must be a number of at least 0, got ${shown(minDelta)}`);
  if (monitor !== undefined && monitor !== 'loss' && monitor !== 'validationLoss') throw new UsageError(`earlyStopping's monitor must be 'loss' or 'validationLoss', got ${shown(monitor)}`);
  if (restoreBestWeights !== undefined && typeof restoreBestWeights !== 'boolean') throw new UsageError(`earlyStopping's restoreBestWeights must be true or false, got ${shown(restoreBestWeights)}`);
}

/** Fills in the table's defaults and checks the values (UsageError naming the option). */
export function resolveOptions(options: EstimatorOptions): ResolvedOptions {
  checkOptionTypes(options);
  const d = TRAINING_DEFAULTS;
  const stop = options.earlyStopping;
  const resolved: ResolvedOptions = {
    hiddenLayers: [...(options.hiddenLayers ?? d.hiddenLayers)],
    activation: options.activation ?? d.activation,
    optimizer: options.optimizer ?? d.optimizer,
    learningRate: options.learningRate ?? d.learningRate,
    ...(options.momentum === undefined ? {} : { momentum: options.momentum }),
    ...(options.weightDecay === undefined ? {} : { weightDecay: options.weightDecay }),
    ...(options.schedule === undefined ? {} : { schedule: options.schedule }),
    epochs: options.epochs ?? d.epochs,
    batchSize: options.batchSize ?? d.batchSize,
    validationSplit: options.validationSplit ?? d.validationSplit,
    ...(stop === undefined ? {} : { earlyStopping: typeof stop === 'number' ? { patience: stop } : stop }),
    seed: options.seed ?? d.seed,
    bias: options.bias ?? d.bias,
    shuffle: options.shuffle ?? d.shuffle,
    ...(options.init === undefined ? {} : { init: options.init }),
    inputs: options.inputs ?? [{ kind: 'standardize' }],
    missing: options.missing ?? 'error',
    unknownCategory: options.unknownCategory ?? 'ignore',
    ...(options.categorical === undefined ? {} : { categorical: [...options.categorical] }),
  };
  if (resolved.hiddenLayers.some((n) => !Number.isInteger(n) || n < 1)) throw new UsageError(`hiddenLayers must be whole numbers of at least 1, got [${resolved.hiddenLayers.join(', ')}]`);
  if (resolved.activation === 'softmax') throw new UsageError('activation softmax works only on the output layer');
  if (!(resolved.learningRate > 0) || !Number.isFinite(resolved.learningRate)) throw new UsageError(`learningRate must be a positive number, got ${resolved.learningRate}`);
  if (!Number.isInteger(resolved.epochs) || resolved.epochs < 1) throw new UsageError(`epochs must be a positive whole number, got ${resolved.epochs}`);
  if (resolved.batchSize !== 'full' && (!Number.isInteger(resolved.batchSize) || resolved.batchSize < 1)) throw new UsageError(`batchSize must be a positive whole number or 'full', got ${resolved.batchSize}`);
  if (!(resolved.validationSplit >= 0 && resolved.validationSplit < 1)) throw new UsageError(`validationSplit must be in [0, 1), got ${resolved.validationSplit}`);
  if (!Number.isInteger(resolved.seed)) throw new UsageError(`seed must be a whole number, got ${resolved.seed}`);
  if (resolved.momentum !== undefined && !(resolved.momentum >= 0 && resolved.momentum < 1)) throw new UsageError(`momentum must be in [0, 1) (the share of the last step kept), got ${resolved.momentum}`);
  if (resolved.earlyStopping !== undefined) checkEarlyStopping(resolved.earlyStopping);
  if (!MISSING_POLICIES.includes(resolved.missing)) throw new UsageError(unknownNameMessage('missing policy', resolved.missing, MISSING_POLICIES));
  if (resolved.unknownCategory !== 'ignore' && resolved.unknownCategory !== 'error') throw new UsageError(`unknownCategory must be 'ignore' or 'error', got ${JSON.stringify(resolved.unknownCategory)}`);
  if (resolved.categorical !== undefined && !resolved.categorical.every((c) => typeof c === 'string')) throw new UsageError('categorical must be an array of column names');
  optimizerOf(resolved);
  return resolved;
}

/** The network for `inputs` columns and `outputs` values, as `backprop train` builds it. */
export function buildNetwork(options: ResolvedOptions, inputs: number, outputs: number, outputActivation: ActivationName, backend: Backend): Mlp {
  let init: InitSpec | undefined;
  if (options.init !== undefined) init = parseInit(options.init);
  return Mlp.create({
    sizes: [inputs, ...options.hiddenLayers, outputs],
    activation: options.activation,
    outputActivation,
    ...(init === undefined ? {} : { init }),
    bias: options.bias,
    seed: options.seed,
    backend,
  });
}

/** The optimiser settings. */
export function optimizerOf(options: ResolvedOptions): OptimizerConfig {
  return optimizerConfigFor(options.optimizer, options.learningRate, {
    ...(options.momentum === undefined ? {} : { momentum: options.momentum }),
    ...(options.weightDecay === undefined ? {} : { weightDecay: options.weightDecay }),
  });
}

/** The engine's TrainOptions for these settings (the optimiser is passed separately). */
export function trainOptionsOf(options: ResolvedOptions, loss: LossName): TrainOptions {
  return {
    loss,
    epochs: options.epochs,
    batchSize: options.batchSize,
    seed: options.seed,
    shuffle: options.shuffle,
    batchEvents: false,
    ...(options.schedule === undefined ? {} : { schedule: parseSchedule(options.schedule) }),
    ...(options.validationSplit === 0 ? {} : { validationSplit: options.validationSplit }),
    ...(options.earlyStopping === undefined ? {} : { earlyStopping: options.earlyStopping }),
  };
}
