/**
 * The playground's settings as one declarative table, serialised to and from the URL hash
 * (after TensorFlow Playground's State.PROPS): every run, seed included, is a shareable link.
 */
import { DATASET_NAMES, PROBLEMS, type DatasetName, type Problem } from './datasets-2d.js';
import { FEATURE_NAMES, type FeatureName } from './features.js';

/** Hidden-layer activations offered in the editor. */
export const HIDDEN_ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'leakyRelu', 'linear'] as const;
/** Optimisers offered in the editor. */
export const OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const;
/**
 * Training speed of the 2-D playground: mini-batch steps per animation frame (about 60 a
 * second), or 'max': as fast as the worker can go.
 */
export const SPEEDS = ['1', '2', '5', '10', '25', '100', '1000', 'max'] as const;
/** One of SPEEDS. */
export type Speed = (typeof SPEEDS)[number];
/** Where the 2-D network trains: 'cpu' (the worker's wasm engine) or 'gpu' (WebGPU in the worker, falling back to the CPU with a status line naming the reason). */
export const ENGINES = ['cpu', 'gpu'] as const;
/** The panels (tabs) of the page. */
export const TABS = ['play', 'digits', 'explain'] as const;

/** Every setting of the page. */
export interface Settings {
  /** Which panel is shown. */
  tab: (typeof TABS)[number];
  dataset: DatasetName;
  /** Label noise, 0-50 %. */
  noise: number;
  /** Share of the points used for training, 10-90 %. */
  trainPercent: number;
  /** Hidden layer sizes, input to output (the 2 inputs and 1 output are implied). */
  hidden: number[];
  /** Activation of every hidden layer, and of layers added in the editor. */
  activation: HiddenActivation;
  /** Per-layer activations, one per hidden layer; empty: every layer uses `activation`. */
  layerActivations: HiddenActivation[];
  /** Input features of the 2-D network, in FEATURES order. */
  features: FeatureName[];
  /** 'auto': the data set's own kind (the plane is regression, the rest classification). */
  problem: Problem;
  /** Draw the output as two colours (classes) or signs (regression) instead of shades. */
  discretize: boolean;
  /** Training speed: mini-batch steps per frame, or 'max'. */
  speed: Speed;
  /** Where the 2-D network trains: one of ENGINES. */
  engine: (typeof ENGINES)[number];
  /** Loss chart on a log scale. */
  logLoss: boolean;
  optimizer: (typeof OPTIMIZERS)[number];
  learningRate: number;
  batchSize: number;
  /** L2 weight decay. */
  l2: number;
  /** L1 penalty (λ₁·sign(w) added to every weight's gradient). */
  l1: number;
  /** Seed of the data, the initial weights and the shuffling. */
  seed: number;
  /** Hidden units of seed 003's digit network. */
  digitsHidden: number;
  /** Learning rate of the digit network (seed 003: 0.2). */
  digitsRate: number;
}

/** The settings a bare URL gets. */
export const DEFAULTS: Readonly<Settings> = {
  tab: 'play',
  dataset: 'spiral',
  noise: 0,
  trainPercent: 50,
  hidden: [16, 16],
  activation: 'relu',
  layerActivations: [],
  features: ['x1', 'x2'],
  problem: 'auto',
  discretize: false,
  speed: '2',
  engine: 'cpu',
  logLoss: false,
  optimizer: 'adam',
  learningRate: 0.01,
  batchSize: 10,
  l2: 0,
  l1: 0,
  seed: 1,
  digitsHidden: 200,
  digitsRate: 0.2,
};

/** A hidden layer's activation. */
export type HiddenActivation = (typeof HIDDEN_ACTIVATIONS)[number];

type Kind =
  | { readonly kind: 'choice'; readonly options: readonly string[] }
  | { readonly kind: 'number'; readonly min: number; readonly max: number; readonly integer: boolean }
  | { readonly kind: 'layers' }
  | { readonly kind: 'list'; readonly options: readonly string[]; readonly min: number; readonly max: number; readonly unique: boolean }
  | { readonly kind: 'boolean' };

/** One row per setting: its key in the hash and how its text is read. */
const PROPS: Record<keyof Settings, { readonly key: string } & Kind> = {
  tab: { key: 'tab', kind: 'choice', options: TABS },
  dataset: { key: 'dataset', kind: 'choice', options: DATASET_NAMES },
  noise: { key: 'noise', kind: 'number', min: 0, max: 50, integer: true },
  trainPercent: { key: 'train', kind: 'number', min: 10, max: 90, integer: true },
  hidden: { key: 'hidden', kind: 'layers' },
  activation: { key: 'activation', kind: 'choice', options: HIDDEN_ACTIVATIONS },
  layerActivations: { key: 'acts', kind: 'list', options: HIDDEN_ACTIVATIONS, min: 0, max: 6, unique: false },
  features: { key: 'features', kind: 'list', options: FEATURE_NAMES, min: 1, max: FEATURE_NAMES.length, unique: true },
  problem: { key: 'problem', kind: 'choice', options: PROBLEMS },
  discretize: { key: 'discretize', kind: 'boolean' },
  speed: { key: 'speed', kind: 'choice', options: SPEEDS },
  engine: { key: 'engine', kind: 'choice', options: ENGINES },
  logLoss: { key: 'logLoss', kind: 'boolean' },
  optimizer: { key: 'optimizer', kind: 'choice', options: OPTIMIZERS },
  learningRate: { key: 'lr', kind: 'number', min: 1e-6, max: 10, integer: false },
  batchSize: { key: 'batch', kind: 'number', min: 1, max: 500, integer: true },
  l2: { key: 'l2', kind: 'number', min: 0, max: 1, integer: false },
  l1: { key: 'l1', kind: 'number', min: 0, max: 1, integer: false },
  seed: { key: 'seed', kind: 'number', min: 0, max: 2 ** 31 - 1, integer: true },
  digitsHidden: { key: 'digitsHidden', kind: 'number', min: 1, max: 1000, integer: true },
  digitsRate: { key: 'digitsLr', kind: 'number', min: 1e-6, max: 10, integer: false },
};

/** Most hidden layers and neurons per layer the editor allows. */
export const MAX_LAYERS = 6;
export const MAX_NEURONS = 16;

/** Reads settings from a hash like `#dataset=xor&hidden=4,2&seed=7`; unknown or bad values keep their defaults. */
export function parseHash(hash: string): Settings {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const settings: Settings = { ...DEFAULTS, hidden: [...DEFAULTS.hidden], layerActivations: [], features: [...DEFAULTS.features] };
  const target = settings as unknown as Record<string, unknown>;
  for (const [name, prop] of Object.entries(PROPS)) {
    const text = params.get(prop.key);
    if (text === null) continue;
    const value = parseValue(text, prop);
    if (value !== undefined) target[name] = value;
  }
  if (settings.layerActivations.length !== settings.hidden.length) settings.layerActivations = [];
  return settings;
}

/** The activation of each hidden layer: the per-layer choices, or `activation` for every layer. */
export function hiddenActivations(settings: Settings): HiddenActivation[] {
  return settings.hidden.map((_, l) => settings.layerActivations[l] ?? settings.activation);
}

/** The hash for settings: every value is written, so a link stays valid when defaults change. */
export function toHash(settings: Settings): string {
  const params = new URLSearchParams();
  const source = settings as unknown as Record<string, unknown>;
  for (const [name, prop] of Object.entries(PROPS)) {
    const value = source[name];
    params.set(prop.key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return `#${params.toString().replaceAll('%2C', ',')}`;
}

function parseValue(text: string, prop: Kind): unknown {
  if (prop.kind === 'choice') return prop.options.includes(text) ? text : undefined;
  if (prop.kind === 'boolean') return text === 'true' ? true : text === 'false' ? false : undefined;
  if (prop.kind === 'list') {
    const names = text === '' ? [] : text.split(',');
    const known = names.every((n) => prop.options.includes(n)) && (!prop.unique || new Set(names).size === names.length);
    if (!known || names.length < prop.min || names.length > prop.max) return undefined;
    return prop.unique ? prop.options.filter((n) => names.includes(n)) : names;
  }
  if (prop.kind === 'layers') {
    if (text === '') return [];
    const sizes = text.split(',').map(Number);
    const valid = sizes.length <= MAX_LAYERS && sizes.every((n) => Number.isInteger(n) && n >= 1 && n <= MAX_NEURONS);
    return valid ? sizes : undefined;
  }
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < prop.min || value > prop.max) return undefined;
  if (prop.integer && !Number.isInteger(value)) return undefined;
  return value;
}
