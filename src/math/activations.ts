/**
 * Activation functions as one table: each entry holds the value and its derivative side by side.
 * Zero imports: this is the mathematical definition that the reference backend, the
 * explanations and the tests all read.
 *
 * Element-wise activations: `a = f(z)`, `f'(z)` given both `z` and `a = f(z)` (sigmoid and tanh
 * are cheaper from `a`). Softmax works on a whole row and has no element-wise derivative;
 * its Jacobian-vector product is in `softmaxBackwardRow`.
 */

/** Names of the activations backprop knows. */
export type ActivationName = 'sigmoid' | 'tanh' | 'relu' | 'leakyRelu' | 'linear' | 'softmax';

/** All activation names, in a stable order (for validation messages and test sweeps). */
export const ACTIVATION_NAMES: readonly ActivationName[] = ['sigmoid', 'tanh', 'relu', 'leakyRelu', 'linear', 'softmax'];

/** Default negative slope of leaky ReLU. */
export const DEFAULT_LEAKY_ALPHA = 0.01;

/** One element-wise activation: value and derivative. `alpha` is leaky ReLU's negative slope. */
export interface ElementwiseActivation {
  /** a = f(z) */
  readonly forward: (z: number, alpha: number) => number;
  /** f'(z), given z and a = f(z) */
  readonly derivative: (z: number, a: number, alpha: number) => number;
  /** The formula, for explanations. */
  readonly formula: string;
  readonly derivativeFormula: string;
}

/** sigmoid(z) = 1 / (1 + e^-z), written to stay finite for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Element-wise activations by name (softmax is row-wise and lives in the functions below). */
export const ELEMENTWISE_ACTIVATIONS: Readonly<Record<Exclude<ActivationName, 'softmax'>, ElementwiseActivation>> = {
  sigmoid: {
    forward: (z) => sigmoid(z),
    derivative: (_z, a) => a * (1 - a),
    formula: '1 / (1 + e^-z)',
    derivativeFormula: 'a(1 - a)',
  },
  tanh: {
    forward: (z) => Math.tanh(z),
    derivative: (_z, a) => 1 - a * a,
    formula: 'tanh(z)',
    derivativeFormula: '1 - a^2',
  },
  relu: {
    forward: (z) => (z > 0 ? z : 0),
    derivative: (z) => (z > 0 ? 1 : 0),
    formula: 'max(0, z)',
    derivativeFormula: '1 if z > 0 else 0',
  },
  leakyRelu: {
    forward: (z, alpha) => (z > 0 ? z : alpha * z),
    derivative: (z, _a, alpha) => (z > 0 ? 1 : alpha),
    formula: 'z if z > 0 else alpha*z',
    derivativeFormula: '1 if z > 0 else alpha',
  },
  linear: {
    forward: (z) => z,
    derivative: () => 1,
    formula: 'z',
    derivativeFormula: '1',
  },
};

/**
 * Softmax of one row in place of `out`: out[j] = e^(z[j] - max z) / sum_k e^(z[k] - max z).
 * `z` and `out` have `n` elements starting at `zOffset` and `outOffset`.
 */
export function softmaxRow(
  z: ArrayLike<number>,
  zOffset: number,
  out: { [index: number]: number },
  outOffset: number,
  n: number,
): void {
  let max = -Infinity;
  for (let j = 0; j < n; j++) max = Math.max(max, z[zOffset + j]!);
  let sum = 0;
  for (let j = 0; j < n; j++) {
    const e = Math.exp(z[zOffset + j]! - max);
    out[outOffset + j] = e;
    sum += e;
  }
  for (let j = 0; j < n; j++) out[outOffset + j] = out[outOffset + j]! / sum;
}

/**
 * Softmax Jacobian-vector product for one row: dZ[j] = a[j] * (dA[j] - sum_k dA[k] a[k]).
 * All three vectors have `n` elements starting at `offset`.
 */
export function softmaxBackwardRow(
  a: ArrayLike<number>,
  dA: ArrayLike<number>,
  dZ: { [index: number]: number },
  offset: number,
  n: number,
): void {
  let dot = 0;
  for (let j = 0; j < n; j++) dot += dA[offset + j]! * a[offset + j]!;
  for (let j = 0; j < n; j++) dZ[offset + j] = a[offset + j]! * (dA[offset + j]! - dot);
}

/** True if `name` is a known activation. */
export function isActivationName(name: string): name is ActivationName {
  return (ACTIVATION_NAMES as readonly string[]).includes(name);
}
