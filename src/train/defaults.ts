/**
 * The one table of training defaults shared by the CLI (`backprop train` flags) and the
 * library's estimators (`Classifier`, `Regressor`): change a value here and both follow.
 * The engine-level `train`/`fit` keep their own documented minimal defaults (plain SGD).
 */
import type { ActivationName } from '../math/activations.js';
import type { OPTIMIZER_NAMES } from '../nn/optimizers.js';

/** The defaults of an option that both the CLI and the estimators accept. */
export interface TrainingDefaults {
  /** Hidden layer sizes. */
  readonly hiddenLayers: readonly number[];
  /** Hidden activation. */
  readonly activation: ActivationName;
  /** Optimiser name: sgd, momentum, nesterov or adam. */
  readonly optimizer: (typeof OPTIMIZER_NAMES)[number];
  readonly learningRate: number;
  /** Passes over the training data. */
  readonly epochs: number;
  /** Rows per step, or 'full'. */
  readonly batchSize: number | 'full';
  /** Seed of the weights, split and shuffling. */
  readonly seed: number;
  /** Fraction of the training rows held out for validation (0 = none). */
  readonly validationSplit: number;
  /** Layers have biases. */
  readonly bias: boolean;
  /** Shuffle the rows every epoch. */
  readonly shuffle: boolean;
}

/** The defaults: hidden [32], relu, adam at 0.01, 20 epochs, batches of 32, seed 0, no validation. */
export const TRAINING_DEFAULTS: TrainingDefaults = Object.freeze({
  hiddenLayers: Object.freeze([32]),
  activation: 'relu',
  optimizer: 'adam',
  learningRate: 0.01,
  epochs: 20,
  batchSize: 32,
  seed: 0,
  validationSplit: 0,
  bias: true,
  shuffle: true,
});

/**
 * Option name in the library (estimator options) → the CLI flag that sets it, for the options
 * both accept; a test checks the CLI declares each flag with the table's default.
 */
export const TRAINING_OPTION_FLAGS = Object.freeze({
  hiddenLayers: '--layers',
  activation: '--activation',
  optimizer: '--optimizer',
  learningRate: '--learning-rate',
  epochs: '--epochs',
  batchSize: '--batch-size',
  seed: '--seed',
  validationSplit: '--validation-split',
  bias: '--no-bias',
  shuffle: '--no-shuffle',
} as const satisfies Record<keyof TrainingDefaults, string>);

/** The CLI's text form of a default (what commander shows and parses). */
export function defaultFlagText(name: keyof TrainingDefaults): string {
  const value = TRAINING_DEFAULTS[name];
  return Array.isArray(value) ? (value.length === 0 ? 'none' : value.join(',')) : String(value);
}
