/**
 * The options of `backprop train` as a library call, and how they become a model, its
 * training options and its preprocessing (defaults chosen from the data).
 */
import { sampleCount, targetSize } from '../../data/dataset.js';
import type { Dataset, OneHotValues } from '../../data/dataset.js';
import type { TransformSpec } from '../../data/transforms.js';
import type { ActivationName } from '../../math/activations.js';
import type { LossName } from '../../math/losses.js';
import type { Backend } from '../../backend/backend.js';
import { createReferenceBackend } from '../../backend/reference.js';
import { Mlp } from '../../nn/mlp.js';
import { parseInit } from '../../nn/init.js';
import { optimizerConfigFor, type OptimizerConfig } from '../../nn/optimizers.js';
import { parseSchedule } from '../../train/schedules.js';
import { DataFormatError } from '../../errors/data-format-error.js';
import type { TrainOptions } from '../../train/train-options.js';
import type { OutputGradient } from '../../train/train-step.js';
import type { TrainEvent } from '../../train/train.js';
import { TRAINING_DEFAULTS } from '../../train/defaults.js';
import { checkTrainingMemory, type TrainingMemory } from '../../train/training-memory.js';
import { formatBytes, formatCount } from '../../errors/limits.js';
import { UsageError } from '../errors.js';
import type { DataOptions } from '../data.js';

/** Everything `backprop train` accepts; only `dataset` is required. */
export interface TrainCommandOptions extends DataOptions {
  /** Hidden layer sizes (default [32]); [] for none. */
  readonly layers?: readonly number[];
  /** Hidden activation (default relu). */
  readonly activation?: ActivationName;
  /** Output activation (default softmax for classes, sigmoid for one 0/1 target, linear for regression). */
  readonly outputActivation?: ActivationName;
  /** Loss (default: the one matching the output activation). */
  readonly loss?: LossName;
  /** sgd, momentum, nesterov or adam (default adam). */
  readonly optimizer?: string;
  /** Learning rate (default 0.01). */
  readonly learningRate?: number;
  readonly momentum?: number;
  /** L2 weight decay (default 0). */
  readonly weightDecay?: number;
  /** Learning-rate schedule text: constant, step:N,GAMMA, exponential:GAMMA, cosine[:MIN]. */
  readonly schedule?: string;
  /** Passes over the training data (default 20). */
  readonly epochs?: number;
  /** Rows per step, or 'full' (default 32). */
  readonly batchSize?: number | 'full';
  /** Weight initialiser text (see parseInit): heNormal, xavierNormal, fanOut, normal:SD, uniform:LOW,HIGH ... */
  readonly init?: string;
  /** Layers have biases (default true). */
  readonly bias?: boolean;
  /** Train the biases (default true). */
  readonly updateBiases?: boolean;
  /** Shuffle rows every epoch (default true). */
  readonly shuffle?: boolean;
  /** Fraction of the training part held out for validation (default 0). */
  readonly validationSplit?: number;
  /** Early stopping patience in epochs (default: off). */
  readonly earlyStopping?: number;
  /** Input and target preprocessing chains (defaults from the data). */
  readonly inputs?: TransformSpec[];
  readonly targets?: TransformSpec[];
  /** One-hot target values (default off 0, on 1). */
  readonly oneHot?: OneHotValues;
  /** Output error form (default exact; seed 003's code uses rawErrorBackward). */
  readonly outputGradient?: OutputGradient;
  /** 'reference' forces the plain TypeScript backend, 'webgpu' the GPU (default: the fastest CPU backend). */
  readonly backend?: 'default' | 'reference' | 'webgpu';
  /** Save the trained model here as well. */
  readonly save?: string;
  /** Run folder; false for none (default runs/<timestamp>-<dataset>). */
  readonly out?: string | false;
  /** Emit an event per batch to `onEvent` (default true; progress bars need them, plain logs do not). */
  readonly batchEvents?: boolean;
  /** Receives one-line notices before training: the task and why, how the columns were encoded, data notes. */
  readonly onNotice?: (line: string) => void;
  /** Sees every training event (progress reporting). */
  readonly onEvent?: (event: TrainEvent) => void;
}

/** The default output activation for a data set. */
export function defaultOutputActivation(train: Dataset): ActivationName {
  if (train.task === 'regression') return 'linear';
  return train.targets !== undefined && train.targets.cols === 1 ? 'sigmoid' : 'softmax';
}

/** Builds the network for the data: input size, hidden layers, outputs. */
export function buildModel(options: TrainCommandOptions, train: Dataset, inputs: number, backend?: Backend): Mlp {
  const hidden = options.layers ?? TRAINING_DEFAULTS.hiddenLayers;
  if (inputs < 1) throw new DataFormatError({ file: train.name }, `has no input columns: its only column${train.targetNames.length > 0 ? `, "${train.targetNames[0]}",` : ''} is the target (use a file with feature columns, or pick another --target)`);
  const sizes = [inputs, ...hidden, targetSize(train)];
  if (sizes.some((s) => !Number.isInteger(s) || s < 1)) throw new UsageError(`layer sizes must be whole numbers of at least 1, got ${sizes.join('-')}`);
  checkTrainingFits(options, train, sizes);
  const activation = options.activation ?? TRAINING_DEFAULTS.activation;
  const outputActivation = options.outputActivation ?? defaultOutputActivation(train);
  if (activation === 'softmax') throw new UsageError('softmax works only as the output activation (--output-activation softmax)');
  let init;
  try {
    init = options.init === undefined ? undefined : parseInit(options.init);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return Mlp.create({
    sizes,
    activation,
    outputActivation,
    ...(init === undefined ? {} : { init }),
    bias: options.bias ?? TRAINING_DEFAULTS.bias,
    seed: options.seed ?? TRAINING_DEFAULTS.seed,
    ...(options.backend === 'reference' ? { backend: createReferenceBackend() } : {}),
    ...(backend === undefined ? {} : { backend }),
  });
}

/** Large networks get a notice before they are built (drawing their weights alone takes seconds). */
const NOTICE_BYTES = 1e9;

/**
 * Refuses, before anything is allocated, a network whose training does not fit the memory budget
 * (weights, gradients, snapshots, the optimiser's state and the batch buffers; see
 * train/training-memory.ts), and says how big a large one is before it is built.
 */
function checkTrainingFits(options: TrainCommandOptions, train: Dataset, sizes: readonly number[]): void {
  const rows = Math.max(1, sampleCount(train));
  const batch = options.batchSize ?? TRAINING_DEFAULTS.batchSize;
  const memory = checkTrainingMemory({
    sizes,
    bias: options.bias ?? TRAINING_DEFAULTS.bias,
    optimizer: options.optimizer ?? TRAINING_DEFAULTS.optimizer,
    batchSize: batch === 'full' ? rows : Math.min(batch, rows),
    earlyStopping: options.earlyStopping !== undefined,
  });
  const notice = largeNetworkNotice(sizes, memory, options.backend);
  if (notice !== undefined) options.onNotice?.(notice);
}

/**
 * The notice a network of 1 GB or more of training memory gets before it is built, so that the
 * seconds spent drawing its weights (measured: 7.9 s for 100 million parameters on the reference
 * backend, whose epoch of iris then took 42 s) do not look like a hang; undefined below that.
 */
export function largeNetworkNotice(sizes: readonly number[], memory: TrainingMemory, backend: TrainCommandOptions['backend']): string | undefined {
  if (memory.bytes < NOTICE_BYTES) return undefined;
  const where = backend === 'reference' ? '; the reference backend is slow at this size' : '';
  return `network: ${sizes.join('-')}, ${formatCount(memory.parameters)} parameters, about ${formatBytes(memory.bytes)} for training; building it takes a while${where}`;
}

/** The optimiser settings from the options. */
export function optimizerFor(options: TrainCommandOptions): OptimizerConfig {
  const name = options.optimizer ?? TRAINING_DEFAULTS.optimizer;
  const learningRate = options.learningRate ?? TRAINING_DEFAULTS.learningRate;
  if (!(learningRate > 0) || !Number.isFinite(learningRate)) throw new UsageError(`learning rate must be a positive number, got ${learningRate}`);
  if (options.momentum !== undefined && name !== 'momentum' && name !== 'nesterov') {
    throw new UsageError(`--momentum ${options.momentum} is a setting of --optimizer momentum or nesterov, not of ${name}${name === 'adam' ? ' (adam keeps its own running averages)' : ''}: add --optimizer momentum, or leave --momentum out`);
  }
  return optimizerConfigFor(name, learningRate, {
    ...(options.momentum === undefined ? {} : { momentum: options.momentum }),
    ...(options.weightDecay === undefined ? {} : { weightDecay: options.weightDecay }),
  });
}

/** The library's TrainOptions from the command options. */
export function trainOptionsFor(options: TrainCommandOptions, loss: LossName): TrainOptions {
  let schedule;
  try {
    schedule = options.schedule === undefined ? undefined : parseSchedule(options.schedule);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return {
    loss,
    optimizer: optimizerFor(options),
    epochs: options.epochs ?? TRAINING_DEFAULTS.epochs,
    batchSize: options.batchSize ?? TRAINING_DEFAULTS.batchSize,
    seed: options.seed ?? TRAINING_DEFAULTS.seed,
    shuffle: options.shuffle ?? TRAINING_DEFAULTS.shuffle,
    updateBiases: options.updateBiases ?? true,
    outputGradient: options.outputGradient ?? 'exact',
    batchEvents: options.batchEvents ?? true,
    ...(schedule === undefined ? {} : { schedule }),
    ...(options.validationSplit === undefined || options.validationSplit === 0 ? {} : { validationSplit: options.validationSplit }),
    ...(options.earlyStopping === undefined ? {} : { earlyStopping: { patience: options.earlyStopping } }),
  };
}
