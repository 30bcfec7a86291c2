/**
 * Colour maps: t in [0, 1] → '#rrggbb'. Sequential maps (viridis, blues, greys) for heat maps and images,
 * a diverging map (blue–white–red) for probabilities, and a categorical palette for classes.
 */

/** A colour map: t in [0, 1] (clamped) → '#rrggbb'. */
export type ColorMap = (t: number) => string;

type Rgb = readonly [number, number, number];

/** Hex '#rrggbb' → [r, g, b] in 0..255. */
export function parseHex(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1, 7), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** [r, g, b] in 0..255 → '#rrggbb'. */
export function toHex(rgb: Rgb): string {
  return `#${rgb.map((c) => Math.max(0, Math.min(255, Math.round(c))).toString(16).padStart(2, '0')).join('')}`;
}

/** Linear blend of two hex colours: `t` = 0 gives `a`, 1 gives `b`. */
export function mix(a: string, b: string, t: number): string {
  const x = parseHex(a);
  const y = parseHex(b);
  return toHex([x[0] + (y[0] - x[0]) * t, x[1] + (y[1] - x[1]) * t, x[2] + (y[2] - x[2]) * t]);
}

/** A colour map that interpolates linearly between evenly spaced hex stops. */
export function fromStops(stops: readonly string[]): ColorMap {
  return (t: number) => {
    const clamped = Number.isFinite(t) ? Math.max(0, Math.min(1, t)) : 0;
    const position = clamped * (stops.length - 1);
    const i = Math.min(stops.length - 2, Math.floor(position));
    return mix(stops[i]!, stops[i + 1]!, position - i);
  };
}

/** Matplotlib's viridis (perceptually uniform, colour-blind safe), 11 stops. */
export const viridis: ColorMap = fromStops([
  '#440154', '#482475', '#414487', '#355f8d', '#2a788e', '#21918c', '#22a884', '#44bf70', '#7ad151', '#bddf26', '#fde725',
]);

/** White to dark blue (matplotlib 'Blues'): the usual confusion-matrix map. */
export const blues: ColorMap = fromStops(['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08306b']);

/** White to black (matplotlib 'Greys'): ink on paper, for digits. */
export const greys: ColorMap = fromStops(['#ffffff', '#000000']);

/** Blue – white – red (ColorBrewer RdBu reversed): 0 → blue, 0.5 → white, 1 → red; for P(class 1). */
export const blueWhiteRed: ColorMap = fromStops(['#2166ac', '#67a9cf', '#d1e5f0', '#f7f7f7', '#fddbc7', '#ef8a62', '#b2182b']);

/** Ten distinct class colours (Tableau 10, as in matplotlib 'tab10'); class i gets entry i mod 10. */
export const CATEGORICAL: readonly string[] = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
];

/** Colour of class `index` in the categorical palette. */
export function classColor(index: number): string {
  return CATEGORICAL[((index % CATEGORICAL.length) + CATEGORICAL.length) % CATEGORICAL.length]!;
}

/** Black or white, whichever reads better on `background` (by relative luminance). */
export function textColorOn(background: string): string {
  const [r, g, b] = parseHex(background);
  const luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  return luminance > 0.55 ? '#1a1a1a' : '#ffffff';
}
