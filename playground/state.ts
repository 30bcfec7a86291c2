/**
 * The playground's settings as one declarative table, serialised to and from the URL hash
 * (after TensorFlow Playground's State.PROPS): every run, seed included, is a shareable link.
 */
import { DATASET_NAMES, type DatasetName } from './datasets-2d.js';

/** Hidden-layer activations offered in the editor. */
export const HIDDEN_ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'leakyRelu', 'linear'] as const;
/** Optimisers offered in the editor. */
export const OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const;
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
  activation: (typeof HIDDEN_ACTIVATIONS)[number];
  optimizer: (typeof OPTIMIZERS)[number];
  learningRate: number;
  batchSize: number;
  /** L2 weight decay. */
  l2: number;
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
  optimizer: 'adam',
  learningRate: 0.01,
  batchSize: 10,
  l2: 0,
  seed: 1,
  digitsHidden: 200,
  digitsRate: 0.2,
};

type Kind = { readonly kind: 'choice'; readonly options: readonly string[] } | { readonly kind: 'number'; readonly min: number; readonly max: number; readonly integer: boolean } | { readonly kind: 'layers' };

/** One row per setting: its key in the hash and how its text is read. */
const PROPS: Record<keyof Settings, { readonly key: string } & Kind> = {
  tab: { key: 'tab', kind: 'choice', options: TABS },
  dataset: { key: 'dataset', kind: 'choice', options: DATASET_NAMES },
  noise: { key: 'noise', kind: 'number', min: 0, max: 50, integer: true },
  trainPercent: { key: 'train', kind: 'number', min: 10, max: 90, integer: true },
  hidden: { key: 'hidden', kind: 'layers' },
  activation: { key: 'activation', kind: 'choice', options: HIDDEN_ACTIVATIONS },
  optimizer: { key: 'optimizer', kind: 'choice', options: OPTIMIZERS },
  learningRate: { key: 'lr', kind: 'number', min: 1e-6, max: 10, integer: false },
  batchSize: { key: 'batch', kind: 'number', min: 1, max: 500, integer: true },
  l2: { key: 'l2', kind: 'number', min: 0, max: 1, integer: false },
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
  const settings: Settings = { ...DEFAULTS, hidden: [...DEFAULTS.hidden] };
  const target = settings as unknown as Record<string, unknown>;
  for (const [name, prop] of Object.entries(PROPS)) {
    const text = params.get(prop.key);
    if (text === null) continue;
    const value = parseValue(text, prop);
    if (value !== undefined) target[name] = value;
  }
  return settings;
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
