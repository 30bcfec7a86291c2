/**
 * Live health of each layer of the 2-D network, over the whole training set: the norm of its
 * weight gradient ‖∂loss/∂W‖ (Frobenius), and the share of its units that have gone flat:
 * dead ReLUs (output 0 for every training point) or saturated sigmoid / tanh units (slope
 * below 1 % of its largest for every point). Runs in the worker; no DOM.
 */
import { computeGradients, type LossName, type Matrix, type Mlp } from '../src/index.js';

/** What the page shows under one layer of the diagram. */
export interface LayerStats {
  /** ‖∂loss/∂W‖ over the training set. */
  readonly gradientNorm: number;
  /** How flat units are called for this layer's activation, or null when it cannot go flat (linear, leaky ReLU). */
  readonly flat: 'dead' | 'saturated' | null;
  /** Share of the layer's units that are flat on every training point, 0-1. */
  readonly flatShare: number;
}

/** A share of flat units above which the page shows its hint. */
export const MOSTLY_FLAT = 0.5;

/** Tells whether a unit with activation `a` (output A, input Z) has no slope to learn through. */
const FLAT: Record<string, { kind: 'dead' | 'saturated'; test: (z: number, a: number) => boolean }> = {
  relu: { kind: 'dead', test: (z) => z <= 0 },
  sigmoid: { kind: 'saturated', test: (_, a) => a * (1 - a) < 0.0025 },
  tanh: { kind: 'saturated', test: (_, a) => 1 - a * a < 0.01 },
};

/**
 * Gradients and activations of the full training set (rows x inputs, rows x outputs), one forward
 * and backward pass in the model's prediction buffers (the training loop's own stay untouched;
 * layer.dW is overwritten, which every optimiser recomputes before it reads).
 */
export function layerStats(model: Mlp, data: { readonly x: Matrix; readonly y: Matrix }, loss: LossName): LayerStats[] {
  const buffers = model.buffers(data.x.rows);
  buffers.X.data.set(data.x.data);
  buffers.Y.data.set(data.y.data);
  computeGradients(model, buffers, { loss });
  return model.layers.map((layer, l) => {
    let sum = 0;
    for (const g of layer.dW.data) sum += g * g;
    const rule = l === model.layers.length - 1 ? undefined : FLAT[layer.activation];
    return { gradientNorm: Math.sqrt(sum), flat: rule?.kind ?? null, flatShare: rule === undefined ? 0 : flatShare(buffers.Z[l]!, buffers.A[l]!, rule.test) };
  });
}

function flatShare(Z: Matrix, A: Matrix, isFlat: (z: number, a: number) => boolean): number {
  let flat = 0;
  for (let unit = 0; unit < Z.cols; unit++) {
    let always = true;
    for (let r = 0; r < Z.rows && always; r++) always = isFlat(Z.data[r * Z.cols + unit]!, A.data[r * A.cols + unit]!);
    if (always) flat++;
  }
  return flat / Z.cols;
}
