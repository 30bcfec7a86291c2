/**
 * A fast path for decimal numbers in CSV cells, bit-identical to `Number(text)`: optional
 * whitespace, an optional sign, digits with at most one '.', an optional exponent. It handles
 * the cases where the result is exact by construction (Clinger's fast path: at most 15
 * significant digits, so the digits are an exact double, and a net power of ten within 1e±22,
 * also exact, so one multiplication or division rounds once, exactly as the correctly rounded
 * conversion does). Everything else returns NaN, and the caller falls back to `Number()`.
 */

/** 1e0 … 1e22, each exactly representable as a double. */
const POWERS_OF_TEN: readonly number[] = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/** Most significant digits whose integer value is always an exact double (< 2^53). */
const MAX_DIGITS = 15;

/** Space, tab, line feed, vertical tab, form feed, carriage return. */
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/** Where `decimalAt` stopped reading. */
export interface ScanEnd {
  end: number;
}

const stopped: ScanEnd = { end: 0 };

/**
 * The value of `text.slice(start, end)` when it is a plain decimal number in the exact fast
 * subset (then equal to `Number(text.slice(start, end))`, -0 included), else NaN.
 * Its magnitude is below 1e37, so it always fits float32's range (±3.4e38).
 */
export function fastDecimal(text: string, start: number, end: number): number {
  let i = start;
  let stop = end;
  while (i < stop && isSpace(text.charCodeAt(i))) i++;
  while (stop > i && isSpace(text.charCodeAt(stop - 1))) stop--;
  if (i === stop) return NaN;
  const value = decimalAt(text, i, stop, stopped);
  return stopped.end === stop ? value : NaN;
}

/**
 * Reads the longest plain decimal number at `text[start]` (no whitespace before it), up to
 * `stop`: its value when in the exact fast subset, else NaN; `out.end` is where reading stopped
 * (the caller checks what follows). Same rules and exactness as fastDecimal.
 */
export function decimalAt(text: string, start: number, stop: number, out: ScanEnd): number {
  let i = start;
  let negative = false;
  let c = text.charCodeAt(i);
  if (c === 45 || c === 43) {
    negative = c === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0; // significant digits taken into the mantissa
  let anyDigit = false;
  let exponent = 0;
  for (; i < stop; i++) {
    c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    anyDigit = true;
    if (mantissa === 0 && c === 0) continue;
    if (++digits > MAX_DIGITS) return NaN;
    mantissa = mantissa * 10 + c;
  }
  if (i < stop && text.charCodeAt(i) === 46) {
    for (i++; i < stop; i++) {
      c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      anyDigit = true;
      exponent--;
      if (mantissa === 0 && c === 0) continue;
      if (++digits > MAX_DIGITS) return NaN;
      mantissa = mantissa * 10 + c;
    }
  }
  if (!anyDigit) return NaN;
  if (i < stop) {
    c = text.charCodeAt(i);
    if (c === 101 || c === 69) {
      // 'e' or 'E': an exponent must follow, with at least one digit
      i++;
      let negativeExponent = false;
      c = text.charCodeAt(i);
      if (c === 45 || c === 43) {
        negativeExponent = c === 45;
        i++;
      }
      const first = i;
      let written = 0;
      for (; i < stop; i++) {
        c = text.charCodeAt(i) - 48;
        if (c < 0 || c > 9) break;
        written = written * 10 + c;
        if (written > 1000) return NaN;
      }
      if (i === first) return NaN;
      exponent += negativeExponent ? -written : written;
    }
  }
  out.end = i;
  if (mantissa === 0) return negative ? -0 : 0;
  let value: number;
  if (exponent >= 0) {
    if (exponent > 22) return NaN;
    value = mantissa * POWERS_OF_TEN[exponent]!;
  } else {
    if (exponent < -22) return NaN;
    value = mantissa / POWERS_OF_TEN[-exponent]!;
  }
  return negative ? -value : value;
}

/** One value, for decimalAtBytes' own callers. */
const single = new Float64Array(1);

/**
 * decimalAt over UTF-8 bytes (a digit, sign, '.', 'e' is one byte in UTF-8 as in UTF-16): the
 * longest plain decimal number at `bytes[start]`, up to `stop`, when it has at most 15 digits
 * (leading zeros counted, so fewer cases than decimalAt) and a net power of ten within 1e±22;
 * then its value is exactly `Number()` of its text; else NaN. `out.end` is where reading stopped.
 * `point` is the decimal mark's byte ('.' by default; ',' reads "3,5" as 3.5).
 */
export function decimalAtBytes(bytes: Uint8Array, start: number, stop: number, out: ScanEnd, point = 46): number {
  return decimalIntoBytes(bytes, start, stop, out, point, single, 0) ? single[0]! : NaN;
}

/**
 * decimalAtBytes writing the value to `values[at]` and answering whether there was one (else
 * `values[at]` is unchanged). A value handed back through an array, not returned: a double
 * returned by a call the optimizer does not inline is boxed on the heap, one allocation per
 * cell (24 MB of garbage for 300,000 rows of 5 numbers, measured).
 */
export function decimalIntoBytes(bytes: Uint8Array, start: number, stop: number, out: ScanEnd, point: number, values: Float64Array, at: number): boolean {
  let i = start;
  const sign = i < stop ? bytes[i]! : 0;
  if (sign === 45 || sign === 43) i++;
  let mantissa = 0;
  const whole = i;
  for (; i < stop; i++) {
    const d = bytes[i]! - 48;
    if (d < 0 || d > 9) break;
    mantissa = mantissa * 10 + d;
  }
  let digits = i - whole;
  let exponent = 0;
  if (i < stop && bytes[i] === point) {
    const fraction = ++i;
    for (; i < stop; i++) {
      const d = bytes[i]! - 48;
      if (d < 0 || d > 9) break;
      mantissa = mantissa * 10 + d;
    }
    exponent = fraction - i;
    digits -= exponent;
  }
  if (digits === 0 || digits > MAX_DIGITS) return false;
  if (i < stop && (bytes[i] === 101 || bytes[i] === 69)) return withExponent(bytes, i + 1, stop, sign === 45 ? -mantissa : mantissa, exponent, out, values, at);
  if (exponent < -22) return false;
  out.end = i;
  const value = exponent === 0 ? mantissa : mantissa / POWERS_OF_TEN[-exponent]!;
  values[at] = sign === 45 ? -value : value;
  return true;
}

/** The rest of decimalIntoBytes after 'e' or 'E' at `start - 1`: the exponent's digits (at least one) scale `mantissa` (signed) by 10^exponent, written to `values[at]`. */
function withExponent(bytes: Uint8Array, start: number, stop: number, mantissa: number, exponent: number, out: ScanEnd, values: Float64Array, at: number): boolean {
  let i = start;
  const sign = i < stop ? bytes[i]! : 0;
  if (sign === 45 || sign === 43) i++;
  const first = i;
  let written = 0;
  for (; i < stop; i++) {
    const d = bytes[i]! - 48;
    if (d < 0 || d > 9) break;
    written = written * 10 + d;
    if (written > 1000) return false;
  }
  if (i === first) return false;
  const power = exponent + (sign === 45 ? -written : written);
  if (mantissa !== 0 && (power > 22 || power < -22)) return false;
  out.end = i;
  values[at] = mantissa === 0 ? mantissa : power >= 0 ? mantissa * POWERS_OF_TEN[power]! : mantissa / POWERS_OF_TEN[-power]!;
  return true;
}
