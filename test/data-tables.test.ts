/** Tables (CSV and in-memory rows): task rule, column kinds, missing cells, delimiters, encoding in the model. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Matrix } from '../src/matrix.js';
import { fitPreprocessing, parseCsv, preprocessingFromJSON, splitDataset } from '../src/data/index.js';
import { detectDelimiter } from '../src/data/delimiter.js';
import { datasetFromRows, prepareRawRows } from '../src/data/raw-rows.js';
import { inferTargetTask } from '../src/data/task-inference.js';
import { MISSING_TOKENS } from '../src/data/cells.js';
import { assertDataError } from './helpers/data-errors.js';

const column = (values: readonly (string | number)[]) => `x,y\n${values.map((v, i) => `${i},${v}`).join('\n')}\n`;

test('task rule: text or at most 20 distinct whole numbers is classification, anything else regression, with the reason', () => {
  const codes = parseCsv(column([0, 1, 2, 1, 0, 2]), { file: 'codes.csv' });
  assert.equal(codes.task, 'classification');
  assert.deepEqual(codes.classNames, ['0', '1', '2']);
  assert.equal(codes.taskReason, 'target "y" holds 3 integer values: 0, 1, 2; --task regression treats it as a number');
  const twenty = parseCsv(column(Array.from({ length: 40 }, (_, i) => i % 20)));
  assert.equal(twenty.task, 'classification');
  assert.equal(twenty.classNames.length, 20);
  const hundreds = parseCsv(column(Array.from({ length: 600 }, (_, i) => (i * 37) % 450)));
  assert.equal(hundreds.task, 'regression');
  assert.match(hundreds.taskReason!, /more than 20 distinct whole numbers \(450 integer values: 0, 1, 2, 3, 4, \.\.\.\); --task classification/);
  const fractions = parseCsv(column([0.5, 1, 1.5, 1]));
  assert.equal(fractions.task, 'regression');
  assert.match(fractions.taskReason!, /numbers that are not all whole/);
  const labels = parseCsv(column(['cat', 'dog', 'cat']));
  assert.equal(labels.task, 'classification');
  assert.match(labels.taskReason!, /target "y" holds text \(2 distinct values: cat, dog\)/);
  assert.equal(parseCsv(column([0, 1, 2]), { task: 'regression' }).task, 'regression');
  assert.equal(inferTargetTask({ name: 't', textValues: [], numbers: undefined, allIntegers: true }).task, 'regression');
  const decimalCodes = parseCsv('x;y\n1,5;1\n2,5;0\n', { file: 'eu.csv' });
  assert.deepEqual(decimalCodes.classNames, ['0', '1']);
  assert.deepEqual(Array.from((decimalCodes.inputs as Matrix).data), [1.5, 2.5]);
});

test('text input columns are categorical (codes into the categories seen), numeric ones stay numbers; --categorical forces categories', () => {
  const ds = parseCsv('zip,color,size,y\n1000,red,1.5,a\n2000,blue,2,b\n1000,red,3,a\n', { categorical: ['zip'] });
  assert.deepEqual(ds.columns, [
    { name: 'zip', kind: 'categorical', categories: ['1000', '2000'] },
    { name: 'color', kind: 'categorical', categories: ['red', 'blue'] },
    { name: 'size', kind: 'numeric' },
  ]);
  assert.deepEqual((ds.inputs as Matrix).toArray(), [[0, 0, 1.5], [1, 1, 2], [0, 0, 3]]);
});

test('column errors: identifier-like text, mixed numbers and text, duplicate names, unknown names with did-you-mean', () => {
  const ids = 'id,v,y\n' + Array.from({ length: 30 }, (_, i) => `c${i},${i},${i % 2}`).join('\n');
  assertDataError(() => parseCsv(ids, { file: 'ids.csv' }), 'ids.csv', /column "id" looks like an identifier \(30 distinct values in 30 rows\): --ignore id, or --categorical id to encode it anyway/);
  assert.equal(parseCsv(ids, { ignore: ['id'] }).featureNames.join(), 'v');
  const notes: string[] = [];
  parseCsv(ids, { file: 'ids.csv', ignore: ['id'], onNote: (n) => notes.push(n) });
  assert.deepEqual(notes, ['ids.csv: column "v" counts rows (0, 1, ... 29): it looks like an identifier; --ignore v leaves it out']);
  assert.equal(parseCsv(ids, { features: [1] }).featureNames.join(), 'v');
  assertDataError(() => parseCsv('a,b,c\n1,2,3\n4,x7,6\n7,8,9\n', { file: 'mixed.csv' }), 'mixed.csv:3:2', /"x7" in column "b" is not a number, but the column holds 2 numbers and 1 text cell; .*--categorical b/);
  assertDataError(() => parseCsv('a,b,a\n1,2,3\n', { file: 'dup.csv' }), 'dup.csv:1:3', /column name "a" appears twice \(columns 1 and 3\)/);
  assertDataError(() => parseCsv('price,age,y\n1,2,3\n', { file: 'f.csv', ignore: ['prise'] }), 'f.csv:1', /ignore: no column named "prise"\. Did you mean "price"\?/);
  assertDataError(() => parseCsv('a,b\n1,2\n', { file: 'f.csv', features: [5] }), 'f.csv:1', /features: column index 5 is outside 0\.\.1/);
  assertDataError(() => parseCsv('a b c\n1 2 3\n', { file: 'spaces.csv' }), 'spaces.csv:1', /the only column is "a b c", so no inputs are left; if the file has more, its delimiter was not recognised \(--delimiter\)/);
  assert.deepEqual(parseCsv('a b c\n1 2 3\n4 5 6\n', { delimiter: ' ' }).featureNames, ['a', 'b']);
});

test('missing cells: every token, error names the first and counts per column; drop and keep-for-imputation', () => {
  // pandas' default na_values, compared exactly: '?', '-', 'na', 'NONE' are text.
  assert.deepEqual(MISSING_TOKENS, ['', '#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN', '<NA>', 'N/A', 'NA', 'NULL', 'NaN', 'None', 'n/a', 'nan', 'null']);
  const tokens = ['', 'NA', 'N/A', 'nan', 'NULL', '<NA>', 'None'];
  const text = 'a,b,y\n' + tokens.map((t, i) => `${t},${i},${i % 2}`).join('\n') + '\n9,9,1\n';
  assertDataError(() => parseCsv(text, { file: 'gaps.csv' }), 'gaps.csv:2:1', /missing cell in column "a" \(missing cells per column: a 7\); choose --missing drop, mean, median or most-frequent/);
  const kept = parseCsv(text, { missing: 'mean' });
  const a = (kept.inputs as Matrix).toArray().map((r) => r[0]);
  assert.equal(a.filter((v) => Number.isNaN(v)).length, 7);
  const notes: string[] = [];
  const dropped = parseCsv(text, { missing: 'drop', onNote: (n) => notes.push(n) });
  assert.equal((dropped.inputs as Matrix).rows, 1);
  assert.deepEqual(notes, ['<string>: dropped 7 of 8 rows with missing cells (--missing drop; missing cells per column: a 7): column "a" is missing in 7 of 8 rows (88%); --ignore a keeps those rows']);
});

test('non-finite and out-of-range numbers are refused with the cell named', () => {
  assertDataError(() => parseCsv('a,b\n1,2\nInfinity,3\n', { file: 'inf.csv' }), 'inf.csv:3:1', /"Infinity" in column "a" is not a finite number/);
  assertDataError(() => parseCsv('a,b\n1,2\n1e39,3\n', { file: 'big.csv' }), 'big.csv:3:1', /"1e39" in column "a" is beyond the float32 range/);
  assertDataError(() => parseCsv('a,b\n1,2\n1e400,3\n', { file: 'huge.csv', dtype: 'float64' }), 'huge.csv:3:1', /not a finite number/);
  assert.equal((parseCsv('a,b\n1,2.5\n1e39,3.5\n', { dtype: 'float64' }).inputs as Matrix).get(1, 0), 1e39);
});

test('delimiters: comma, semicolon (with decimal comma), tab and pipe detected; ambiguity said in one line', () => {
  for (const d of [',', ';', '\t', '|']) {
    const decimal = d === ';' ? ',' : '.';
    const ds = parseCsv(['a', 'b', 'y'].join(d) + '\n' + [`1${decimal}5`, '2', '0.5'.replace('.', decimal)].join(d) + '\n' + ['3', '4', '1.5'.replace('.', decimal)].join(d) + '\n');
    assert.deepEqual((ds.inputs as Matrix).toArray(), [[1.5, 2], [3, 4]], JSON.stringify(d));
  }
  assert.equal(detectDelimiter('a;b,c\n1;2,3\n', { complete: true }).delimiter, ',');
  assert.match(detectDelimiter('a;b,c\n1;2,3\n', { complete: true }).note!, /^the delimiter is ambiguous: "," and ";" each split the first 2 lines evenly; reading ","/);
  assert.equal(detectDelimiter('id;price\n1;3,5\n2;4,25\n', { complete: true }).note, undefined);
  const notes: string[] = [];
  parseCsv('a;b,c\n1;2,3\n', { onNote: (n) => notes.push(n) });
  assert.equal(notes.length, 1);
});

test('rows in memory: records and arrays give the same data set as the CSV reader; raw rows predict through the fitted encoding', () => {
  const records = Array.from({ length: 40 }, (_, i) => ({ age: i % 9 === 0 ? null : 20 + i, plan: ['basic', 'pro'][i % 2], zip: 1000 + (i % 3) }));
  const y = records.map((_, i) => (i % 3 === 0 ? 'yes' : 'no'));
  const { dataset, task, taskReason } = datasetFromRows(records, y, { categorical: ['zip'] });
  assert.equal(task, 'classification');
  assert.match(taskReason, /target "y" holds text/);
  const arrays = datasetFromRows(records.map((r) => [r.age, r.plan, r.zip]), y, { featureNames: ['age', 'plan', 'zip'], categorical: ['zip'] }).dataset;
  assert.deepEqual(Array.from((arrays.inputs as Matrix).data), Array.from((dataset.inputs as Matrix).data));
  const { train } = splitDataset(dataset, { seed: 3 });
  assert.throws(() => fitPreprocessing(train, {}), /column "age" has \d+ missing cells/);
  const prep = fitPreprocessing(train, { missing: 'median', inputs: [] });
  const encoding = prep.encoding!;
  assert.deepEqual(encoding.columns.map((c) => (c.kind === 'numeric' ? 'numeric' : c.categories.join('|'))), ['numeric', 'basic|pro', '1000|1001|1002']);
  assert.equal(encoding.width, 6);
  const warnings: string[] = [];
  const x = prepareRawRows(prep, [{ zip: '1001', plan: 'gold', age: 30 }, { age: 'NA', plan: 'pro', zip: 1000 }], { warn: (w) => warnings.push(w) });
  const fill = encoding.columns[0]!.kind === 'numeric' ? encoding.columns[0]!.fill : undefined;
  assert.deepEqual(x.toArray(), [[30, 0, 0, 0, 1, 0], [fill!, 0, 1, 1, 0, 0]]);
  assert.deepEqual(warnings, ['warning: column "plan" has category "gold" that training did not see; encoded as all zeros']);
  const strict = fitPreprocessing(train, { missing: 'mean', unknownCategory: 'error' });
  assert.throws(() => prepareRawRows(strict, [[30, 'gold', 1000]]), /row 1: column "plan" has category "gold", which training did not see \(known: basic, pro\)/);
  const noFill = fitPreprocessing(datasetFromRows([[1], [2]], [0, 1]).dataset, {});
  assert.throws(() => prepareRawRows(noFill, [[null]]), /row 1: missing cell in column "x1", and the model was trained without imputation/);
});

test('the encoding round-trips through JSON and is validated; older preprocessing without it still loads', () => {
  const ds = parseCsv('color,v,y\nred,1,0\nblue,2,1\nred,NA,0\ngreen,4,1\n', { missing: 'most-frequent' });
  const prep = fitPreprocessing(ds, { missing: 'most-frequent', inputs: [{ kind: 'standardize' }] });
  const back = preprocessingFromJSON(JSON.parse(JSON.stringify(prep)));
  assert.deepEqual(back, prep);
  const rows = [['green', '4'], ['red', '']];
  assert.deepEqual(Array.from(prepareRawRows(back, rows).data), Array.from(prepareRawRows(prep, rows).data));
  const broken = JSON.parse(JSON.stringify(prep));
  broken.encoding.columns[0].fill = 'purple';
  assert.throws(() => preprocessingFromJSON(broken), /preprocessing\.encoding\.columns\[0\]\.fill \(column "color"\) is not one of its categories or null, got "purple"/);
  broken.encoding.columns[0].fill = null;
  broken.encoding.width = 99;
  assert.throws(() => preprocessingFromJSON(broken), /width 99 does not match the columns \(4\)/);
  const { encoding: _encoding, ...old } = JSON.parse(JSON.stringify(prep));
  old.featureNames = ['a', 'b'];
  assert.equal(preprocessingFromJSON(old).encoding, undefined);
});

test('given class names: text labels that are not among them are refused, even when the names are codes ("0", "1")', () => {
  assert.throws(() => datasetFromRows([[1, 2], [3, 4], [5, 6]], ['a', 'b', 'a'], { classNames: ['0', '1'] }), /target column "y" has label "a" \(2 rows, the first data row 1\), which is not one of the given classes 0, 1/);
  assert.throws(() => parseCsv('x,y\n1,a\n2,b\n3,a\n', { classNames: ['0', '1'] }), /has label "a" \(2 rows, the first data row 1\), which is not one of the given classes 0, 1/);
  // A number label the model never saw: how many rows hold it and the first, to find them in the file.
  assert.throws(() => parseCsv('x,y\n1,3\n2,11\n3,7\n4,11\n5,11\n', { classNames: ['3', '5', '7'] }), /has label "11" \(3 rows, the first data row 2\), which is not one of the given classes 3, 5, 7$/);
  // Numbers written another way still find their class ("1.0" for "1").
  assert.deepEqual(Array.from(parseCsv('x,y\n1,0.0\n2,1.0\n3,1\n', { classNames: ['0', '1'] }).labels!), [0, 1, 1]);
});

test('datasetFromRows: a targetName that is also an input column is named as such, not as a repeated column', () => {
  assert.throws(() => datasetFromRows([{ x1: 1, y: 2 }, { x1: 3, y: 4 }], [0, 1], { targetName: 'x1' }), /^UsageError: targetName "x1" is also the name of an input column: give the target another name \(targetName option\)$/);
});
