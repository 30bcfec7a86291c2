/**
 * Regression quality at a glance: predicted against actual values (in the target's original units) with
 * the y = x line of perfect prediction, and R² in the legend and subtitle.
 */
import { axes, yTickWidth } from './axes.js';
import { extent, linearScale } from './scale.js';
import { headerHeight, legend, legendSize, line, num, placeLegend, svgDocument, type LegendItem } from './svg.js';

/** Options of {@link scatterSvg}. */
export interface ScatterOptions {
  /** True target values, original units; length n. */
  readonly actual: ArrayLike<number>;
  /** Model predictions for the same samples, same units; length n. */
  readonly predicted: ArrayLike<number>;
  /** What the target is, with its unit, e.g. 'median house value ($100k)' (default 'value'). */
  readonly valueLabel?: string;
  /** Default 'Predicted vs actual (test)'. */
  readonly title?: string;
  /** Default 'R² = 0.812 · MAE 0.41 · n = 4128'. */
  readonly subtitle?: string;
  /** R² to report; computed from the points when not given. */
  readonly r2?: number;
  /** At most this many points are drawn (default 4000), evenly strided so the picture stays representative. */
  readonly maxPoints?: number;
  /** Square plot area side in px (default 460). */
  readonly size?: number;
}

/** Coefficient of determination 1 − SS_res / SS_tot of `predicted` against `actual` (NaN when n = 0). */
export function coefficientOfDetermination(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const n = Math.min(actual.length, predicted.length);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += actual[i]!;
  mean /= n;
  let residual = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    residual += (actual[i]! - predicted[i]!) ** 2;
    total += (actual[i]! - mean) ** 2;
  }
  return total === 0 ? (residual === 0 ? 1 : 0) : 1 - residual / total;
}

function meanAbsolute(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const n = Math.min(actual.length, predicted.length);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.abs(actual[i]! - predicted[i]!);
  return sum / n;
}

/** Up to 4 significant digits. */
function short(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(4))) : 'n/a';
}

/**
 * Predicted (y) against actual (x) as an SVG string: semi-transparent points, the dashed y = x line, both axes
 * on the same range so the line is the diagonal, and a legend with R².
 */
export function scatterSvg(options: ScatterOptions): string {
  const { actual, predicted, valueLabel = 'value', title = 'Predicted vs actual (test)', maxPoints = 4000, size = 460 } = options;
  if (actual.length !== predicted.length) throw new RangeError(`scatterSvg: ${actual.length} actual vs ${predicted.length} predicted values`);
  const n = actual.length;
  const r2 = options.r2 ?? coefficientOfDetermination(actual, predicted);
  const subtitle = options.subtitle ?? `R² = ${n === 0 ? 'n/a' : r2.toFixed(3)} · MAE ${n === 0 ? 'n/a' : short(meanAbsolute(actual, predicted))} · n = ${n}`;
  const [low, high] = extent([...Array.from(actual), ...Array.from(predicted)]);
  const top = headerHeight({ title, subtitle }) + 14;
  const probe = linearScale(low, high, size, 0);
  const left = 48 + yTickWidth(probe);
  const frame = { x: left, y: top, width: size, height: size };
  const xScale = linearScale(low, high, frame.x, frame.x + size);
  const yScale = linearScale(low, high, frame.y + size, frame.y);
  const parts = [axes({ frame, x: { scale: xScale, label: `actual ${valueLabel}` }, y: { scale: yScale, label: `predicted ${valueLabel}` } })];
  const stride = Math.max(1, Math.ceil(n / maxPoints));
  const radius = n > 1000 ? 2.2 : n > 200 ? 3 : 4;
  const dots: string[] = [];
  const drawn: [number, number][] = [];
  for (let i = 0; i < n; i += stride) {
    const a = actual[i]!;
    const p = predicted[i]!;
    if (!Number.isFinite(a) || !Number.isFinite(p)) continue;
    const point: [number, number] = [xScale.map(a), yScale.map(p)];
    drawn.push(point);
    dots.push(`<circle class="point" cx="${num(point[0])}" cy="${num(point[1])}" r="${radius}"/>`);
  }
  const opacity = n > 1000 ? 0.35 : n > 200 ? 0.5 : 0.75;
  parts.push(`<g fill="#1f77b4" fill-opacity="${opacity}" stroke="none">${dots.join('')}</g>`);
  const [d0, d1] = xScale.domain;
  parts.push(line(xScale.map(d0), yScale.map(d0), xScale.map(d1), yScale.map(d1), '#d62728', 'stroke-width="1.8" stroke-dasharray="7 4"'));
  const items: LegendItem[] = [
    { label: `samples (R² = ${n === 0 ? 'n/a' : r2.toFixed(3)})`, color: '#1f77b4', symbol: 'marker' },
    { label: 'perfect prediction (y = x)', color: '#d62728', symbol: 'dashed' },
  ];
  const box = legendSize(items);
  const diagonal = Array.from({ length: 40 }, (_, i): [number, number] => [frame.x + (size * i) / 39, frame.y + size - (size * i) / 39]);
  const corner = placeLegend(frame, box, [...drawn, ...diagonal]);
  parts.push(legend(items, corner.x, corner.y));
  const width = left + size + 36;
  const height = top + size + 64;
  return svgDocument(width, height, parts.join('\n'), { title, subtitle, description: `${n} predictions against actual ${valueLabel}` });
}
