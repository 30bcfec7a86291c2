/**
 * Loss functions as one table: value and gradient side by side. Zero imports.
 *
 * Conventions, for a batch of m samples with n outputs (ŷ = model output, y = target):
 * - `value` sums the loss of ONE sample (n outputs); the batch loss is the mean over samples.
 * - `gradient` is ∂(per-sample loss)/∂ŷ for one element. Dense layers divide by m when they
 *   form dW = A_prevᵀ·dZ / m and db = Σ dZ / m, exactly as the seeds derive it.
 * - softmax + cross-entropy and sigmoid + binary cross-entropy have the fused output gradient
 *   dZ = ŷ − y (the activation's derivative cancels), used whenever that pairing occurs.
 */
import type { ActivationName } from './activations.js';

/** Names of the losses backprop trains with. */
export type LossName = 'mse' | 'halfSumSquares' | 'crossEntropy' | 'binaryCrossEntropy';

/** All loss names, in a stable order. */
export const LOSS_NAMES: readonly LossName[] = ['mse', 'halfSumSquares', 'crossEntropy', 'binaryCrossEntropy'];

/** Probabilities are clipped to [PROBABILITY_EPSILON, 1 − PROBABILITY_EPSILON] inside logarithms (seed 000's 1e-12). */
export const PROBABILITY_EPSILON = 1e-12;

/** One loss: per-sample value over n outputs and per-element gradient. */
export interface LossFunction {
  /** Loss of one sample: ŷ and y are n values starting at `offset`. */
  readonly value: (yHat: ArrayLike<number>, y: ArrayLike<number>, offset: number, n: number) => number;
  /** ∂(per-sample loss)/∂ŷ_j for one output j of a sample with n outputs. */
  readonly gradient: (yHat: number, y: number, n: number) => number;
  /** The output activation whose derivative cancels into dZ = ŷ − y, if any. */
  readonly fusedWith: ActivationName | undefined;
  /** The formula, for explanations. */
  readonly formula: string;
}

function clipProbability(p: number): number {
  return Math.min(Math.max(p, PROBABILITY_EPSILON), 1 - PROBABILITY_EPSILON);
}

/** Losses by name. */
export const LOSSES: Readonly<Record<LossName, LossFunction>> = {
  mse: {
    value: (yHat, y, offset, n) => {
      let sum = 0;
      for (let j = 0; j < n; j++) {
        const d = yHat[offset + j]! - y[offset + j]!;
        sum += d * d;
      }
      return sum / n;
    },
    gradient: (yHat, y, n) => (2 * (yHat - y)) / n,
    fusedWith: undefined,
    formula: '(1/n) Σ (ŷ − y)²',
  },
  halfSumSquares: {
    value: (yHat, y, offset, n) => {
      let sum = 0;
      for (let j = 0; j < n; j++) {
        const d = y[offset + j]! - yHat[offset + j]!;
        sum += 0.5 * d * d;
      }
      return sum;
    },
    gradient: (yHat, y) => yHat - y,
    fusedWith: undefined,
    formula: 'Σ ½(y − ŷ)²',
  },
  crossEntropy: {
    value: (yHat, y, offset, n) => {
      let sum = 0;
      for (let j = 0; j < n; j++) {
        const t = y[offset + j]!;
        if (t !== 0) sum -= t * Math.log(clipProbability(yHat[offset + j]!));
      }
      return sum;
    },
    gradient: (yHat, y) => -y / clipProbability(yHat),
    fusedWith: 'softmax',
    formula: '−Σ y·log ŷ',
  },
  binaryCrossEntropy: {
    value: (yHat, y, offset, n) => {
      let sum = 0;
      for (let j = 0; j < n; j++) {
        const p = clipProbability(yHat[offset + j]!);
        const t = y[offset + j]!;
        sum -= t * Math.log(p) + (1 - t) * Math.log(1 - p);
      }
      return sum;
    },
    gradient: (yHat, y) => {
      const p = clipProbability(yHat);
      return (p - y) / (p * (1 - p));
    },
    fusedWith: 'sigmoid',
    formula: '−Σ [y·log ŷ + (1 − y)·log(1 − ŷ)]',
  },
};

/** True if `name` is a known loss. */
export function isLossName(name: string): name is LossName {
  return (LOSS_NAMES as readonly string[]).includes(name);
}

/** True when `loss` after `activation` uses the fused output gradient dZ = ŷ − y. */
export function isFusedPair(activation: ActivationName, loss: LossName): boolean {
  return LOSSES[loss].fusedWith === activation;
}

/** Mean absolute error of one sample (a metric, not trained on): (1/n) Σ |ŷ − y|. */
export function meanAbsoluteErrorRow(yHat: ArrayLike<number>, y: ArrayLike<number>, offset: number, n: number): number {
  let sum = 0;
  for (let j = 0; j < n; j++) sum += Math.abs(yHat[offset + j]! - y[offset + j]!);
  return sum / n;
}
