/** Differential test of the CSV number fast path: every value it returns is bit-identical to Number(text). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fastDecimal } from '../src/data/fast-number.js';
import { parseNumber } from '../src/data/csv-records.js';
import { random } from './helpers/random.js';

function check(text: string): boolean {
  const fast = fastDecimal(text, 0, text.length);
  if (Number.isNaN(fast)) return false;
  const reference = Number(text);
  assert.ok(Object.is(fast, reference), `${JSON.stringify(text)}: fast ${fast}, Number() ${reference}`);
  // Float32 rounding of the same double is then the same too.
  assert.ok(Object.is(Math.fround(fast), Math.fround(reference)));
  return true;
}

/** A deterministic generator (mulberry32). */

test('fixed and edge cases agree with Number() or are left to it', () => {
  const taken = ['0', '-0', '+0', '0.0', '-0.000', '1', '-1', '+1', '1.', '.5', '-.5', '+.5', '007', '1e5', '1E5', '1e+5', '1e-5', '-1.5e-3',
    '12.345678', '-98.765432', '0.1', '0.2', '0.3', '123456789012345', '1.23456789012345', '9.99999999999999e22', '1e22', '1e-22',
    ' 1 ', '\t2\n', '3\r', '  -4.25  ', '0.000000000000000000001', '100e-2', '5e0'];
  for (const text of taken) assert.ok(check(text), `${JSON.stringify(text)} should take the fast path`);
  const left = ['', ' ', '-', '+', '.', 'e5', '1e', '1e+', '1e-', '1.2.3', '1,5', '0x1F', '0b1', '0o7', 'Infinity', '-Infinity', 'NaN', 'nan', '1_000',
    '1e23', '1e-23', '1234567890123456', '0.1234567890123456', '1e400', '1e-400', '1 2', '--1', '+-1', '1e5.5', '\u00a01', '１', 'abc', '12a', '1e1000000'];
  for (const text of left) assert.ok(Number.isNaN(fastDecimal(text, 0, text.length)), `${JSON.stringify(text)} should be left to Number()`);
});

test('a slice of a longer text is read on its own', () => {
  assert.equal(fastDecimal('a,12.5,b', 2, 6), 12.5);
  assert.ok(Number.isNaN(fastDecimal('a,12.5,b', 0, 6)));
});

test('200,000 random numbers in many formats agree bit for bit with Number()', () => {
  const next = random(15);
  let taken = 0;
  const total = 200_000;
  for (let k = 0; k < total; k++) {
    const kind = k % 6;
    const magnitude = 10 ** Math.floor(next() * 40 - 20);
    const value = (next() * 2 - 1) * magnitude;
    let text: string;
    if (kind === 0) text = value.toFixed(Math.floor(next() * 12));
    else if (kind === 1) text = value.toExponential(Math.floor(next() * 16));
    else if (kind === 2) text = value.toPrecision(1 + Math.floor(next() * 17));
    else if (kind === 3) text = String(value);
    else if (kind === 4) text = String(Math.fround(value));
    else {
      // Random digit strings: up to 18 digits, a point anywhere, an exponent sometimes.
      const length = 1 + Math.floor(next() * 18);
      let digits = '';
      for (let d = 0; d < length; d++) digits += String(Math.floor(next() * 10));
      const point = Math.floor(next() * (length + 1));
      text = `${next() < 0.5 ? '-' : ''}${digits.slice(0, point)}.${digits.slice(point)}`;
      if (next() < 0.4) text += `e${Math.floor(next() * 60 - 30)}`;
    }
    if (check(text)) taken++;
  }
  // Most of these are within the fast path; the rest were left to Number() (checked above to be NaN, not wrong).
  assert.ok(taken > total / 2, `only ${taken} of ${total} took the fast path`);
});

test('parseNumber keeps its rules with the fast path in front', () => {
  assert.equal(parseNumber(' 1 '), 1);
  assert.equal(parseNumber('1e23'), 1e23);
  assert.equal(parseNumber('0.1234567890123456'), 0.1234567890123456);
  assert.equal(parseNumber('0x1F'), undefined);
  assert.equal(parseNumber('Infinity'), undefined);
  assert.equal(parseNumber(''), undefined);
  assert.equal(parseNumber('  '), undefined);
  assert.ok(Object.is(parseNumber('-0'), -0));
});
