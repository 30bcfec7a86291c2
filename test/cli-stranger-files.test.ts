/**
 * A stranger's own second file for predict and evaluate: a header that names the model's columns
 * in another case is read by name (never by position), --decimal equal to the delimiter and a
 * delimiter that splits nothing said as such, lines above the table hinted at, did-you-mean guesses that are real guesses
 * (the same name in another case; never "a" for "b"); rows without a target dropped with a note
 * where the inputs are imputed (train) or only scored (evaluate), and evaluate's advice for a
 * missing input naming no flag it lacks; a training part with nothing to learn (a constant
 * regression target refused, constant input columns noted); a table under 20 rows says it has
 * no test part; evaluate reading class codes written as floats ("1.0" for the class "1", as
 * pandas writes a column with a gap) and hinting at a label in another case; stdout closed early (`| head`) neither fails the command nor loses its model; a target of amounts ("$350,122") trained, evaluated and predicted in its units.
 */
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { parseCsv } from '../src/data/index.js';
import { inferTargetTask } from '../src/data/task-inference.js';
import { closestName } from '../src/errors/closest-name.js';
import { assertOneLineError, cli, tempDir } from './cli-run.js';

const dir = tempDir();

/** `rows` rows of a, b, c and y = 3a − 2b + c (numbers only). */
function writeNumeric(path: string, header: string, rows = 60): void {
  const lines = [header];
  for (let i = 0; i < rows; i++) {
    const a = (i % 7) / 3;
    const b = (i % 5) / 2;
    const c = (i % 11) / 4;
    lines.push([a, b, c, 3 * a - 2 * b + c].map((v) => v.toFixed(3)).join(','));
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

describe('the task line', () => {
  it('quotes labels that hold a comma or a quote, so the list stays readable', () => {
    const { reason } = inferTargetTask({ name: 'y', textValues: ['big, red', 'say "hi"', 'plain'], numbers: [], allIntegers: true });
    assert.equal(reason, 'target "y" holds text (3 distinct values: "big, red", "say \\"hi\\"", plain)');
  });
});

describe('closestName', () => {
  it('prefers the same name in another case, and guesses nothing for unrelated short names', () => {
    assert.equal(closestName('y', ['A', 'B', 'Y']), 'Y');
    assert.equal(closestName('b', ['a', 'color', 'c', 'y']), undefined);
    assert.equal(closestName('zz', ['a', 'b', 'c', 'y']), undefined);
    assert.equal(closestName('agee', ['age', 'income']), 'age');
    assert.equal(closestName('irsi', ['iris', 'xor']), 'iris');
  });
  it('allows one slip in a name of up to 4 letters (two made "Fare" a typo of "Name"), and counts a swap of neighbours as one', () => {
    assert.equal(closestName('Fare', ['Name', 'Age', 'Sex']), undefined);
    assert.equal(closestName('aeg', ['age', 'sex']), 'age');
    assert.equal(closestName('reul', ['relu', 'tanh']), 'relu');
    assert.equal(closestName('epcohs', ['epochs', 'seed']), 'epochs');
  });
});

describe('a second file whose header differs from the training one', () => {
  const train = join(dir, 'numbers.csv');
  const model = join(dir, 'numbers.json');

  before(async () => {
    writeNumeric(train, 'a,b,c,y');
    const run = await cli(['train', train, '--epochs', '2', '--no-out', '--save', model, '--quiet']);
    assert.equal(run.code, 0, run.stderr);
  });

  it('predict: the model\'s names in upper case and another order are refused by name, not matched by position', async () => {
    const other = join(dir, 'upper.csv');
    writeFileSync(other, 'C,B,A\n1,2,3\n0.5,0.5,0.5\n');
    assertOneLineError(await cli(['predict', model, other]), 2, /upper\.csv has no columns "a", "b", "c", which the model needs \(a, b, c\); did you mean "A" for "a", "B" for "b", "C" for "c"\?/);
  });

  it('predict: rows without a header that still hold the target column are told so', async () => {
    const labelled = join(dir, 'labelled.csv');
    writeFileSync(labelled, '1,2,3,4\n0.5,0.5,0.5,1\n');
    assertOneLineError(await cli(['predict', model, labelled]), 2, /labelled\.csv has 4 columns but the model expects 3 inputs \(a, b, c\); if one of them is the target \("y"\), remove it, or give the file a header row naming the columns \(a named target column is left out\)$/);
    const named = join(dir, 'named.csv');
    writeFileSync(named, 'a,b,c,y\n1,2,3,4\n0.5,0.5,0.5,1\n');
    const run = await cli(['predict', model, named]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.trim().split('\n').length, 3, 'a header and two predictions');
  });

  it('predict: --decimal , on a comma file and a --delimiter that splits nothing are said as such', async () => {
    const comma = join(dir, 'plain.csv');
    writeFileSync(comma, 'a,b,c\n0.5,1.5,2\n');
    assertOneLineError(await cli(['predict', model, comma, '--decimal', ',']), 2, /plain\.csv: the delimiter and the decimal mark are both "," \(the delimiter as detected; --delimiter sets it\)$/);
    const tabs = join(dir, 'tabs.tsv');
    writeFileSync(tabs, 'a\tb\tc\n0.5\t1.5\t2\n');
    assertOneLineError(await cli(['predict', model, tabs, '--delimiter', ',']), 2, /tabs\.tsv has 1 column but the model expects 3 inputs \(a, b, c\); its first row is one field with "\\t" in it \(try --delimiter tab\)$/);
  });

  it('predict: a title line above the table gets the --skip-rows hint train gives; Excel\'s "sep=;" line is read as the delimiter', async () => {
    const titled = join(dir, 'titled.csv');
    writeFileSync(titled, 'Prices;2024\na;b;c\n0,5;1,5;2\n');
    const run = await cli(['predict', model, titled]);
    assert.equal(run.code, 2, run.stderr);
    // The delimiter note comes first: the last line is the error.
    assert.match(run.stderr.trim().split('\n').at(-1)!, /^backprop: .*titled\.csv has 2 columns but the model expects 3 inputs \(a, b, c\); if the table starts on line 2, pass --skip-rows 1$/);
    const skipped = await cli(['predict', model, titled, '--skip-rows', '1']);
    assert.equal(skipped.code, 0, skipped.stderr);
    const excel = join(dir, 'excel.csv');
    writeFileSync(excel, 'sep=;\r\na;b;c\r\n0,5;1,5;2\r\n');
    const read = await cli(['predict', model, excel]);
    assert.equal(read.code, 0, read.stderr);
    assert.equal(read.stderr.trim(), `${excel}: the first line "sep=;" is Excel's delimiter line: read ";" as the delimiter and skipped the line`);
    assert.equal(read.stdout, skipped.stdout, 'the same predictions as the file read with --skip-rows 1');
  });

  it('predict: a missing column gets no far-fetched guess', async () => {
    const other = join(dir, 'no-b.csv');
    writeFileSync(other, 'a,c,y\n1,2,3\n');
    assertOneLineError(await cli(['predict', model, other]), 2, /no-b\.csv has no column "b", which the model needs \(a, b, c\)$/);
  });

  it('evaluate: the target in another case is the guess', async () => {
    const other = join(dir, 'upper-target.csv');
    writeNumeric(other, 'a,b,c,Y', 10);
    assertOneLineError(await cli(['evaluate', model, other]), 2, /no column named "y" \(columns: a, b, c, Y\); did you mean "Y"\? \(column names are matched exactly\); "y" is the model's target/);
  });
});

describe('rows whose target cell is missing', () => {
  /** 30 rows of a, b (every 4th b missing) and a 0/1 target (every 5th missing). */
  const text = ['a,b,y', ...Array.from({ length: 30 }, (_, i) => `${i % 6},${i % 4 === 1 ? '' : i % 3},${i % 5 === 2 ? '' : i % 2}`)].join('\n') + '\n';

  it('parseCsv: missing mean fills the inputs and drops only the rows without a target, with a note', () => {
    const notes: string[] = [];
    const data = parseCsv(text, { file: 'gaps.csv', missing: 'mean', onNote: (n) => notes.push(n) });
    assert.equal(data.labels?.length, 24);
    assert.ok(notes.includes('gaps.csv: dropped 6 rows whose target "y" is missing (a row without a target can be neither trained on nor scored)'), notes.join('\n'));
    assert.throws(() => parseCsv(text, { file: 'gaps.csv', missing: 'mean', dropMissingTargets: false }), /gaps\.csv:4:3: the target cell is empty/);
    assert.throws(() => parseCsv('a,y\n1,\n2,\n', { file: 'none.csv', missing: 'median' }), /none\.csv: no data rows are left: every target cell \(column "y"\) is missing/);
  });

  it('train --missing mean, then evaluate: target-less rows left out with a note; a model without imputation names no flag evaluate lacks', async () => {
    const file = join(dir, 'gaps.csv');
    writeFileSync(file, text);
    const imputing = join(dir, 'gaps-mean.json');
    const run = await cli(['train', file, '--missing', 'mean', '--epochs', '1', '--no-out', '--save', imputing, '--quiet']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /dropped 6 rows whose target "y" is missing/);
    const evaluated = await cli(['evaluate', imputing, file, '--part', 'all', '--json']);
    assert.equal(evaluated.code, 0, evaluated.stderr);
    const result = JSON.parse(evaluated.stdout) as { metrics: { samples: number }; notes: string[] };
    assert.equal(result.metrics.samples, 24);
    assert.match(result.notes.join('\n'), /dropped 6 rows whose target "y" is missing/);
    const plain = join(dir, 'full.csv');
    writeFileSync(plain, ['a,b,y', ...Array.from({ length: 30 }, (_, i) => `${i % 6},${i % 3},${i % 2}`)].join('\n') + '\n');
    const strict = join(dir, 'gaps-strict.json');
    assert.equal((await cli(['train', plain, '--epochs', '1', '--no-out', '--save', strict, '--quiet'])).code, 0);
    assertOneLineError(await cli(['evaluate', strict, file]), 1, /gaps\.csv:3:2: missing cell in column "b" \(missing cells per column: b 7\); .*gaps-strict\.json was trained without imputation \(train with --missing mean, median or most-frequent, or fill or remove those rows\)$/);
  });
});

describe('a training part with nothing to learn', () => {
  it('a regression target with one value is refused; inputs with one value are noted', async () => {
    const constantTarget = join(dir, 'flat.csv');
    writeFileSync(constantTarget, ['a,b,y', ...Array.from({ length: 40 }, (_, i) => `${i},${i % 3},0.1`)].join('\n') + '\n');
    assertOneLineError(await cli(['train', constantTarget, '--task', 'regression', '--no-out', '--epochs', '1']), 1, /flat: the target column "y" holds one value \(0\.1\) in every row of the training part: there is nothing to learn/);

    const oneRow = join(dir, 'single-row.csv');
    writeFileSync(oneRow, 'a,b,y\n1,2,3.5\n');
    assertOneLineError(await cli(['train', oneRow, '--no-out', '--epochs', '1']), 1, /single-row: the target column "y" holds one value \(3\.5\) in every row of the training part/);

    const constantInputs = join(dir, 'still.csv');
    writeFileSync(constantInputs, ['a,b,c,y', ...Array.from({ length: 40 }, (_, i) => `1.5,7,x,${i % 2}`)].join('\n') + '\n');
    const still = await cli(['train', constantInputs, '--no-out', '--epochs', '1', '--quiet']);
    assert.equal(still.code, 0, still.stderr);
    assert.match(still.stdout, /still: every input column holds one value in all 32 training rows \("a", "b", "c"\): the inputs carry nothing, so the model can only learn the class shares/);

    const oneConstant = join(dir, 'some.csv');
    writeFileSync(oneConstant, ['a,b,y', ...Array.from({ length: 40 }, (_, i) => `${i % 7},3,${i % 2}`)].join('\n') + '\n');
    const some = await cli(['train', oneConstant, '--no-out', '--epochs', '1', '--quiet']);
    assert.equal(some.code, 0, some.stderr);
    assert.match(some.stdout, /some: input column "b" holds one value in all 32 training rows: it carries nothing \(--ignore leaves it out\)/);
  });

  it('a single class gets the refusal without the 100 % class-share note before it', async () => {
    const file = join(dir, 'same.csv');
    writeFileSync(file, ['a,y', ...Array.from({ length: 30 }, (_, i) => `${i % 4},same`)].join('\n') + '\n');
    const run = await cli(['train', file, '--no-out', '--epochs', '1']);
    assertOneLineError(run, 1, /holds only one class \("same"\) in the training part/);
    assert.doesNotMatch(run.stdout, /100\.0% of the rows/);
  });
});

describe('small tables and closed pipes', () => {
  it('a table under 20 rows says its scores are training scores', async () => {
    const file = join(dir, 'tiny.csv');
    writeFileSync(file, ['a,b,y', ...Array.from({ length: 12 }, (_, i) => `${i},${i % 3},${i % 2 === 0 ? 'p' : 'n'}`)].join('\n') + '\n');
    const run = await cli(['train', file, '--no-out', '--epochs', '1', '--quiet']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /tiny: 12 rows, under 20: no test part is held out, so the scores are on the training rows \(--test-split 0\.2 holds some out\)/);
    const split = await cli(['train', file, '--no-out', '--epochs', '1', '--quiet', '--test-split', '0.25']);
    assert.doesNotMatch(split.stdout, /no test part/);
  });

  it('train | head: the rest of stdout is dropped, the model still saved, exit 0, no "internal error"', async () => {
    const file = join(dir, 'piped.csv');
    writeNumeric(file, 'a,b,c,y', 200);
    const model = join(dir, 'piped.json');
    const root = fileURLToPath(new URL('..', import.meta.url));
    const outcome = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'train', file, '--no-out', '--epochs', '300', '--log-every', '1', '--save', model], { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.doesNotMatch(outcome.stderr, /internal error|EPIPE/);
    assert.ok(existsSync(model), 'the model is saved');
  });
});

describe('evaluate with the target written another way', () => {
  it('class codes 0/1 read as 0.0/1.0; a label in another case gets a hint', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => [(i % 10) / 3, (i % 7) / 2, i % 10 < 5 ? 0 : 1] as const);
    const train = join(dir, 'codes.csv');
    writeFileSync(train, ['a,b,y', ...rows.map(([a, b, y]) => `${a},${b},${y}`)].join('\n') + '\n');
    const model = join(dir, 'codes.json');
    assert.equal((await cli(['train', train, '--epochs', '1', '--no-out', '--save', model, '--quiet'])).code, 0);
    const floats = join(dir, 'codes-float.csv');
    writeFileSync(floats, ['a,b,y', ...rows.map(([a, b, y]) => `${a},${b},${y.toFixed(1)}`)].join('\n') + '\n');
    const run = await cli(['evaluate', model, floats, '--json']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { metrics: { samples: number } }).metrics.samples, 40);

    const words = join(dir, 'words.csv');
    writeFileSync(words, ['a,y', ...Array.from({ length: 30 }, (_, i) => `${i % 5},${i % 5 < 2 ? 'no' : 'yes'}`)].join('\n') + '\n');
    const wordModel = join(dir, 'words.json');
    assert.equal((await cli(['train', words, '--epochs', '1', '--no-out', '--save', wordModel, '--quiet'])).code, 0);
    const shouted = join(dir, 'shouted.csv');
    writeFileSync(shouted, 'a,y\n1,NO\n3,yes\n');
    assertOneLineError(await cli(['evaluate', wordModel, shouted]), 1, /has label "NO" \(\d+ rows?, the first data row \d+\), which is not one of the given classes no, yes; did you mean "no"\? \(labels are matched exactly, case included\); write the labels as the training file did$/);
  });
});

it('evaluate on a one-row file reports R² as n/a (undefined, as scikit-learn says), not 0', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { runInProcess } = await import('./helpers/cli-in-process.js');
  const { rSquared } = await import('../src/metrics.js');
  const { Matrix } = await import('../src/matrix.js');
  assert.ok(Number.isNaN(rSquared(Matrix.from([[2]]), Matrix.from([[2]]))));
  assert.equal(rSquared(Matrix.from([[1], [3]]), Matrix.from([[1], [3]])), 1);
  const dir = mkdtempSync(join(tmpdir(), 'backprop-r2-'));
  writeFileSync(join(dir, 'train.csv'), `a,b,y\n${Array.from({ length: 40 }, (_, i) => `${i % 7},${i % 5},${((i % 7) * 1.5 + (i % 5) * 0.25 + i * 0.01).toFixed(2)}`).join('\n')}\n`);
  writeFileSync(join(dir, 'one.csv'), 'a,b,y\n3,2,5.1\n');
  const model = join(dir, 'm.json');
  assert.equal((await runInProcess(['train', join(dir, 'train.csv'), '--epochs', '2', '--no-out', '--quiet', '--save', model])).code, 0);
  const table = await runInProcess(['evaluate', model, join(dir, 'one.csv')]);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /R²\s+n\/a/);
  const json = await runInProcess(['evaluate', model, join(dir, 'one.csv'), '--json']);
  assert.match(json.stdout, /"r2":null/);
});

describe('a target of amounts written for people ("$350,122")', () => {
  it('train reads them as numbers with a note; evaluate scores the same file; predict answers in those units', async () => {
    const file = join(dir, 'prices.csv');
    const lines = ['rooms,area,tax,price'];
    // The first rows' prices are plain numbers (the byte reader's fast path), the rest "$1,234" text; tax is "7%".
    for (let i = 0; i < 120; i++) {
      const price = 3000 * (40 + ((i * 37) % 260)) + 10000 * (1 + (i % 6));
      lines.push(`${1 + (i % 6)},${40 + ((i * 37) % 260)},${(i % 5) + 5}%,${i < 10 ? price : `"$${price.toLocaleString('en-US')}"`}`);
    }
    writeFileSync(file, lines.join('\n') + '\n');
    const model = join(dir, 'prices.json');
    const run = await cli(['train', file, '--epochs', '40', '--no-out', '--save', model, '--json']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /target "price" holds amounts with a currency sign \("\$[0-9,]+"\): read as the numbers they write \([0-9]+\)/);
    assert.match(run.stderr, /column "tax" holds percentages \("5%"\): read as the numbers they write \(5, not 0\.05\)/);
    assert.equal((JSON.parse(run.stdout) as { task: string }).task, 'regression');
    const evaluated = await cli(['evaluate', model, file, '--part', 'all', '--json']);
    assert.equal(evaluated.code, 0, evaluated.stderr);
    const metrics = (JSON.parse(evaluated.stdout) as { metrics: { samples: number; r2: number } }).metrics;
    assert.equal(metrics.samples, 120);
    assert.ok(metrics.r2 > 0.5, `R² ${metrics.r2}`);
    const predicted = await cli(['predict', model, '-'], 'rooms,area,tax\n3,150,7%\n3,150,7\n');
    assert.equal(predicted.code, 0, predicted.stderr);
    const [written, plain] = predicted.stdout.trim().split('\n').slice(1).map(Number);
    assert.ok(written! > 200000 && written! < 800000, `a price in dollars, got ${predicted.stdout}`);
    assert.equal(written, plain, '"7%" is read as 7, as in training');
  });
});
