/**
 * The one number format of every explanation output. Text, Markdown, HTML and JSON all print
 * `formatNumber(x)`, so each printed number appears verbatim in all of them.
 *
 * Rule: 9 decimals (the walkthrough's precision) for |x| ≥ 0.001, 6 significant digits below,
 * trailing zeros dropped: 0.3775, 0.593269992, 0.000438568, 0.0000351085.
 */

/** `x` rounded to the printed precision (a float64 whose shortest decimal form is the printed text). */
export function roundForDisplay(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x === 0 ? 0 : x;
  const rounded = Math.abs(x) >= 1e-3 ? Number(x.toFixed(9)) : Number(x.toPrecision(6));
  return rounded === 0 ? 0 : rounded;
}

/** The printed form of `x` (ASCII minus sign, no trailing zeros). */
export function formatNumber(x: number): string {
  return String(roundForDisplay(x));
}

/** A deep copy of plain data with every number rounded by `roundForDisplay` (what `--json` prints). */
export function roundNumbersDeep(value: unknown): unknown {
  if (typeof value === 'number') return roundForDisplay(value);
  if (Array.isArray(value)) return value.map(roundNumbersDeep);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundNumbersDeep(v)]));
  }
  return value;
}
