/** The subcommands other than train, given what a stranger gives: the wrong kind of file, arguments swapped, a folder. One line each. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { saveModel } from '../src/io/model-file.js';
import { Mlp } from '../src/nn/mlp.js';
import { assertOneLineError, cli, errorLines, tempDir } from './cli-run.js';

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

  it('help of an unknown command and global flags without a command: one line, not commander\'s "(outputHelp)"', async () => {
    assertOneLineError(await cli(['help', 'tarin']), 2, /^backprop: unknown command "tarin"\. Did you mean "train"\? Choose one of: train, evaluate, .*, export, import$/);
    assertOneLineError(await cli(['--threads', '1']), 2, /^backprop: no command given: choose one of train, evaluate, .* \(backprop --help describes them\)$/);
  });

  it('a flag given twice warns which value counts; a switch repeated as such does not', async () => {
    const twice = await cli(['inspect', model, '--input', '1,2', '--input=3,4', '--json']);
    assert.equal(twice.code, 0, twice.stderr);
    assert.deepEqual(errorLines(twice), ['warning: --input is given twice; the last one counts (3,4)']);
    assert.deepEqual((JSON.parse(twice.stdout) as { forward: { input: number[] } }).forward.input, [3, 4]);
    const conflicting = await cli(['inspect', model, '--weights', '--no-weights']);
    assert.deepEqual(errorLines(conflicting), ['warning: --weights and --no-weights are both given; the last one counts (--no-weights)']);
    assert.deepEqual(errorLines(await cli(['summary', model, '--json', '--json'])), []);
  });

  it('evaluate of a table model on data of another width names the columns it was trained on', async () => {
    const table = join(dir, 'colours.csv');
    writeFileSync(table, ['colour,size,label', ...Array.from({ length: 30 }, (_, i) => `${['red', 'green', 'blue'][i % 3]},${i % 7},${i % 2 === 0 ? 'even' : 'odd'}`)].join('\n') + '\n');
    const tableModel = join(dir, 'colours.json');
    const trained = await cli(['train', table, '--layers', '3', '--epochs', '1', '--no-out', '--quiet', '--save', tableModel]);
    assert.equal(trained.code, 0, trained.stderr);
    assertOneLineError(await cli(['evaluate', tableModel, 'xor']), 2, /^backprop: xor has 2 input values per row but the model expects 4 \(it was trained on a table with the columns colour, size; give a CSV with those columns\)$/);
  });

  it('export, import and train refuse to write their output over their own input', async () => {
    assertOneLineError(await cli(['export', model, '-o', model]), 2, /^backprop: -o .*net\.json is the model file being exported: writing there would replace it; choose another file$/);
    const onnx = join(dir, 'net.onnx');
    const exported = await cli(['export', model, '-o', onnx]);
    assert.equal(exported.code, 0, exported.stderr);
    assertOneLineError(await cli(['import', onnx, '-o', join(dir, '.', 'net.onnx')]), 2, /is the ONNX file being imported: writing there would replace it/);
    const data = join(dir, 'data.csv');
    writeFileSync(data, 'a,b,y\n1,2,0\n2,3,1\n3,4,0\n4,5,1\n');
    assertOneLineError(await cli(['train', data, '--save', data, '--no-out']), 2, /--save .*data\.csv is the training data: writing there would replace it/);
    assert.equal(readFileSync(data, 'utf8').slice(0, 6), 'a,b,y\n', 'the data is untouched');
  });

  it('a quoting slip in inspect --input or explain --inputs is a usage error naming the flag and the cell', async () => {
    assertOneLineError(await cli(['inspect', model, '--input', '1,"2']), 2, /^backprop: --input: a quoted field is never closed \(cell 2\)$/);
    assertOneLineError(await cli(['explain', '--model', model, '--inputs', '"a"b,1']), 2, /^backprop: --inputs: unexpected "b" after a closing quote .* \(cell 1\)$/);
  });

  it('train --out naming an existing file fails before training, leaving no staging folder', async () => {
    const out = await cli(['train', 'xor', '--epochs', '1', '--out', csv]);
    assertOneLineError(out, 1, /^backprop: cannot create run folder .*rows\.csv: it is a file, not a folder$/);
    assert.doesNotMatch(out.stdout, /epoch/, 'fails before training');
    assert.deepEqual(readdirSync(dir).filter((name) => name.includes('partial')), []);
  });

  it('--data-path beside a data set that reads no files from it is refused, not ignored', async () => {
    assertOneLineError(await cli(['train', csv, '--data-path', folder, '--no-out']), 2, /^backprop: --data-path applies to california-housing, mnist, fashion-mnist \(the built-ins read from files\); .*rows\.csv does not use it \(give the file itself as the data argument\)$/);
    assertOneLineError(await cli(['evaluate', model, 'iris', '--data-path', folder]), 2, /--data-path applies to .*; iris does not use it$/);
    assertOneLineError(await cli(['train', 'iris', '--download', '--no-out']), 2, /^backprop: --download applies to california-housing, mnist, fashion-mnist \(the built-ins that can be downloaded\); iris does not use it$/);
  });

  it('output that cannot be written (stdout open read-only here; a full disk alike) is one line with the reason, not an internal error', () => {
    const readOnly = openSync(csv, 'r');
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../src/cli/main.ts', import.meta.url)), 'explain'], { stdio: ['ignore', readOnly, 'pipe'], encoding: 'utf8' });
      assert.equal(run.status, 1);
      assert.equal(run.stderr, 'backprop: cannot write the output (stdout): it is not open for writing; the rest of the output is dropped, the command goes on\n');
    } finally {
      closeSync(readOnly);
    }
  });
  it('predict: --json with another --format is refused; rows typed at a terminal get a Ctrl-D hint', async () => {
    writeFileSync(join(dir, 'two.csv'), 'x1,x2\n1,2\n');
    assertOneLineError(await cli(['predict', model, join(dir, 'two.csv'), '--json', '--format', 'csv']), 2, /^backprop: --json and --format csv ask for two output formats: give one$/);
    assert.equal((await cli(['predict', model, join(dir, 'two.csv'), '--json', '--format', 'json'])).code, 0);
    // stdin a terminal (script(1) runs the CLI on a pseudo-terminal): the hint on stderr, then the predictions.
    const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
    const run = spawnSync('script', ['-qec', `${process.execPath} --import tsx ${main} predict ${model} -`, '/dev/null'], {
      input: 'x1,x2\n1,2\n\u0004', encoding: 'utf8', timeout: 60_000, cwd: fileURLToPath(new URL('..', import.meta.url)),
    });
    assert.match(run.stdout, /reading CSV rows from the terminal: type or paste them \(a header first, or rows in the model's column order\), then Ctrl-D/);
    assert.match(run.stdout, /^class,p_0,p_1\r?$/m);
  });
});
