/**
 * What to explain: the options a user gives (all optional; none at all is seed 001's classic
 * example), resolved and checked into one complete `ExplainSetup`, plus the parsers that turn
 * command-line text into those options. Every error is an `ExplainInputError` with a one-line message.
 */
import { createReferenceBackend } from '../backend/reference.js';
import { ACTIVATION_NAMES, DEFAULT_LEAKY_ALPHA, type ActivationName } from '../math/activations.js';
import { LOSS_NAMES, type LossName } from '../math/losses.js';
import { Mlp } from '../nn/mlp.js';
import { ExplainInputError } from './explain-input-error.js';
import { weightCount, type BiasMode } from './names.js';

/** The classic walkthrough's numbers (seed 001): 2-2-2, sigmoid, Σ½(target − out)², η = 0.5. */
export const CLASSIC_EXAMPLE = {
  sizes: [2, 2, 2],
  weights: [0.15, 0.2, 0.25, 0.3, 0.4, 0.45, 0.5, 0.55],
  biases: [0.35, 0.6],
  inputs: [0.05, 0.1],
  targets: [0.01, 0.99],
  learningRate: 0.5,
} as const;

/** Neuron-by-neuron explanations are limited to this many layers (of neurons, input not counted) ... */
export const MAX_EXPLAIN_LAYERS = 4;
/** ... of at most this many neurons each (inputs included). Larger networks get the matrix form. */
export const MAX_EXPLAIN_NEURONS = 4;

/** What the user may give; every field is optional and defaults to the classic example where that fits. */
export interface ExplainOptions {
  /** Layer sizes, inputs first (default [2, 2, 2]). */
  readonly sizes?: readonly number[];
  /** Activation of every hidden layer (default 'sigmoid'). */
  readonly activation?: ActivationName;
  /** Activation of the output layer (default: the hidden one). */
  readonly outputActivation?: ActivationName;
  /** Error function (default 'halfSumSquares', E = Σ ½(target − out)²). */
  readonly loss?: LossName;
  /** Learning rate η of the update w+ = w − η·∂E/∂w (default 0.5). */
  readonly learningRate?: number;
  /** Starting weights w1..wN in the order of the naming convention (see names.ts). */
  readonly weights?: readonly number[];
  /** One bias per layer (shared by its neurons), one per neuron (in neuron-name order), or 'none'. */
  readonly biases?: readonly number[] | 'none';
  /** Seed of the engine's initialiser for weights that are not given (default 0). */
  readonly seed?: number;
  /** The one training example's inputs, n_0 values. */
  readonly inputs?: readonly number[];
  /** Its targets, n_L values. */
  readonly targets?: readonly number[];
  /** Whether biases are updated too (default false, as in the walkthrough). */
  readonly updateBiases?: boolean;
  /** Also report the error after this many updates (gradient-descent steps on the one example). */
  readonly iterations?: number;
  /** Leaky ReLU's negative slope (default 0.01). */
  readonly leakyAlpha?: number;
}

/** A complete, checked description of the network, its numbers and the step to explain. */
export interface ExplainSetup {
  readonly sizes: readonly number[];
  /** One activation per layer of neurons (length L). */
  readonly activations: readonly ActivationName[];
  readonly loss: LossName;
  readonly learningRate: number;
  /** Starting weights w1..wN, flat, in naming-convention order. */
  readonly weights: readonly number[];
  /** Engine layout of the same weights: W[l] is n_{l} x n_{l+1}, W[l][source][target]. */
  readonly W: readonly (readonly (readonly number[])[])[];
  readonly biasMode: BiasMode;
  /** The bias values as given: one per layer ('shared'), one per neuron ('perNeuron'), or none. */
  readonly biases: readonly number[];
  /** Engine layout: one bias per neuron per layer, or null without biases. */
  readonly b: readonly (readonly number[])[] | null;
  readonly inputs: readonly number[];
  readonly targets: readonly number[];
  readonly updateBiases: boolean;
  /** Number of updates after which the error is reported, if asked for. */
  readonly iterations: number | undefined;
  readonly leakyAlpha: number;
  /** The seed the weights were drawn with, or undefined when they were given. */
  readonly seed: number | undefined;
}

/** True when a network of these sizes can be explained neuron by neuron. */
export function isExplainable(sizes: readonly number[]): boolean {
  return sizes.length - 1 <= MAX_EXPLAIN_LAYERS && sizes.every((n) => n <= MAX_EXPLAIN_NEURONS);
}

/**
 * Fills in defaults and checks everything. `neuronByNeuron` (default true) also enforces the
 * size limit; the matrix view passes false and accepts any size.
 */
export function resolveExplainOptions(options: ExplainOptions = {}, neuronByNeuron = true): ExplainSetup {
  const sizes = checkSizes(options.sizes ?? CLASSIC_EXAMPLE.sizes);
  if (neuronByNeuron && !isExplainable(sizes)) {
    throw new ExplainInputError(
      `a ${sizes.join('-')} network is too large to explain neuron by neuron (at most ${MAX_EXPLAIN_LAYERS} layers of at most ${MAX_EXPLAIN_NEURONS} neurons; the output would be unreadable): use the per-layer matrix form (--matrix) instead`,
    );
  }
  const classicShape = sizes.length === 3 && sizes.every((n) => n === 2);
  const classicNumbers = classicShape && options.seed === undefined;
  const hidden = options.activation ?? 'sigmoid';
  const activations = sizes.slice(1).map((_, l) => (l === sizes.length - 2 ? (options.outputActivation ?? hidden) : hidden));
  activations.forEach((a) => parseActivation(a));
  const loss = parseLoss(options.loss ?? 'halfSumSquares');
  const learningRate = checkPositive(options.learningRate ?? CLASSIC_EXAMPLE.learningRate, 'learning rate');
  const leakyAlpha = options.leakyAlpha ?? DEFAULT_LEAKY_ALPHA;
  const seed = options.weights === undefined && !classicNumbers ? (options.seed ?? 0) : undefined;
  const weights = options.weights ?? (classicNumbers ? CLASSIC_EXAMPLE.weights : seededWeights(sizes, activations, seed ?? 0));
  checkCount(weights, weightCount(sizes), `--weights needs ${weightCount(sizes)} values (w1..w${weightCount(sizes)}) for a ${sizes.join('-')} network`);
  const biases = options.biases ?? (classicNumbers ? CLASSIC_EXAMPLE.biases : sizes.slice(1).map(() => 0));
  const { biasMode, b } = biasLayout(sizes, biases);
  const inputs = options.inputs ?? (sizes[0] === 2 ? CLASSIC_EXAMPLE.inputs : undefined);
  const targets = options.targets ?? (sizes.at(-1) === 2 ? CLASSIC_EXAMPLE.targets : undefined);
  if (inputs === undefined) throw new ExplainInputError(`give the ${sizes[0]} input values of the example (--inputs)`);
  if (targets === undefined) throw new ExplainInputError(`give the ${sizes.at(-1)} target values of the example (--targets)`);
  checkCount(inputs, sizes[0]!, `--inputs needs ${sizes[0]} values for a ${sizes.join('-')} network, got ${inputs.length}`);
  checkCount(targets, sizes.at(-1)!, `--targets needs ${sizes.at(-1)} values for a ${sizes.join('-')} network, got ${targets.length}`);
  const iterations = options.iterations;
  if (iterations !== undefined && !(Number.isInteger(iterations) && iterations >= 0 && iterations <= MAX_ITERATIONS)) {
    throw new ExplainInputError(`iterations must be a whole number from 0 to ${MAX_ITERATIONS} (about 2 s of work), got ${iterations}`);
  }
  return {
    sizes,
    activations,
    loss,
    learningRate,
    weights: [...weights],
    W: nestWeights(sizes, weights),
    biasMode,
    biases: biases === 'none' ? [] : [...biases],
    b,
    inputs: [...inputs],
    targets: [...targets],
    updateBiases: biasMode !== 'none' && (options.updateBiases ?? false),
    iterations,
    leakyAlpha,
    seed,
  };
}

/** The most updates `iterations` may ask for: a million take about 2 s on one core. */
export const MAX_ITERATIONS = 1_000_000;

/** Parses a comma-separated list of numbers ("0.15, 0.2,-1e-3"); `what` names it in the error. */
export function parseNumberList(text: string, what: string): number[] {
  const parts = text.split(',').map((s) => s.trim());
  const values = parts.map(Number);
  const bad = parts.findIndex((s, i) => s === '' || !Number.isFinite(values[i]));
  if (bad >= 0) throw new ExplainInputError(`${what}: "${parts[bad]}" is not a number (expected comma-separated numbers like 0.15,0.2)`);
  return values;
}

/** Parses layer sizes "2,3,2" (inputs first). */
export function parseSizes(text: string): number[] {
  return checkSizes(parseNumberList(text, '--layers'));
}

/** Parses biases: "none", one number per layer or one per neuron. */
export function parseBiases(text: string): number[] | 'none' {
  return text.trim().toLowerCase() === 'none' ? 'none' : parseNumberList(text, '--biases');
}

/** An activation name, forgiving case and dashes ("leaky-relu" → leakyRelu). */
export function parseActivation(text: string): ActivationName {
  const found = ACTIVATION_NAMES.find((name) => simplify(name) === simplify(text));
  if (found === undefined) throw new ExplainInputError(`unknown activation "${text}" (choose from ${ACTIVATION_NAMES.join(', ')})`);
  return found;
}

const LOSS_ALIASES: Readonly<Record<string, LossName>> = { sse: 'halfSumSquares', ce: 'crossEntropy', bce: 'binaryCrossEntropy' };

/** A loss name, forgiving case and dashes, with the aliases sse, ce and bce. */
export function parseLoss(text: string): LossName {
  const found = LOSS_NAMES.find((name) => simplify(name) === simplify(text)) ?? LOSS_ALIASES[simplify(text)];
  if (found === undefined) throw new ExplainInputError(`unknown loss "${text}" (choose from ${LOSS_NAMES.join(', ')})`);
  return found;
}

/** A whole number >= 0 (iterations, seed). */
export function parseCount(text: string, what: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new ExplainInputError(`${what} must be a whole number >= 0, got "${text}"`);
  return value;
}

/** A positive number (learning rate). */
export function parsePositive(text: string, what: string): number {
  const value = Number(text);
  if (text.trim() === '' || !(value > 0) || !Number.isFinite(value)) throw new ExplainInputError(`${what} must be a positive number, got "${text}"`);
  return value;
}

function simplify(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, '');
}

function checkSizes(sizes: readonly number[]): number[] {
  if (sizes.length < 2) throw new ExplainInputError(`--layers needs at least an input and an output size, e.g. 2,2,2`);
  const bad = sizes.find((n) => !Number.isInteger(n) || n < 1);
  if (bad !== undefined) throw new ExplainInputError(`layer sizes must be positive whole numbers, got ${bad}`);
  return [...sizes];
}

function checkPositive(value: number, what: string): number {
  if (!(value > 0) || !Number.isFinite(value)) throw new ExplainInputError(`${what} must be a positive number, got ${value}`);
  return value;
}

function checkCount(values: readonly number[], count: number, message: string): void {
  if (values.length !== count) throw new ExplainInputError(message);
  if (values.some((v) => !Number.isFinite(v))) throw new ExplainInputError(`${message.split(' ')[0]} values must be finite numbers`);
}

/** The engine's own initialiser (Mlp.create with the seed) draws the weights; returned flat in w order. */
function seededWeights(sizes: readonly number[], activations: readonly ActivationName[], seed: number): number[] {
  const model = Mlp.create({ sizes, activations, seed, dtype: 'float64', backend: createReferenceBackend(), bias: false });
  const flat: number[] = [];
  model.layers.forEach((layer) => {
    for (let to = 0; to < layer.units; to++) for (let from = 0; from < layer.inputSize; from++) flat.push(layer.W.get(from, to));
  });
  return flat;
}

/** Flat w1..wN (neuron by neuron) → per-layer W[source][target]. */
function nestWeights(sizes: readonly number[], flat: readonly number[]): number[][][] {
  let k = 0;
  return sizes.slice(1).map((units, l) => {
    const inputs = sizes[l]!;
    const W = Array.from({ length: inputs }, () => new Array<number>(units).fill(0));
    for (let to = 0; to < units; to++) for (let from = 0; from < inputs; from++) W[from]![to] = flat[k++]!;
    return W;
  });
}

function biasLayout(sizes: readonly number[], biases: readonly number[] | 'none'): { biasMode: BiasMode; b: number[][] | null } {
  if (biases === 'none') return { biasMode: 'none', b: null };
  const layers = sizes.slice(1);
  const neurons = layers.reduce((s, n) => s + n, 0);
  if (biases.length === layers.length) {
    return { biasMode: 'shared', b: layers.map((n, l) => new Array<number>(n).fill(biases[l]!)) };
  }
  if (biases.length === neurons) {
    let k = 0;
    return { biasMode: 'perNeuron', b: layers.map((n) => Array.from({ length: n }, () => biases[k++]!)) };
  }
  throw new ExplainInputError(
    `--biases needs ${layers.length} values (one per layer, shared by its neurons), ${neurons} (one per neuron) or "none", got ${biases.length}`,
  );
}

/** True when the setup is exactly seed 001's classic walkthrough (for its notes on the published numbers). */
export function isClassicExample(setup: ExplainSetup): boolean {
  const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);
  return (
    same(setup.sizes, CLASSIC_EXAMPLE.sizes) &&
    same(setup.weights, CLASSIC_EXAMPLE.weights) &&
    setup.biasMode === 'shared' &&
    same(setup.biases, CLASSIC_EXAMPLE.biases) &&
    same(setup.inputs, CLASSIC_EXAMPLE.inputs) &&
    same(setup.targets, CLASSIC_EXAMPLE.targets) &&
    setup.activations.every((a) => a === 'sigmoid') &&
    setup.loss === 'halfSumSquares' &&
    setup.learningRate === CLASSIC_EXAMPLE.learningRate &&
    !setup.updateBiases
  );
}
