/** Matrix.zeros refuses bad dimensions as a UsageError and sizes over the budget, or that cannot be allocated, as a ResourceLimitError naming them. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Matrix, ResourceLimitError, UsageError } from '../src/index.js';
import { withBudget } from './helpers/budget.js';

describe('Matrix.zeros sizes', () => {
  it('refuses dimensions that are not whole numbers of at least 0 as a usage mistake', () => {
    for (const [rows, cols] of [[-1, 2], [1.5, 2], [NaN, 2], [2, Infinity]] as const) {
      assert.throws(() => Matrix.zeros(rows, cols), (error: unknown) => error instanceof UsageError && /^Matrix\.zeros: rows and columns must be whole numbers of at least 0, got /.test(error.message), `${rows}x${cols}`);
    }
    assert.equal(Matrix.zeros(0, 3).size, 0);
  });

  it('refuses sizes over the budget, and sizes the engine cannot allocate, as a ResourceLimitError naming the size', () => {
    withBudget(1e6, () => {
      assert.throws(() => Matrix.zeros(1000, 1000), (error: unknown) => error instanceof ResourceLimitError && /^a 1000x1000 float32 matrix needs 4\.0 MB, more than the memory limit of 1\.0 MB/.test(error.message));
    });
    withBudget(1e20, () => {
      // 2^40 values: over any typed array's length, which the constructor refuses with a bare RangeError.
      assert.throws(() => Matrix.zeros(2 ** 20, 2 ** 20, 'float64'), (error: unknown) => {
        assert.ok(error instanceof ResourceLimitError, String(error));
        assert.match(error.message, /^a 1048576x1048576 float64 matrix needs 8\.8 TB, which this process could not allocate \(.+\)/);
        return true;
      });
    });
  });
});
