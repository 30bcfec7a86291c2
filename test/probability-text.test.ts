/**
 * probabilityText is String(Number(v.toPrecision(6))) for every value: float32 outputs and their
 * complements, log-uniform values from 1e-20 to 1 and just below 1, ties and near-ties of the 6th digit, powers of
 * ten and their neighbours, 0, 1 and beyond.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { probabilityText } from '../src/cli/probability-text.js';

const slow = (v: number) => String(Number(v.toPrecision(6)));

it('writes every probability as String(Number(v.toPrecision(6)))', () => {
  let state = 12345;
  const next = () => (state = (state * 16807) % 2147483647) / 2147483647;
  const values: number[] = [0, 1, -0, 1.5, 2, 1e-7, 9.999995e-7, 1e-6, 0.5, 0.05, 0.999999, 0.9999995, 0.99999949999, 0.1234565, 0.0001234565, NaN, Infinity, -0.25];
  for (let e = 1; e <= 19; e++) {
    const p = 10 ** -e;
    values.push(p, p * (1 + 2 ** -52), p * (1 - 2 ** -53), p * 0.9999995, p * 0.99999949, p * 0.99999951, p * 0.99999999, p * 1.0000001, -p, 1 - p);
  }
  for (let i = 0; i < 200_000; i++) {
    const u = next();
    const f = Math.fround(u);
    values.push(u, f, 1 - f, 10 ** (-9 * next()), Math.fround(10 ** (-7 * next())), 10 ** (-20 * next()), Math.fround(10 ** (-18 * next())), 1 - Math.fround(10 ** (-8 * next())), 1 - 10 ** (-17 * next()));
    // Ties and near-ties: six digits and a 5 after them, at every exponent.
    const digits = 100000 + Math.floor(next() * 900000);
    const scale = 10 ** -(6 + Math.floor(next() * 18));
    values.push((digits + 0.5) * scale, (digits + 0.5 + 1e-9) * scale, (digits + 0.4999999) * scale, digits * scale);
  }
  let checked = 0;
  for (const v of values) {
    const want = slow(v);
    if (probabilityText(v) !== want) assert.equal(probabilityText(v), want, `for ${v}`);
    checked++;
  }
  assert.equal(checked, values.length);
});
