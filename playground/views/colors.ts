/** The playground's colour scale: orange for negative (class 0), white at zero, blue for positive (class 1). */

const NEGATIVE = [245, 147, 34] as const;
const MIDDLE = [232, 234, 235] as const;
const POSITIVE = [8, 119, 189] as const;

/** RGB of a value in [-1, 1] (clamped). */
export function divergingRgb(value: number): [number, number, number] {
  const v = Math.max(-1, Math.min(1, Number.isFinite(value) ? value : 0));
  const end = v < 0 ? NEGATIVE : POSITIVE;
  const t = Math.abs(v);
  return [MIDDLE[0] + (end[0] - MIDDLE[0]) * t, MIDDLE[1] + (end[1] - MIDDLE[1]) * t, MIDDLE[2] + (end[2] - MIDDLE[2]) * t];
}

/** CSS colour of a value in [-1, 1]. */
export function divergingCss(value: number): string {
  const [r, g, b] = divergingRgb(value);
  return `rgb(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)})`;
}

/** The two class colours, as CSS. */
export const CLASS_COLORS = { negative: divergingCss(-1), positive: divergingCss(1) } as const;
