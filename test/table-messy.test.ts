/**
 * Messy real-world tables, read as a pandas / scikit-learn user expects: pandas' missing markers
 * ('-' and '?' are text), extra markers and a thousands separator, numbers written with
 * separators / '%' / currency named in the messages, text targets with a class per row refused,
 * spreadsheet leftovers (rows of empty cells, unnamed empty columns) left out with a note, and
 * hints about the default target.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Matrix } from '../src/matrix.js';
import { createCsvParser, parseCsv, readCell } from '../src/data/index.js';
import { UsageError } from '../src/errors/usage-error.js';
import type { CsvOptions } from '../src/data/csv.js';
import { missingMarkers } from '../src/data/cells.js';
import { numberFormat } from '../src/data/number-format.js';
import { assertDataError } from './helpers/data-errors.js';
import { assertOneLineError, cli, tempDir } from './cli-run.js';

/** Parses with notes collected. */
function read(text: string, options: CsvOptions = {}): { notes: string[]; data: ReturnType<typeof parseCsv> } {
  const notes: string[] = [];
  const data = parseCsv(text, { file: 't.csv', ...options, onNote: (n) => notes.push(n) });
  return { notes, data };
}

const rows = (n: number, row: (i: number) => string) => Array.from({ length: n }, (_, i) => row(i)).join('\n') + '\n';

test("missing markers are pandas' defaults, compared exactly; '-' and '?' are text; extra markers add to them", () => {
  for (const t of ['', '#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN', '<NA>', 'N/A', 'NA', 'NULL', 'NaN', 'None', 'n/a', 'nan', 'null']) assert.equal(readCell(t), 'missing', t);
  for (const t of ['-', '?', 'none', 'NONE', 'Null', 'na', '--', 'missing']) assert.equal(readCell(t), 'text', t);
  assert.equal(readCell('?', '.', { naValues: missingMarkers(['?']) }), 'missing');
  assert.equal(readCell('NA', '.', { naValues: missingMarkers(['?'], false) }), 'text');
  assert.equal(readCell('', '.', { naValues: missingMarkers([], false) }), 'missing');
  // A '+'/'-' target (UCI credit approval) is two classes, a '+'/'-' input two categories.
  const { data } = read('a,s,y\n' + rows(10, (i) => `${i},${i % 2 ? '+' : '-'},${i % 3 ? '+' : '-'}`));
  assert.deepEqual(data.classNames, ['+', '-']);
  assert.deepEqual(data.columns?.[1], { name: 's', kind: 'categorical', categories: ['-', '+'] });
  // '#N/A' (Excel) in a column that is not the first is missing.
  assert.equal(read('a,b,y\n1,#N/A,0\n2,3,1\n', { missing: 'mean' }).data.inputs instanceof Matrix, true);
  assert.ok(Number.isNaN((read('a,b,y\n1,#N/A,0\n2,3,1\n', { missing: 'mean' }).data.inputs as Matrix).get(0, 1)));
});

test("a few repeated text tokens among numbers get a --na-values hint; naValues reads them as missing (numeric markers too)", () => {
  const text = 'a,y\n' + rows(30, (i) => `${i % 7 === 3 ? '?' : i * 1.5},${i % 2}`);
  assertDataError(() => parseCsv(text, { file: 'q.csv' }), 'q.csv:5:1', /"\?" in column "a" is not a number, but the column holds 26 numbers and 4 text cells \("\?"\); if it marks a missing value, --na-values '\?' reads it as missing; else fix the cells, or treat the column as categories \(--categorical a\)$/);
  const x = parseCsv(text, { naValues: ['?'], missing: 'mean' }).inputs as Matrix;
  assert.equal(x.toArray().filter((r) => Number.isNaN(r[0]!)).length, 4);
  // A typo is no marker: no hint.
  assertDataError(() => parseCsv('a,b,c\n1,2,3\n4,x7,6\n7,8,9\n', { file: 'm.csv' }), 'm.csv:3:2', /"x7" in column "b" is not a number, .*; fix the cell, or treat the column as categories \(--categorical b\)$/);
  // A marker that is a number ("-999") wins over the number fast paths.
  const sentinel = 'a,b,y\n' + rows(5000, (i) => `${i % 10 === 0 ? -999 : i},${i % 3},${i % 2}`);
  const kept = parseCsv(sentinel, { naValues: ['-999'], missing: 'mean' }).inputs as Matrix;
  assert.equal(kept.toArray().filter((r) => Number.isNaN(r[0]!)).length, 500);
});

test('numbers written with thousands separators, % or currency are read as the numbers they write, with a note; --thousands reads them silently', () => {
  assert.equal(numberFormat('1,234'), 'thousands');
  assert.equal(numberFormat('1,234,567.25'), 'thousands');
  assert.equal(numberFormat('12.5%'), 'percent');
  assert.equal(numberFormat('$1,200'), 'currency');
  assert.equal(numberFormat('-€3'), 'currency');
  assert.equal(numberFormat('3 €'), 'currency');
  assert.equal(numberFormat('1.234,5', ','), 'thousands');
  for (const t of ['1,23', 'abc', '12,5', '%', '$']) assert.equal(numberFormat(t), undefined, t);
  // Plain numbers and grouped ones in one column (900 beside "1,101"): all numbers.
  const amounts = 'amount,y\n' + rows(40, (i) => `"${i % 2 ? `1,${String(100 + i).padStart(3, '0')}` : 900 + i}",${i % 2}`);
  const grouped = read(amounts);
  assert.deepEqual(grouped.data.columns?.[0], { name: 'amount', kind: 'numeric' });
  assert.deepEqual([0, 1, 2].map((r) => (grouped.data.inputs as Matrix).get(r, 0)), [900, 1101, 902]);
  assert.ok(grouped.notes.includes('t.csv: column "amount" holds numbers written with "," as thousands separator ("1,101"): read as the numbers they write (1101)'), grouped.notes.join('\n'));
  const read1 = read(amounts, { thousands: ',' });
  assert.equal((read1.data.inputs as Matrix).get(1, 0), 1101);
  assert.deepEqual(read1.data.columns?.[0], { name: 'amount', kind: 'numeric' });
  assert.ok(!read1.notes.some((n) => n.includes('read as the numbers they write')), 'with --thousands the cells are plain numbers');
  assert.equal((parseCsv('a;y\n"1.234,5";1\n2;0\n', { thousands: '.' }).inputs as Matrix).get(0, 0), 1234.5);
  assert.throws(() => parseCsv('a,y\n1,2\n', { thousands: '.' }), (e: unknown) => e instanceof UsageError && /thousands separator "\." is also the decimal mark/.test(e.message));
  const rates = read('rate,y\n' + rows(40, (i) => `${i}.5%,${i % 2}`));
  assert.equal((rates.data.inputs as Matrix).get(3, 0), 3.5);
  assert.ok(rates.notes.includes('t.csv: column "rate" holds percentages ("0.5%"): read as the numbers they write (0.5, not 0.005)'), rates.notes.join('\n'));
  const prices = read('price,y\n' + rows(40, (i) => `"$${i},${String(i * 7).padStart(3, '0')}",${i % 2}`));
  assert.equal((prices.data.inputs as Matrix).get(2, 0), 2014);
  // A few distinct '5%' values are numbers too, not categories.
  const { notes, data } = read('discount,y\n' + rows(40, (i) => `${(i % 4) * 5}%,${i % 2}`));
  assert.equal(data.columns?.[0]?.kind, 'numeric');
  assert.deepEqual(notes, ['t.csv: column "discount" holds percentages ("0%"): read as the numbers they write (0)']);
  // --categorical keeps them as categories; text beside them is a mixed column, named with its cell.
  assert.equal(read('discount,y\n' + rows(40, (i) => `${(i % 4) * 5}%,${i % 2}`), { categorical: ['discount'] }).data.columns?.[0]?.kind, 'categorical');
  assertDataError(() => parseCsv('price,y\n' + rows(40, (i) => `${i === 7 ? 'tbd' : `$${i}`},${i % 2}`), { file: 'p.csv' }), 'p.csv:9:1', /"tbd" in column "price" is not a number, but the column holds 39 numbers and 1 text cell/);
});

test("a ';' file read with decimal ',' whose column writes '.' (\"2.25\") is named as such, not as an identifier or a bad cell", () => {
  assert.equal(numberFormat('2.25', ','), 'decimal');
  assert.equal(numberFormat('-.5', ','), 'decimal');
  assert.equal(numberFormat('1.234', ','), 'thousands');
  assert.equal(numberFormat('2.25'), undefined);
  assert.equal(numberFormat('1,23'), undefined);
  const fix = '--decimal . reads them if the whole file writes "."; else write them with ","';
  const perRow = 'a;b;y\n' + rows(30, (i) => `${i % 9},5;${i}.${i % 7}5;${i % 2}`);
  assertDataError(() => parseCsv(perRow, { file: 'm.csv' }), 'm.csv', new RegExp(`^m\\.csv: column "b" holds numbers written with "\\." as the decimal mark \\("0\\.05"\\) in a file read with ",": ${fix.replace(/[.]/g, '\\.')}, or --categorical b to encode each value as a category$`));
  // Mixed with whole numbers (read as numbers), and as the few categories of a note.
  const mixed = 'a;b;y\n' + rows(30, (i) => `${i},5;${i % 2 ? i : `${i}.5`};${i % 2}`);
  assertDataError(() => parseCsv(mixed, { file: 'm.csv' }), 'm.csv:2:2', /column "b" holds numbers written with "\." as the decimal mark \("0\.5"\) in a file read with "," \(the column holds 15 numbers and 15 text cells\)/);
  const few = read('a;b;y\n' + rows(30, (i) => `${i % 5},5;${i % 3}.5;${i % 2}`));
  assert.ok(few.notes.includes(`t.csv: column "b" holds numbers written with "." as the decimal mark ("0.5") in a file read with ",", read as 3 categories; ${fix}`), few.notes.join('\n'));
  assert.equal((parseCsv(perRow.replace(/(\d),5;/g, '$1.5;'), { decimal: '.' }).inputs as Matrix).get(1, 1), Math.fround(1.15));
  // A target so written.
  assertDataError(() => parseCsv('a;y\n' + rows(60, (i) => `${i % 9},5;${i}.25`), { file: 't.csv' }), 't.csv', /they are numbers written with "\." as the decimal mark \("0\.25"\) in a file read with ",", which are text to the reader \(--task regression reads them no better\); --decimal \. reads them if the whole file writes "\."; else write them with ",", or --task classification/);
});

test('negative numbers written with the typographic minus "−" (U+2212) are read as negatives, with a note', () => {
  assert.equal(numberFormat('−1.5'), 'minus');
  assert.equal(numberFormat('−1,5', ','), 'minus');
  for (const t of ['−', '−x', '−-1', '−1,234.5']) assert.equal(numberFormat(t), undefined, t);
  const temps = 'temp,y\n' + rows(40, (i) => `${i % 2 ? '−' : ''}${i}.5,${i % 2}`);
  const warm = read(temps);
  assert.deepEqual([0, 1].map((r) => (warm.data.inputs as Matrix).get(r, 0)), [0.5, -1.5]);
  assert.ok(warm.notes.includes('t.csv: column "temp" holds negative numbers written with the minus sign "−" (U+2212) ("−1.5"): read as the numbers they write (-1.5)'), warm.notes.join('\n'));
  // As a target, they are read as the numbers they write.
  assert.deepEqual(Array.from(parseCsv('a,y\n' + rows(60, (i) => `${i % 7},−${i}.25`)).targets!.data.subarray(0, 2)), [-0.25, -1.25]);
});

test('a target of numbers written for people ("$1,200", "12%", "(0.65)", "1 234,5") is read as the numbers they write, with a note', () => {
  const money = 'rooms,price\n' + rows(300, (i) => `${i % 5},"$${100 + i},${String(i).padStart(3, '0')}"`);
  const notes: string[] = [];
  const read = parseCsv(money, { file: 'money.csv', onNote: (line) => notes.push(line) });
  assert.equal(read.task, 'regression');
  assert.deepEqual(Array.from(read.targets!.data.subarray(0, 3)), [100000, 101001, 102002]);
  assert.ok(notes.includes('money.csv: target "price" holds amounts with a currency sign ("$100,000"): read as the numbers they write (100000)'), notes.join('\n'));
  assert.deepEqual(Array.from(parseCsv(money, { task: 'regression' }).targets!.data.subarray(0, 2)), [100000, 101001]);
  // Asked for as classes, each text stays a class.
  assert.equal(parseCsv(money, { task: 'classification' }).classNames.length, 300);
  // Plain numbers and amounts in one target are one kind; percentages are the number written; parentheses negative; ';' files with ',' decimals.
  const mixed = parseCsv('x,y\n' + rows(40, (i) => `${i},${i % 2 ? `"$${i},500.25"` : `${i}500.25`}`), { task: 'regression' });
  assert.deepEqual(Array.from(mixed.targets!.data.subarray(0, 2)), [500.25, 1500.25]);
  const shares: string[] = [];
  const pct = parseCsv('x,share\n' + rows(40, (i) => `${i},${i}.5%`), { onNote: (line) => shares.push(line) });
  assert.equal(pct.task, 'regression');
  assert.equal(pct.targets!.data[3], 3.5);
  assert.ok(shares.some((n) => n.endsWith('target "share" holds percentages ("0.5%"): read as the numbers they write (0.5, not 0.005)')), shares.join('\n'));
  const losses = parseCsv('x,pnl\n' + rows(40, (i) => `${i},${i % 2 ? `(${i}.25)` : `${i}.25`}`));
  assert.equal(losses.targets!.data[1], -1.25);
  const euro = parseCsv('x;Preis\n' + rows(40, (i) => `${i};${i + 1} 234,5 €`));
  assert.equal(euro.targets!.data[0], 1234.5);
  // Few distinct whole amounts are classes as plain whole numbers would be, named as written.
  const tiers = parseCsv('x,tier\n' + rows(40, (i) => `${i},$${10 * (1 + (i % 3))}`));
  assert.equal(tiers.task, 'classification');
  assert.deepEqual(tiers.classNames, ['$10', '$20', '$30']);
  const names = 'x,name\n' + rows(100, (i) => `${i % 3},person${i}`);
  assertDataError(() => parseCsv(names, { file: 'n.csv', target: 'name' }), 'n.csv', /target "name" holds 100 distinct text values in 100 rows: it looks like an identifier or free text, not classes/);
  // 50 classes in 100 rows stay classes.
  assert.equal(parseCsv('x,c\n' + rows(100, (i) => `${i},k${i % 50}`)).classNames.length, 50);
});

test('spreadsheet leftovers: rows of empty cells skipped, unnamed empty columns left out (as default target, and under --missing drop)', () => {
  const sheet = 'a,b,label,,\n1,x,yes,,\n2,y,no,,\n,,,,\n3,x,no,,\n,,,,\n';
  const { notes, data } = read(sheet);
  assert.deepEqual(data.featureNames, ['a', 'b']);
  assert.deepEqual(data.targetNames, ['label']);
  assert.equal((data.inputs as Matrix).rows, 3);
  assert.deepEqual((data.inputs as Matrix).toArray(), [[1, 0], [2, 1], [3, 0]]);
  assert.deepEqual(notes, ['t.csv: left out columns 4, 5: no header name and every cell empty (spreadsheet leftovers)', 't.csv: skipped 2 rows whose cells are all empty']);
  const dropped = read('a,b,,label\n1,,,yes\n2,3,,no\n4,5,,yes\n', { missing: 'drop' });
  assert.equal((dropped.data.inputs as Matrix).rows, 2);
  assert.deepEqual(dropped.data.featureNames, ['a', 'b']);
  // An unnamed column that gets a value late is an ordinary input: under drop, the rows before lack it.
  const late = read('a,,y\n1,,0\n2,,1\n3,7,0\n4,8,1\n', { missing: 'drop' });
  assert.equal((late.data.inputs as Matrix).rows, 2);
  assert.deepEqual(late.data.featureNames, ['a', 'column2']);
  assert.deepEqual(late.notes, ['t.csv: dropped 2 of 4 rows with missing cells (--missing drop; missing cells per column: column2 2)']);
  // An unnamed column after the target that holds values: an input, with a note.
  const trailing = read('a,y,\n1,0,5\n2,1,6\n');
  assert.deepEqual(trailing.data.targetNames, ['y']);
  assert.match(trailing.notes.join('|'), /the target is "y", the last column with a header name; the unnamed column after it is an input \(column3\); --target column3 to choose it/);
});

test('a trailing delimiter on the data rows only, or on the header only, is read as such, with a note (not a ragged row or a --skip-rows hint)', () => {
  const clean = read('a,b,y\n1,2,0\n3,4,1\n5,,0\n', { missing: 'mean' }).data;
  for (const [text, note] of [
    ['a,b,y\n1,2,0,\n3,4,1,\n5,,0,\n', 't.csv: the data rows end with a "," the first row does not: read as a trailing delimiter, not as a column'],
    ['a,b,y,\n1,2,0\n3,4,1\n5,,0\n', 't.csv: the first row ends with a "," the data rows do not: read as a trailing delimiter, not as a column'],
  ] as const) {
    for (const chunks of [[text], [...text]]) {
      const notes: string[] = [];
      const parser = createCsvParser({ file: 't.csv', missing: 'mean', onNote: (n) => notes.push(n) });
      for (const chunk of chunks) parser.push(chunk);
      const data = parser.end();
      assert.deepEqual(notes, [note]);
      assert.deepEqual(data.featureNames, ['a', 'b']);
      assert.deepEqual((data.inputs as Matrix).toArray(), (parseCsv('a,b,y\n1,2,0\n3,4,1\n5,,0\n', { missing: 'mean' }).inputs as Matrix).toArray());
      assert.deepEqual(data.labels, clean.labels);
    }
  }
  // Tab files too, and a row whose last cell is missing before the trailing delimiter.
  const tabs = read('a\tb\ty\n1\t2\t0\t\n3\t4\t\t\n5\t6\t1\t\n', { missing: 'mean' });
  assert.deepEqual(tabs.notes, ['t.csv: the data rows end with a tab the first row does not: read as a trailing delimiter, not as a column', 't.csv: dropped 1 row whose target "y" is missing (a row without a target can be neither trained on nor scored)']);
  // After the first records show the trailing delimiter, a row with a value in that field is still ragged.
  assertDataError(() => parseCsv(`a,b,y\n${rows(25, (i) => `${i},2,${i % 2},`)}3,4,1,9\n`, { file: 't.csv' }), 't.csv:27:4', /^t\.csv:27:4: expected 3 fields as in the first row, found 4; a cell holding "," must be in quotes \("a, b"\): fix or delete that line$/);
});

test("row names without a header name (R's write.table) are an unnamed first column, column1; a title line over the table still gets the --skip-rows hint", () => {
  const note = "t.csv: the data rows have one field more than the first row: read as row names without a header name (as R's write.table writes them), an unnamed first column, column1";
  const named = read('"mpg","cyl","am"\n' + rows(30, (i) => `"Car ${i}",${20 + (i % 7)},${4 + 2 * (i % 3)},${i % 2}`), { ignore: ['column1'] });
  assert.deepEqual(named.notes, [note]);
  assert.deepEqual(named.data.featureNames, ['mpg', 'cyl']);
  assert.equal((named.data.inputs as Matrix).get(1, 0), 21);
  assertDataError(() => parseCsv('mpg,cyl,am\n' + rows(30, (i) => `Car ${i},${20 + (i % 7)},${4 + 2 * (i % 3)},${i % 2}`), { file: 't.csv' }), 't.csv', /column "column1" looks like an identifier \(30 distinct values in 30 rows\): --ignore column1/);
  // Row numbers as names: a counter, left out as one (tab-separated, as R users often write).
  const numbered = read('mpg\tcyl\tam\n' + rows(30, (i) => `${i + 1}\t${20 + (i % 7)}\t${4 + 2 * (i % 3)}\t${i % 2}`));
  assert.deepEqual(numbered.data.featureNames, ['mpg', 'cyl']);
  assert.equal(numbered.notes[0], note);
  assert.ok(!numbered.notes.some((n) => n.includes('delimiter')), numbered.notes.join('\n'));
  // A title of two cells over a table of three columns is not row names: the hint stays.
  assertDataError(() => parseCsv('Sales report,2023\na,b,y\n' + rows(30, (i) => `${i % 5},${i % 3},${i % 2}`), { file: 't.csv' }), 't.csv:2:3', /expected 2 fields as in the first row, found 3; if the table starts on line 2, pass --skip-rows 1$/);
  assertDataError(() => parseCsv('a,b\n' + rows(30, (i) => `r${i},${i % 5},${i % 2}`), { file: 't.csv', header: false }), 't.csv:2:3', /expected 2 fields as in the first row, found 3/);
});

test('CLI: train, evaluate and predict read a file whose data rows end with a trailing delimiter, or start with row names, the same way', async () => {
  const dir = tempDir();
  const file = join(dir, 'export.csv');
  writeFileSync(file, 'a,b,y\n' + rows(40, (i) => `${i},${(i * 0.3).toFixed(1)},${i % 2},`));
  const model = join(dir, 'm.json');
  const trained = await cli(['train', file, '--no-out', '--epochs', '1', '--save', model]);
  assert.equal(trained.code, 0, trained.stderr);
  const note = 'export.csv: the data rows end with a "," the first row does not: read as a trailing delimiter, not as a column';
  const said = trained.stdout + trained.stderr;
  assert.ok(said.split('\n').some((line) => line.endsWith(note)), said);
  assert.ok(!said.includes('delimiter is unclear'), said);
  assert.equal((await cli(['evaluate', model, file])).code, 0);
  const predicted = await cli(['predict', model, file]);
  assert.equal(predicted.code, 0, predicted.stderr);
  assert.ok(predicted.stderr.includes(note), predicted.stderr); // predict keeps stdout for the predictions
  assert.equal(predicted.stdout.trim().split('\n').length, 41);
  // Row names (R's write.table): predict reads them as train does, and --keep names them column1.
  const r = join(dir, 'r.tsv');
  writeFileSync(r, 'a\tb\ty\n' + rows(40, (i) => `car${i}\t${i % 9}\t${(i * 0.3).toFixed(1)}\t${i % 2}`));
  const rModel = join(dir, 'r.json');
  assert.equal((await cli(['train', r, '--ignore', 'column1', '--no-out', '--quiet', '--epochs', '1', '--save', rModel])).code, 0);
  const kept = await cli(['predict', rModel, r, '--keep', 'column1']);
  assert.equal(kept.code, 0, kept.stderr);
  assert.deepEqual(kept.stdout.split('\n').slice(0, 2).map((line) => line.split(',')[0]), ['column1', 'car0']);
});

test('the default target: an empty target cell says it was chosen by default; a column named label elsewhere is named; case variants noted', () => {
  assertDataError(() => parseCsv('a,Embarked\n1,S\n2,\n', { file: 'tit.csv' }), 'tit.csv:3:2', /^tit\.csv:3:2: the target cell is empty \(target "Embarked", the last column, chosen by default; --target NAME to choose\); drop such rows \(--missing drop\)$/);
  assertDataError(() => parseCsv('a,Embarked\n1,S\n2,\n', { file: 'tit.csv', target: 'Embarked' }), 'tit.csv:3:2', /^tit\.csv:3:2: the target cell is empty; drop such rows/);
  const { notes } = read('label,p0,p1\n1,0,3\n0,1,4\n');
  assert.deepEqual(notes, ['t.csv: the target is "label", chosen by its name (the last column, "p1", is an input); --target p1 to choose that one']);
  assert.deepEqual(read('label,p0,target\n1,0,3\n0,1,4\n').notes, ['t.csv: the target is "target", the last column, chosen by default; column "label" looks like the target too: --target label to choose it']);
  assert.deepEqual(read('label,p0,p1\n1,0,3\n0,1,4\n', { target: 'p1' }).notes, []);
  const cased = read('x,y\n1,No\n2,no\n3,YES\n4,yes\n5,Yes\n');
  assert.deepEqual(cased.data.classNames, ['No', 'YES', 'Yes', 'no', 'yes']);
  assert.deepEqual(cased.notes, ['t.csv: target "y" has labels that differ only in case or spaces ("No" / "no", "YES" / "yes" / "Yes"): each is a class of its own; write them the same way to merge them']);
});

test('CLI: --na-values, --no-default-na and --thousands; refused on built-in data', async () => {
  const dir = tempDir();
  const file = join(dir, 'crx.csv');
  writeFileSync(file, 'A1,A2,A16\n' + rows(60, (i) => `${i % 2 ? 'a' : 'b'},${i % 9 === 4 ? '?' : (i * 0.7).toFixed(2)},${i % 3 ? '+' : '-'}`));
  assertOneLineError(await cli(['train', file, '--no-out']), 1, /crx\.csv:6:2: "\?" in column "A2" is not a number, .*--na-values '\?' reads it as missing/);
  const model = join(dir, 'crx.json');
  const ok = await cli(['train', file, '--no-out', '--quiet', '--epochs', '1', '--na-values', '?', '--missing', 'mean', '--json', '--save', model]);
  assert.equal(ok.code, 0, ok.stderr);
  // The model keeps how train read the cells: evaluate and predict read '?' as missing too.
  assert.deepEqual(JSON.parse(readFileSync(model, 'utf8')).metadata.source.naValues, ['?']);
  const evaluated = await cli(['evaluate', model, file, '--json']);
  assert.equal(evaluated.code, 0, evaluated.stderr);
  const predicted = await cli(['predict', model, '-'], 'A1,A2\na,?\nb,1.5\n');
  assert.equal(predicted.code, 0, predicted.stderr);
  assert.equal(predicted.stdout.trim().split('\n').length, 3);
  assert.match(JSON.parse(ok.stdout).taskReason, /target "A16" holds text \(2 distinct values: [+-], [+-]\)/);
  const none = join(dir, 'none.csv');
  writeFileSync(none, 'a,b,y\n' + rows(30, (i) => `${i % 5 === 0 ? 'NA' : i},"${1 + (i % 3)},000",${i % 2}`));
  const plain = await cli(['train', none, '--no-out', '--quiet', '--epochs', '1', '--no-default-na', '--thousands', ',']);
  assertOneLineError(plain, 1, /"NA" in column "a" is not a number.*--na-values 'NA'/);
  const thousands = await cli(['train', none, '--no-out', '--quiet', '--epochs', '1', '--thousands', ',', '--missing', 'mean', '--json']);
  assert.equal(thousands.code, 0, thousands.stderr);
  assertOneLineError(await cli(['train', 'iris', '--no-out', '--na-values', '?']), 2, /--na-values applies to CSV files; iris is not one$/);
  assertOneLineError(await cli(['train', 'iris', '--no-out', '--no-default-na']), 2, /--no-default-na applies to CSV files; iris is not one$/);
  assertOneLineError(await cli(['train', none, '--no-out', '--thousands', '12']), 2, /--thousands must be one character/);
});
