/** The output heat map over the square with the data points on top (train filled, test ringed). */
import type { Matrix } from '../../src/index.js';
import { DOMAIN, type Point } from '../datasets-2d.js';
import { divergingCss } from './colors.js';
import { paintHeatmap, type Scale } from './heatmap.js';

/** What the boundary view draws. */
export interface BoundaryFrame {
  /** Output of the network over the grid (size² x 1), or null before the first snapshot. */
  readonly output: Matrix | null;
  readonly size: number;
  readonly scale: Scale;
  readonly train: readonly Point[];
  readonly test: readonly Point[];
  readonly showTest: boolean;
  /** Maps a label to a colour position in [-1, 1]. */
  readonly labelScale: Scale;
  /** Dot radius in canvas pixels (default width / 110). */
  readonly dotRadius?: number;
}

/** Redraws the whole canvas. */
export function drawBoundary(canvas: HTMLCanvasElement, frame: BoundaryFrame): void {
  const context = canvas.getContext('2d')!;
  if (frame.output === null) {
    context.fillStyle = '#eef0f2';
    context.fillRect(0, 0, canvas.width, canvas.height);
  } else {
    paintHeatmap(canvas, frame.output, 0, frame.size, frame.scale);
  }
  const toPixel = (v: number, flip: boolean) => ((flip ? -v : v) / DOMAIN / 2 + 0.5) * canvas.width;
  const dot = (p: Point, ring: string) => {
    context.beginPath();
    context.arc(toPixel(p.x, false), toPixel(p.y, true), frame.dotRadius ?? canvas.width / 110, 0, 2 * Math.PI);
    context.fillStyle = divergingCss(frame.labelScale(p.label));
    context.fill();
    if (ring === '') return;
    context.lineWidth = 1;
    context.strokeStyle = ring;
    context.stroke();
  };
  frame.train.forEach((p) => dot(p, frame.dotRadius === undefined ? '#ffffff' : ''));
  if (frame.showTest) frame.test.forEach((p) => dot(p, '#1b1f23'));
}
