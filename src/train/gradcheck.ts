/**
 * Gradient check: compares the analytic gradients of back-propagation with central finite
 * differences, in float64 on the reference backend, for every parameter of every layer.
 *
 * The numeric derivative uses the fourth-order central stencil
 *   f'(p) ≈ (−L(p+2h) + 8L(p+h) − 8L(p−h) + L(p−2h)) / 12h,
 * whose truncation error O(h⁴) is negligible at h = 1e-4, so float64 round-off (~1e-12) dominates.
 * Relative error per value: |analytic − numeric| / max(|analytic|, |numeric|, floor).
 */
import { createReferenceBackend } from '../backend/reference.js';
import type { LossName } from '../math/losses.js';
import { Matrix, type FloatArray } from '../matrix.js';
import type { Mlp } from '../nn/mlp.js';
import { defaultLossFor } from './evaluate.js';
import { computeGradients, type OutputGradient } from './train-step.js';

/** Worst relative errors of one layer's gradients. */
export interface LayerGradcheck {
  /** 1-based layer number. */
  readonly layer: number;
  readonly weights: number;
  /** null when the layer has no bias. */
  readonly bias: number | null;
  /** max(weights, bias). */
  readonly worst: number;
}

export interface GradcheckResult {
  readonly layers: LayerGradcheck[];
  /** Worst relative error over all layers. */
  readonly worst: number;
}

export interface GradcheckOptions {
  /** Loss to differentiate (default: the one that goes with the output activation). */
  readonly loss?: LossName;
  /** Finite-difference step (default 1e-4). */
  readonly step?: number;
  /**
   * Gradients smaller than this are compared absolutely, as |analytic − numeric| / floor (default 1e-5):
   * float64 round-off in the loss differences is ~1e-12, which must not count as a relative error of 100 %
   * where a gradient is exactly zero (a dead ReLU unit).
   */
  readonly floor?: number;
  /** Which output error back-propagation forms (default 'exact'; 'rawErrorBackward' is seed 003's shortcut). */
  readonly outputGradient?: OutputGradient;
  /** Called now and then with the number of values checked so far and the total (for a progress line). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Checks every gradient of `model` on inputs x (m x n_0) and targets y (m x n_L). The model itself is not changed. */
export function gradcheck(model: Mlp, x: Matrix, y: Matrix, options: GradcheckOptions = {}): GradcheckResult {
  const loss = options.loss ?? defaultLossFor(model);
  const h = options.step ?? 1e-4;
  const floor = options.floor ?? 1e-5;
  const exact = model.clone({ backend: createReferenceBackend(), dtype: 'float64' });
  if (x.cols !== model.inputSize || y.cols !== model.outputSize || x.rows !== y.rows) {
    throw new RangeError(`gradcheck: x ${x.shape} and y ${y.shape} do not fit a ${model.sizes.join('-')} network`);
  }
  const buffers = exact.buffers(x.rows);
  buffers.X.data.set(x.data);
  buffers.Y.data.set(y.data);
  const lossAt = () => {
    exact.forward(buffers);
    return exact.backend.lossValue(loss, buffers.A[buffers.A.length - 1]!, buffers.Y);
  };
  computeGradients(exact, buffers, loss, options.outputGradient);
  const total = exact.parameterCount;
  let done = 0;
  const worstOf = (value: Matrix, grad: Matrix) => {
    const analytic = Float64Array.from(grad.data);
    let worst = 0;
    for (let i = 0; i < value.data.length; i++) {
      const numeric = numericDerivative(value.data, i, h, lossAt);
      const a = analytic[i]!;
      const error = Math.abs(a - numeric) / Math.max(Math.abs(a), Math.abs(numeric), floor);
      worst = Math.max(worst, error);
      if (++done % 64 === 0) options.onProgress?.(done, total);
    }
    return worst;
  };
  const layers = exact.layers.map((layer, l) => {
    const weights = worstOf(layer.W, layer.dW);
    const bias = layer.b === null || layer.db === null ? null : worstOf(layer.b, layer.db);
    return { layer: l + 1, weights, bias, worst: Math.max(weights, bias ?? 0) };
  });
  options.onProgress?.(total, total);
  return { layers, worst: layers.reduce((worst, l) => Math.max(worst, l.worst), 0) };
}

function numericDerivative(values: FloatArray, i: number, h: number, lossAt: () => number): number {
  const original = values[i]!;
  const at = (offset: number) => {
    values[i] = original + offset;
    return lossAt();
  };
  const result = (-at(2 * h) + 8 * at(h) - 8 * at(-h) + at(-2 * h)) / (12 * h);
  values[i] = original;
  return result;
}
