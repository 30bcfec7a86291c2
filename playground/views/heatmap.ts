/** Paints one column of a (size² x cols) matrix of grid values as a size x size heat map on a canvas. */
import type { Matrix } from '../../src/index.js';
import { divergingRgb } from './colors.js';

/** How a raw value becomes a colour position in [-1, 1]. */
export type Scale = (value: number) => number;

/** A scale for a column: sigmoid outputs map 0..1 to -1..1, others are divided by their largest magnitude. */
export function scaleFor(values: Matrix, column: number, activation: string): Scale {
  if (activation === 'sigmoid') return (v) => 2 * v - 1;
  let max = 1e-6;
  for (let r = 0; r < values.rows; r++) max = Math.max(max, Math.abs(values.data[r * values.cols + column]!));
  return (v) => v / max;
}

/** Draws column `column` of `values` (rows = size², row-major from the top left) stretched over the canvas. */
export function paintHeatmap(canvas: HTMLCanvasElement, values: Matrix, column: number, size: number, scale: Scale): void {
  const context = canvas.getContext('2d');
  if (context === null) return;
  const image = new ImageData(size, size);
  for (let i = 0; i < size * size; i++) {
    const [r, g, b] = divergingRgb(scale(values.data[i * values.cols + column]!));
    image.data[4 * i] = r;
    image.data[4 * i + 1] = g;
    image.data[4 * i + 2] = b;
    image.data[4 * i + 3] = 255;
  }
  const buffer = offscreen(size);
  buffer.getContext('2d')!.putImageData(image, 0, 0);
  context.imageSmoothingEnabled = true;
  context.drawImage(buffer, 0, 0, canvas.width, canvas.height);
}

const buffers = new Map<number, HTMLCanvasElement>();

function offscreen(size: number): HTMLCanvasElement {
  let canvas = buffers.get(size);
  if (canvas === undefined) {
    canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    buffers.set(size, canvas);
  }
  return canvas;
}
