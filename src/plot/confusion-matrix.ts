/**
 * Confusion matrix as a heat map: one cell per (true class, predicted class) with its count written in it,
 * class names on both axes, a colour bar, and the overall accuracy under the title.
 */
import { colorBar } from './axes.js';
import { blues, textColorOn, type ColorMap } from './colors.js';
import { linearScale } from './scale.js';
import { INK, headerHeight, num, rect, svgDocument, text, textWidth, truncate } from './svg.js';

/** Options of {@link confusionMatrixSvg}. */
export interface ConfusionMatrixOptions {
  /** counts[t][p] = number of samples of true class t predicted as class p; k x k. */
  readonly counts: readonly (readonly number[])[];
  /** k names in class-index order (default '0', '1', ...). */
  readonly classNames?: readonly string[];
  /** Default 'Confusion matrix (test)'. */
  readonly title?: string;
  /** Default: the accuracy, e.g. 'accuracy 97.81% (9781 of 10000)'. */
  readonly subtitle?: string;
  /**
   * What the colour encodes: 'count' (default) or 'row', the share of each true class (recall), which keeps
   * small classes visible when the classes are imbalanced. Cells always show counts.
   */
  readonly colorBy?: 'count' | 'row';
  /** Default 'blues'. */
  readonly colorMap?: ColorMap;
  /** Side of one cell in px (default: fits about 520 px, between 22 and 96). */
  readonly cellSize?: number;
}

/** Rows, columns and diagonal sums of the matrix. */
function totals(counts: readonly (readonly number[])[]): { rows: number[]; correct: number; total: number } {
  const rows = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const correct = counts.reduce((sum, row, i) => sum + (row[i] ?? 0), 0);
  return { rows, correct, total: rows.reduce((a, b) => a + b, 0) };
}

/**
 * The confusion matrix as an SVG string. Rows are the true class (top to bottom), columns the predicted class
 * (left to right), so the diagonal holds the correct predictions.
 */
export function confusionMatrixSvg(options: ConfusionMatrixOptions): string {
  const { counts, title = 'Confusion matrix (test)', colorBy = 'count', colorMap = blues } = options;
  const k = counts.length;
  const names = Array.from({ length: k }, (_, i) => options.classNames?.[i] ?? String(i));
  const { rows, correct, total } = totals(counts);
  const subtitle =
    options.subtitle ?? `accuracy ${total === 0 ? 'n/a' : `${((100 * correct) / total).toFixed(2)}%`} (${correct} of ${total} correct)`;
  const cell = options.cellSize ?? Math.max(22, Math.min(96, Math.floor(520 / Math.max(1, k))));
  const labelSize = Math.min(13, Math.max(9, cell * 0.3));
  const shown = names.map((name) => truncate(name, labelSize, 140));
  const widestName = shown.reduce((widest, name) => Math.max(widest, textWidth(name, labelSize)), 10);
  const rotateX = widestName > cell - 4;
  const maxCount = Math.max(1, ...counts.flat());
  const countText = (v: number) => String(v);
  const countSize = Math.min(14, cell * 0.32, (cell - 6) / (0.62 * Math.max(1, countText(maxCount).length)));

  const top = headerHeight({ title, subtitle }) + 16;
  const left = 54 + widestName;
  const gridSize = cell * k;
  const bottomLabels = rotateX ? widestName * 0.72 + 16 : labelSize + 12;
  const barX = left + gridSize + 28;
  const width = Math.max(barX + 90, 420);
  const height = top + gridSize + bottomLabels + 44;

  const parts: string[] = [];
  const value = (t: number, p: number) => counts[t]?.[p] ?? 0;
  const shade = (t: number, p: number) => (colorBy === 'row' ? (rows[t] === 0 ? 0 : value(t, p) / rows[t]!) : value(t, p) / maxCount);
  for (let t = 0; t < k; t++) {
    for (let p = 0; p < k; p++) {
      const fill = colorMap(shade(t, p));
      const x = left + p * cell;
      const y = top + t * cell;
      parts.push(rect(x, y, cell, cell, fill, 'class="cell" stroke="#ffffff" stroke-width="1"'));
      if (countSize >= 6) {
        const weight = t === p ? 'bold' : 'normal';
        const ink = value(t, p) === 0 ? '#b8b8b8' : textColorOn(fill);
        parts.push(text(x + cell / 2, y + cell / 2, countText(value(t, p)), { size: countSize, anchor: 'middle', valign: 'middle', fill: ink, weight }));
      }
    }
  }
  parts.push(rect(left, top, gridSize, gridSize, 'none', `stroke="${INK.axis}" stroke-width="1"`));
  shown.forEach((name, i) => {
    const cy = top + i * cell + cell / 2;
    parts.push(text(left - 8, cy, name, { size: labelSize, anchor: 'end', valign: 'middle' }));
    const cx = left + i * cell + cell / 2;
    const by = top + gridSize + 8;
    parts.push(
      rotateX
        ? text(cx + labelSize * 0.35, by, name, { size: labelSize, anchor: 'end', rotate: -45 })
        : text(cx, by + labelSize, name, { size: labelSize, anchor: 'middle' }),
    );
  });
  parts.push(text(left + gridSize / 2, top + gridSize + bottomLabels + 24, 'Predicted class', { size: 13, anchor: 'middle', weight: 'bold' }));
  parts.push(text(left - widestName - 30, top + gridSize / 2, 'True class', { size: 13, anchor: 'middle', rotate: -90, weight: 'bold' }));

  const barFrame = { x: barX, y: top, width: 16, height: gridSize };
  const barScale =
    colorBy === 'row'
      ? { ...linearScale(0, 1, top + gridSize, top, { exact: true }), format: (v: number) => `${Math.round(v * 100)}%` }
      : linearScale(0, maxCount, top + gridSize, top, { exact: true, integer: maxCount >= 5 });
  parts.push(colorBar({ frame: barFrame, colorMap, scale: barScale, label: colorBy === 'row' ? 'row %' : 'count' }));
  const description = `${k} x ${k} confusion matrix; rows: true class, columns: predicted class; ${num(total)} samples`;
  return svgDocument(width, height, parts.join('\n'), { title, subtitle, description });
}
