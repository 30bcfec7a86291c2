/**
 * The rule for a validation split too small to hold out a row: the engine holds out
 * floor(rows · split) rows, so on few rows a split can round down to none, and training would
 * then run without validation (early stopping watching the training loss) without a word.
 * One wording for the engine, the estimators and the CLI, each naming its own option.
 */

/**
 * The reason `split` of `rows` holds out no row, with what would hold one out, or undefined
 * when it holds out at least one (or split is 0). `option` is the name the caller typed
 * (validationSplit, --validation-split); `run` what would run without validation (fit, training);
 * `part` qualifies the rows where they are a part of the data ("training ").
 */
export function emptyValidationProblem(rows: number, split: number, option: string, run: string, earlyStopping: boolean, part = ''): string | undefined {
  if (!(split > 0) || Math.floor(rows * split) > 0) return undefined;
  const row = `${part}${rows === 1 ? 'row' : 'rows'}`;
  const fixes = rows === 1
    ? `one ${row} cannot be split, leave ${option} out`
    : `give at least ${Math.ceil(1 / split)} ${part}rows, ${option.startsWith('--') ? '' : 'a '}${option} of at least ${Math.ceil(100 / rows) / 100}, or leave ${option} out`;
  const watching = earlyStopping ? ` and ${option.startsWith('--') ? '--early-stopping' : 'earlyStopping'} would watch the training loss` : '';
  return `${option} ${split} of ${rows} ${row} holds out no row (${rows} × ${split} rounds down to 0), so ${run} would run without validation${watching}: ${fixes}`;
}
