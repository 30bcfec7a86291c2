/**
 * A grid of labelled images, made for the test images a classifier got wrong: each tile shows the image
 * and "true X / pred Y" with class names, the predicted name in red.
 */
import { imagePaths, pickMax, type PixelOptions } from './digit.js';
import { INK, escapeXml, headerHeight, num, rect, svgDocument, text, textWidth, truncate } from './svg.js';

/** One tile: an image and the classes it belongs to and was predicted as (indices into classNames). */
export interface LabelledImage {
  /** Row-major, width x height values, bytes 0..255 or floats in [0, 1]. */
  readonly pixels: ArrayLike<number>;
  readonly actual: number;
  readonly predicted: number;
}

/** Options of {@link imageGridSvg}. */
export interface ImageGridOptions extends PixelOptions {
  readonly images: readonly LabelledImage[];
  /** Image size in pixels (default 28 x 28). */
  readonly width?: number;
  readonly height?: number;
  /** Names by class index (default the index itself). */
  readonly classNames?: readonly string[];
  /** Default 'Misclassified test images'. */
  readonly title?: string;
  /** Default 'showing N' or, with `total`, 'showing N of TOTAL misclassified'. */
  readonly subtitle?: string;
  /** How many wrong predictions there were in all, for the subtitle. */
  readonly total?: number;
  /** Tiles per row (default: about square, at most 10). */
  readonly columns?: number;
  /** At most this many tiles are drawn (default 50), the first ones. */
  readonly limit?: number;
  /** Side of one image pixel in px (default 3: a 28 x 28 image is 84 px). */
  readonly pixelSize?: number;
}

const LABEL_SIZE = 11;
const PRED_COLOR = '#c62828';

/**
 * The images as an SVG grid of tiles, each with its labels underneath. Labels that do not fit on one line
 * under the image are split into a "true" line and a "pred" line; very long class names are shortened.
 */
export function imageGridSvg(options: ImageGridOptions): string {
  const { width = 28, height = 28, classNames, title = 'Misclassified test images', limit = 50, pixelSize = 3 } = options;
  const images = options.images.slice(0, Math.max(0, limit));
  const name = (i: number) => classNames?.[i] ?? String(i);
  const subtitle =
    options.subtitle ??
    (options.total === undefined ? `showing ${images.length}` : `showing ${images.length} of ${options.total} misclassified`);
  const imageWidth = width * pixelSize;
  const imageHeight = height * pixelSize;
  const labels = images.map((img) => ({ actual: `true ${name(img.actual)}`, predicted: `pred ${name(img.predicted)}` }));
  const oneLine = (l: { actual: string; predicted: string }) => textWidth(`${l.actual} / ${l.predicted}`, LABEL_SIZE);
  const widestOneLine = Math.max(0, ...labels.map(oneLine));
  const twoLines = widestOneLine > Math.max(imageWidth, 110) + 8;
  const widestLine = Math.max(0, ...labels.flatMap((l) => [textWidth(l.actual, LABEL_SIZE), textWidth(l.predicted, LABEL_SIZE)]));
  const tileWidth = Math.min(Math.max(imageWidth, twoLines ? widestLine : widestOneLine) + 14, imageWidth + 90);
  const tileHeight = imageHeight + (twoLines ? 2 : 1) * (LABEL_SIZE + 4) + 14;
  const guess = Math.min(10, Math.ceil(Math.sqrt(images.length * 1.4)));
  const columns = Math.max(1, options.columns ?? Math.ceil(images.length / Math.max(1, Math.ceil(images.length / Math.max(1, guess)))));
  const rows = Math.ceil(images.length / columns);
  const top = headerHeight({ title, subtitle }) + 8;
  const margin = 16;
  const gridWidth = columns * tileWidth;
  const docWidth = Math.max(gridWidth + 2 * margin, 360);
  const left = (docWidth - gridWidth) / 2;
  const parts: string[] = [];
  images.forEach((img, i) => {
    const tileX = left + (i % columns) * tileWidth;
    const tileY = top + Math.floor(i / columns) * tileHeight;
    const x = tileX + (tileWidth - imageWidth) / 2;
    parts.push(rect(x, tileY, imageWidth, imageHeight, '#ffffff', 'class="tile"'));
    parts.push(imagePaths({ pixels: img.pixels, width, height }, { ...pickMax(options), x, y: tileY, pixelSize }));
    parts.push(rect(x, tileY, imageWidth, imageHeight, 'none', `stroke="${INK.grid}" stroke-width="1"`));
    const maxText = tileWidth - 6;
    const label = labels[i]!;
    const cx = tileX + tileWidth / 2;
    const y1 = tileY + imageHeight + LABEL_SIZE + 4;
    if (twoLines) {
      parts.push(text(cx, y1, truncate(label.actual, LABEL_SIZE, maxText), { size: LABEL_SIZE, anchor: 'middle' }));
      parts.push(text(cx, y1 + LABEL_SIZE + 4, truncate(label.predicted, LABEL_SIZE, maxText), { size: LABEL_SIZE, anchor: 'middle', fill: PRED_COLOR }));
    } else {
      parts.push(
        `<text x="${num(cx)}" y="${num(y1)}" font-size="${LABEL_SIZE}" text-anchor="middle" fill="${INK.text}">` +
          `${escapeXml(label.actual)} / <tspan fill="${PRED_COLOR}">${escapeXml(label.predicted)}</tspan></text>`,
      );
    }
  });
  if (images.length === 0) parts.push(text(docWidth / 2, top + 30, 'no misclassified images', { size: 13, anchor: 'middle', fill: INK.muted }));
  const docHeight = top + Math.max(rows * tileHeight, images.length === 0 ? 50 : 0) + margin;
  const description = `${images.length} images of ${width} x ${height} pixels with true and predicted classes`;
  return svgDocument(docWidth, docHeight, parts.join('\n'), { title, subtitle, description });
}
