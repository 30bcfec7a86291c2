/** What a caller of the engine's train/fit/fitAsync can get wrong: plain arrays, misspelt options, a loss or optimiser by the wrong name. One UsageError each, before any step. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createOptimizer, createReferenceBackend, fit, fitAsync, Matrix, Mlp, train } from '../src/index.js';
import { UsageError } from '../src/errors/usage-error.js';
import { optimizerConfigFor } from '../src/nn/optimizers.js';
import { runInProcess } from './helpers/cli-in-process.js';

const backend = createReferenceBackend();
const model = (): Mlp => Mlp.create({ sizes: [2, 3, 1], seed: 1, backend });
const x = Matrix.from([[0, 0], [0, 1], [1, 0], [1, 1]]);
const y = Matrix.from([[0], [1], [1], [0]]);

/** Asserts `run` throws a UsageError whose message matches `words`. */
function refused(run: () => unknown, words: RegExp): void {
  assert.throws(run, (error: unknown) => error instanceof UsageError && words.test(error.message) && !error.message.includes('\n'));
}

test('plain arrays or nothing as data are told to use matrices, or an estimator', () => {
  refused(() => fit(model(), { x: [[0, 0]], y: [[1]] } as never), /^fit takes \{ x: Matrix, y: Matrix \} or a SampleSource: for plain arrays use Matrix\.from\(rows\) for x and y, or new Classifier\(\) \/ new Regressor\(\)/);
  refused(() => fit(model(), [[0, 0]] as never), /plain arrays use Matrix\.from/);
  refused(() => fit(model(), {} as never), /^fit takes \{ x: Matrix, y: Matrix \} or a SampleSource, got an empty object$/);
});

test('misspelt or foreign option names are refused with the right name, not ignored', () => {
  refused(() => fit(model(), { x, y }, { learningrate: 0.1 } as never), /^fit: unknown option "learningrate"; did you mean "learningRate"\?/);
  refused(() => fit(model(), { x, y }, { epoch: 3 } as never), /did you mean "epochs"\?/);
  refused(() => fit(model(), { x, y }, { batch_size: 2 } as never), /^fit has no option "batch_size": use batchSize$/);
  refused(() => fit(model(), { x, y }, { signal: AbortSignal.timeout(10) } as never), /^fit takes no signal: stop it by leaving the train\(\) generator's loop/);
  refused(() => fit(model(), { x, y }, 5 as never), /^fit's options must be an object such as \{ epochs: 10, batchSize: 32 \}, got number$/);
  refused(() => train(model(), { x, y }, { epoch: 3 } as never).next(), /^train: unknown option "epoch"/);
});

test('a loss or optimiser by a wrong name or form is refused (an unknown kind trained nothing before)', async () => {
  refused(() => fit(model(), { x, y }, { loss: 'crossentropy' } as never), /^fit: unknown loss "crossentropy"; did you mean "crossEntropy"\?/);
  refused(() => fit(model(), { x, y }, { optimizer: 'adam' } as never), /^fit: optimizer is an object, not a name: write optimizer: \{ kind: 'adam', learningRate: 0\.01 \}$/);
  refused(() => fit(model(), { x, y }, { optimizer: { kind: 'adamw', learningRate: 0.01 } } as never), /^fit: optimizer\.kind: unknown optimizer "adamw"; did you mean "adam"\?/);
  refused(() => createOptimizer({ kind: 'rmsprop', learningRate: 0.1 } as never), /^optimizer\.kind: unknown optimizer "rmsprop"/);
  await assert.rejects(fitAsync(model(), { x, y }, { lossevery: 2 } as never), (error: unknown) => error instanceof UsageError && /^fitAsync: unknown option "lossevery"; did you mean "lossEvery"\?/.test(error.message));
  // The right forms train.
  const history = fit(model(), { x, y }, { optimizer: { kind: 'adam', learningRate: 0.01 }, epochs: 2, loss: 'mse', onEvent: () => undefined });
  assert.equal(history.epochs.length, 2);
});

test('Matrix.from names a row that is not an array, a ragged row and a cell that is not a number, rows counted from 1', () => {
  refused(() => Matrix.from([1, 2, 3] as never), /^Matrix\.from takes an array of rows \(arrays of numbers\): row 1 is number; for one row write Matrix\.from\(\[values\]\) or Matrix\.row\(values\)$/);
  refused(() => Matrix.from([[1, 2], [3]]), /^Matrix\.from: row 2 has 1 values, row 1 has 2$/);
  refused(() => Matrix.from([[1, 2], [3, '4']] as never), /^Matrix\.from: row 2, column 2 is "4", not a number$/);
  assert.deepEqual(Array.from(Matrix.from([[1, 2], [3, 4]]).data), [1, 2, 3, 4]);
});

test('a momentum for an optimiser that has none is refused, not ignored (CLI and estimators share the rule)', async () => {
  refused(() => optimizerConfigFor('adam', 0.01, { momentum: 0.5 }), /^momentum is a setting of the momentum and nesterov optimizers, not of adam/);
  assert.equal(optimizerConfigFor('nesterov', 0.01, { momentum: 0.5 }).kind, 'momentum');
  const run = await runInProcess(['train', 'iris', '--momentum', '0.5', '--no-out']);
  assert.equal(run.code, 2);
  assert.match(run.stderr.trim(), /^backprop: --momentum 0\.5 is a setting of --optimizer momentum or nesterov, not of adam \(adam keeps its own running averages\): add --optimizer momentum, or leave --momentum out$/);
});
