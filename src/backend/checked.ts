/**
 * The one wrapper that gives a backend its argument checks: every operation checks its shapes
 * (shape-checks.ts) and then runs on the wrapped backend, or, when a `float64` backend is given
 * and any matrix argument holds float64 data, on that one. So a backend's own code is only its
 * fast path (the wasm backend's float32 kernels); the reference backend is this wrapper around
 * its plain loops, with no fallback. Optional members (threadsReady, release, read,
 * addL1Gradient, denseUpdateForward) exist exactly when the wrapped backend has them.
 */
import type { AdamStep, Backend } from './backend.js';
import { composedUpdateForward } from './compose.js';
import { SHAPE_CHECKS } from './shape-checks.js';
import type { ActivationName } from '../math/activations.js';
import type { LossName } from '../math/losses.js';
import type { DType, FloatArray, Matrix } from '../matrix.js';

function wide(m: Matrix | null): boolean {
  return m !== null && m.data instanceof Float64Array;
}

export class CheckedBackend<B extends Backend = Backend> implements Backend {
  readonly name: string;
  readonly dtypes: readonly DType[];
  /** The backend that computes (unchecked: call it only with checked arguments). */
  readonly inner: B;
  readonly threadsReady?: (timeoutMs?: number) => Promise<number>;
  readonly release?: (matrix: Matrix) => void;
  readonly read?: (matrix: Matrix) => Promise<FloatArray>;
  readonly addL1Gradient?: (param: Matrix, grad: Matrix, strength: number) => void;
  readonly denseUpdateForward?: NonNullable<Backend['denseUpdateForward']>;
  /** Where float64 work goes (undefined: to `inner` as well). */
  readonly #float64: Backend | undefined;

  /** Checks `inner`'s arguments; with `float64`, operations on float64 matrices run there instead. */
  constructor(inner: B, float64?: Backend) {
    this.inner = inner;
    this.name = inner.name;
    this.dtypes = inner.dtypes;
    this.#float64 = float64;
    if (inner.threadsReady !== undefined) this.threadsReady = (timeoutMs) => inner.threadsReady!(timeoutMs);
    if (inner.release !== undefined) this.release = (matrix) => inner.release!(matrix);
    if (inner.read !== undefined) this.read = (matrix) => inner.read!(matrix);
    if (inner.denseUpdateForward !== undefined) {
      this.denseUpdateForward = (U, D, W, alpha, X, b, activation, activationAlpha, Z, A, fillInput) => {
        SHAPE_CHECKS.denseUpdateForward(U, D, W, alpha, X, b, activation, activationAlpha, Z, A);
        const on = this.#on(wide(U) || wide(D) || wide(W) || wide(X) || wide(b) || wide(Z) || wide(A));
        if (on.denseUpdateForward !== undefined) on.denseUpdateForward(U, D, W, alpha, X, b, activation, activationAlpha, Z, A, fillInput);
        else composedUpdateForward(on, U, D, W, alpha, X, b, activation, activationAlpha, Z, A, fillInput);
      };
    }
    const addL1 = float64?.addL1Gradient;
    if (inner.addL1Gradient !== undefined) {
      this.addL1Gradient = (param, grad, strength) => {
        SHAPE_CHECKS.addL1Gradient(param, grad, strength);
        if (addL1 !== undefined && (wide(param) || wide(grad))) addL1.call(float64, param, grad, strength);
        else inner.addL1Gradient!(param, grad, strength);
      };
    }
  }

  /** The backend for an operation: the float64 one when given and `anyWide`, else the wrapped one. */
  #on(anyWide: boolean): Backend {
    return anyWide && this.#float64 !== undefined ? this.#float64 : this.inner;
  }

  allocate(rows: number, cols: number, dtype: DType): Matrix {
    return this.#on(!this.dtypes.includes(dtype)).allocate(rows, cols, dtype);
  }

  matmul(A: Matrix, B: Matrix, C: Matrix, alpha?: number): void {
    SHAPE_CHECKS.matmul(A, B, C, alpha);
    this.#on(wide(A) || wide(B) || wide(C)).matmul(A, B, C, alpha);
  }

  matmulTransA(A: Matrix, B: Matrix, C: Matrix, alpha?: number, beta?: number): void {
    SHAPE_CHECKS.matmulTransA(A, B, C, alpha, beta);
    this.#on(wide(A) || wide(B) || wide(C)).matmulTransA(A, B, C, alpha, beta);
  }

  matmulTransB(A: Matrix, B: Matrix, C: Matrix, alpha?: number): void {
    SHAPE_CHECKS.matmulTransB(A, B, C, alpha);
    this.#on(wide(A) || wide(B) || wide(C)).matmulTransB(A, B, C, alpha);
  }

  denseForward(X: Matrix, W: Matrix, b: Matrix | null, activation: ActivationName, alpha: number, Z: Matrix, A: Matrix): void {
    SHAPE_CHECKS.denseForward(X, W, b, activation, alpha, Z, A);
    this.#on(wide(X) || wide(W) || wide(b) || wide(Z) || wide(A)).denseForward(X, W, b, activation, alpha, Z, A);
  }

  softmaxRows(Z: Matrix, A: Matrix): void {
    SHAPE_CHECKS.softmaxRows(Z, A);
    this.#on(wide(Z) || wide(A)).softmaxRows(Z, A);
  }

  activationBackward(activation: ActivationName, alpha: number, Z: Matrix, A: Matrix, dA: Matrix, dZ: Matrix): void {
    SHAPE_CHECKS.activationBackward(activation, alpha, Z, A, dA, dZ);
    this.#on(wide(Z) || wide(A) || wide(dA) || wide(dZ)).activationBackward(activation, alpha, Z, A, dA, dZ);
  }

  lossValue(loss: LossName, yHat: Matrix, y: Matrix): number {
    SHAPE_CHECKS.lossValue(loss, yHat, y);
    return this.#on(wide(yHat) || wide(y)).lossValue(loss, yHat, y);
  }

  accumulateBatchTotals(loss: LossName, yHat: Matrix, y: Matrix, totals: Matrix): void {
    SHAPE_CHECKS.accumulateBatchTotals(loss, yHat, y, totals);
    this.#on(wide(yHat) || wide(y) || wide(totals)).accumulateBatchTotals(loss, yHat, y, totals);
  }

  lossGradient(loss: LossName, yHat: Matrix, y: Matrix, dA: Matrix): void {
    SHAPE_CHECKS.lossGradient(loss, yHat, y, dA);
    this.#on(wide(yHat) || wide(y) || wide(dA)).lossGradient(loss, yHat, y, dA);
  }

  fusedOutputGradient(yHat: Matrix, y: Matrix, dZ: Matrix): void {
    SHAPE_CHECKS.fusedOutputGradient(yHat, y, dZ);
    this.#on(wide(yHat) || wide(y) || wide(dZ)).fusedOutputGradient(yHat, y, dZ);
  }

  sumColumns(M: Matrix, out: Matrix, scale: number): void {
    SHAPE_CHECKS.sumColumns(M, out, scale);
    this.#on(wide(M) || wide(out)).sumColumns(M, out, scale);
  }

  sgdUpdate(param: Matrix, grad: Matrix, learningRate: number, weightDecay: number): void {
    SHAPE_CHECKS.sgdUpdate(param, grad, learningRate, weightDecay);
    this.#on(wide(param) || wide(grad)).sgdUpdate(param, grad, learningRate, weightDecay);
  }

  momentumUpdate(param: Matrix, grad: Matrix, velocity: Matrix, learningRate: number, momentum: number, nesterov: boolean, weightDecay: number): void {
    SHAPE_CHECKS.momentumUpdate(param, grad, velocity, learningRate, momentum, nesterov, weightDecay);
    this.#on(wide(param) || wide(grad) || wide(velocity)).momentumUpdate(param, grad, velocity, learningRate, momentum, nesterov, weightDecay);
  }

  adamUpdate(param: Matrix, grad: Matrix, m: Matrix, v: Matrix, settings: AdamStep): void {
    SHAPE_CHECKS.adamUpdate(param, grad, m, v, settings);
    this.#on(wide(param) || wide(grad) || wide(m) || wide(v)).adamUpdate(param, grad, m, v, settings);
  }

  gatherRows(source: FloatArray, indices: ArrayLike<number>, start: number, out: Matrix): void {
    this.#on(wide(out)).gatherRows(source, indices, start, out);
  }

  gatherRowsU8(source: Uint8Array, indices: ArrayLike<number>, start: number, scale: number, shift: number, out: Matrix): void {
    this.#on(wide(out)).gatherRowsU8(source, indices, start, scale, shift, out);
  }
}
