/**
 * What strangers' tables hold and the reader now names (found by reading Kaggle-like files):
 * an accountant's negatives "(0.65)" and money "($170.56)", dates, row counters (PassengerId)
 * left out of the inputs, several identifier-like text columns named in one run, and unseen
 * categories counted and matched against training's by case.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCsvParser, parseCsv } from '../src/data/index.js';
import type { Matrix } from '../src/matrix.js';
import { dateExample } from '../src/data/number-format.js';
import { namedLikeTime } from '../src/data/column-checks.js';
import { Classifier } from '../src/estimators/classifier.js';
import { createReferenceBackend } from '../src/backend/reference.js';
import { assertDataError } from './helpers/data-errors.js';

const rows = (n: number, row: (i: number) => string) => Array.from({ length: n }, (_, i) => row(i)).join('\n') + '\n';

test('negatives in parentheses and money with them are read as negative numbers, with a note', () => {
  const neg = 'neg,y\n' + rows(40, (i) => `${i % 2 === 0 ? `(${i}.5)` : `${i}.5`},${i % 2}`);
  const notes: string[] = [];
  const read = parseCsv(neg, { file: 'neg.csv', onNote: (n) => notes.push(n) });
  assert.deepEqual([0, 1, 2].map((r) => (read.inputs as Matrix).get(r, 0)), [-0.5, 1.5, -2.5]);
  assert.ok(notes.includes('neg.csv: column "neg" holds negative numbers in parentheses ("(0.5)"): read as the numbers they write (-0.5)'), notes.join('\n'));
  const money = 'money,y\n' + rows(40, (i) => `${i % 3 === 0 ? `"($${i}.25)"` : `"$1,${100 + i}.75"`},${i % 2}`);
  const amounts = parseCsv(money, { file: 'money.csv' });
  assert.deepEqual([0, 1].map((r) => (amounts.inputs as Matrix).get(r, 0)), [-0.25, Math.fround(1101.75)]);
});

test('dates: ISO dates and times are read as days since 1970-01-01 UTC with a note; other dates are named, as categories or refused', () => {
  const many = 'sold,y\n' + rows(40, (i) => `2006-07-${String((i % 28) + 1).padStart(2, '0')}T10:${String(i).padStart(2, '0')}:00,${i % 2}`);
  const isoNotes: string[] = [];
  const iso = parseCsv(many, { file: 'd.csv', onNote: (n) => isoNotes.push(n) });
  assert.deepEqual(iso.columns?.[0], { name: 'sold', kind: 'numeric' });
  assert.equal((iso.inputs as Matrix).get(1, 0), Math.fround(Date.UTC(2006, 6, 2, 10, 1) / 86_400_000));
  assert.deepEqual(isoNotes, ['d.csv: column "sold" holds dates ("2006-07-01T10:00:00"): read as days since 1970-01-01 UTC (13330.4167)']);
  // A daily series steps by 1 from row to row: still a feature, not a row counter; a zone is applied; a day that does not exist is text.
  const daily = parseCsv('day,y\n' + rows(40, (i) => `${new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10)},${i % 2}`));
  assert.deepEqual(daily.featureNames, ['day']);
  assert.equal((parseCsv('t,y\n' + rows(30, (i) => `2024-01-01T${String(i % 24).padStart(2, '0')}:00+02:00,${i % 2}`)).inputs as Matrix).get(2, 0), Math.fround(19723 - 2 / 24 + 2 / 24));
  assertDataError(() => parseCsv('d,y\n' + rows(30, (i) => `${i === 4 ? '2023-02-30' : `2023-02-${String(i % 28 + 1).padStart(2, '0')}`},${i % 2}`), { file: 'b.csv' }), 'b.csv:6:1', /"2023-02-30" in column "d" is not a number, but the column holds 29 numbers and 1 text cell/);
  const notes: string[] = [];
  const few = 'day,x,y\n' + rows(40, (i) => `${(i % 3) + 1}/12/2020,${i},${i % 2}`);
  const data = parseCsv(few, { file: 'f.csv', onNote: (n) => notes.push(n) });
  assert.equal(data.columns?.[0]?.kind, 'categorical');
  assert.ok(notes.some((n) => /column "day" holds dates \("1\/12\/2020"\), read as 3 categories; backprop reads dates written as ISO 8601 \(2024-01-03, read as days since 1970-01-01\), not these/.test(n)), notes.join('\n'));
  // Months (2015-01, ISO 8601 too) are their first day; Excel's US date-times (12/10/2021 03:24 AM) are dates, not identifiers.
  const months = 'month,y\n' + rows(40, (i) => `${2015 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')},${i % 2}`);
  assert.deepEqual([0, 13].map((r) => (parseCsv(months).inputs as Matrix).get(r, 0)), [Date.UTC(2015, 0, 1) / 86_400_000, Date.UTC(2016, 1, 1) / 86_400_000]);
  const us = 'when,y\n' + rows(40, (i) => `${(i % 12) + 1}/${(i % 27) + 1}/2021 ${String((i % 12) + 1).padStart(2, '0')}:${String(i).padStart(2, '0')} ${i % 2 ? 'PM' : 'AM'},${i % 2}`);
  assertDataError(() => parseCsv(us, { file: 'u.csv' }), 'u.csv', /column "when" holds dates \("1\/1\/2021 01:00 AM"\): backprop reads dates written as ISO 8601 \(2024-01-03, read as days since 1970-01-01\), not these: --ignore when, or write them so/);
  for (const text of ['2006', '12/10', '1-2', 'x2006-07', '12/10/2021,', '2019-20']) assert.equal(dateExample([text]), undefined, text);
});

test('a column that counts rows is left out of a CSV file\'s inputs with a note, unless --features names it or it is the only input', () => {
  const text = 'PassengerId,age,y\n' + rows(50, (i) => `${i + 1},${(i * 37) % 60},${i % 2}`);
  const notes: string[] = [];
  const data = parseCsv(text, { file: 't.csv', onNote: (n) => notes.push(n) });
  assert.deepEqual(data.featureNames, ['age']);
  assert.deepEqual(notes.filter((n) => n.includes('PassengerId')), ['t.csv: left out column "PassengerId" (1, 2, ... 50): it counts rows, an identifier, not a feature; --features NAMES chooses the inputs yourself']);
  assert.deepEqual(parseCsv(text, { features: ['PassengerId', 'age'] }).featureNames, ['PassengerId', 'age']);
  assert.deepEqual(parseCsv(text, { categorical: ['PassengerId'] }).featureNames, ['PassengerId', 'age'], '--categorical keeps it, as categories');
  assert.deepEqual(parseCsv(text, { ignore: ['age'] }).featureNames, ['PassengerId'], 'the only input stays');
  // Steps of 1 that are not whole numbers count nothing: an input, without a note (in text and in byte chunks).
  const halves = 'dose,age,y\n' + rows(50, (i) => `${i + 0.5},${(i * 37) % 60},${i % 2}`);
  const quiet: string[] = [];
  assert.deepEqual(parseCsv(halves, { file: 't.csv', onNote: (n) => quiet.push(n) }).featureNames, ['dose', 'age']);
  assert.deepEqual(quiet, []);
  const parser = createCsvParser({ file: 't.csv' });
  parser.pushBytes(new TextEncoder().encode(halves));
  assert.deepEqual(parser.end().featureNames, ['dose', 'age']);
});

test('a column named like a time that steps by 1 per row (annual data: year 1980, 1981, ...) is kept as an input with a note; an id that counts is still left out', () => {
  const text = 'id,year,rain,yield\n' + rows(44, (i) => `${i + 1},${1980 + i},${(i * 37) % 60},${i % 7}.5`);
  const notes: string[] = [];
  const data = parseCsv(text, { file: 'a.csv', onNote: (n) => notes.push(n) });
  assert.deepEqual(data.featureNames, ['year', 'rain']);
  assert.ok(notes.includes('a.csv: column "year" steps by 1 from row to row (1980, 1981, ... 2023); named like a time, it is kept as an input (--ignore year leaves it out)'), notes.join('\n'));
  assert.ok(notes.some((n) => n.startsWith('a.csv: left out column "id" (1, 2, ... 44)')), notes.join('\n'));
  for (const name of ['Year', 'fiscal_year', 'birthYear', 't', 'Day', 'time step']) assert.ok(namedLikeTime(name), name);
  for (const name of ['id', 'PassengerId', 'yearly_income_band', 'stay', 'tday']) assert.ok(!namedLikeTime(name), name);
  // In byte chunks too (the fast path keeps the same column states).
  const parser = createCsvParser({ file: 'a.csv' });
  parser.pushBytes(new TextEncoder().encode(text));
  assert.deepEqual(parser.end().featureNames, ['year', 'rain']);
});

test('a numeric input named like an identifier or a code (customer_id, StoreID) gets a note; a counter is left out; paid, COVID and grid are no such names', () => {
  const text = 'customer_id,StoreID,paid,COVID,grid,y\n' + rows(30, (i) => `${100000 + i * 7919},${i % 4},${i % 3},${i % 2},${i % 5},${i % 2}`);
  const notes: string[] = [];
  const data = parseCsv(text, { file: 't.csv', onNote: (n) => notes.push(n) });
  assert.deepEqual(data.featureNames, ['customer_id', 'StoreID', 'paid', 'COVID', 'grid']);
  assert.deepEqual(notes, ['customer_id', 'StoreID'].map((n) => `t.csv: column "${n}" is named like an identifier or a code but is read as a number, whose size means something to the network; --categorical ${n} if its values are codes, --ignore ${n} if it names the rows`));
  assert.deepEqual(parseCsv(text, { categorical: ['StoreID'], ignore: ['customer_id'], onNote: (n) => assert.fail(n) }).featureNames, ['StoreID', 'paid', 'COVID', 'grid']);
  const counted: string[] = [];
  parseCsv('id,x,y\n' + rows(30, (i) => `${i + 1},${i % 3},${i % 2}`), { file: 't.csv', onNote: (n) => counted.push(n) });
  assert.deepEqual(counted, ['t.csv: left out column "id" (1, 2, ... 30): it counts rows, an identifier, not a feature; --features NAMES chooses the inputs yourself']);
});

test('several identifier-like text columns are named in one error, in column order', () => {
  const text = 'Name,Sex,Ticket,y\n' + rows(40, (i) => `"Smith${i}, Mr.",${i % 2 ? 'male' : 'female'},A/${i * 7},${i % 2}`);
  assertDataError(() => parseCsv(text, { file: 'titanic.csv' }), 'titanic.csv', /: columns "Name", "Ticket" look like identifiers \(distinct values in 40 rows: "Name" 40, "Ticket" 40\): --ignore Name,Ticket, or --categorical NAME to encode one anyway$/);
});

test('identifiers, dates and empty columns are named together in one error, with one --ignore; amounts beside them are numbers', () => {
  // "2023/01/01 10:00": a date the reader names but does not read (not ISO 8601).
  const text = 'order_id,placed,qty,price,notes,y\n' + rows(40, (i) => `ORD-${i},2023/01/${String((i % 28) + 1).padStart(2, '0')} 10:${String(i).padStart(2, '0')},${i % 5},"$${i + 1},${100 + i}.50",,${i % 2}`);
  assertDataError(
    () => parseCsv(text, { file: 'orders.csv' }),
    'orders.csv',
    /^orders\.csv: 3 columns cannot be inputs as they are \(order_id: an identifier, 40 distinct values in 40 rows; placed: dates \("2023\/01\/01 10:00"\); notes: every cell missing\): --ignore order_id,placed,notes leaves them out; ignore all but one of them to see how to keep that one$/,
  );
  // Ignoring all but one gives that one's own message, with its fix; the amounts are read.
  assertDataError(() => parseCsv(text, { file: 'orders.csv', ignore: ['order_id', 'notes'] }), 'orders.csv', /column "placed" holds dates \("2023\/01\/01 10:00"\): backprop reads dates written as ISO 8601/);
  const kept = parseCsv(text, { file: 'orders.csv', ignore: ['order_id', 'placed', 'notes'] });
  assert.deepEqual(kept.featureNames, ['qty', 'price']);
  assert.equal((kept.inputs as Matrix).get(0, 1), 1100.5);
  // Written as ISO 8601, the dates are an input.
  assert.deepEqual(parseCsv(text.replace(/2023\/01\//g, '2023-01-'), { ignore: ['order_id', 'notes'] }).featureNames, ['placed', 'qty', 'price']);
  // A mixed column first is named alone (it is usually one bad cell).
  assertDataError(() => parseCsv('a,b,y\n' + rows(40, (i) => `${i === 3 ? 'x' : i % 7},ID${i},${i % 2}`), { file: 'm.csv' }), 'm.csv:5:1', /"x" in column "a" is not a number/);
});

test('a label with a "." after it (UCI adult.test\'s "<=50K.") gets the class as the guess; other unknown labels none', () => {
  const text = (label: string) => `age,income\n30,<=50K\n40,${label}\n`;
  assertDataError(() => parseCsv(text('>50K.'), { file: 'adult.test', classNames: ['<=50K', '>50K'] }), 'adult.test', /has label ">50K\." \(\d+ rows?, the first data row \d+\), which is not one of the given classes <=50K, >50K; did you mean ">50K"\? \(labels are matched exactly: this one has a "\." after it\); remove the "\." after the labels to score them against the model's classes$/);
  assertDataError(() => parseCsv(text('maybe'), { file: 'adult.test', classNames: ['<=50K', '>50K'] }), 'adult.test', /which is not one of the given classes <=50K, >50K$/);
});

test('unseen categories at predict time: counted, the first few shown, and a case variant of a known one pointed out', async () => {
  const x = Array.from({ length: 40 }, (_, i) => ({ sex: i % 2 ? 'male' : 'female', age: (i * 7) % 30 }));
  const warnings: string[] = [];
  const clf = new Classifier({ epochs: 1, backend: createReferenceBackend(), warn: (m) => warnings.push(m) });
  await clf.fit(x, x.map((_, i) => i % 2));
  clf.predict([{ sex: 'MALE', age: 3 }, { sex: 'x', age: 4 }, { sex: 'x', age: 5 }, { sex: 'y', age: 1 }]);
  assert.deepEqual(warnings, ['warning: column "sex" has 3 categories ("MALE", "x", "y") that training did not see in 4 cells (training saw "male", not "MALE": categories are matched exactly); encoded as all zeros']);
});

test('class balance: a class with fewer than 5 rows and a class of 90 % or more get a note each; balanced classes none', () => {
  const notes: string[] = [];
  const text = 'a,y\n' + rows(300, (i) => `${(i * 7) % 11},${i === 5 ? 'rare' : i % 20 ? 'no' : 'yes'}`);
  parseCsv(text, { file: 'imb.csv', onNote: (n) => notes.push(n) });
  assert.deepEqual(notes, [
    'imb.csv: target "y" has a class with fewer than 5 rows ("rare" 1): too few to learn, or to be both trained and tested on',
    'imb.csv: target "y" is "no" in 94.7% of the rows: always answering "no" scores that accuracy, so compare the model against it (the per-class recall says more)',
  ]);
  const balanced: string[] = [];
  parseCsv('a,y\n' + rows(300, (i) => `${(i * 7) % 11},${i % 3}`), { onNote: (n) => balanced.push(n) });
  assert.deepEqual(balanced.filter((n) => n.includes('target')), []);
});

test('the default target is the one column named like a target (label first, as many exports put it), else the last column', () => {
  const rows = (header: string) => `${header}\n${Array.from({ length: 12 }, (_, i) => `${i % 2},${i * 0.5},${(i * 7) % 5}`).join('\n')}\n`;
  const notes: string[] = [];
  const first = parseCsv(rows('label,x1,x2'), { file: 'first.csv', onNote: (n) => notes.push(n) });
  assert.deepEqual(first.targetNames, ['label']);
  assert.deepEqual(first.featureNames, ['x1', 'x2']);
  assert.ok(notes.some((n) => n.includes('the target is "label", chosen by its name (the last column, "x2", is an input); --target x2 to choose that one')), notes.join('\n'));
  // Two target-like names, or a target-like last column: the last column, as before.
  assert.deepEqual(parseCsv(rows('class,y,x'), { file: 'two.csv' }).targetNames, ['x']);
  assert.deepEqual(parseCsv(rows('Target,x,Y'), { file: 'last.csv' }).targetNames, ['Y']);
  // --target always wins.
  assert.deepEqual(parseCsv(rows('label,x1,x2'), { file: 'chosen.csv', target: 'x2' }).targetNames, ['x2']);
});

test('ignore naming the target is refused with one line, not silently dropped from the inputs', () => {
  const text = `a,b,y\n${Array.from({ length: 10 }, (_, i) => `${i},${i % 3},${i % 2}`).join('\n')}\n`;
  assert.throws(() => parseCsv(text, { file: 'd.csv', ignore: ['y'] }), /d\.csv:1: ignore: "y" is the target column \(inputs are ignored, not the target\); to predict another column, name it as the target/);
  assert.deepEqual(parseCsv(text, { file: 'd.csv', ignore: ['b'] }).featureNames, ['a']);
});
