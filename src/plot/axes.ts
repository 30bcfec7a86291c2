/**
 * Axes with ticks, grid lines and labels around a plot frame, and a vertical colour bar.
 * Used by every chart with numeric axes (loss curve, scatter, decision boundary).
 */
import type { ColorMap } from './colors.js';
import type { Scale } from './scale.js';
import { INK, line, num, rect, text, textWidth, type Frame } from './svg.js';

/** One axis: its scale (domain → pixels along the frame) and its title. */
export interface AxisSpec {
  readonly scale: Scale;
  readonly label: string;
}

/** Options of {@link axes}. */
export interface AxesOptions {
  readonly frame: Frame;
  readonly x: AxisSpec;
  readonly y: AxisSpec;
  /** Light grid lines at every tick (default true). */
  readonly grid?: boolean;
  /** Tick label font size in px (default 11). */
  readonly tickSize?: number;
}

/** Widest y tick label in px: callers use it to size the left margin. */
export function yTickWidth(scale: Scale, size = 11): number {
  return Math.max(0, ...scale.ticks.map((t) => textWidth(scale.format(t), size)));
}

/**
 * Grid, frame, ticks, tick labels and axis titles. Draw it before the data so lines and points sit on top
 * of the grid. The y title is rotated and placed left of the widest tick label.
 */
export function axes(options: AxesOptions): string {
  const { frame, x, y, grid = true, tickSize = 11 } = options;
  const right = frame.x + frame.width;
  const bottom = frame.y + frame.height;
  const parts: string[] = [];
  const inside = (p: number, a: number, b: number) => p >= Math.min(a, b) - 0.5 && p <= Math.max(a, b) + 0.5;
  for (const t of x.scale.ticks) {
    const px = x.scale.map(t);
    if (!inside(px, frame.x, right)) continue;
    if (grid) parts.push(line(px, frame.y, px, bottom, INK.grid));
    parts.push(line(px, bottom, px, bottom + 5, INK.axis));
    parts.push(text(px, bottom + 8 + tickSize, x.scale.format(t), { size: tickSize, anchor: 'middle', fill: INK.muted }));
  }
  for (const t of y.scale.ticks) {
    const py = y.scale.map(t);
    if (!inside(py, frame.y, bottom)) continue;
    if (grid) parts.push(line(frame.x, py, right, py, INK.grid));
    parts.push(line(frame.x - 5, py, frame.x, py, INK.axis));
    parts.push(text(frame.x - 8, py, y.scale.format(t), { size: tickSize, anchor: 'end', valign: 'middle', fill: INK.muted }));
  }
  parts.push(rect(frame.x, frame.y, frame.width, frame.height, 'none', `stroke="${INK.axis}" stroke-width="1"`));
  parts.push(text(frame.x + frame.width / 2, bottom + 2 * tickSize + 22, x.label, { size: 13, anchor: 'middle' }));
  const yTitleX = frame.x - yTickWidth(y.scale, tickSize) - 20;
  parts.push(text(yTitleX, frame.y + frame.height / 2, y.label, { size: 13, anchor: 'middle', rotate: -90 }));
  return parts.join('\n');
}

/** Options of {@link colorBar}. */
export interface ColorBarOptions {
  /** Where the bar itself goes; tick labels are drawn to its right. */
  readonly frame: Frame;
  readonly colorMap: ColorMap;
  /** Scale of the bar, mapping values onto the bar's pixel height (low at the bottom). */
  readonly scale: Scale;
  /** Title above the bar. */
  readonly label?: string;
  /** Number of colour bands drawn (default 48). */
  readonly steps?: number;
  /** Opacity of the bands over white, to match a map drawn the same way (default 1). */
  readonly opacity?: number;
}

/** A vertical colour bar: `steps` bands from the scale's low end (bottom) to its high end (top), with ticks. */
export function colorBar(options: ColorBarOptions): string {
  const { frame, colorMap, scale, label, steps = 48, opacity = 1 } = options;
  const [low, high] = scale.domain;
  const parts: string[] = [rect(frame.x, frame.y, frame.width, frame.height, '#ffffff'), `<g opacity="${opacity}">`];
  const band = frame.height / steps;
  for (let i = 0; i < steps; i++) {
    const t = (i + 0.5) / steps;
    parts.push(rect(frame.x, frame.y + frame.height - (i + 1) * band, frame.width, band + 0.6, colorMap(t)));
  }
  parts.push('</g>');
  parts.push(rect(frame.x, frame.y, frame.width, frame.height, 'none', `stroke="${INK.axis}" stroke-width="0.8"`));
  for (const t of scale.ticks) {
    if (t < low - 1e-12 || t > high + 1e-12) continue;
    const py = scale.map(t);
    parts.push(line(frame.x + frame.width, py, frame.x + frame.width + 4, py, INK.axis));
    parts.push(text(frame.x + frame.width + 7, py, scale.format(t), { size: 11, valign: 'middle', fill: INK.muted }));
  }
  if (label !== undefined) parts.push(text(frame.x + frame.width / 2, frame.y - 10, label, { size: 12, anchor: 'middle' }));
  return parts.join('\n');
}

/** An SVG polyline through the points, broken into several where a point is missing (non-finite). */
export function polyline(points: readonly (readonly [number, number] | undefined)[], stroke: string, extra = ''): string {
  const runs: string[][] = [[]];
  for (const p of points) {
    if (p === undefined || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      if (runs[runs.length - 1]!.length > 0) runs.push([]);
      continue;
    }
    runs[runs.length - 1]!.push(`${num(p[0])},${num(p[1])}`);
  }
  return runs
    .filter((run) => run.length > 1)
    .map((run) => `<polyline points="${run.join(' ')}" fill="none" stroke="${stroke}" stroke-linejoin="round"${extra === '' ? '' : ` ${extra}`}/>`)
    .join('\n');
}
