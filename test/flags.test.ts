/** Every numeric flag is declared (type, range, meaning); bad values of flags, schedules, initialisers and transforms are refused with one line naming them. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NUMERIC_FLAGS, describeRange, parseFlag } from '../src/cli/numeric-flags.js';
import { UsageError, parseInit, parseSchedule } from '../src/index.js';
import { runInProcess } from './helpers/cli-in-process.js';

describe('flag validation', () => {
  it('parseFlag refuses non-numbers, fractions for integers and values out of range, naming the flag', () => {
    for (const text of ['-1', '0', 'NaN', 'abc', '1.5', '', ' ', 'Infinity', '1e400']) {
      assert.throws(() => parseFlag('--log-every', text), (error: unknown) => {
        assert.ok(error instanceof UsageError);
        assert.equal(error.message, `--log-every (print every Nth epoch line) must be a whole number from 1 to 10000000, got "${text}"`);
        return true;
      });
    }
    assert.equal(parseFlag('--log-every', '5'), 5);
    assert.equal(parseFlag('--learning-rate', '0.5'), 0.5);
    assert.throws(() => parseFlag('--learning-rate', '0'), /--learning-rate \(learning rate\) must be a number above 0 and at most 1000000, got "0"/);
    assert.throws(() => parseFlag('--test-split', '1'), /--test-split \(test split\) must be a number at least 0 and below 1, got "1"/);
    assert.throws(() => parseFlag('--seed', '1.5'), /--seed \(seed\) must be a whole number, got "1\.5"/);
  });

  it('every declared flag has a meaning and a sensible range', () => {
    for (const [flag, spec] of Object.entries(NUMERIC_FLAGS)) {
      assert.ok(spec.meaning.length > 0, flag);
      assert.ok(spec.min < spec.max, flag);
      assert.match(describeRange(spec), /^a (whole )?number/, flag);
    }
  });

  it('schedules refuse negative or zero rates and fractional steps', () => {
    for (const [text, pattern] of [
      ['exponential:-1', /schedule "exponential:-1": GAMMA must be above 0/],
      ['cosine:-1', /schedule "cosine:-1": MIN, the lowest learning rate, must be 0 or more/],
      ['step:10,-1', /schedule "step:10,-1": GAMMA must be above 0/],
      ['step:1.5,0.5', /schedule "step:1\.5,0\.5": STEP must be a whole number of epochs/],
      ['step:,0.5', /unknown schedule/],
      ['warp:2', /unknown schedule "warp:2"/],
    ] as const) {
      assert.throws(() => parseSchedule(text), (error: unknown) => error instanceof UsageError && pattern.test(error.message), text);
    }
    assert.deepEqual(parseSchedule('step:10,0.5'), { kind: 'step', stepSize: 10, gamma: 0.5 });
  });

  it('initialisers refuse negative spreads, empty and overflowing ranges', () => {
    for (const [text, pattern] of [
      ['normal:-1', /initialiser "normal:-1": the standard deviation SD must be above 0, got -1/],
      ['normal:0,0', /SD must be above 0/],
      ['uniform:1,0', /initialiser "uniform:1,0": HIGH must be above LOW, got 1,0 \(an empty range\)/],
      ['uniform:-1e308,1e308', /beyond the float32 range/],
      ['uniform:-3e38,3e38', /wider than float32 can hold/],
      ['constant:1e39', /beyond the float32 range/],
      ['normal:', /arguments must be numbers/],
    ] as const) {
      assert.throws(() => parseInit(text), (error: unknown) => error instanceof UsageError && pattern.test(error.message), text);
    }
  });

  it('the CLI refuses each with exit 2 and one line', async () => {
    const cases: [string[], RegExp][] = [
      [['train', 'xor', '--log-every', '-1', '--no-out'], /--log-every \(print every Nth epoch line\) must be a whole number/],
      [['train', 'xor', '--log-every', '1.5', '--no-out'], /--log-every .* got "1\.5"/],
      [['train', 'xor', '--log-every', 'abc', '--no-out'], /--log-every .* got "abc"/],
      [['train', 'xor', '--schedule', 'exponential:-1', '--no-out'], /GAMMA must be above 0/],
      [['train', 'xor', '--init', 'uniform:1,0', '--no-out'], /HIGH must be above LOW/],
      [['train', 'xor', '--inputs', 'affine:0,1', '--no-out'], /SCALE 0 would turn every input into the same value/],
      [['train', 'iris', '--targets', 'standardize', '--no-out'], /--targets transforms regression targets, but iris is a classification task/],
      [['train', 'xor', '--epochs', '2.5', '--no-out'], /--epochs \(epochs\) must be a whole number from 1/],
      [['gradcheck', '--seed', '1.5'], /--seed \(seed\) must be a whole number, got "1\.5"/],
      [['gradcheck', '--layers', '2000,2000,2'], /gradcheck of 2000-2000-2 with 4 samples would take about .* multiply-adds \(4,006,002 parameters/],
      [['train', 'xor', '--validation-split', '0.2', '--no-out'], /^backprop: xor: --validation-split 0\.2 of 4 training rows holds out no row \(4 × 0\.2 rounds down to 0\), so training would run without validation: give at least 5 training rows, --validation-split of at least 0\.25, or leave --validation-split out$/],
      [['explain', '--iterations', '1e12'], /--iterations \(updates to repeat\) must be a whole number from 0 to 1000000, got "1e12"/],
      [['--threads', '0', 'train', 'xor', '--no-out'], /--threads \(worker threads\) must be a whole number from 1/],
      [['--threads', '1000', 'train', 'xor', '--no-out'], /--threads \(worker threads\) must be a whole number from 1 to \d+, got "1000"/],
    ];
    for (const [args, pattern] of cases) {
      const outcome = await runInProcess(args);
      assert.equal(outcome.code, 2, `${args.join(' ')}: ${outcome.stderr}`);
      const lines = outcome.stderr.trim().split('\n');
      assert.equal(lines.length, 1, outcome.stderr);
      assert.match(lines[0]!, pattern, args.join(' '));
    }
  });
});
