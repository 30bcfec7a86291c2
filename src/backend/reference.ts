/**
 * The reference backend: plain TypeScript loops, written for clarity, and the definition of
 * every Backend operation. Other backends are tested against it.
 *
 * The loops here assume checked shapes: `createReferenceBackend` wraps them in checked.ts, whose
 * shape rules (shape-checks.ts) every backend shares. Array reads use `!`: every index below is
 * in bounds by construction.
 */
import type { AdamStep, Backend } from './backend.js';
import { composedUpdateForward } from './compose.js';
import { CheckedBackend } from './checked.js';
import {
  ELEMENTWISE_ACTIVATIONS,
  softmaxBackwardRow,
  softmaxRow,
  type ActivationName,
} from '../math/activations.js';
import { LOSSES, type LossName } from '../math/losses.js';
import { REGULARIZERS } from '../math/regularizers.js';
import { Matrix, type DType, type FloatArray } from '../matrix.js';

/** The reference backend's type: a Backend that has the optional operations it defines. */
export type ReferenceBackend = Backend & Required<Pick<Backend, 'denseUpdateForward' | 'addL1Gradient'>>;

/** Creates the plain-TypeScript reference backend (float32 and float64). */
export function createReferenceBackend(): ReferenceBackend {
  return referenceBackend;
}

/** The operations, unchecked. */
const loops: ReferenceBackend = {
  name: 'reference',
  dtypes: ['float32', 'float64'],

  allocate(rows: number, cols: number, dtype: DType): Matrix {
    return Matrix.zeros(rows, cols, dtype);
  },

  matmul(A, B, C, alpha = 1) {
    const m = A.rows;
    const k = A.cols;
    const n = B.cols;
    const a = A.data;
    const b = B.data;
    const c = C.data;
    c.fill(0);
    for (let i = 0; i < m; i++) {
      for (let p = 0; p < k; p++) {
        const aip = alpha * a[i * k + p]!;
        if (aip === 0) continue;
        for (let j = 0; j < n; j++) c[i * n + j] = c[i * n + j]! + aip * b[p * n + j]!;
      }
    }
  },

  matmulTransA(A, B, C, alpha = 1, beta = 0) {
    const k = A.rows;
    const m = A.cols;
    const n = B.cols;
    const a = A.data;
    const b = B.data;
    const c = C.data;
    if (beta === 0) c.fill(0);
    else if (beta !== 1) for (let i = 0; i < c.length; i++) c[i] = beta * c[i]!;
    for (let p = 0; p < k; p++) {
      for (let i = 0; i < m; i++) {
        const api = alpha * a[p * m + i]!;
        if (api === 0) continue;
        for (let j = 0; j < n; j++) c[i * n + j] = c[i * n + j]! + api * b[p * n + j]!;
      }
    }
  },

  matmulTransB(A, B, C, alpha = 1) {
    const m = A.rows;
    const k = A.cols;
    const n = B.rows;
    const a = A.data;
    const b = B.data;
    const c = C.data;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let p = 0; p < k; p++) sum += a[i * k + p]! * b[j * k + p]!;
        c[i * n + j] = alpha * sum;
      }
    }
  },

  denseForward(X, W, b, activation, alpha, Z, A) {
    this.matmul(X, W, Z);
    const m = Z.rows;
    const n = Z.cols;
    if (b !== null) {
      const z = Z.data;
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) z[i * n + j] = z[i * n + j]! + b.data[j]!;
    }
    applyActivation(activation, alpha, Z, A);
  },

  denseUpdateForward(U, D, W, alpha, X, b, activation, activationAlpha, Z, A, fillInput) {
    composedUpdateForward(this, U, D, W, alpha, X, b, activation, activationAlpha, Z, A, fillInput);
  },

  softmaxRows(Z, A) {
    for (let i = 0; i < Z.rows; i++) softmaxRow(Z.data, i * Z.cols, A.data, i * Z.cols, Z.cols);
  },

  activationBackward(activation, alpha, Z, A, dA, dZ) {
    if (activation === 'softmax') {
      for (let i = 0; i < Z.rows; i++) softmaxBackwardRow(A.data, dA.data, dZ.data, i * Z.cols, Z.cols);
      return;
    }
    const f = ELEMENTWISE_ACTIVATIONS[activation];
    const z = Z.data;
    const a = A.data;
    const da = dA.data;
    const dz = dZ.data;
    for (let i = 0; i < z.length; i++) dz[i] = da[i]! * f.derivative(z[i]!, a[i]!, alpha);
  },

  lossValue(loss, yHat, y) {
    const f = LOSSES[loss];
    let sum = 0;
    for (let i = 0; i < yHat.rows; i++) sum += f.value(yHat.data, y.data, i * yHat.cols, yHat.cols);
    return yHat.rows === 0 ? 0 : sum / yHat.rows;
  },

  accumulateBatchTotals(loss, yHat, y, totals) {
    const n = yHat.cols;
    const q = yHat.data;
    const t = y.data;
    let correct = 0;
    let absSum = 0;
    for (let r = 0; r < yHat.rows; r++) {
      let best = 0;
      let bestTrue = 0;
      for (let j = 0; j < n; j++) {
        absSum += Math.abs(q[r * n + j]! - t[r * n + j]!);
        if (q[r * n + j]! > q[r * n + best]!) best = j;
        if (t[r * n + j]! > t[r * n + bestTrue]!) bestTrue = j;
      }
      if (n === 1 ? q[r]! >= 0.5 === t[r]! >= 0.5 : best === bestTrue) correct++;
    }
    totals.data[0] = totals.data[0]! + this.lossValue(loss, yHat, y) * yHat.rows;
    totals.data[1] = totals.data[1]! + correct;
    totals.data[2] = totals.data[2]! + absSum;
  },

  lossGradient(loss: LossName, yHat, y, dA) {
    const f = LOSSES[loss];
    const n = yHat.cols;
    for (let i = 0; i < yHat.data.length; i++) dA.data[i] = f.gradient(yHat.data[i]!, y.data[i]!, n);
  },

  fusedOutputGradient(yHat, y, dZ) {
    for (let i = 0; i < yHat.data.length; i++) dZ.data[i] = yHat.data[i]! - y.data[i]!;
  },

  sumColumns(M, out, scale) {
    const n = M.cols;
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let i = 0; i < M.rows; i++) sum += M.data[i * n + j]!;
      out.data[j] = scale * sum;
    }
  },

  sgdUpdate(param, grad, learningRate, weightDecay) {
    const p = param.data;
    const g = grad.data;
    for (let i = 0; i < p.length; i++) p[i] = p[i]! - learningRate * (g[i]! + weightDecay * p[i]!);
  },

  momentumUpdate(param, grad, velocity, learningRate, momentum, nesterov, weightDecay) {
    const p = param.data;
    const g = grad.data;
    const v = velocity.data;
    for (let i = 0; i < p.length; i++) {
      const gi = g[i]! + weightDecay * p[i]!;
      const vi = momentum * v[i]! + gi;
      v[i] = vi;
      p[i] = p[i]! - learningRate * (nesterov ? gi + momentum * vi : vi);
    }
  },

  adamUpdate(param, grad, m, v, settings: AdamStep) {
    const { learningRate, beta1, beta2, epsilon, step, weightDecay } = settings;
    const correction1 = 1 - Math.pow(beta1, step);
    const correction2 = 1 - Math.pow(beta2, step);
    const p = param.data;
    const g = grad.data;
    const md = m.data;
    const vd = v.data;
    for (let i = 0; i < p.length; i++) {
      const gi = g[i]! + weightDecay * p[i]!;
      const mi = beta1 * md[i]! + (1 - beta1) * gi;
      const vi = beta2 * vd[i]! + (1 - beta2) * gi * gi;
      md[i] = mi;
      vd[i] = vi;
      p[i] = p[i]! - (learningRate * (mi / correction1)) / (Math.sqrt(vi / correction2) + epsilon);
    }
  },

  addL1Gradient(param, grad, strength) {
    const p = param.data;
    const g = grad.data;
    for (let i = 0; i < p.length; i++) g[i] = g[i]! + strength * REGULARIZERS.l1.gradient(p[i]!);
  },

  gatherRows(source: FloatArray, indices, start, out) {
    const n = out.cols;
    const sourceRows = source.length / Math.max(n, 1);
    for (let i = 0; i < out.rows; i++) {
      const row = sourceRow(indices[start + i]!, sourceRows);
      out.data.set(source.subarray(row * n, (row + 1) * n), i * n);
    }
  },

  gatherRowsU8(source, indices, start, scale, shift, out) {
    const n = out.cols;
    const o = out.data;
    const sourceRows = source.length / Math.max(n, 1);
    for (let i = 0; i < out.rows; i++) {
      const base = sourceRow(indices[start + i]!, sourceRows) * n;
      for (let j = 0; j < n; j++) o[i * n + j] = source[base + j]! * scale + shift;
    }
  },
};

/** `row` if it is a row of a source of `sourceRows` rows, else a RangeError (as the wasm backend says it). */
function sourceRow(row: number, sourceRows: number): number {
  if (!(Number.isInteger(row) && row >= 0 && row < sourceRows)) throw new RangeError(`gatherRows: row ${row} is outside the source's ${sourceRows} rows`);
  return row;
}

/** A = f(Z) for any activation (element-wise or row-wise softmax). */
function applyActivation(activation: ActivationName, alpha: number, Z: Matrix, A: Matrix): void {
  if (activation === 'softmax') {
    loops.softmaxRows(Z, A);
    return;
  }
  const f = ELEMENTWISE_ACTIVATIONS[activation].forward;
  for (let i = 0; i < Z.data.length; i++) A.data[i] = f(Z.data[i]!, alpha);
}

/** Checked: the optional operations exist because `loops` has them (CheckedBackend copies them over). */
const referenceBackend = new CheckedBackend(loops) as CheckedBackend<ReferenceBackend> & ReferenceBackend;
