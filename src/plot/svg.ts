/**
 * SVG building blocks shared by every chart: escaping, number formatting for coordinates,
 * text with a measured width estimate, the document wrapper and a legend.
 * Everything returns strings; nothing touches a DOM, so the browser and Node use the same code.
 */

/** The plot area inside a chart, in SVG user units (pixels): top-left corner plus size. */
export interface Frame {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Font stack: DejaVu Sans is the font the PNG renderer ships; browsers fall back to their sans-serif. */
export const FONT_FAMILY = "'DejaVu Sans', Verdana, 'Helvetica Neue', Arial, sans-serif";

/** Ink colours used for text, axes and grid lines. */
export const INK = { text: '#222222', muted: '#555555', axis: '#444444', grid: '#e6e6e6', background: '#ffffff' } as const;

/** Escapes the five XML special characters, so any class name or title is safe inside text or attributes. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'));
}

/** A coordinate rounded to 2 decimals without trailing zeros (keeps SVG files small and diffs stable). */
export function num(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** Rough width in pixels of `text` at `size` px in DejaVu Sans (average advance ≈ 0.6 em); used for layout only. */
export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) em += /[il.,:;'|!1 ]/.test(ch) ? 0.35 : /[mwMW@%]/.test(ch) ? 0.9 : /[A-Z0-9]/.test(ch) ? 0.68 : 0.6;
  return em * size;
}

/** Shortens `text` with an ellipsis so that it fits in `maxWidth` px at `size` px. */
export function truncate(text: string, size: number, maxWidth: number): string {
  if (textWidth(text, size) <= maxWidth) return text;
  let cut = text;
  while (cut.length > 1 && textWidth(`${cut}…`, size) > maxWidth) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Options of {@link text}. */
export interface TextOptions {
  /** Font size in px (default 12). */
  readonly size?: number;
  /** Horizontal anchor (default 'start'). */
  readonly anchor?: 'start' | 'middle' | 'end';
  /** Vertical placement of `y`: the baseline (default) or the middle of the glyphs. */
  readonly valign?: 'baseline' | 'middle';
  readonly weight?: 'normal' | 'bold';
  readonly fill?: string;
  /** Rotation in degrees around (x, y), e.g. -90 for a y-axis label. */
  readonly rotate?: number;
}

/** A `<text>` element. Vertical centring is done with a numeric offset, which every renderer honours. */
export function text(x: number, y: number, content: string, options: TextOptions = {}): string {
  const { size = 12, anchor = 'start', valign = 'baseline', weight = 'normal', fill = INK.text, rotate } = options;
  const baselineY = valign === 'middle' ? y + size * 0.35 : y;
  const attrs = [`x="${num(x)}"`, `y="${num(baselineY)}"`, `font-size="${num(size)}"`, `fill="${fill}"`];
  if (anchor !== 'start') attrs.push(`text-anchor="${anchor}"`);
  if (weight === 'bold') attrs.push('font-weight="bold"');
  if (rotate !== undefined) attrs.push(`transform="rotate(${num(rotate)} ${num(x)} ${num(y)})"`);
  return `<text ${attrs.join(' ')}>${escapeXml(content)}</text>`;
}

/** A `<rect>`; `extra` is raw attribute text (already escaped by the caller). */
export function rect(x: number, y: number, width: number, height: number, fill: string, extra = ''): string {
  return `<rect x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${num(height)}" fill="${fill}"${extra === '' ? '' : ` ${extra}`}/>`;
}

/** A `<line>` from (x1, y1) to (x2, y2). */
export function line(x1: number, y1: number, x2: number, y2: number, stroke: string, extra = ''): string {
  return `<line x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}" stroke="${stroke}"${extra === '' ? '' : ` ${extra}`}/>`;
}

/** Options of {@link svgDocument}. */
export interface DocumentOptions {
  /** Chart title, drawn centred at the top in bold. */
  readonly title?: string;
  /** A smaller grey line under the title. */
  readonly subtitle?: string;
  /** Accessible description (`<desc>`). */
  readonly description?: string;
}

/** Height taken by the title block of {@link svgDocument}: chart bodies start below this. */
export function headerHeight(options: DocumentOptions): number {
  return options.title === undefined ? 12 : options.subtitle === undefined ? 44 : 62;
}

/** Wraps a body in a standalone SVG document of `width` x `height` px with a white background and the title block. */
export function svgDocument(width: number, height: number, body: string, options: DocumentOptions = {}): string {
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" font-family="${escapeXml(FONT_FAMILY)}">`,
  ];
  if (options.title !== undefined) parts.push(`<title>${escapeXml(options.title)}</title>`);
  if (options.description !== undefined) parts.push(`<desc>${escapeXml(options.description)}</desc>`);
  parts.push(rect(0, 0, width, height, INK.background));
  if (options.title !== undefined) parts.push(text(width / 2, 30, options.title, { size: 18, anchor: 'middle', weight: 'bold' }));
  if (options.subtitle !== undefined) parts.push(text(width / 2, 50, options.subtitle, { size: 13, anchor: 'middle', fill: INK.muted }));
  parts.push(body, '</svg>');
  return parts.join('\n');
}

/** One legend entry: a line (solid or dashed), a filled marker or a square swatch, in `color`. */
export interface LegendItem {
  readonly label: string;
  readonly color: string;
  readonly symbol: 'line' | 'dashed' | 'marker' | 'swatch';
}

/** Size of the legend box that {@link legend} draws for `items`. */
export function legendSize(items: readonly LegendItem[], size = 12): { width: number; height: number } {
  const widest = Math.max(0, ...items.map((item) => textWidth(item.label, size)));
  return { width: widest + 44, height: items.length * (size + 8) + 10 };
}

/** A legend box with its top-left corner at (x, y): white, slightly transparent, thin border. */
export function legend(items: readonly LegendItem[], x: number, y: number, size = 12): string {
  const box = legendSize(items, size);
  const parts = [rect(x, y, box.width, box.height, '#ffffff', 'fill-opacity="0.9" stroke="#cccccc" rx="3"')];
  items.forEach((item, i) => {
    const cy = y + 5 + (size + 8) * i + (size + 8) / 2;
    const sx = x + 8;
    if (item.symbol === 'line' || item.symbol === 'dashed') {
      const dash = item.symbol === 'dashed' ? ' stroke-dasharray="6 3"' : '';
      parts.push(line(sx, cy, sx + 24, cy, item.color, `stroke-width="2.5"${dash}`));
    } else if (item.symbol === 'marker') {
      parts.push(`<circle cx="${num(sx + 12)}" cy="${num(cy)}" r="5" fill="${item.color}" stroke="#333333" stroke-width="0.8"/>`);
    } else {
      parts.push(rect(sx + 5, cy - 7, 14, 14, item.color, 'stroke="#888888" stroke-width="0.5"'));
    }
    parts.push(text(sx + 32, cy, item.label, { size, valign: 'middle' }));
  });
  return parts.join('\n');
}

/**
 * Top-left corner for a legend of `size` inside `frame`: the corner (top-right first, then top-left,
 * bottom-right, bottom-left) whose box covers the fewest of `points` (pixel positions of the data).
 */
export function placeLegend(frame: Frame, size: { width: number; height: number }, points: readonly (readonly [number, number])[], margin = 8): { x: number; y: number } {
  const left = frame.x + margin;
  const right = frame.x + frame.width - size.width - margin;
  const top = frame.y + margin;
  const bottom = frame.y + frame.height - size.height - margin;
  const corners = [
    { x: right, y: top },
    { x: left, y: top },
    { x: right, y: bottom },
    { x: left, y: bottom },
  ];
  let best = corners[0]!;
  let bestCount = Infinity;
  for (const corner of corners) {
    let count = 0;
    for (const [px, py] of points) {
      if (px >= corner.x - 4 && px <= corner.x + size.width + 4 && py >= corner.y - 4 && py <= corner.y + size.height + 4) count++;
    }
    if (count < bestCount) {
      best = corner;
      bestCount = count;
    }
  }
  return best;
}
