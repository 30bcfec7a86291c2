/**
 * Weight penalties as one table: each entry holds the penalty of one weight and its derivative
 * side by side. Zero imports: this is the definition the reference backend and the tests read.
 *
 * The optimisers add `strength · gradient(w)` to ∂loss/∂w of every weight (never of a bias), the
 * gradient of `strength · Σ penalty(w)`. L2 is the optimisers' `weightDecay`, L1 their `l1`.
 */

/** One penalty: value and derivative of a single weight. */
export interface Regularizer {
  /** The penalty of one weight. */
  readonly penalty: (w: number) => number;
  /** Its derivative; for L1 the subgradient sign(w), 0 at w = 0. */
  readonly gradient: (w: number) => number;
  readonly formula: string;
}

/** Names of the penalties. */
export type RegularizerName = 'l1' | 'l2';

/** The penalties by name. */
export const REGULARIZERS: Readonly<Record<RegularizerName, Regularizer>> = {
  l1: { penalty: (w) => Math.abs(w), gradient: (w) => Math.sign(w), formula: '|w|' },
  l2: { penalty: (w) => 0.5 * w * w, gradient: (w) => w, formula: '½·w²' },
};
