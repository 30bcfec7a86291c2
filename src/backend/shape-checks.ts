/**
 * The shape rules of the Backend operations (backend.ts gives the shapes), one function each,
 * throwing a one-line RangeError that names the operation and the operand. Every backend gets
 * them from here: through checked.ts (the reference and wasm backends) or by calling them.
 */
import type { Backend } from './backend.js';
import { assertSameShape, assertShape } from '../matrix.js';

/** The Backend operations that take matrices and whose shapes are checked. */
export type CheckedOperation =
  | 'matmul' | 'matmulTransA' | 'matmulTransB' | 'denseForward' | 'denseUpdateForward' | 'softmaxRows' | 'activationBackward'
  | 'lossValue' | 'accumulateBatchTotals' | 'lossGradient' | 'fusedOutputGradient' | 'sumColumns'
  | 'sgdUpdate' | 'momentumUpdate' | 'adamUpdate' | 'addL1Gradient';

type Checks = { readonly [K in CheckedOperation]: (...args: Parameters<NonNullable<Backend[K]>>) => void };

export const SHAPE_CHECKS: Checks = {
  matmul(A, B, C) {
    assertShape(B, A.cols, B.cols, 'matmul B');
    assertShape(C, A.rows, B.cols, 'matmul C');
  },
  matmulTransA(A, B, C) {
    assertShape(B, A.rows, B.cols, 'matmulTransA B');
    assertShape(C, A.cols, B.cols, 'matmulTransA C');
  },
  matmulTransB(A, B, C) {
    assertShape(B, B.rows, A.cols, 'matmulTransB B');
    assertShape(C, A.rows, B.rows, 'matmulTransB C');
  },
  denseForward(X, W, b, _activation, _alpha, Z, A) {
    assertShape(W, X.cols, W.cols, 'denseForward W');
    assertShape(Z, X.rows, W.cols, 'denseForward Z');
    assertShape(A, X.rows, W.cols, 'denseForward A');
    if (b !== null) assertShape(b, 1, W.cols, 'denseForward b');
  },
  denseUpdateForward(U, D, W, _alpha, X, b, _activation, _activationAlpha, Z, A) {
    assertShape(U, U.rows, W.rows, 'denseUpdateForward U');
    assertShape(D, U.rows, W.cols, 'denseUpdateForward D');
    assertShape(X, X.rows, W.rows, 'denseUpdateForward X');
    assertShape(Z, X.rows, W.cols, 'denseUpdateForward Z');
    assertShape(A, X.rows, W.cols, 'denseUpdateForward A');
    if (b !== null) assertShape(b, 1, W.cols, 'denseUpdateForward b');
  },
  softmaxRows(Z, A) {
    assertSameShape(Z, A, 'softmaxRows');
  },
  activationBackward(_activation, _alpha, Z, A, dA, dZ) {
    assertSameShape(Z, A, 'activationBackward A');
    assertSameShape(Z, dA, 'activationBackward dA');
    assertSameShape(Z, dZ, 'activationBackward dZ');
  },
  lossValue(loss, yHat, y) {
    assertSameShape(yHat, y, `loss ${loss}`);
  },
  accumulateBatchTotals(_loss, yHat, y, totals) {
    assertSameShape(yHat, y, 'accumulateBatchTotals');
    assertShape(totals, 1, 3, 'accumulateBatchTotals totals');
  },
  lossGradient(loss, yHat, y, dA) {
    assertSameShape(yHat, y, `loss ${loss}`);
    assertSameShape(yHat, dA, `loss ${loss} gradient`);
  },
  fusedOutputGradient(yHat, y, dZ) {
    assertSameShape(yHat, y, 'fusedOutputGradient');
    assertSameShape(yHat, dZ, 'fusedOutputGradient dZ');
  },
  sumColumns(M, out) {
    assertShape(out, 1, M.cols, 'sumColumns out');
  },
  sgdUpdate(param, grad) {
    assertSameShape(param, grad, 'sgdUpdate');
  },
  momentumUpdate(param, grad, velocity) {
    assertSameShape(param, grad, 'momentumUpdate');
    assertSameShape(param, velocity, 'momentumUpdate velocity');
  },
  adamUpdate(param, grad, m, v) {
    assertSameShape(param, grad, 'adamUpdate');
    assertSameShape(param, m, 'adamUpdate m');
    assertSameShape(param, v, 'adamUpdate v');
  },
  addL1Gradient(param, grad) {
    assertSameShape(param, grad, 'addL1Gradient');
  },
};
