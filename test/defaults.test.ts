/** Library and CLI defaults come from one table (src/train/defaults.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Command } from 'commander';
import { addTrainOptions, commandToTrainOptions } from '../src/cli/commands/train-flags.js';
import { TRAINING_DEFAULTS, TRAINING_OPTION_FLAGS } from '../src/train/defaults.js';
import { Classifier, Regressor } from '../src/index.js';

function cliDefaults() {
  const command = addTrainOptions(new Command('train'));
  command.parse([], { from: 'user' });
  return { command, options: commandToTrainOptions('iris', command.opts()) };
}

test('backprop train with no flags uses the table of defaults', () => {
  const { options } = cliDefaults();
  assert.deepEqual(options.layers, TRAINING_DEFAULTS.hiddenLayers);
  assert.equal(options.activation, TRAINING_DEFAULTS.activation);
  assert.equal(options.optimizer, TRAINING_DEFAULTS.optimizer);
  assert.equal(options.learningRate, TRAINING_DEFAULTS.learningRate);
  assert.equal(options.epochs, TRAINING_DEFAULTS.epochs);
  assert.equal(options.batchSize, TRAINING_DEFAULTS.batchSize);
  assert.equal(options.seed, TRAINING_DEFAULTS.seed);
  assert.equal(options.validationSplit, TRAINING_DEFAULTS.validationSplit);
  assert.equal(options.bias, TRAINING_DEFAULTS.bias);
  assert.equal(options.shuffle, TRAINING_DEFAULTS.shuffle);
});

test('every shared option names a flag the CLI declares', () => {
  const { command } = cliDefaults();
  const longs = new Set(command.options.map((o) => o.long));
  for (const [name, flag] of Object.entries(TRAINING_OPTION_FLAGS)) assert.ok(longs.has(flag), `${name} → ${flag} is not a train flag`);
});

test('the library estimators and the CLI resolve the same defaults', () => {
  const { options: cliOptions } = cliDefaults();
  for (const estimator of [new Classifier(), new Regressor()]) {
    const o = estimator.options;
    assert.deepEqual(o.hiddenLayers, cliOptions.layers);
    assert.equal(o.activation, cliOptions.activation);
    assert.equal(o.optimizer, cliOptions.optimizer);
    assert.equal(o.learningRate, cliOptions.learningRate);
    assert.equal(o.epochs, cliOptions.epochs);
    assert.equal(o.batchSize, cliOptions.batchSize);
    assert.equal(o.seed, cliOptions.seed);
    assert.equal(o.validationSplit, cliOptions.validationSplit);
    assert.equal(o.bias, cliOptions.bias);
    assert.equal(o.shuffle, cliOptions.shuffle);
  }
});
