/** The error classes: one BackpropError root, four subclasses, each with its CLI exit code; old import paths still work. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BackpropError,
  DataFormatError,
  ModelFormatError,
  ResourceLimitError,
  TrainingDivergedError,
  UsageError,
  checkAllocation,
  cutList,
  formatBytes,
} from '../src/index.js';
import { DataFormatError as DataFormatErrorOld } from '../src/data/errors.js';
import { ModelFormatError as ModelFormatErrorOld } from '../src/io/model-format-error.js';
import { UsageError as UsageErrorOld } from '../src/cli/errors.js';
import { exitCodeOf } from '../src/cli/program.js';

describe('error classes', () => {
  it('every class is a BackpropError with its exit code', () => {
    const cases: [BackpropError, number, string][] = [
      [new DataFormatError({ file: 'a.csv', line: 3, column: 2 }, 'not a number'), 1, 'a.csv:3:2: not a number'],
      [new ModelFormatError('layers[0].units', 'must be a positive integer', 'm.json'), 1, 'invalid model file m.json: layers[0].units must be a positive integer'],
      [new UsageError('--epochs must be an integer'), 2, '--epochs must be an integer'],
      [new ResourceLimitError('too big', { requested: 10, limit: 5 }), 1, 'too big'],
      [new TrainingDivergedError(1, 2, NaN, 0.1, 0), 3, 'training diverged at epoch 1'],
    ];
    for (const [error, code, start] of cases) {
      assert.ok(error instanceof BackpropError, error.name);
      assert.ok(error instanceof Error);
      assert.equal(error.exitCode, code, error.name);
      assert.equal(exitCodeOf(error), code, error.name);
      assert.ok(error.message.startsWith(start), error.message);
      assert.doesNotMatch(error.message, /\n/);
    }
  });

  it('the old import paths give the same classes', () => {
    assert.equal(DataFormatErrorOld, DataFormatError);
    assert.equal(ModelFormatErrorOld, ModelFormatError);
    assert.equal(UsageErrorOld, UsageError);
  });

  it('checkAllocation names the size and the limit', () => {
    assert.doesNotThrow(() => checkAllocation('a small thing', 100, 1000));
    assert.throws(() => checkAllocation('a 100000000-unit layer', 4e10, 8e9), (error: unknown) => {
      assert.ok(error instanceof ResourceLimitError);
      assert.match(error.message, /a 100000000-unit layer needs 40\.0 GB, more than the memory limit of 8\.0 GB/);
      return true;
    });
    assert.throws(() => checkAllocation('NaN bytes', NaN, 1000), ResourceLimitError);
    assert.equal(formatBytes(1.5e6), '1.5 MB');
  });

  it('cutList keeps the first ten names', () => {
    const names = Array.from({ length: 25 }, (_, i) => `c${i}`);
    assert.equal(cutList(names), 'c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, … and 15 more');
    assert.equal(cutList(['a', 'b']), 'a, b');
  });
});
