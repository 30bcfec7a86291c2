/**
 * Training curves: loss per epoch (train and validation), and beside it a second panel for a metric
 * such as accuracy or MAE. Epochs are numbered from 1; a non-finite value (a diverged epoch) breaks the line.
 */
import { axes, polyline, yTickWidth } from './axes.js';
import { extent, linearScale, logScale, type Scale } from './scale.js';
import { headerHeight, legend, legendSize, num, placeLegend, svgDocument, text, type Frame, type LegendItem } from './svg.js';

/** Colours of the train and validation curves. */
export const CURVE_COLORS = { train: '#1f77b4', validation: '#ff7f0e' } as const;

/** One quantity per epoch, for the training set and optionally the validation set. */
export interface EpochSeries {
  /** `train[e]` is the value after epoch e + 1. */
  readonly train: readonly number[];
  /** Same length as `train` (shorter is allowed: missing epochs are not drawn). */
  readonly validation?: readonly number[];
}

/** Options of {@link lossCurveSvg}. */
export interface LossCurveOptions {
  /** Loss per epoch. */
  readonly loss: EpochSeries;
  /** Name of the loss for the y axis, e.g. 'cross-entropy' (default 'loss'). */
  readonly lossName?: string;
  /** A second panel: e.g. {name: 'accuracy', train, validation}; accuracy in [0, 1] is shown as a percentage. */
  readonly metric?: EpochSeries & { readonly name: string };
  /**
   * The loss panel's x axis when its points are not epochs: point i sits at (i + 1)·step, e.g.
   * {label: 'step (mean of every 267)', step: 267} for a short run's per-step curve (default: epochs).
   */
  readonly lossAxis?: { readonly label: string; readonly step: number };
  /** Log-scale y axis for the loss panel (non-positive values are skipped). */
  readonly logScale?: boolean;
  /** Default 'Training history'. */
  readonly title?: string;
  readonly subtitle?: string;
  /** Total size in px (default 960 x 420 with a metric panel, 640 x 420 without). */
  readonly width?: number;
  readonly height?: number;
}

/** What one panel draws. */
interface Panel {
  readonly frame: Frame;
  readonly series: EpochSeries;
  readonly yLabel: string;
  readonly log: boolean;
  readonly percent: boolean;
  readonly heading: string;
  /** x-axis label and spacing of the points. */
  readonly xAxis: { readonly label: string; readonly step: number };
}

function values(series: EpochSeries): number[] {
  return [...series.train, ...(series.validation ?? [])];
}

function yScaleFor(panel: Panel): Scale {
  const { frame, series, log, percent } = panel;
  const top = frame.y;
  const bottom = frame.y + frame.height;
  if (log) {
    const [low, high] = extent(values(series), true);
    return logScale(low, high, bottom, top);
  }
  const [low, high] = extent(values(series));
  if (!percent) return linearScale(Math.min(0, low), high, bottom, top);
  const scale = linearScale(Math.max(0, low), Math.min(1, Math.max(high, low + 0.01)), bottom, top);
  return { ...scale, format: (v) => `${Number((v * 100).toFixed(1))}%` };
}

function drawPanel(panel: Panel): string {
  const { frame, series, xAxis } = panel;
  const count = Math.max(series.train.length, series.validation?.length ?? 0);
  const xScale = linearScale(xAxis.step, Math.max(count, 2) * xAxis.step, frame.x, frame.x + frame.width, { integer: true, exact: true, count: 6 });
  const yScale = yScaleFor(panel);
  const parts = [axes({ frame, x: { scale: xScale, label: xAxis.label }, y: { scale: yScale, label: panel.yLabel } })];
  parts.push(text(frame.x, frame.y - 10, panel.heading, { size: 14, weight: 'bold' }));
  const items: LegendItem[] = [];
  const occupied: [number, number][] = [];
  const lines: [readonly number[] | undefined, string, string, boolean][] = [
    [series.train, 'train', CURVE_COLORS.train, false],
    [series.validation, 'validation', CURVE_COLORS.validation, true],
  ];
  for (const [ys, label, color, dashed] of lines) {
    if (ys === undefined || ys.length === 0) continue;
    const points = ys.map((v, i): [number, number] | undefined => (panel.log && !(v > 0) ? undefined : [xScale.map((i + 1) * xAxis.step), yScale.map(v)]));
    for (const point of densify(points)) occupied.push(point);
    parts.push(polyline(points, color, `stroke-width="2.2"${dashed ? ' stroke-dasharray="7 4"' : ''}`));
    if (ys.length <= 40 || ys.length === 1) {
      for (const p of points) if (p !== undefined && Number.isFinite(p[1])) parts.push(`<circle class="${label}" cx="${num(p[0])}" cy="${num(p[1])}" r="2.8" fill="${color}"/>`);
    }
    const last = ys[ys.length - 1];
    const lastText = last === undefined || !Number.isFinite(last) ? 'n/a' : panel.percent ? `${(last * 100).toFixed(2)}%` : formatValue(last);
    items.push({ label: `${label} (last ${lastText})`, color, symbol: dashed ? 'dashed' : 'line' });
  }
  const corner = placeLegend(frame, legendSize(items), occupied);
  parts.push(legend(items, corner.x, corner.y));
  return parts.join('\n');
}

/** The points plus 5 samples along each segment between neighbours, so legend placement sees the lines too. */
function densify(points: readonly ([number, number] | undefined)[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (p === undefined || !Number.isFinite(p[1])) continue;
    out.push(p);
    const q = points[i + 1];
    if (q === undefined || !Number.isFinite(q[1])) continue;
    for (let s = 1; s < 6; s++) out.push([p[0] + ((q[0] - p[0]) * s) / 6, p[1] + ((q[1] - p[1]) * s) / 6]);
  }
  return out;
}

/** A value with 4 significant digits, exponent notation when tiny or huge. */
function formatValue(v: number): string {
  return Math.abs(v) !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5) ? v.toExponential(2) : String(Number(v.toPrecision(4)));
}

/**
 * The training history as an SVG string: a loss panel and, when `metric` is given, a metric panel to its right.
 * Each panel has epoch on x, the quantity on y, train (solid) and validation (dashed) curves and a legend
 * with the last values.
 */
export function lossCurveSvg(options: LossCurveOptions): string {
  const { loss, metric, lossName = 'loss', logScale: log = false, title = 'Training history', subtitle } = options;
  const width = options.width ?? (metric === undefined ? 640 : 960);
  const height = options.height ?? 420;
  const epochs = Math.max(loss.train.length, loss.validation?.length ?? 0, metric?.train.length ?? 0, metric?.validation?.length ?? 0);
  const top = headerHeight(subtitle === undefined ? { title } : { title, subtitle }) + 26;
  const panelCount = metric === undefined ? 1 : 2;
  const slot = width / panelCount;
  const panels: Panel[] = [];
  const byEpoch = { label: 'epoch', step: 1 };
  const lossPanel = { series: loss, yLabel: log ? `${lossName} (log scale)` : lossName, log, percent: false, heading: 'Loss', xAxis: options.lossAxis ?? byEpoch };
  const percent = metric !== undefined && /acc/i.test(metric.name) && values(metric).every((v) => !Number.isFinite(v) || (v >= 0 && v <= 1));
  const specs = metric === undefined ? [lossPanel] : [lossPanel, { series: metric, yLabel: metric.name, log: false, percent, heading: capitalise(metric.name), xAxis: byEpoch }];
  specs.forEach((spec, i) => {
    const probe: Panel = { ...spec, frame: { x: 0, y: top, width: 100, height: height - top - 60 } };
    const left = 42 + yTickWidth(yScaleFor(probe));
    const frame = { x: slot * i + left, y: top, width: slot - left - 24, height: height - top - 60 };
    panels.push({ ...spec, frame });
  });
  const body = panels.map((panel) => drawPanel(panel)).join('\n');
  const lossPer = options.lossAxis === undefined ? `per epoch over ${epochs} epochs` : `per ${options.lossAxis.label}`;
  const description = `${lossName} ${lossPer}${metric === undefined ? '' : ` and ${metric.name} per epoch`}`;
  return svgDocument(width, height, body, subtitle === undefined ? { title, description } : { title, subtitle, description });
}

function capitalise(name: string): string {
  return name.length === 0 ? name : name[0]!.toUpperCase() + name.slice(1);
}
