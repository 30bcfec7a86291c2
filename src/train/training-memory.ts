/**
 * The memory a training run needs, worked out from the layer sizes before the network is built
 * (the CLI) or before the optimiser state and the batch buffers are allocated (`train`,
 * `trainAsync`), and checked against the memory budget: a network that cannot be trained is
 * refused in one line with its size, instead of allocating for minutes or being killed.
 *
 * For P parameters (Σ n_in·n_out + n_out per layer, the biases when there are any) of b bytes
 * each (4 for float32, 8 for float64) training holds
 *   copies × P × b, with copies = weights + gradients + the last good weights (restored when the
 *   loss diverges) + the best weights under early stopping + the optimiser's state: Adam's two
 *   moments, momentum's or Nesterov's one velocity, none for plain SGD;
 *   and the batch buffers, M × (2·n_0 + 2·n_L + 4·Σ_{l≥1} n_l) × b for a batch of M rows (Z, A,
 *   dA, dZ per layer; two X and Y for the step plan's look-ahead; see nn/workspace.ts).
 */
import { checkAllocation, memoryBudget, formatCount } from '../errors/limits.js';
import { UsageError } from '../errors/usage-error.js';
import type { DType } from '../matrix.js';

/** The sizes of a training run, as plain numbers. */
export interface TrainingSizes {
  /** Layer sizes from input to output, e.g. [784, 200, 10]. */
  readonly sizes: readonly number[];
  /** Whether the layers have biases (default true). */
  readonly bias?: boolean;
  /** Element precision (default 'float32'). */
  readonly dtype?: DType;
  /** Optimiser kind: 'adam', 'momentum', 'nesterov' or 'sgd' (default: 'sgd', no state). */
  readonly optimizer?: string;
  /** Rows per step (the batch buffers' capacity), already capped at the row count. */
  readonly batchSize: number;
  /** Early stopping on: one more copy of the weights, the best ones (default false). */
  readonly earlyStopping?: boolean;
}

/** What a training run holds, in parameters, copies of them and bytes. */
export interface TrainingMemory {
  readonly parameters: number;
  /** Copies of the parameters: weights, gradients, last good, best, optimiser state. */
  readonly copies: number;
  /** copies × parameters × bytes per value. */
  readonly parameterBytes: number;
  /** The batch buffers. */
  readonly batchBytes: number;
  /** Both together. */
  readonly bytes: number;
}

/** Extra copies of the parameters an optimiser keeps. */
function optimizerCopies(kind: string | undefined): number {
  if (kind === 'adam') return 2;
  if (kind === 'momentum' || kind === 'nesterov') return 1;
  return 0;
}

/** Refuses layer sizes and batch sizes that are not whole numbers of at least 1 (UsageError naming the one). */
export function checkTrainingSizes(sizes: readonly number[], batchSize: number): void {
  if (sizes.length < 2) throw new UsageError(`a network needs at least an input and an output size, got [${sizes.join(', ')}]`);
  sizes.forEach((n, i) => {
    if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`layer size ${i} must be a whole number of at least 1, got ${n} (sizes ${sizes.join('-')})`);
  });
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new UsageError(`batch size must be a whole number of at least 1, got ${batchSize}`);
}

/** The memory a training run of these sizes holds (see the file's comment). */
export function trainingMemory(run: TrainingSizes): TrainingMemory {
  checkTrainingSizes(run.sizes, run.batchSize);
  const { sizes, batchSize } = run;
  const bias = run.bias ?? true;
  let parameters = 0;
  let units = 0;
  for (let l = 1; l < sizes.length; l++) {
    parameters += sizes[l - 1]! * sizes[l]! + (bias ? sizes[l]! : 0);
    units += sizes[l]!;
  }
  const bytesPerValue = run.dtype === 'float64' ? 8 : 4;
  const copies = 3 + (run.earlyStopping === true ? 1 : 0) + optimizerCopies(run.optimizer);
  const parameterBytes = copies * parameters * bytesPerValue;
  const batchBytes = batchSize * (2 * sizes[0]! + 2 * sizes[sizes.length - 1]! + 4 * units) * bytesPerValue;
  return { parameters, copies, parameterBytes, batchBytes, bytes: parameterBytes + batchBytes };
}

/**
 * Throws ResourceLimitError (one line: the network, its parameters, the copies, the batch, the
 * bytes needed and the budget) when the run does not fit `limit` (default: the memory budget);
 * UsageError for sizes that are not whole numbers of at least 1. Returns the memory otherwise.
 */
export function checkTrainingMemory(run: TrainingSizes, limit = memoryBudget()): TrainingMemory {
  const memory = trainingMemory(run);
  if (Number.isFinite(memory.bytes) && memory.bytes <= limit) return memory; // the message only when refused
  const optimizer = run.optimizer ?? 'sgd';
  const state = optimizerCopies(optimizer) === 0 ? '' : `, ${optimizer}'s ${optimizerCopies(optimizer) === 2 ? '2 moments' : 'velocity'}`;
  const copies = `weights, gradients, last good weights${run.earlyStopping === true ? ', best weights' : ''}${state}`;
  const what = `training a ${run.sizes.join('-')} network (${formatCount(memory.parameters)} parameters × ${memory.copies} copies: ${copies}; batches of ${run.batchSize} row${run.batchSize === 1 ? '' : 's'})`;
  checkAllocation(what, memory.bytes, limit);
  return memory;
}
