/**
 * A probability as `predict` prints it: rounded to 6 significant digits and written as the
 * shortest text of that number, `String(Number(v.toPrecision(6)))`, with a fast path for the
 * usual case (1e-6 <= v < 1) that gives the same text without the two conversions.
 */

/** 10^k for k = 0..11. */
const POWERS = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11];

/** Leading zeros after "0." for decimal exponents -1..-6. */
const ZEROS = ['', '0', '00', '000', '0000', '00000'];

/**
 * `String(Number(v.toPrecision(6)))`. For 1e-6 <= v < 1 the 6 digits are `round(v · 10^k)`
 * (k = 5 − exponent), exact unless the product lies within 1e-9 of a tie (its rounding error is
 * below 1.2e-10): then, and for every other value, the slow form decides. The text of those
 * digits is the shortest that reads back as the rounded number (6 digits are far from a double's 15).
 */
export function probabilityText(v: number): string {
  if (!(v >= 1e-6 && v < 1)) return slow(v);
  let exponent = 1;
  while (v < 1 / POWERS[exponent]! && exponent < 6) exponent++;
  // v in [10^-exponent, 10^(1-exponent)) or just below its lower end (then the digits round up to 100000 or stay 99999x; both exact below).
  const scaled = v * POWERS[5 + exponent]!;
  const floor = Math.floor(scaled);
  const fraction = scaled - floor;
  if (Math.abs(fraction - 0.5) < 1e-9) return slow(v);
  const digits = fraction > 0.5 ? floor + 1 : floor;
  if (digits < 100000 || digits >= 1000000) return slow(v);
  let text = String(digits);
  let end = 6;
  while (text.charCodeAt(end - 1) === 48) end--;
  if (end < 6) text = text.slice(0, end);
  return `0.${ZEROS[exponent - 1]!}${text}`;
}

function slow(v: number): string {
  return String(Number(v.toPrecision(6)));
}
