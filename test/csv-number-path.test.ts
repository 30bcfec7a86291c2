/**
 * The tokenizer's number path (numeric columns read straight to values from the second data
 * row on) gives what the text path gives: float32 of Number(text), the same messages.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCsvParser, parseCsv } from '../src/data/csv.js';
import { Matrix } from '../src/matrix.js';
import { random } from './helpers/random.js';

/** A numeric cell in one of many spellings, some inside the fast path and some not. */
function cell(next: () => number): string {
  const v = (next() * 2 - 1) * 10 ** Math.floor(next() * 30 - 15);
  const spellings = [v.toFixed(6), String(v), v.toExponential(3), v.toPrecision(17), ` ${v.toFixed(2)} `, `"${v.toFixed(3)}"`, '-0', '007', `${(next() * 9).toFixed(3)}e30`, '.5', '5.'];
  return spellings[Math.floor(next() * spellings.length)]!;
}

test('random numeric CSVs: every input equals float32 of Number(text), with LF and CRLF', () => {
  const next = random(7);
  for (const eol of ['\n', '\r\n']) {
    const rows: string[][] = [];
    for (let r = 0; r < 2000; r++) rows.push([cell(next), cell(next), cell(next), String(r % 3)]);
    const text = `a,b,c,y${eol}${rows.map((row) => row.join(',')).join(eol)}${eol}`;
    const data = parseCsv(text, { missing: 'error' });
    assert.ok(data.inputs instanceof Matrix);
    const expected = rows.flatMap((row) => row.slice(0, 3).map((t) => Math.fround(Number(t.replace(/"/g, '').trim()))));
    const actual = Array.from(data.inputs.data);
    for (let i = 0; i < expected.length; i++) assert.ok(Object.is(actual[i], expected[i]), `cell ${i}: ${actual[i]} vs ${expected[i]}`);
  }
});

test('missing tokens, text and out-of-range numbers after the first rows keep their messages', () => {
  const head = 'a,y\n1,0\n2,1\n3,0\n';
  assert.deepEqual(Array.from((parseCsv(`${head}NA,1\n5,0\n`, { missing: 'mean' }).inputs as Matrix).data).map(String), ['1', '2', '3', 'NaN', '5']);
  assert.throws(() => parseCsv(`${head}4,1\n foo ,0\n6,1\n`), /<string>:6:1: "foo" in column "a" is not a number, but the column holds 5 numbers and 1 text cell/);
  assert.throws(() => parseCsv(`${head}1e39,1\n`), /<string>:5:1: "1e39" in column "a" is beyond the float32 range/);
  assert.throws(() => parseCsv(`${head}1e400,1\n`), /<string>:5:1: "1e400" in column "a" is not a finite number/);
  assert.throws(() => parseCsv(`${head}0x1F,1\n`), /<string>:5:1: "0x1F" in column "a" is not a number/);
  // The first number of a column is kept as written for messages.
  assert.throws(() => parseCsv('a,y\n1.50,0\nx,1\ny,0\nz,1\n'), /<string>:2:1: "1.50" in column "a" is a number, but the column holds 1 number and 3 text cells/);
});

test('a value split across pushed chunks is read whole, wherever the split falls', () => {
  const text = 'a,b,y\n1,2,0\n12.5,-3e2,1\n7, 8 ,0\n';
  for (let cut = 1; cut < text.length; cut++) {
    const parser = createCsvParser();
    parser.push(text.slice(0, cut));
    parser.push(text.slice(cut));
    assert.deepEqual(Array.from((parser.end().inputs as Matrix).data), [1, 2, 12.5, -300, 7, 8], `split at ${cut}`);
  }
});

test('a regression target read as values once it has many distinct numbers keeps its values and its messages', () => {
  const next = random(3);
  const targets = Array.from({ length: 9000 }, () => cell(next).replace(/e30$/, 'e3'));
  const text = `a,y\n${targets.map((t, r) => `${r % 7},${t}`).join('\n')}\n`;
  const data = parseCsv(text);
  assert.equal(data.task, 'regression');
  const actual = Array.from(data.targets!.data);
  targets.forEach((t, r) => assert.ok(Object.is(actual[r], Math.fround(Number(t.replace(/"/g, '').trim()))), `row ${r}: ${t}`));
  assert.throws(() => parseCsv(`${text}1,abc\n`), /<string>:9002:2: target "abc" is not a number, but earlier targets were numeric with many distinct values/);
});

test('a delimiter that can be part of a number splits fields as before', () => {
  const data = parseCsv('xezey\n1e5e0\n2e6e1\n3e7e0\n', { delimiter: 'e', target: 'y' });
  assert.deepEqual(Array.from((data.inputs as Matrix).data), [1, 5, 2, 6, 3, 7]);
});
