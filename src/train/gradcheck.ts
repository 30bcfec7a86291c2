/**
 * Gradient check: compares the analytic gradients of back-propagation with central finite
 * differences, in float64 on the reference backend, for every parameter of every layer.
 *
 * The numeric derivative uses the fourth-order central stencil
 *   f'(p) ≈ (−L(p+2h) + 8L(p+h) − 8L(p−h) + L(p−2h)) / 12h,
 * whose truncation error O(h⁴) is negligible at h = 1e-4, so float64 round-off (~1e-12) dominates.
 * Relative error per value: |analytic − numeric| / max(|analytic|, |numeric|, floor).
 *
 * ReLU and leaky ReLU have a kink at 0, where the loss has no derivative: a sample whose
 * pre-activation lies within the step of 0 changes side under a perturbation, and the finite
 * difference there is not a derivative at all. Such samples are found exactly (their ReLU
 * on/off pattern flips under some perturbation) and, by default, left out and reported apart.
 */
import { UsageError } from '../errors/usage-error.js';
import { createReferenceBackend } from '../backend/reference.js';
import type { LossName } from '../math/losses.js';
import { Matrix, type FloatArray } from '../matrix.js';
import type { Mlp } from '../nn/mlp.js';
import { checkMlpArgument } from '../nn/model-argument.js';
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
  /** Worst relative error over all layers (on the samples checked). */
  readonly worst: number;
  /** Samples whose gradients were compared. */
  readonly samples: number;
  /**
   * 0-based rows left out because a ReLU / leaky-ReLU pre-activation lies within the step of 0
   * (empty when kinks: 'include' or none was near), and the worst error with them in.
   */
  readonly kinks: { readonly rows: number[]; readonly worstWithThem: number };
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
  /** Samples at a ReLU kink: 'exclude' them from the comparison (default) or 'include' them. */
  readonly kinks?: 'exclude' | 'include';
  /** Called now and then with the number of values checked so far and the total (for a progress line). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Checks every gradient of `model` on inputs x (m x n_0) and targets y (m x n_L). The model itself is not changed. */
export function gradcheck(model: Mlp, x: Matrix, y: Matrix, options: GradcheckOptions = {}): GradcheckResult {
  checkMlpArgument(model, 'gradcheck');
  if (x.cols !== model.inputSize || y.cols !== model.outputSize || x.rows !== y.rows) {
    throw new UsageError(`gradcheck: x ${x.shape} and y ${y.shape} do not fit a ${model.sizes.join('-')} network`);
  }
  const exact = model.clone({ backend: createReferenceBackend(), dtype: 'float64' });
  const all = compare(exact, x, y, options);
  if (options.kinks === 'include' || all.kinkRows.size === 0) return { layers: all.layers, worst: all.worst, samples: x.rows, kinks: { rows: [], worstWithThem: all.worst } };
  const rows = [...all.kinkRows].sort((a, b) => a - b);
  const kept = Array.from({ length: x.rows }, (_, r) => r).filter((r) => !all.kinkRows.has(r));
  const kinks = { rows, worstWithThem: all.worst };
  if (kept.length === 0) return { layers: all.layers.map((l) => ({ ...l, weights: 0, bias: l.bias === null ? null : 0, worst: 0 })), worst: 0, samples: 0, kinks };
  const clean = compare(exact, pickRows(x, kept), pickRows(y, kept), options);
  return { layers: clean.layers, worst: clean.worst, samples: kept.length, kinks };
}

/** Analytic vs numeric gradients on x, y; also the rows whose ReLU pattern flipped under a perturbation. */
function compare(exact: Mlp, x: Matrix, y: Matrix, options: GradcheckOptions) {
  const loss = options.loss ?? defaultLossFor(exact);
  const h = options.step ?? 1e-4;
  const floor = options.floor ?? 1e-5;
  const buffers = exact.buffers(x.rows);
  buffers.X.data.set(x.data);
  buffers.Y.data.set(y.data);
  const kinked = exact.layers.map((layer, l) => (layer.activation === 'relu' || layer.activation === 'leakyRelu' ? l : -1)).filter((l) => l >= 0);
  exact.forward(buffers);
  const pattern = kinked.map((l) => Uint8Array.from(buffers.Z[l]!.data, (z) => (z > 0 ? 1 : 0)));
  const kinkRows = new Set<number>();
  const lossAt = () => {
    exact.forward(buffers);
    kinked.forEach((l, k) => {
      const z = buffers.Z[l]!;
      for (let i = 0; i < z.size; i++) if ((z.data[i]! > 0 ? 1 : 0) !== pattern[k]![i]) kinkRows.add(Math.floor(i / z.cols));
    });
    return exact.backend.lossValue(loss, buffers.A[buffers.A.length - 1]!, buffers.Y);
  };
  computeGradients(exact, buffers, { loss, outputGradient: options.outputGradient });
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
  return { layers, worst: layers.reduce((worst, l) => Math.max(worst, l.worst), 0), kinkRows };
}

function pickRows(m: Matrix, rows: readonly number[]): Matrix {
  const out = Matrix.zeros(rows.length, m.cols, 'float64');
  rows.forEach((r, i) => out.data.set(m.data.subarray(r * m.cols, (r + 1) * m.cols), i * m.cols));
  return out;
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
