/**
 * Real exports a stranger brings (found by writing Kaggle Titanic, UCI adult, European and
 * scikit-learn files and running train / evaluate / predict on them): a Ticket column of numbers
 * and codes with a value per row, a nearly empty column under --missing drop or imputation, a
 * numeric target with a "unknown" among its numbers, US-written amounts in a decimal-comma file,
 * and a column of free text.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Matrix } from '../src/matrix.js';
import { parseCsv } from '../src/data/index.js';
import { readCsvFile } from '../src/data/files.js';
import type { CsvOptions } from '../src/data/csv.js';
import { numberFormat } from '../src/data/number-format.js';
import { assertDataError } from './helpers/data-errors.js';
import { tempDir } from './cli-run.js';
import { shellWord } from '../src/errors/shell-word.js';
import { formatEvaluation } from '../src/cli/commands/evaluate.js';
import { Regressor } from '../src/estimators/regressor.js';
import { createReferenceBackend } from '../src/backend/reference.js';

const rows = (n: number, row: (i: number) => string) => Array.from({ length: n }, (_, i) => row(i)).join('\n') + '\n';

/** Parses with notes collected. */
function read(text: string, options: CsvOptions = {}): { notes: string[]; data: ReturnType<typeof parseCsv> } {
  const notes: string[] = [];
  const data = parseCsv(text, { file: 't.csv', ...options, onNote: (n) => notes.push(n) });
  return { notes, data };
}

/** Kaggle's Titanic Ticket: about three in four tickets are plain numbers, the rest codes ("PC 17599"), nearly all distinct. */
const ticket = (i: number) => (i % 4 === 3 ? `PC ${17000 + i}` : String(100000 + i * 37));

test('a column of numbers and codes with a value per row (Titanic\'s Ticket) is named as an identifier, with --ignore, and together with Name', () => {
  const one = 'Pclass,Ticket,Survived\n' + rows(80, (i) => `${(i % 3) + 1},${ticket(i)},${i % 2}`);
  assertDataError(() => parseCsv(one, { file: 'titanic.csv' }), 'titanic.csv:5:2', /^titanic\.csv:5:2: column "Ticket" looks like an identifier: numbers and text with a different value in nearly every row \(60 numbers and 20 text cells, 20 of them distinct, such as "PC 17003"\): --ignore Ticket, or --categorical Ticket to encode it anyway$/);
  const both = 'Name,Pclass,Ticket,Survived\n' + rows(80, (i) => `"Smith${i}, Mr.",${(i % 3) + 1},${ticket(i)},${i % 2}`);
  assertDataError(() => parseCsv(both, { file: 'titanic.csv' }), 'titanic.csv', /cannot be inputs as they are \(Name: an identifier, 80 distinct values in 80 rows; Ticket: an identifier of numbers and text \(20 text cells, 20 distinct\)\): --ignore Name,Ticket leaves them out/);
  // A numeric column with a few typos, or a category column with a numeric code, keeps its own message.
  const typos = 'w,y\n' + rows(80, (i) => `${i % 20 === 7 ? `${i}kg` : i},${i % 2}`);
  assertDataError(() => parseCsv(typos, { file: 't.csv' }), 't.csv:9:1', /"7kg" in column "w" is not a number, but the column holds 76 numbers and 4 text cells; fix the cell, or treat the column as categories/);
  assert.deepEqual(parseCsv(one, { ignore: ['Ticket'] }).featureNames, ['Pclass']);
});

test('--missing drop names the columns whose gaps dropped the rows, and the one nearly empty column to --ignore', () => {
  const text = 'a,notes,b,y\n' + rows(40, (i) => `${i % 9 === 4 ? '' : i},${i === 3 ? 'late' : ''},${i % 5},${i % 2}`);
  const { notes, data } = read(text, { missing: 'drop' });
  assert.equal((data.inputs as Matrix).rows, 1);
  assert.deepEqual(notes, ['t.csv: dropped 39 of 40 rows with missing cells (--missing drop; missing cells per column: a 4, notes 39): column "notes" is missing in 39 of 40 rows (98%); --ignore notes keeps those rows']);
  // Gaps spread over the columns: the counts, no --ignore.
  const spread = read('a,b,y\n1,,0\n,2,1\n3,4,0\n5,6,1\n', { missing: 'drop' });
  assert.deepEqual(spread.notes, ['t.csv: dropped 2 of 4 rows with missing cells (--missing drop; missing cells per column: a 1, b 1)']);
  assertDataError(() => parseCsv('a,notes,y\n1,,0\n2,,1\n3,,0\n', { file: 't.csv', missing: 'drop', categorical: ['notes'] }), 't.csv', /no data rows are left after dropping 3 rows with missing cells \(missing cells per column: notes 3\): column "notes" is missing in 3 of 3 rows \(100%\); --ignore notes keeps those rows$/);
});

test('imputing a column missing in most rows gets a note saying how little of it is real', () => {
  const text = 'a,notes,b,y\n' + rows(40, (i) => `${(i * 7) % 13},${i % 10 === 0 ? `n${i % 3}` : ''},${i % 7 === 0 ? '' : i % 5},${i % 2}`);
  const { notes } = read(text, { missing: 'most-frequent' });
  assert.deepEqual(notes, ['t.csv: column "notes" is missing in 36 of 40 rows (90%), and --missing fills every gap with the same value; --ignore notes if the column carries nothing']);
  // Half the rows or fewer: no note.
  const half = 'a,notes,y\n' + rows(40, (i) => `${(i * 7) % 13},${i % 2 === 0 ? `n${i % 3}` : ''},${i % 2}`);
  assert.deepEqual(read(half, { missing: 'median' }).notes, []);
});

test('a numeric target with a few words among its numbers names them and the way out (--na-values, --task classification)', () => {
  // House prices with "unknown" twice (after "N/A", which is missing): a marker the reader does not know.
  const prices = 'rooms,price\n' + rows(60, (i) => `${i % 5},${i === 9 || i === 30 ? 'unknown' : i === 5 ? 'N/A' : 100000 + i * 1234}`);
  assertDataError(() => parseCsv(prices, { file: 'house.csv', missing: 'drop' }), 'house.csv:11:2', /^house\.csv:11:2: target column "price" mixes numbers and labels: 57 numbers and 2 text cells \("unknown"\); if "unknown" marks a missing value, --na-values 'unknown' reads it as missing \(and --missing drop drops those rows\); else fix the cells$/);
  assert.equal((parseCsv(prices, { missing: 'drop', naValues: ['unknown'] }).targets as Matrix).rows, 57);
  // Labels with a stray number: the first number is named, and --task classification reads it as a label.
  const animals = 'w,animal\n' + rows(40, (i) => `${i},${i === 17 ? '3' : i % 2 ? 'cat' : 'dog'}`);
  assertDataError(() => parseCsv(animals, { file: 'a.csv' }), 'a.csv:19:2', /target column "animal" mixes numbers and labels: 39 text cells and 1 number \("3"\); fix the cell, or --task classification to read every target as a label$/);
  // Past the tracked numbers (a regression target), the same words.
  const many = 'x,v\n' + rows(1100, (i) => `${i % 7},${i * 1.5}`) + '1,unknown\n';
  assertDataError(() => parseCsv(many, { file: 'm.csv' }), 'm.csv:1102:2', /target "unknown" is not a number, but earlier targets were numeric with many distinct values; if "unknown" marks a missing value, --na-values 'unknown' reads it as missing \(and --missing drop drops those rows\); else fix the cell$/);
});

test('US-written amounts and percentages in a decimal-comma file are read as the numbers they write, not as an identifier', () => {
  const text = 'Preis;Rabatt;Temp;Kauf\n' + rows(40, (i) => `$${i + 1},${100 + i}.75;${i}.5%;${i},5;${i % 2 ? 'ja' : 'nein'}`);
  const read = parseCsv(text, { file: 'euro.csv' });
  assert.deepEqual(read.featureNames, ['Preis', 'Rabatt', 'Temp']);
  assert.deepEqual([0, 1, 2].map((c) => (read.inputs as Matrix).get(1, c)), [Math.fround(2101.75), 1.5, 1.5]);
  for (const cell of ['$4,743.75', '€4.743,75', '12.5%', '12,5%', '$12']) assert.ok(numberFormat(cell, ',') !== undefined && numberFormat(cell, '.') !== undefined, cell);
  // Without a sign, the other convention stays text of its own kind ("decimal") or none at all.
  assert.equal(numberFormat('4,743.75', ','), undefined);
  assert.equal(numberFormat('1.5', ','), 'decimal');
});

test('a column of free text (a review per row) is named as free text, not as an identifier; names of four words stay identifiers', () => {
  const words = ['great', 'slow', 'delivery', 'and', 'the', 'quality', 'was', 'fine', 'not'];
  const review = (i: number) => `"Review ${i}: ${Array.from({ length: 12 }, (_, k) => words[(i + k * 5) % words.length]).join(' ')}"`;
  const text = 'stars,review,y\n' + rows(40, (i) => `${i % 5},${review(i)},${i % 2}`);
  assertDataError(() => parseCsv(text, { file: 'r.csv' }), 'r.csv', /^r\.csv: column "review" holds free text \(40 distinct values in 40 rows, such as "Review 0: great quality slow was deliver…"\): backprop reads no text, only numbers and categories; --ignore review, or --categorical review to encode each text as a category$/);
  const both = 'id,review,y\n' + rows(40, (i) => `X${i},${review(i)},${i % 2}`);
  assertDataError(() => parseCsv(both, { file: 'r.csv' }), 'r.csv', /2 columns cannot be inputs as they are \(id: an identifier, 40 distinct values in 40 rows; review: free text, 40 distinct values in 40 rows\): --ignore id,review/);
  const names = 'Name,y\n' + rows(40, (i) => `"Braund${i}, Mr. Owen Harris",${i % 2}`);
  assertDataError(() => parseCsv(names, { file: 't.csv' }), 't.csv', /column "Name" looks like an identifier \(40 distinct values in 40 rows\)/);
});

test('a stray NUL byte in a text file is named as one, with the text before it and the way to remove it; UTF-16 without a BOM keeps its message', async () => {
  const dir = tempDir();
  const stray = join(dir, 'stray.csv');
  const head = 'Ville,Age,y\n' + rows(60, (i) => `Paris,${i},${i % 2}`);
  writeFileSync(stray, Buffer.concat([Buffer.from(head + 'Nimes,4'), Buffer.from([0]), Buffer.from('2,1\nLyon,3,0\n')]));
  await assert.rejects(readCsvFile(stray), (error: Error) => {
    assert.equal(error.message, `${stray} (byte ${head.length + 7}): contains a NUL byte (a zero byte) in text, after "Nimes,4": a damaged or interrupted save leaves such bytes; remove it (tr -d '\\000' < ${stray} > fixed.csv) and check that row`);
    return true;
  });
  const wide = join(dir, 'wide.csv');
  writeFileSync(wide, Buffer.from(head, 'utf16le'));
  await assert.rejects(readCsvFile(wide), /wide\.csv \(byte 1\): contains a NUL byte: this is binary data or UTF-16 text without a byte order mark/);
});

test('evaluate on a file holding some classes only: precision and recall with nothing to divide are n/a, said under the table', () => {
  const text = formatEvaluation({ dataset: 'cov_one', task: 'classification', part: 'all', classNames: ['1', '2', '3'], metrics: { samples: 30, loss: 1.2, accuracy: 22 / 30, confusionMatrix: [[0, 0, 0], [6, 22, 2], [0, 0, 0]], precision: [0, 1, 0], recall: [0, 22 / 30, 0] } });
  const rowOf = (name: string) => text.split('\n').find((l) => l.startsWith(`${name} `) && /\d\s*$/.test(l))!.trim().split(/\s+/);
  assert.deepEqual(rowOf('1'), ['1', '0.0000', 'n/a', '0'], 'predicted 6 times, never true: precision 0, recall undefined');
  assert.deepEqual(rowOf('2'), ['2', '1.0000', '0.7333', '30']);
  assert.deepEqual(rowOf('3'), ['3', '0.0000', 'n/a', '0']);
  assert.match(text, /\nn\/a: recall of a class with no rows here, precision of a class never predicted \(undefined; scikit-learn reports 0 with a warning\)\n/);
  const none = formatEvaluation({ dataset: 'd', task: 'classification', part: 'all', classNames: ['a', 'b'], metrics: { samples: 2, loss: 0.1, accuracy: 1, confusionMatrix: [[1, 0], [0, 1]], precision: [1, 1], recall: [1, 1] } });
  assert.ok(!none.includes('n/a'), none);
});

test('a test file whose labels end in "." (UCI adult.test) or differ in case is told how to match them', () => {
  const text = (label: string) => `age,income\n30,<=50K\n40,${label}\n`;
  assertDataError(() => parseCsv(text('>50K.'), { file: 'adult.test', classNames: ['<=50K', '>50K'] }), 'adult.test', /did you mean ">50K"\? \(labels are matched exactly: this one has a "\." after it\); remove the "\." after the labels to score them against the model's classes$/);
  assertDataError(() => parseCsv(text('>50k'), { file: 'adult.test', classNames: ['<=50K', '>50K'] }), 'adult.test', /did you mean ">50K"\? \(labels are matched exactly, case included\); write the labels as the training file did$/);
});

test('a row with more or fewer fields than the header, mid-file, says how to mend it', () => {
  const body = rows(40, (i) => `${i},${i % 3},${i % 2}`).split('\n');
  body[20] = '20,"Smith, John",2,0';
  assertDataError(() => parseCsv('a,b,y\n' + body.join('\n'), { file: 'r.csv' }), 'r.csv:22:4', /^r\.csv:22:4: expected 3 fields as in the first row, found 4; a cell holding "," must be in quotes \("a, b"\): fix or delete that line$/);
  body[20] = '20,1';
  assertDataError(() => parseCsv('a;b;y\n' + body.join('\n').replace(/,/g, ';'), { file: 'r.csv' }), 'r.csv:22:3', /found 2; write every field, empty ones too \(1;;0\), or delete that line$/);
});

test('predict: a number written for people ("1,065.0", "12%", "$5") in a numeric column is the number it writes, as in training', async () => {
  const x = Array.from({ length: 30 }, (_, i) => ({ proline: 500 + i * 20, ash: (i % 7) / 3 }));
  const reg = new Regressor({ epochs: 1, backend: createReferenceBackend() });
  await reg.fit(x, x.map((_, i) => i));
  assert.deepEqual(reg.predict([{ proline: '1,065.0', ash: '12%' }, { proline: '$5', ash: '(1)' }]), reg.predict([{ proline: 1065, ash: 12 }, { proline: 5, ash: -1 }]));
  assert.throws(() => reg.predict([{ proline: 3, ash: 'abc' }]), /"abc" in column "ash" is not a number$/);
  // A header row repeated among the rows (two files joined).
  assert.throws(() => reg.predict([{ proline: 3, ash: 1 }, { proline: 'proline', ash: 'ash' }]), /row 2: "proline" in column "proline" is not a number: the row repeats the header row, as files joined with cat do; delete it$/);
});

test('a header row repeated mid-file (two exports joined with cat) is named as such, not as a text cell to make categorical', () => {
  const part = 'alcohol,ash,target\n' + rows(30, (i) => `${13 + i / 10},${2 + (i % 5) / 10},${i % 3}`);
  assertDataError(() => parseCsv(part + part, { file: 'wine2x.csv' }), 'wine2x.csv:32:1', /^wine2x\.csv:32:1: line 32 repeats the header row \("alcohol" in column "alcohol"\), as files joined with cat do; delete that line \(tail -n \+2 second\.csv >> first\.csv joins them without it\)$/);
});

test('a shuffled pandas index written by to_csv (after train_test_split) is left out with a note, as a counter is', () => {
  // 40 distinct whole numbers in a shuffled order, under an empty header or "Unnamed: 0"; the class follows the index (sorted data).
  const order = Array.from({ length: 40 }, (_, i) => (i * 17) % 40);
  for (const header of ['', 'Unnamed: 0']) {
    const text = `${header},alcohol,target\n` + rows(40, (i) => `${order[i]},${13 + (i % 7) / 10},${order[i]! < 20 ? 0 : 1}`);
    const { notes, data } = read(text);
    assert.deepEqual(data.featureNames, ['alcohol'], header);
    const named = header === '' ? 'column1' : header;
    assert.deepEqual(notes.filter((n) => n.includes(named)), [`t.csv: left out column "${named}" (0, 17, 34, ...): ${header === '' ? 'no header name' : 'named "Unnamed: 0"'} and a different whole number in every row, the row index pandas' to_csv writes (after a shuffle or train_test_split), not a feature; --features NAMES chooses the inputs yourself`]);
    assert.deepEqual(parseCsv(text, { features: [named, 'alcohol'] }).featureNames, [named, 'alcohol']);
  }
  // A named column of distinct whole numbers (a measurement, a code) stays an input.
  const named = 'weight,alcohol,target\n' + rows(40, (i) => `${order[i]},${i % 7},${i % 2}`);
  assert.deepEqual(read(named).data.featureNames, ['weight', 'alcohol']);
});

test('suggested flags quote column names with spaces so they can be pasted into a shell ("Customer Name", "Old Notes")', () => {
  const text = 'Customer Name,Monthly Income,Old Notes,Churn\n' + rows(60, (i) => `Name ${i},${3000 + i},,${i % 2 ? 'Yes' : 'No'}`);
  assertDataError(() => parseCsv(text, { file: 's.csv' }), 's.csv', /: --ignore 'Customer Name,Old Notes' leaves them out;/);
  assertDataError(() => parseCsv(text, { file: 's.csv', ignore: ['Customer Name'] }), 's.csv', /ignore it \(--ignore 'Old Notes'\)$/);
  assertDataError(() => parseCsv(text, { file: 's.csv', ignore: ['Old Notes'] }), 's.csv', /--ignore 'Customer Name', or --categorical 'Customer Name' to encode it anyway$/);
  assert.equal(shellWord('Age'), 'Age');
  assert.equal(shellWord('od280/od315_of_diluted_wines'), 'od280/od315_of_diluted_wines');
  assert.equal(shellWord("it's"), `'it'\\''s'`);
});

test('a column pandas named "Unnamed: 3" (a trailing delimiter read back and written again) is an unnamed column: left out when empty, never the default target', () => {
  const notes: string[] = [];
  const data = parseCsv('a,b,y,Unnamed: 3\n' + rows(30, (i) => `${i % 4},${i % 3},${i % 2},`), { file: 't.csv', onNote: (n) => notes.push(n) });
  assert.deepEqual(data.featureNames, ['a', 'b']);
  assert.deepEqual(data.targetNames, ['y']);
  assert.deepEqual(notes, ['t.csv: left out column 4: no header name and every cell empty (spreadsheet leftovers)']);
});
