/**
 * What `backprop train` produces: the JSON result (`--json`) and the run with its live objects.
 * Apart from commands/train.ts so that cli/io.ts can print a run without importing the command.
 */
import type { Preprocessing } from '../../data/preprocessing.js';
import type { Mlp } from '../../nn/mlp.js';
import type { OptimizerConfig } from '../../nn/optimizers.js';
import type { EpochEvent } from '../../train/train.js';
import type { LoadedParts } from '../data.js';
import type { Evaluated } from '../evaluation.js';
import type { StepCurve } from '../step-curve.js';

/** One epoch of the history as --json reports it. */
export type HistoryEntry = Omit<EpochEvent, 'type' | 'epochs'>;

/** What `backprop train --json` prints: plain JSON data. */
export interface TrainResult {
  readonly dataset: string;
  readonly task: 'classification' | 'regression';
  /** Why the task is what it is (the CSV task rule, or the built-in data set's own task). */
  readonly taskReason: string;
  /** All layer sizes, input to output. */
  readonly layers: number[];
  readonly activations: string[];
  readonly parameters: number;
  readonly loss: string;
  readonly optimizer: OptimizerConfig;
  readonly batchSize: number | 'full';
  /** Epochs actually run (fewer than asked when early stopping ends training). */
  readonly epochs: number;
  /** Training wall time in seconds. */
  readonly seconds: number;
  readonly stopReason: 'completed' | 'earlyStopping' | 'aborted';
  readonly samples: { readonly train: number; readonly test: number };
  readonly train: Record<string, number>;
  readonly test: Record<string, number> | null;
  readonly history: HistoryEntry[];
  /** Where the model was saved (--save), the run folder and its files. */
  readonly model: string | null;
  readonly runFolder: string | null;
  readonly files: string[];
  /** What ran the training: the backend's name, its threads, and for wasm whether the relaxed-SIMD (fused multiply-add) build ran. */
  readonly engine: { readonly backend: string; readonly threads: number; readonly relaxedSimd?: boolean };
}

/** Everything a finished training produced (the result plus live objects for further use). */
export interface TrainRun {
  readonly result: TrainResult;
  readonly model: Mlp;
  readonly preprocessing: Preprocessing;
  readonly parts: LoadedParts;
  readonly evaluations: { readonly train: Evaluated; readonly test: Evaluated | undefined };
  /** Mean loss of every few steps, for runs under 10 epochs (undefined otherwise). */
  readonly steps: StepCurve | undefined;
}
