/** Named-tolerance assertions: |actual − expected| <= atol + rtol·|expected|, element by element. */
import assert from 'node:assert/strict';

export interface Tolerance {
  /** Absolute tolerance (default 0). */
  readonly atol?: number;
  /** Relative tolerance (default 0). */
  readonly rtol?: number;
}

/** Asserts that two numbers agree within the tolerance. */
export function assertClose(actual: number, expected: number, tolerance: Tolerance, what = 'value'): void {
  const { atol = 0, rtol = 0 } = tolerance;
  const limit = atol + rtol * Math.abs(expected);
  const diff = Math.abs(actual - expected);
  if (!(diff <= limit) && !(Object.is(actual, expected))) {
    assert.fail(`${what}: ${actual} differs from ${expected} by ${diff}, more than atol ${atol} + rtol ${rtol}·|expected|`);
  }
}

/** Asserts that two arrays have the same length and agree element by element within the tolerance. */
export function assertAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: Tolerance, what = 'array'): void {
  assert.equal(actual.length, expected.length, `${what}: length ${actual.length} vs ${expected.length}`);
  const { atol = 0, rtol = 0 } = tolerance;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    // Checked inline first so that large arrays do not build a message per element.
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) assertClose(a, e, tolerance, `${what}[${i}]`);
  }
}
