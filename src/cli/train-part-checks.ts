/**
 * What train checks on the training part of a table before fitting anything: a target with a
 * single class or a single value (nothing to learn: refused), and input columns that hold one
 * value in every row (they carry nothing: a note, and a louder one when every input does).
 */
import type { Dataset } from '../data/dataset.js';
import { isImageSet } from '../data/dataset.js';
import { DataFormatError } from '../errors/data-format-error.js';

/** Throws a one-line DataFormatError for a target with nothing to learn; hands notes on constant columns to `onNote`. */
export function checkTrainingPart(train: Dataset, label: string, onNote: ((line: string) => void) | undefined): void {
  const name = train.targetNames[0];
  const column = name === undefined ? 'the target column' : `the target column "${name}"`;
  if (train.task === 'classification' && train.targets === undefined && train.classNames.length < 2) {
    const only = train.classNames[0];
    throw new DataFormatError({ file: label }, `${column} holds only one class${only === undefined ? '' : ` (${JSON.stringify(only)})`} in the training part; classification needs at least two (pick another --target, or use --task regression)`);
  }
  const targets = train.targets;
  if (train.task === 'regression' && targets !== undefined && targets.cols === 1 && targets.rows >= 1 && train.columns !== undefined) {
    const first = targets.data[0]!;
    if (targets.data.every((v) => v === first)) {
      throw new DataFormatError({ file: label }, `${column} holds one value (${targets.data instanceof Float32Array ? Number(first.toPrecision(7)) : first}) in every row of the training part: there is nothing to learn (pick another --target)`);
    }
  }
  if (train.columns !== undefined) noteConstantColumns(train, label, onNote);
}

/** A note naming the input columns with a single value (missing cells aside) in every training row. */
function noteConstantColumns(train: Dataset, label: string, onNote: ((line: string) => void) | undefined): void {
  const x = train.inputs;
  if (onNote === undefined || isImageSet(x) || x.rows < 2) return;
  const constant: string[] = [];
  for (let j = 0; j < x.cols; j++) {
    let first = NaN;
    let same = true;
    for (let r = 0; r < x.rows && same; r++) {
      const v = x.data[r * x.cols + j]!;
      if (Number.isNaN(v)) continue;
      if (Number.isNaN(first)) first = v;
      else same = v === first;
    }
    if (same) constant.push(train.featureNames[j] ?? `column ${j + 1}`);
  }
  if (constant.length === 0) return;
  const shown = constant.slice(0, 5).map((n) => `"${n}"`).join(', ') + (constant.length > 5 ? `, ... (${constant.length} in all)` : '');
  if (constant.length === x.cols) {
    onNote(`${label}: every input column holds one value in all ${x.rows} training rows (${shown}): the inputs carry nothing, so the model can only learn the ${train.task === 'classification' ? 'class shares' : 'average target'}; check --features / --ignore`);
    return;
  }
  onNote(`${label}: ${constant.length === 1 ? 'input column' : 'input columns'} ${shown} ${constant.length === 1 ? 'holds' : 'hold'} one value in all ${x.rows} training rows: ${constant.length === 1 ? 'it carries' : 'they carry'} nothing (--ignore leaves ${constant.length === 1 ? 'it' : 'them'} out)`);
}
