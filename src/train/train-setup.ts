/**
 * The set-up both training loops share (`train` and `trainAsync`): option checks, the optimiser,
 * the batch size, the validation rows, and the validation fields of an epoch event.
 */
import { shown } from '../errors/shown.js';
import { UsageError } from '../errors/usage-error.js';
import type { Mlp } from '../nn/mlp.js';
import { createOptimizer, type Optimizer } from '../nn/optimizers.js';
import { toSampleSource, type SampleSource } from './sample-source.js';
import type { TrainOptions } from './train-options.js';
import { checkTrainingMemory } from './training-memory.js';
import { emptyValidationProblem } from './validation-rows.js';

/** The validation part of an epoch event. */
export function validationFields(val: { loss: number; accuracy?: number; mae?: number }) {
  return {
    validationLoss: val.loss,
    ...(val.accuracy === undefined ? {} : { validationAccuracy: val.accuracy }),
    ...(val.mae === undefined ? {} : { validationMae: val.mae }),
  };
}

/** The given optimiser, or one built from its config (default: plain SGD at `learningRate`, 0.01). */
export function resolveOptimizer(options: TrainOptions): Optimizer {
  const given = options.optimizer;
  if (given !== undefined && 'step' in given) return given;
  return createOptimizer(given ?? { kind: 'sgd', learningRate: options.learningRate ?? 0.01 });
}

/**
 * Refuses (ResourceLimitError, one line with the size and the budget) a run whose weights,
 * gradients, weight snapshots, optimiser state and batch buffers do not fit the memory budget,
 * before the optimiser state and the buffers are allocated (see training-memory.ts).
 */
export function checkModelTrainingMemory(model: Mlp, optimizer: Optimizer, batchSize: number, options: TrainOptions): void {
  checkTrainingMemory({
    sizes: model.sizes,
    bias: model.layers.some((l) => l.b !== null),
    dtype: model.dtype,
    optimizer: optimizer.config.kind,
    batchSize,
    earlyStopping: options.earlyStopping !== undefined,
  });
}

/** Rows per step: 'full' is every row; a number is capped at the row count. */
export function resolveBatchSize(batchSize: number | 'full', count: number): number {
  if (batchSize === 'full') return count;
  return Math.min(positiveInteger(batchSize, 'batch size'), count);
}

/** `value` when it is a whole number of at least 1, else a UsageError naming `what`. */
export function positiveInteger(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${what} must be a positive integer, got ${typeof value === 'number' ? value : shown(value)}`);
  return value;
}

/** Refuses data whose input or target width differs from the model's. */
export function checkShapes(model: Mlp, source: SampleSource, what: string): void {
  if (source.inputSize !== model.inputSize) {
    throw new UsageError(`${what} has ${source.inputSize} input columns but the model expects ${model.inputSize}`);
  }
  if (source.targetSize !== model.outputSize) {
    throw new UsageError(`${what} has ${source.targetSize} target columns but the model outputs ${model.outputSize}`);
  }
}

/**
 * The training rows and the validation source: a separate set (shapes checked), or the last
 * `validationSplit` of the rows.
 */
export function splitValidation(model: Mlp, source: SampleSource, options: TrainOptions) {
  const all = Array.from({ length: source.count }, (_, i) => i);
  if (options.validationData !== undefined) {
    const validation = toSampleSource(options.validationData);
    checkShapes(model, validation, 'validation data');
    return { trainIndices: all, validation };
  }
  const fraction = options.validationSplit ?? 0;
  if (!(fraction >= 0 && fraction < 1)) throw new UsageError(`validationSplit must be in [0, 1), got ${fraction}`);
  const problem = emptyValidationProblem(source.count, fraction, 'validationSplit', 'fit', options.earlyStopping !== undefined);
  if (problem !== undefined) throw new UsageError(problem);
  const held = Math.floor(source.count * fraction);
  if (held === 0) return { trainIndices: all, validation: undefined };
  const heldIndices = all.slice(source.count - held);
  const validation: SampleSource = {
    count: held,
    inputSize: source.inputSize,
    targetSize: source.targetSize,
    fill: (backend, indices, start, x, y) => {
      const mapped = Uint32Array.from({ length: x.rows }, (_, i) => heldIndices[indices[start + i]!]!);
      source.fill(backend, mapped, 0, x, y);
    },
  };
  return { trainIndices: all.slice(0, source.count - held), validation };
}
