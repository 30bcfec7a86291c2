/** The subcommands other than train, given what a stranger gives: the wrong kind of file, arguments swapped, a folder. One line each. */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { saveModel } from '../src/io/model-file.js';
import { Mlp } from '../src/nn/mlp.js';
import { assertOneLineError, cli, tempDir } from './cli-run.js';

describe('stranger inputs to the model commands', { concurrency: 3 }, () => {
  const dir = tempDir();
  const model = join(dir, 'net.json');
  const csv = join(dir, 'rows.csv');
  const folder = join(dir, 'folder');

  before(async () => {
    await saveModel(Mlp.create({ sizes: [2, 2], outputActivation: 'softmax' }), model);
    writeFileSync(csv, 'a,b\n1,2\n');
    mkdirSync(folder);
  });

  it('a CSV where the model goes says it is not JSON, not that the model may be truncated', async () => {
    for (const command of [['inspect', csv], ['summary', csv], ['export', csv], ['explain', '--model', csv, '--inputs', '1,2']]) {
      assertOneLineError(await cli(command), 1, /rows\.csv: \(file\) is a CSV table, not a backprop model file \(JSON\): a model file is what `backprop train DATA --save model\.json` writes$/);
    }
    const truncated = join(dir, 'cut.json');
    writeFileSync(truncated, '{"format": "backprop-model", "layers": [');
    assertOneLineError(await cli(['inspect', truncated]), 1, /is not valid JSON \(.*\); the file may be truncated$/);
  });

  it('predict and evaluate with the arguments swapped say the model comes first', async () => {
    assertOneLineError(await cli(['predict', csv, model]), 2, new RegExp(`predict takes the model first: backprop predict ${model} ${csv} \\(got the table ${csv} where the model file goes\\)$`));
    assertOneLineError(await cli(['evaluate', csv, model]), 2, /evaluate takes the model first: backprop evaluate .*net\.json .*rows\.csv/);
  });

  it('explain --model reads a model file with the same words as inspect: a folder, a missing file', async () => {
    assertOneLineError(await cli(['explain', '--model', folder, '--inputs', '1,2']), 1, /cannot read model file .*folder: is a directory, not a file$/);
    assertOneLineError(await cli(['explain', '--model', join(dir, 'none.json'), '--inputs', '1,2']), 1, /cannot read model file .*none\.json: no such file/);
  });

  it('import of a folder, a CSV or a backprop model file: one line saying what it is', async () => {
    assertOneLineError(await cli(['import', folder]), 1, /cannot read ONNX file .*folder: is a directory, not a file$/);
    assertOneLineError(await cli(['import', csv, '-o', join(dir, 'x.json')]), 1, /rows\.csv is text, not an ONNX file$/);
    assertOneLineError(await cli(['import', model, '-o', join(dir, 'x.json')]), 1, /net\.json is a backprop model file \(JSON\), not an ONNX file: it needs no import/);
  });

  it('an empty value (an unset shell variable) names the flag or argument before anything runs', async () => {
    assertOneLineError(await cli(['train', 'xor', '--out', '', '--epochs', '1']), 2, /^backprop: --out is empty; expected <dir>: run folder/);
    assertOneLineError(await cli(['train', 'xor', '--no-out', '--save', ' ']), 2, /^backprop: --save is empty; expected <file>/);
    assertOneLineError(await cli(['export', model, '-o', '']), 2, /^backprop: --output is empty; expected <file>/);
    assertOneLineError(await cli(['predict', model, '']), 2, /^backprop: the <input> argument of predict is empty; expected: CSV file of raw input rows, or - for stdin$/);
    assertOneLineError(await cli(['inspect', '']), 2, /^backprop: the <model> argument of inspect is empty; expected: model file/);
  });
});
