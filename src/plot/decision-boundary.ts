/**
 * Decision boundary of a classifier with 2-D inputs: the predicted class (or P(class 1)) over a grid as a
 * heat map, the data points on top. The caller builds the grid inputs with {@link decisionGridInputs},
 * runs the model once on that batch, and passes the output matrix's data back here.
 */
import { axes, colorBar, yTickWidth } from './axes.js';
import { blueWhiteRed, classColor, mix } from './colors.js';
import { linearScale } from './scale.js';
import { headerHeight, legend, legendSize, num, rect, svgDocument, type LegendItem } from './svg.js';

/** The grid the predictions were computed on: `columns` x `rows` cell centres spanning the two ranges. */
export interface GridSpec {
  /** [min, max] of feature 0 (x axis), in the units the points are given in. */
  readonly xRange: readonly [number, number];
  /** [min, max] of feature 1 (y axis). */
  readonly yRange: readonly [number, number];
  /** Cells along x (default 100). */
  readonly columns?: number;
  /** Cells along y (default 100). */
  readonly rows?: number;
}

function resolution(grid: GridSpec): { columns: number; rows: number } {
  return { columns: grid.columns ?? 100, rows: grid.rows ?? 100 };
}

/**
 * The model inputs for the grid: a row-major (rows·columns) x 2 array of cell centres, cell (r, c) at
 * index r·columns + c, row 0 at the bottom (yRange[0]). Feed it as one batch; pass the outputs to
 * {@link decisionBoundarySvg} unchanged.
 */
export function decisionGridInputs(grid: GridSpec): Float32Array {
  const { columns, rows } = resolution(grid);
  const out = new Float32Array(rows * columns * 2);
  const [x0, x1] = grid.xRange;
  const [y0, y1] = grid.yRange;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const i = r * columns + c;
      out[2 * i] = x0 + ((c + 0.5) / columns) * (x1 - x0);
      out[2 * i + 1] = y0 + ((r + 0.5) / rows) * (y1 - y0);
    }
  }
  return out;
}

/** A range that covers `values` plus `pad` of its width on both sides: handy for GridSpec ranges. */
export function paddedRange(values: ArrayLike<number>, pad = 0.1): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) [low, high] = [Math.min(low, v), Math.max(high, v)];
  }
  if (!(low <= high)) return [-1, 1];
  const span = high - low || 1;
  return [low - pad * span, high + pad * span];
}

/** Options of {@link decisionBoundarySvg}. */
export interface DecisionBoundaryOptions {
  readonly grid: GridSpec;
  /**
   * Model outputs on {@link decisionGridInputs}: (rows·columns) x outputs, row-major. One output is read as
   * P(class 1) of a binary classifier (sigmoid); two or more as class probabilities (softmax).
   */
  readonly outputs: ArrayLike<number>;
  /** Outputs per grid cell (1 for a sigmoid output, k for softmax). */
  readonly outputSize: number;
  /** The data points: x[i], y[i] (same units as the grid ranges) and class label[i]. */
  readonly points: { readonly x: ArrayLike<number>; readonly y: ArrayLike<number>; readonly labels: ArrayLike<number> };
  readonly classNames?: readonly string[];
  /** Axis titles (default 'x₁' and 'x₂'). */
  readonly xLabel?: string;
  readonly yLabel?: string;
  /** Default 'Decision boundary'. */
  readonly title?: string;
  readonly subtitle?: string;
  /** Side of the square plot area in px (default 460). */
  readonly size?: number;
}

/** Colour of one grid cell: P(class 1) on blue–white–red for binary, else the class colour faded by confidence. */
function cellColor(outputs: ArrayLike<number>, cell: number, k: number): string {
  // Quantised so that neighbouring cells share colours and merge into runs (a smaller file, no visible banding).
  if (k <= 2) return blueWhiteRed(Math.round(outputs[k === 1 ? cell : 2 * cell + 1]! * 40) / 40);
  let best = 0;
  for (let j = 1; j < k; j++) if (outputs[cell * k + j]! > outputs[cell * k + best]!) best = j;
  const confidence = Math.max(0, Math.min(1, (outputs[cell * k + best]! - 1 / k) / (1 - 1 / k)));
  const strength = 0.18 + (0.5 * Math.round(confidence * 24)) / 24;
  return mix('#ffffff', classColor(best), strength);
}

/** Point colours: the binary map's ends for two classes, so points match the background they belong to. */
/** The map is drawn at this opacity over white, so points in the full class colours stand out on it. */
const MAP_OPACITY = 0.6;

function pointColor(label: number, binary: boolean): string {
  return binary ? (label === 0 ? '#2166ac' : '#b2182b') : classColor(label);
}

/**
 * The decision boundary as an SVG string: the grid drawn as merged horizontal runs of equal colour,
 * the points with a white outline on top, a legend of classes and, for binary problems, a P(class 1) colour bar.
 */
export function decisionBoundarySvg(options: DecisionBoundaryOptions): string {
  const { grid, outputs, outputSize: k, points, xLabel = 'x₁', yLabel = 'x₂', title = 'Decision boundary', size = 460 } = options;
  const { columns, rows } = resolution(grid);
  if (outputs.length !== rows * columns * k) {
    throw new RangeError(`decisionBoundarySvg: expected ${rows * columns * k} outputs (${rows} x ${columns} cells x ${k}), got ${outputs.length}`);
  }
  const binary = k <= 2;
  let classCount = binary ? 2 : k;
  for (let i = 0; i < points.labels.length; i++) classCount = Math.max(classCount, points.labels[i]! + 1);
  const name = (i: number) => options.classNames?.[i] ?? `class ${i}`;
  const header = options.subtitle === undefined ? { title } : { title, subtitle: options.subtitle };
  const top = headerHeight(header) + 14;
  const left = 48 + yTickWidth(linearScale(grid.yRange[0], grid.yRange[1], size, 0, { exact: true }));
  const frame = { x: left, y: top, width: size, height: size };
  const xScale = linearScale(grid.xRange[0], grid.xRange[1], frame.x, frame.x + size, { exact: true });
  const yScale = linearScale(grid.yRange[0], grid.yRange[1], frame.y + size, frame.y, { exact: true });
  const cellW = size / columns;
  const cellH = size / rows;
  const parts: string[] = [rect(frame.x, frame.y, size, size, '#ffffff'), `<g shape-rendering="crispEdges" opacity="${MAP_OPACITY}">`];
  for (let r = 0; r < rows; r++) {
    const y = frame.y + size - (r + 1) * cellH;
    let c = 0;
    while (c < columns) {
      const color = cellColor(outputs, r * columns + c, k);
      let end = c + 1;
      while (end < columns && cellColor(outputs, r * columns + end, k) === color) end++;
      parts.push(rect(frame.x + c * cellW, y, (end - c) * cellW + 0.5, cellH + 0.5, color));
      c = end;
    }
  }
  parts.push('</g>');
  parts.push(axes({ frame, x: { scale: xScale, label: xLabel }, y: { scale: yScale, label: yLabel }, grid: false }));
  const dots: string[] = [];
  for (let i = 0; i < points.x.length; i++) {
    const px = xScale.map(points.x[i]!);
    const py = yScale.map(points.y[i]!);
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
    dots.push(`<circle class="point" cx="${num(px)}" cy="${num(py)}" r="4.2" fill="${pointColor(points.labels[i]!, binary)}"/>`);
  }
  parts.push(`<g stroke="#ffffff" stroke-width="1.1">${dots.join('')}</g>`);
  const items: LegendItem[] = Array.from({ length: classCount }, (_, i) => ({ label: name(i), color: pointColor(i, binary), symbol: 'marker' }));
  const box = legendSize(items);
  const sideX = frame.x + size + 24;
  parts.push(legend(items, sideX, frame.y));
  if (binary) {
    const barFrame = { x: sideX + 6, y: frame.y + box.height + 40, width: 16, height: Math.max(80, size - box.height - 60) };
    const barScale = linearScale(0, 1, barFrame.y + barFrame.height, barFrame.y, { exact: true });
    parts.push(colorBar({ frame: barFrame, colorMap: blueWhiteRed, scale: barScale, label: `P(${name(1)})`, opacity: MAP_OPACITY }));
  }
  const width = sideX + Math.max(box.width, 90) + 20;
  const description = `decision regions over a ${columns} x ${rows} grid with ${points.x.length} points`;
  return svgDocument(width, top + size + 64, parts.join('\n'), { ...header, description });
}
