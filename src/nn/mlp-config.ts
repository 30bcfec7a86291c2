/**
 * `Mlp.create`'s options and the checks and conversions behind building an Mlp: the options into
 * per-layer configurations, fixed weights into matrices, and the size check made before anything
 * is allocated.
 */
import type { Backend } from '../backend/backend.js';
import { checkAllocation, formatCount } from '../errors/limits.js';
import { unknownNameMessage } from '../errors/closest-name.js';
import { checkBackendOption } from '../backend/backend-option.js';
import { UsageError } from '../errors/usage-error.js';
import { ACTIVATION_NAMES, DEFAULT_LEAKY_ALPHA, isActivationName, type ActivationName } from '../math/activations.js';
import type { DType, Matrix } from '../matrix.js';
import type { Random } from '../random.js';
import type { DenseConfig } from './dense.js';
import { checkInit, type InitSpec } from './init.js';

/** Options of `Mlp.create`. Only `sizes` is required. */
export interface MlpOptions {
  /** Layer sizes from input to output, e.g. [784, 200, 10]. */
  readonly sizes: readonly number[];
  /** Activation of every hidden layer (default 'relu'). */
  readonly activation?: ActivationName;
  /** Activation of the output layer (default 'linear'). */
  readonly outputActivation?: ActivationName;
  /** One activation per layer (overrides the two above); length sizes.length − 1. */
  readonly activations?: readonly ActivationName[];
  /** Leaky ReLU's negative slope (default 0.01). */
  readonly leakyAlpha?: number;
  /** Whether layers have biases (default true). */
  readonly bias?: boolean;
  /** Weight initialiser (default He for ReLU-family hidden layers, Xavier otherwise). */
  readonly init?: InitSpec;
  /** Bias initialiser (default zeros). */
  readonly biasInit?: InitSpec;
  /** Fixed starting weights, one nested n_in x n_out array per layer (seed 001's worked example). */
  readonly weights?: readonly (readonly (readonly number[])[])[];
  /** Fixed starting biases, one array of n_out values per layer. */
  readonly biases?: readonly (readonly number[])[];
  /** Seed of the PRNG that draws the weights (default 0), unless `random` is given. */
  readonly seed?: number;
  /** The PRNG to draw weights from (advanced: share one stream across several steps). */
  readonly random?: Random;
  /** The backend computing everything (default: getDefaultBackend()). */
  readonly backend?: Backend;
  /** Element precision (default 'float32'; 'float64' needs a backend that supports it). */
  readonly dtype?: DType;
}

/** Every option name of `Mlp.create`, for the did-you-mean of a misspelt one. */
const MLP_OPTION_NAMES: readonly (keyof MlpOptions)[] = ['sizes', 'activation', 'outputActivation', 'activations', 'leakyAlpha', 'bias', 'init', 'biasInit', 'weights', 'biases', 'seed', 'random', 'backend', 'dtype'];

/** Validates the options of `Mlp.create` and turns them into per-layer configurations. */
export function layerConfigs(options: MlpOptions): DenseConfig[] {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new UsageError(`Mlp.create takes options such as { sizes: [4, 16, 3] }, got ${options === null ? 'null' : Array.isArray(options) ? 'an array (pass it as { sizes })' : typeof options}`);
  for (const name of Object.keys(options)) if (!(MLP_OPTION_NAMES as readonly string[]).includes(name)) throw new UsageError(`Mlp.create: ${unknownNameMessage('option', name, MLP_OPTION_NAMES)}`);
  checkBackendOption(options.backend, 'Mlp.create');
  const { sizes } = options;
  if (!Array.isArray(sizes)) throw new UsageError(`Mlp.create needs sizes, the layer sizes from input to output (e.g. { sizes: [4, 16, 3] }), got ${sizes === undefined ? 'none' : typeof sizes}`);
  if (sizes.length < 2) throw new UsageError(`sizes needs at least an input and an output size, got [${sizes.join(', ')}]`);
  sizes.forEach((n: unknown, i) => {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw new UsageError(`Mlp.create: sizes[${i}] (the ${i === 0 ? 'input size' : i === sizes.length - 1 ? 'output size' : `size of hidden layer ${i}`}) must be a positive integer, got ${typeof n === 'number' ? n : typeof n === 'string' ? `the string ${JSON.stringify(n)}` : String(n)}`);
  });
  if (options.init !== undefined) checkInit(options.init, 'init');
  if (options.biasInit !== undefined) checkInit(options.biasInit, 'biasInit');
  const layerCount = sizes.length - 1;
  const activations =
    options.activations ??
    Array.from({ length: layerCount }, (_, l) =>
      l === layerCount - 1 ? (options.outputActivation ?? 'linear') : (options.activation ?? 'relu'),
    );
  if (activations.length !== layerCount) {
    throw new UsageError(`activations has ${activations.length} entries but the network has ${layerCount} layers`);
  }
  activations.forEach((a) => {
    if (!isActivationName(a)) throw new UsageError(unknownNameMessage('activation', a, ACTIVATION_NAMES));
  });
  return activations.map((activation, l) => ({
    inputSize: sizes[l]!,
    units: sizes[l + 1]!,
    activation,
    alpha: options.leakyAlpha ?? DEFAULT_LEAKY_ALPHA,
    useBias: options.bias ?? true,
  }));
}

/** Copies nested arrays into `target`, checking the shape. */
export function setFromNested(target: Matrix, values: readonly (readonly number[])[], what: string): void {
  if (values.length !== target.rows || values.some((row) => row.length !== target.cols)) {
    const got = `${values.length}x${values[0]?.length ?? 0}`;
    throw new UsageError(`${what} must be ${target.rows}x${target.cols}, got ${got}`);
  }
  values.forEach((row, r) => target.data.set(row, r * target.cols));
}

/**
 * Refuses, before anything is allocated, layer sizes that are not whole numbers of at least 1 and
 * networks whose weights and gradients do not fit the memory budget (the message gives the size).
 */
export function checkNetworkSize(configs: readonly DenseConfig[], dtype: DType): void {
  configs.forEach((c, i) => {
    for (const [name, value] of [['inputSize', c.inputSize], ['units', c.units]] as const) {
      if (!Number.isSafeInteger(value) || value < 1) throw new UsageError(`layer ${i + 1}: ${name} must be a whole number of at least 1, got ${value}`);
    }
  });
  const parameters = configs.reduce((sum, c) => sum + c.inputSize * c.units + (c.useBias === false ? 0 : c.units), 0);
  const sizes = [configs[0]!.inputSize, ...configs.map((c) => c.units)].join('-');
  // Weights and their gradients at least; optimiser state and activations come on top.
  checkAllocation(`a ${sizes} network (${formatCount(parameters)} parameters, weights and gradients)`, parameters * (dtype === 'float64' ? 8 : 4) * 2);
}

/**
 * What `fromJSON` reads of a value that serialises itself (a fitted Classifier, Regressor or Mlp
 * passed as it is, not as `JSON.stringify(model)`): its `toJSON()`. Parsed JSON, text and bytes
 * (a Buffer's own toJSON is not the file) are returned as they are.
 */
export function ownJson(json: unknown): unknown {
  if (typeof json !== 'object' || json === null || ArrayBuffer.isView(json) || json instanceof ArrayBuffer) return json;
  const toJSON = (json as { toJSON?: unknown }).toJSON;
  return typeof toJSON === 'function' ? (toJSON as () => unknown).call(json) : json;
}
