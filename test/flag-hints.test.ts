/** Flags brought from other tools get backprop's name for them; `--layers 64 32` is told to use a comma. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runInProcess } from './helpers/cli-in-process.js';

describe('usage hints for flags of other tools', () => {
  it('names the synonym that the command has, with exit 2 and one line', async () => {
    const cases: [string[], RegExp][] = [
      [['train', 'iris', '--lr', '0.1'], /^backprop: unknown option '--lr' \(backprop calls it --learning-rate; see backprop train --help\)$/],
      [['train', 'iris', '--hidden', '64'], /unknown option '--hidden' \(backprop calls it --layers;/],
      [['train', 'iris', '--hidden-layer-sizes=64,32'], /unknown option '--hidden-layer-sizes' \(backprop calls it --layers;/],
      [['train', 'iris', '--random-state', '3'], /unknown option '--random-state' \(backprop calls it --seed;/],
      [['predict', 'm.json', 'rows.csv', '--sep', ';'], /unknown option '--sep' \(backprop calls it --delimiter; see backprop predict --help\)/],
      // A synonym the command lacks (predict has no --seed) falls back to commander's own words.
      [['predict', 'm.json', 'rows.csv', '--random-state', '3'], /^backprop: unknown option '--random-state'$/],
      [['train', 'iris', '--epoch', '3'], /unknown option '--epoch' \(Did you mean --epochs\?\)/],
    ];
    for (const [argv, words] of cases) {
      const run = await runInProcess(argv);
      assert.equal(run.code, 2, `${argv.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr.trim(), words);
      assert.equal(run.stderr.trim().split('\n').length, 1);
    }
  });

  it("a flag's own line is not wrapped in commander's 'argument is invalid' when it names the flag", async () => {
    const run = await runInProcess(['explain', '--iterations', '1e12']);
    assert.equal(run.code, 2);
    assert.equal(run.stderr.trim(), 'backprop: --iterations (updates to repeat) must be a whole number from 0 to 1000000, got "1e12"');
    const unnamed = await runInProcess(['explain', '--lr', '-1']);
    assert.match(unnamed.stderr.trim(), /^backprop: option '--lr <rate>' argument '-1' is invalid\. learning rate must be a positive number, got "-1"$/);
  });

  it('--layers 64 32 is told to write --layers 64,32', async () => {
    const run = await runInProcess(['train', 'iris', '--layers', '64', '32', '16', '--epochs', '1']);
    assert.equal(run.code, 2);
    assert.match(run.stderr.trim(), /^backprop: --layers takes one comma-separated list: --layers 64,32,16 \(the numbers after it were read as extra arguments\)$/);
  });
});
