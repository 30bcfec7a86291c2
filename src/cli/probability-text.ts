/**
 * A probability as `predict` prints it: rounded to 6 significant digits and written as the
 * shortest text of that number, `String(Number(v.toPrecision(6)))`, with a fast path for
 * 0, 1 and 1e-17 <= v < 1 that gives the same text without the two conversions.
 */

/** 10^k for k = 0..22 (each exact in a double). */
const POWERS = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** 10^-e for e = 0..17, the doubles nearest to them. */
const TENTHS = Array.from({ length: 18 }, (_, e) => Number(`1e-${e}`));

/**
 * `String(Number(v.toPrecision(6)))`. For 1e-17 <= v < 1, with v in [10^-e, 10^(1-e)), the 6
 * digits are `round(v · 10^(5+e))`: the power is exact and the product's rounding error below
 * 1.2e-10, so the digits are exact unless the product lies within 1e-9 of a tie (then, and for
 * every other value, the slow form decides). The text of 6 digits is the shortest that reads back
 * as the rounded number (a double holds 15); written as JS writes numbers, decimal down to 1e-6
 * and with an exponent below.
 */
export function probabilityText(v: number): string {
  if (v === 0) return '0';
  if (v === 1) return '1';
  if (!(v >= 1e-17 && v < 1)) return slow(v);
  let exponent = 1;
  while (v < TENTHS[exponent]! && exponent < 17) exponent++;
  const scaled = v * POWERS[5 + exponent]!;
  const floor = Math.floor(scaled);
  const fraction = scaled - floor;
  if (Math.abs(fraction - 0.5) < 1e-9) return slow(v);
  const digits = fraction > 0.5 ? floor + 1 : floor;
  // Just below a power of ten the comparison may pick the next exponent: the slow form decides.
  if (digits < 100000 || digits > 1000000) return slow(v);
  if (digits === 1000000) return tenToMinus(exponent - 1); // rounded up to the next power of ten
  let text = String(digits);
  let end = 6;
  while (text.charCodeAt(end - 1) === 48) end--;
  if (end < 6) text = text.slice(0, end);
  if (exponent <= 6) return `0.${'0'.repeat(exponent - 1)}${text}`;
  return `${text[0]!}${text.length > 1 ? `.${text.slice(1)}` : ''}e-${exponent}`;
}

/** The text of 10^-p, as String writes it. */
function tenToMinus(p: number): string {
  if (p === 0) return '1';
  return p <= 6 ? `0.${'0'.repeat(p - 1)}1` : `1e-${p}`;
}

function slow(v: number): string {
  return String(Number(v.toPrecision(6)));
}
