/**
 * Backend operations defined as compositions of required ones, for the optional capabilities of
 * the Backend contract: a backend that leaves a capability out gets exactly these calls instead.
 */
import type { ActivationName } from '../math/activations.js';
import type { Matrix } from '../matrix.js';
import type { Backend } from './backend.js';

/**
 * The definition of Backend.denseUpdateForward, as two required operations: the plain-SGD update
 * W += alpha·Uᵀ·D (matmulTransA with beta 1), then `fillInput` (when given), then the next batch's
 * forward pass through the updated layer, Z = X·W + b, A = f(Z) (denseForward). Shapes: U r x k,
 * D r x n, W k x n, X m x k, b 1 x n or null, Z and A m x n. The parameters are those of the
 * capability, in its order, after the backend that runs the two calls.
 */
export function composedUpdateForward(
  backend: Backend, U: Matrix, D: Matrix, W: Matrix, alpha: number, X: Matrix, b: Matrix | null, activation: ActivationName, activationAlpha: number,
  Z: Matrix, A: Matrix, fillInput?: () => void,
): void {
  backend.matmulTransA(U, D, W, alpha, 1);
  fillInput?.();
  backend.denseForward(X, W, b, activation, activationAlpha, Z, A);
}
