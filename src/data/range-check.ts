/**
 * Inputs far from what a model was fitted on. A network extrapolates outside its training data,
 * so a value in other units (metres where training had kilometres), a shifted identifier or a
 * typing slip gives an output that means little, and nothing else would say so. Like the
 * unseen-category warning, this one is said once per column per call, with the worst value.
 */
import type { Matrix } from '../matrix.js';
import type { Encoding, WarningSink } from './encoding.js';
import type { FittedTransform } from './transforms.js';

/** Standard deviations from the training mean beyond which a value is named (standardize). */
export const FAR_STANDARD_DEVIATIONS = 10;
/** Training ranges (max − min) outside [min, max] beyond which a value is named (minMax). */
export const FAR_RANGES = 1;

/**
 * Warns about numeric input columns of `encoded` (rows x encoding.width, before the transforms)
 * with values far from the first fitted transform's training figures: more than
 * FAR_STANDARD_DEVIATIONS from the mean (standardize) or more than FAR_RANGES training ranges
 * outside [min, max] (minMax). Other transforms learn no range and are not checked.
 * `rowName(r)` names row r in the message.
 */
export function warnFarFromTraining(
  encoding: Encoding,
  first: FittedTransform | undefined,
  encoded: Matrix,
  warn: WarningSink,
  rowName: (r: number) => string,
): void {
  if (first === undefined || (first.kind !== 'standardize' && first.kind !== 'minMax')) return;
  const { rows, cols, data } = encoded;
  let at = 0;
  for (const column of encoding.columns) {
    const j = at;
    at += column.kind === 'numeric' ? 1 : column.categories.length;
    if (column.kind !== 'numeric' || j >= cols) continue;
    const distance = distanceIn(first, j);
    if (distance === undefined) continue;
    let count = 0;
    let worst = -1;
    let worstFar = 0;
    for (let r = 0; r < rows; r++) {
      const far = distance.far(data[r * cols + j]!);
      if (!(far > (first.kind === 'standardize' ? FAR_STANDARD_DEVIATIONS : FAR_RANGES))) continue;
      count++;
      if (far > worstFar) [worst, worstFar] = [r, far];
    }
    if (count === 0) continue;
    const value = data[worst * cols + j]!;
    const values = count === 1 ? 'a value' : `${count} values`;
    warn(`warning: column "${column.name}" has ${values} far from its training data (${Number(value.toPrecision(7))} in ${rowName(worst)}: ${distance.said(value)}); the network extrapolates there, so check the column's units and values`);
  }
}

/**
 * How far a value of column j lies from its training figures (standard deviations, or training
 * ranges outside [min, max]) and how that is said; undefined where the figures say nothing.
 */
function distanceIn(t: FittedTransform, j: number): { far: (v: number) => number; said: (v: number) => string } | undefined {
  const round = (v: number) => Number(v.toPrecision(4));
  if (t.kind === 'standardize') {
    const mean = t.mean[j];
    const std = t.std[j];
    if (mean === undefined || std === undefined || !(std > 0)) return undefined;
    return { far: (v) => Math.abs(v - mean) / std, said: (v) => `${round(Math.abs(v - mean) / std)} standard deviations from the training mean ${round(mean)} (std ${round(std)})` };
  }
  if (t.kind !== 'minMax') return undefined;
  const min = t.min[j];
  const max = t.max[j];
  if (min === undefined || max === undefined || !(max > min)) return undefined;
  const range = max - min;
  return { far: (v) => (v < min ? min - v : v > max ? v - max : 0) / range, said: () => `training's values run from ${round(min)} to ${round(max)}` };
}
