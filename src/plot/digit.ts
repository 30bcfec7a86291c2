/**
 * Grey-level images (MNIST digits, Fashion-MNIST items, any w x h) as SVG and as terminal text.
 * Pixels are row-major, either bytes 0..255 or floats in [0, 1]; 0 is background, drawn as paper,
 * and full intensity as black ink (matplotlib's 'Greys', as seed 003 shows its digit).
 */
import { greys, type ColorMap } from './colors.js';
import { INK, headerHeight, num, rect, svgDocument } from './svg.js';

/** A row-major grey-level image: `pixels[r * width + c]`, length width x height. */
export interface GrayImage {
  readonly pixels: ArrayLike<number>;
  readonly width: number;
  readonly height: number;
}

/** Options shared by the pixel drawers: how to read the pixel values. */
export interface PixelOptions {
  /** Full-intensity value: 255 for bytes, 1 for floats. Default: 255 for Uint8Array or when any value exceeds 1, else 1. */
  readonly maxValue?: number;
}

/** The full-intensity value of `pixels` (see {@link PixelOptions.maxValue}). */
export function pixelMax(pixels: ArrayLike<number>, options: PixelOptions = {}): number {
  if (options.maxValue !== undefined) return options.maxValue;
  if (pixels instanceof Uint8Array || pixels instanceof Uint8ClampedArray) return 255;
  for (let i = 0; i < pixels.length; i++) if (pixels[i]! > 1) return 255;
  return 1;
}

function checkShape(image: GrayImage): void {
  if (image.pixels.length !== image.width * image.height) {
    throw new RangeError(`image of ${image.width} x ${image.height} needs ${image.width * image.height} pixels, got ${image.pixels.length}`);
  }
}

/** Options of {@link imagePaths}. */
export interface ImagePathsOptions extends PixelOptions {
  /** Top-left corner of the drawn image in px. */
  readonly x: number;
  readonly y: number;
  /** Side of one image pixel in px. */
  readonly pixelSize: number;
  /** Number of grey levels (default 32); level 0 is skipped (the background shows through). */
  readonly levels?: number;
  readonly colorMap?: ColorMap;
}

/**
 * The image's non-background pixels as SVG paths, one `<path>` per grey level with horizontal runs merged:
 * a 28 x 28 digit costs a few kilobytes instead of 784 rectangles. Draw a background rectangle first.
 */
export function imagePaths(image: GrayImage, options: ImagePathsOptions): string {
  checkShape(image);
  const { x, y, pixelSize, levels = 32, colorMap = greys } = options;
  const max = pixelMax(image.pixels, options);
  const level = (i: number) => Math.max(0, Math.min(levels - 1, Math.round((image.pixels[i]! / max) * (levels - 1))));
  const paths = new Map<number, string[]>();
  for (let r = 0; r < image.height; r++) {
    let c = 0;
    while (c < image.width) {
      const l = level(r * image.width + c);
      let end = c + 1;
      while (end < image.width && level(r * image.width + end) === l) end++;
      if (l > 0) {
        const run = `M${num(x + c * pixelSize)} ${num(y + r * pixelSize)}h${num((end - c) * pixelSize)}v${num(pixelSize)}h${num(-(end - c) * pixelSize)}z`;
        const list = paths.get(l) ?? [];
        list.push(run);
        paths.set(l, list);
      }
      c = end;
    }
  }
  return [...paths.entries()]
    .sort(([a], [b]) => a - b)
    .map(([l, runs]) => `<path d="${runs.join('')}" fill="${colorMap(l / (levels - 1))}" shape-rendering="crispEdges"/>`)
    .join('\n');
}

/** Options of {@link digitSvg}. */
export interface DigitSvgOptions extends PixelOptions {
  readonly pixels: ArrayLike<number>;
  /** Default 28. */
  readonly width?: number;
  /** Default 28. */
  readonly height?: number;
  /** Side of one image pixel in px (default 10). */
  readonly pixelSize?: number;
  /** Title above the image, e.g. 'label 7'. */
  readonly title?: string;
  readonly subtitle?: string;
}

/** One image as a standalone SVG document: the pixels on white inside a thin frame, with an optional title. */
export function digitSvg(options: DigitSvgOptions): string {
  const { pixels, width = 28, height = 28, pixelSize = 10, title, subtitle } = options;
  const header = title === undefined ? { } : subtitle === undefined ? { title } : { title, subtitle };
  const top = headerHeight(header) + 8;
  const pad = 16;
  const w = width * pixelSize;
  const h = height * pixelSize;
  const docWidth = Math.max(w + 2 * pad, title === undefined ? 0 : 260);
  const x = (docWidth - w) / 2;
  const body = [
    rect(x, top, w, h, '#ffffff'),
    imagePaths({ pixels, width, height }, { ...pickMax(options), x, y: top, pixelSize }),
    rect(x, top, w, h, 'none', `stroke="${INK.grid}" stroke-width="1"`),
  ].join('\n');
  const description = `${width} x ${height} grey-level image`;
  return svgDocument(docWidth, top + h + pad, body, { ...header, description });
}

/** `{maxValue}` when set, else nothing (exactOptionalPropertyTypes forbids passing undefined). */
export function pickMax(options: PixelOptions): PixelOptions {
  return options.maxValue === undefined ? {} : { maxValue: options.maxValue };
}

/** Options of {@link digitToText}. */
export interface DigitTextOptions extends PixelOptions {
  /** Default 28. */
  readonly width?: number;
  /** Default 28. */
  readonly height?: number;
  /**
   * 'shade' (default): each pixel becomes two characters of ' ░▒▓█' by intensity (height lines).
   * 'half': each character holds two pixel rows with '▀', '▄', '█' or ' ' at a 50% threshold (height / 2 lines).
   */
  readonly style?: 'shade' | 'half';
  /** Intensity in [0, 1] at or above which 'half' draws a pixel (default 0.5). */
  readonly threshold?: number;
}

const SHADES = [' ', '░', '▒', '▓', '█'];

/** One image as lines of block characters for a terminal, ink where the pixel is bright; no trailing newline. */
export function digitToText(pixels: ArrayLike<number>, options: DigitTextOptions = {}): string {
  const { width = 28, height = 28, style = 'shade', threshold = 0.5 } = options;
  checkShape({ pixels, width, height });
  const max = pixelMax(pixels, options);
  const intensity = (r: number, c: number) => (r < height ? Math.max(0, Math.min(1, pixels[r * width + c]! / max)) : 0);
  const lines: string[] = [];
  if (style === 'half') {
    for (let r = 0; r < height; r += 2) {
      let row = '';
      for (let c = 0; c < width; c++) {
        const top = intensity(r, c) >= threshold;
        const bottom = intensity(r + 1, c) >= threshold;
        row += top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ';
      }
      lines.push(row.trimEnd());
    }
  } else {
    for (let r = 0; r < height; r++) {
      let row = '';
      for (let c = 0; c < width; c++) row += SHADES[Math.round(intensity(r, c) * (SHADES.length - 1))]!.repeat(2);
      lines.push(row.trimEnd());
    }
  }
  return lines.join('\n');
}
