/**
 * Axis scales and "nice" ticks: data values → pixel positions, plus tick values a person would pick
 * (1, 2 or 5 times a power of ten, or whole decades on a log axis).
 */

/** A mapping from data values to pixels, with the domain it covers and the ticks to label. */
export interface Scale {
  /** Data value → pixel coordinate. */
  readonly map: (value: number) => number;
  /** Domain ends after rounding outwards to ticks: [low, high]. */
  readonly domain: readonly [number, number];
  /** Tick values inside the domain, ascending. */
  readonly ticks: readonly number[];
  /** Formats a tick value for its label. */
  readonly format: (value: number) => string;
  readonly log: boolean;
}

/** Finite minimum and maximum of all values (non-finite ones are ignored); [0, 1] when none is finite. */
export function extent(values: Iterable<number>, positiveOnly = false): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v) || (positiveOnly && v <= 0)) continue;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  return low <= high ? [low, high] : positiveOnly ? [0.1, 1] : [0, 1];
}

/** A step of 1, 2 or 5 × 10^k giving about `count` intervals over `span` (the nearest, as d3 picks it). */
export function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction >= Math.sqrt(50) ? 10 : fraction >= Math.sqrt(10) ? 5 : fraction >= Math.sqrt(2) ? 2 : 1;
  return nice * power;
}

/** Formats `value` with as many decimals as `step` needs (no float noise such as 0.30000000000000004). */
export function formatTick(value: number, step: number): string {
  if (Math.abs(value) < step / 1e6) return '0';
  if (Math.abs(value) >= 1e6 || step < 1e-4) {
    const decimals = Math.max(0, Math.min(3, Math.floor(Math.log10(Math.abs(value))) - Math.floor(Math.log10(step) + 1e-9)));
    return value.toExponential(decimals).replace('e+', 'e');
  }
  const stepText = String(Number(step.toPrecision(3)));
  const decimals = stepText.includes('.') ? stepText.length - stepText.indexOf('.') - 1 : 0;
  return value.toFixed(decimals);
}

/** Options of {@link linearScale}. */
export interface LinearScaleOptions {
  /** About how many tick intervals (default 5). */
  readonly count?: number;
  /** Only whole-number ticks (epochs, class indices). */
  readonly integer?: boolean;
  /** Keep the domain exactly [low, high] instead of rounding outwards to ticks. */
  readonly exact?: boolean;
}

/** A linear scale from [low, high] onto pixels [from, to] (to < from for a y axis that points up). */
export function linearScale(low: number, high: number, from: number, to: number, options: LinearScaleOptions = {}): Scale {
  const { count = 5, integer = false, exact = false } = options;
  if (high === low) {
    const pad = low === 0 ? 1 : Math.abs(low) * 0.1;
    low -= pad;
    high += pad;
  }
  let step = niceStep(high - low, count);
  if (integer) step = Math.max(1, Math.round(step));
  const d0 = exact ? low : Math.floor(low / step + 1e-9) * step;
  const d1 = exact ? high : Math.ceil(high / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let t = Math.ceil(d0 / step - 1e-9) * step; t <= d1 + step * 1e-9; t += step) ticks.push(Math.round(t / step) * step + 0);
  const map = (v: number) => from + ((v - d0) / (d1 - d0)) * (to - from);
  return { map, domain: [d0, d1], ticks, format: (v) => formatTick(v, step), log: false };
}

/** A base-10 log scale for positive values in [low, high] onto pixels [from, to]; ticks at 1, 2, 5 × 10^k when few decades. */
export function logScale(low: number, high: number, from: number, to: number): Scale {
  const safeLow = low > 0 ? low : 1e-12;
  const safeHigh = high > safeLow ? high : safeLow * 10;
  const e0 = Math.floor(Math.log10(safeLow) + 1e-9);
  const e1 = Math.max(e0 + 1, Math.ceil(Math.log10(safeHigh) - 1e-9));
  const decades = Math.log10(safeHigh) - Math.log10(safeLow);
  const multiples = decades <= 1.2 ? [1, 2, 3, 5] : decades <= 3 ? [1, 2, 5] : [1];
  const ticks: number[] = [];
  for (let e = e0; e <= e1; e++) {
    for (const m of multiples) if (e < e1 || m === 1) ticks.push(m * 10 ** e);
  }
  const l0 = Math.max(e0, Math.log10(safeLow) - 0.06);
  const l1 = Math.min(e1, Math.log10(safeHigh) + 0.06);
  const visible = ticks.filter((t) => Math.log10(t) >= l0 - 1e-9 && Math.log10(t) <= l1 + 1e-9);
  const map = (v: number) => from + ((Math.log10(v) - l0) / (l1 - l0)) * (to - from);
  const format = (v: number) => {
    const e = Math.floor(Math.log10(v) + 1e-9);
    return e >= -3 && e <= 4 ? String(Number(v.toPrecision(3))) : v.toExponential(0);
  };
  return { map, domain: [10 ** l0, 10 ** l1], ticks: visible, format, log: true };
}
