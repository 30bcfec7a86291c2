/** Loss and metrics of a model over a set of samples, computed in batches (forward only). */
import { UsageError } from '../errors/usage-error.js';
import { isLossName, type LossName } from '../math/losses.js';
import { countCorrect } from '../metrics.js';
import type { Matrix } from '../matrix.js';
import type { Mlp } from '../nn/mlp.js';
import type { SampleSource } from './sample-source.js';

/** Whether a model predicts classes (accuracy) or values (mean absolute error). */
export type Task = 'classification' | 'regression';

/** Loss and the task's metric over some samples. */
export interface Evaluation {
  readonly loss: number;
  /** Fraction correct, for classification. */
  readonly accuracy?: number;
  /** Mean absolute error, for regression. */
  readonly mae?: number;
}

/** The task a loss and output activation imply: classification for cross-entropies and softmax/sigmoid outputs. */
export function inferTask(model: Mlp, loss: LossName): Task {
  if (loss === 'crossEntropy' || loss === 'binaryCrossEntropy') return 'classification';
  const act = model.outputLayer.activation;
  return act === 'softmax' || act === 'sigmoid' ? 'classification' : 'regression';
}

/** The loss a model file names in its metadata (`metadata.loss`), else the one that goes with its output activation. */
export function storedLossOf(model: Mlp): LossName {
  const stored = model.metadata['loss'];
  return typeof stored === 'string' && isLossName(stored) ? stored : defaultLossFor(model);
}

/** The loss that usually goes with the model's output activation. */
export function defaultLossFor(model: Mlp): LossName {
  switch (model.outputLayer.activation) {
    case 'softmax':
      return 'crossEntropy';
    case 'sigmoid':
      return model.outputSize === 1 ? 'binaryCrossEntropy' : 'mse';
    default:
      return 'mse';
  }
}

/** Sum of |a[i] − b[i]| over the first `length` values. */
export function absoluteErrorSum(a: ArrayLike<number>, b: ArrayLike<number>, length: number): number {
  let sum = 0;
  for (let i = 0; i < length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum;
}

/**
 * Evaluates `model` on the samples `indices` of `source` (all of them by default) in batches of
 * up to `batchSize` rows (default 1024, as `Mlp.predict`), using the model's own workspace: each
 * batch is filled through the source, as in training (uint8 images converted per batch), so no
 * whole-set float copy is made. With `outputs` (indices.length x outputSize, the model's dtype),
 * the model's outputs are kept there too, row i for sample indices[i]. `metric: false` leaves out
 * the task's metric (accuracy or MAE: the result has the loss only), for callers that compute
 * their own from `outputs`.
 */
export function evaluateSamples(
  model: Mlp,
  source: SampleSource,
  options: { loss: LossName; task: Task; indices?: ArrayLike<number>; batchSize?: number; outputs?: Matrix; metric?: boolean },
): Evaluation {
  const indices = options.indices ?? allIndices(source.count);
  const total = indices.length;
  if (total === 0) return { loss: NaN };
  const capacity = Math.min(options.batchSize ?? 1024, total);
  const outputs = options.outputs;
  if (outputs !== undefined && (outputs.rows !== total || outputs.cols !== model.outputSize || outputs.dtype !== model.dtype)) {
    throw new UsageError(`evaluateSamples: outputs must be ${total}x${model.outputSize} ${model.dtype}, got ${outputs.rows}x${outputs.cols} ${outputs.dtype}`);
  }
  let lossSum = 0;
  let correct = 0;
  let absSum = 0;
  for (let start = 0; start < total; start += capacity) {
    const rows = Math.min(capacity, total - start);
    const buffers = model.buffers(rows, capacity);
    source.fill(model.backend, indices, start, buffers.X, buffers.Y);
    const yHat = model.forward(buffers);
    outputs?.data.set(yHat.data.subarray(0, rows * yHat.cols), start * yHat.cols);
    lossSum += model.backend.lossValue(options.loss, yHat, buffers.Y) * rows;
    if (options.metric === false) continue;
    if (options.task === 'classification') correct += countCorrect(yHat, buffers.Y);
    else absSum += absoluteErrorSum(yHat.data, buffers.Y.data, yHat.size);
  }
  const loss = lossSum / total;
  if (options.metric === false) return { loss };
  return options.task === 'classification' ? { loss, accuracy: correct / total } : { loss, mae: absSum / (total * model.outputSize) };
}

/** 0, 1, ..., count − 1. */
function allIndices(count: number): Uint32Array {
  const indices = new Uint32Array(count);
  for (let i = 0; i < count; i++) indices[i] = i;
  return indices;
}
