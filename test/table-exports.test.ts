/**
 * Real exports a stranger brings (found by writing Kaggle Titanic, UCI adult, European and
 * scikit-learn files and running train / evaluate / predict on them): a Ticket column of numbers
 * and codes with a value per row, a nearly empty column under --missing drop or imputation, a
 * numeric target with a "unknown" among its numbers, US-written amounts in a decimal-comma file,
 * and a column of free text.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Matrix } from '../src/matrix.js';
import { parseCsv } from '../src/data/index.js';
import type { CsvOptions } from '../src/data/csv.js';
import { assertDataError } from './helpers/data-errors.js';

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
