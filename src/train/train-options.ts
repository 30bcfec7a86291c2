/** The options of `train`/`fit`, each with its default in its doc comment (the CLI and estimators take theirs from defaults.ts). */
import type { LossName } from '../math/losses.js';
import type { Optimizer, OptimizerConfig } from '../nn/optimizers.js';
import type { Random } from '../random.js';
import type { Task } from './evaluate.js';
import type { LabelledMatrices, SampleSource } from './sample-source.js';
import type { ScheduleConfig } from './schedules.js';
import type { OutputGradient } from './train-step.js';

/** Stop when the monitored loss has not improved by `minDelta` for `patience` epochs. */
export interface EarlyStoppingOptions {
  readonly patience: number;
  /** Smallest decrease that counts as an improvement (default 0). */
  readonly minDelta?: number;
  /** Put back the weights of the best epoch when stopping or finishing (default true). */
  readonly restoreBestWeights?: boolean;
  /** Which loss to watch (default: validation loss when there is validation data, else training loss). */
  readonly monitor?: 'loss' | 'validationLoss';
}

export interface TrainOptions {
  /** Loss to minimise (default: cross-entropy after softmax, BCE after a single sigmoid, else MSE). */
  readonly loss?: LossName;
  /** Optimiser settings or instance (default: plain SGD at `learningRate`). */
  readonly optimizer?: OptimizerConfig | Optimizer;
  /** Learning rate of the default SGD optimiser (default 0.01). */
  readonly learningRate?: number;
  /** Passes over the training data (default 10). */
  readonly epochs?: number;
  /** Rows per step: a number (1 = per-sample/online) or 'full' for full-batch gradient descent (default 32). */
  readonly batchSize?: number | 'full';
  /** Shuffle the training rows every epoch (default true; false keeps file order, as seed 003 does). */
  readonly shuffle?: boolean;
  /**
   * 'epoch' visits every training row once per epoch; 'random' draws each batch's rows at random
   * with replacement (seed 001's XOR loop), `stepsPerEpoch` steps per epoch.
   */
  readonly sampling?: 'epoch' | 'random';
  /** Steps per epoch when sampling is 'random' (default: rows / batch size). */
  readonly stepsPerEpoch?: number;
  /** Seed for shuffling and sampling (default 0), unless `random` is given. */
  readonly seed?: number;
  readonly random?: Random;
  /** Fraction of the rows (taken from the end, before shuffling) held out for validation. */
  readonly validationSplit?: number;
  /** A separate validation set (takes precedence over validationSplit). */
  readonly validationData?: SampleSource | LabelledMatrices;
  readonly earlyStopping?: EarlyStoppingOptions;
  readonly schedule?: ScheduleConfig;
  /** Whether biases are trained (default true; seed 001's worked example keeps them fixed). */
  readonly updateBiases?: boolean;
  /** How the output error is formed (default 'exact'; seed 003's code uses 'rawErrorBackward'). */
  readonly outputGradient?: OutputGradient;
  /** Classification (accuracy) or regression (MAE); inferred from the loss and output activation by default. */
  readonly task?: Task;
  /** Yield an event after every batch (default true). */
  readonly batchEvents?: boolean;
  /**
   * Plain SGD (no weight decay) with two or more layers: run each step's first-layer update and
   * the next batch's first-layer forward pass as one engine call (default true). Per sample that
   * is one pass over the weights instead of two (about 25% faster on seed 003's 784-200-10
   * network); for batches the next batch is gathered while worker threads finish the update
   * (about 4% on W1). Results are bit-identical either way. Between two batch events of an epoch
   * the next batch's first-layer output is then already computed: weights changed by hand at a
   * batch event would not reach it. Set false if you edit weights during an epoch.
   */
  readonly lookahead?: boolean;
}
