/** Every mistake a person can make with the real CLI: one line on stderr, a non-zero exit code, no stack trace. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { assertOneLineError, cli, tempDir, writeHousesCsv } from './cli-run.js';

describe('one-line errors', { concurrency: 3 }, () => {
  const dir = tempDir();
  const houses = writeHousesCsv(dir);
  const housesModel = join(dir, 'houses.json');

  before(async () => {
    const run = await cli(['train', houses, '--layers', '4', '--epochs', '2', '--no-out', '--save', housesModel, '--quiet']);
    assert.equal(run.code, 0, run.stderr);
  });

  it('unknown data set, with a did-you-mean', async () => {
    assertOneLineError(await cli(['train', 'irsi', '--no-out']), 2, /unknown data set "irsi"\. Did you mean "iris"\?/);
  });

  it('unknown flag, with a did-you-mean', async () => {
    assertOneLineError(await cli(['train', 'iris', '--layer', '5']), 2, /unknown option '--layer' \(Did you mean --layers\?\)/);
  });

  it('unknown command, with a did-you-mean', async () => {
    assertOneLineError(await cli(['tain', 'iris']), 2, /unknown command 'tain' \(Did you mean train\?\)/);
  });

  it('unknown activation, with a did-you-mean', async () => {
    assertOneLineError(await cli(['train', 'iris', '--activation', 'sigmod', '--no-out']), 2, /unknown activation "sigmod"\. Did you mean "sigmoid"\?/);
  });

  it('a layer size of 0', async () => {
    assertOneLineError(await cli(['train', 'iris', '--layers', '8,0', '--no-out']), 2, /layer sizes must be whole numbers of at least 1, got "0" at position 2/);
  });

  it('a negative learning rate (both flag forms)', async () => {
    assertOneLineError(await cli(['train', 'iris', '--learning-rate', '-0.1', '--no-out']), 2, /--learning-rate \(learning rate\) must be a number above 0 and at most 1000000, got "-0\.1"/);
    assertOneLineError(await cli(['train', 'iris', '--learning-rate=-0.1', '--no-out']), 2, /--learning-rate \(learning rate\) must be a number above 0 and at most 1000000, got "-0\.1"/);
  });

  it('a CSV target column that does not exist', async () => {
    assertOneLineError(await cli(['train', houses, '--target', 'cost', '--no-out']), 2, /houses\.csv:1: no column named "cost" \(columns: rooms, age, noise, price\)/);
  });

  it('a model whose input size does not match the data', async () => {
    assertOneLineError(await cli(['evaluate', housesModel, 'iris']), 2, /iris has 4 input values per row but the model expects 3/);
    assertOneLineError(await cli(['predict', housesModel, '-'], '1,2\n3,4\n'), 2, /<stdin> has 2 columns but the model expects 3 inputs \(rooms, age, noise\)/);
  });

  it('paths that cannot be read', async () => {
    assertOneLineError(await cli(['train', join(dir, 'missing.csv'), '--no-out']), 1, /missing\.csv: no such file or directory/);
    assertOneLineError(await cli(['evaluate', join(dir, 'missing.json'), 'iris']), 1, /cannot read model file .*missing\.json: no such file/);
    assertOneLineError(await cli(['predict', housesModel, dir]), 1, /backprop-cli-\w+: is a directory, not a file/);
    assertOneLineError(await cli(['inspect', houses]), 1, /houses\.csv: \(file\) is a CSV table, not a backprop model file \(JSON\): a model file is what `backprop train DATA --save model\.json` writes$/);
  });

  it('a data file and a model file swapped, or a model given as data', async () => {
    assertOneLineError(await cli(['evaluate', houses, housesModel]), 2, /^backprop: evaluate takes the model first: backprop evaluate .*houses\.json .*houses\.csv \(got the table .*houses\.csv where the model file goes\)$/);
    assertOneLineError(await cli(['predict', 'iris.json', houses]), 1, /cannot read model file iris\.json: no such file/);
    const modelAsData = join(dir, 'rows');
    writeFileSync(modelAsData, readFileSync(housesModel));
    assertOneLineError(await cli(['predict', housesModel, modelAsData]), 1, /rows: is a backprop model file, not a data table: predict and evaluate take the model first \(backprop predict .*rows DATA\.csv\)$/);
    assertOneLineError(await cli(['train', housesModel, '--no-out']), 1, /houses\.json: is a backprop model file, not a data table/);
  });

  it('paths that cannot be written, before any training', async () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'not a directory');
    const save = await cli(['train', 'iris', '--no-out', '--save', join(blocker, 'model.json')]);
    assertOneLineError(save, 1, /cannot write model file .*a-file\/model\.json: a part of the path is a file, not a folder$/);
    assert.doesNotMatch(save.stdout, /epoch/, 'fails before training');
    assertOneLineError(await cli(['train', 'iris', '--out', join(blocker, 'run')]), 1, /cannot create run folder .*a-file\/run: .*a-file is a file, not a folder$/);
    mkdirSync(join(dir, 'taken.json'));
    assertOneLineError(await cli(['train', 'iris', '--no-out', '--save', join(dir, 'taken.json')]), 1, /cannot write model file .*taken\.json: it is a directory/);
  });

  it('divergence stops at once with epoch, batch and a hint, keeping the last good weights', async () => {
    const save = join(dir, 'diverged.json');
    const outcome = await cli(['train', houses, '--activation', 'linear', '--inputs', 'none', '--targets', 'none', '--optimizer', 'sgd', '--learning-rate', '0.1', '--epochs', '50', '--no-out', '--save', save]);
    assertOneLineError(outcome, 3, /training diverged at epoch 1, batch \d+: the loss is (NaN|Infinity); try a smaller learning rate \(now 0\.1\) or scale the inputs/);
    assert.match(outcome.stderr, /the model keeps the initial weights \(saved to .*diverged\.json\)/);
    assert.ok(existsSync(save), 'the last good weights are saved');
    const inspect = await cli(['inspect', save, '--weights', '--json']);
    const layers = (JSON.parse(inspect.stdout) as { layers: { W: number[][] }[] }).layers;
    assert.ok(layers.every((l) => l.W.flat().every(Number.isFinite)), 'saved weights are finite');
  });

  it('a gradient check that fails exits 1 with one line', async () => {
    const outcome = await cli(['gradcheck', '--tolerance', '1e-30', '--layers', '2,3,2']);
    assert.equal(outcome.code, 1);
    assert.match(outcome.stdout, /GRADIENTS DISAGREE/);
    assertOneLineError(outcome, 1, /gradient check failed: worst relative error .* exceeds 1e-30/);
  });
});
