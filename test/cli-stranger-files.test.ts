/**
 * A stranger's own second file for predict and evaluate: a header that names the model's columns
 * in another case is read by name (never by position), did-you-mean guesses that are real guesses
 * (the same name in another case; never "a" for "b").
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
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

describe('closestName', () => {
  it('prefers the same name in another case, and guesses nothing for unrelated short names', () => {
    assert.equal(closestName('y', ['A', 'B', 'Y']), 'Y');
    assert.equal(closestName('b', ['a', 'color', 'c', 'y']), undefined);
    assert.equal(closestName('zz', ['a', 'b', 'c', 'y']), undefined);
    assert.equal(closestName('agee', ['age', 'income']), 'age');
    assert.equal(closestName('irsi', ['iris', 'xor']), 'iris');
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
