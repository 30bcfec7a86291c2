/**
 * In-memory rows as a person passes them (arrays in column order, or records keyed by column
 * name) → a Dataset with the CSV reader's rules, and raw rows → model-ready inputs through a
 * fitted Preprocessing (imputation, one-hot, transforms).
 */
import type { DType, Matrix } from '../matrix.js';
import { FLOAT32_MAX, type CellSyntax, type DecimalMark } from './cells.js';
import { checkUniqueNames, columnIndex } from './columns.js';
import type { Dataset, Task } from './dataset.js';
import { encodeWith, EncodingError } from './encoding.js';
import type { EncodedColumn, EncoderCell, Encoding, WarningSink } from './encoding.js';
import { warnOnStderr } from './preprocessing.js';
import type { Preprocessing } from './preprocessing.js';
import { cellValue, describe, TableBuilder } from './table-builder.js';
import type { MissingPolicy } from './table-builder.js';
import { applyPipeline } from './transforms.js';
import { warnFarFromTraining } from './range-check.js';
import { describeFormat, formatFix, numberFormat, writtenValue } from './number-format.js';
import { DataFormatError } from './errors.js';
import { UsageError } from '../errors/usage-error.js';
import { cutList } from '../errors/limits.js';
import { closestName } from '../errors/closest-name.js';

/** One raw cell as the rows hold it: a number, a string (category or numeric text), a boolean, or a missing value. */
export type RawCell = string | number | boolean | null | undefined;
/** One cell as a person passes it in memory: a RawCell, or a Date (read as its ISO 8601 text: days since 1970-01-01). */
export type InputCell = RawCell | Date;
/** A raw row: cells in the training columns' order. */
export type RawRow = readonly InputCell[];
/** A raw record: cells keyed by column name. */
export type RawRecord = { readonly [column: string]: InputCell };

/** How in-memory rows become a Dataset: the same rules as reading a CSV (task inference, column kinds, missing cells). */
export interface RowsOptions {
  /** Data set name for messages (default 'rows'). */
  readonly name?: string;
  /** For RawRow input (default x1, x2, ..., as the CLI names a headerless model's columns); records use their keys. */
  readonly featureNames?: readonly string[];
  /** Default 'y'. */
  readonly targetName?: string;
  readonly task?: 'auto' | 'classification' | 'regression';
  /** Numeric-looking columns to treat as categories. */
  readonly categorical?: readonly string[];
  readonly classNames?: readonly string[];
  /** Missing cells: kept as NaN for the imputer (default; fitPreprocessing's `missing` decides), or 'drop' / 'error' here. */
  readonly missing?: MissingPolicy;
  /** Precision of the matrices (default float32). */
  readonly dtype?: DType;
}

/**
 * In-memory rows and targets → a Dataset plus the task decision, its one-line reason, and the
 * reader's one-line notes (labels that differ only in case, a column that counts rows, ...).
 * y undefined: no targets.
 */
export function datasetFromRows(x: readonly RawRow[] | readonly RawRecord[], y: readonly RawCell[] | undefined, options: RowsOptions = {}): { dataset: Dataset; task: Task; taskReason: string; notes: readonly string[] } {
  const { name = 'rows', targetName = 'y', task = 'auto', dtype = 'float32' } = options;
  if (x.length === 0) throw new DataFormatError({ file: name }, 'no rows');
  if (y !== undefined && y.length !== x.length) throw new DataFormatError({ file: name }, `${x.length} rows but ${y.length} targets`);
  const asArrays = Array.isArray(x[0]);
  const featureNames = asArrays ? (options.featureNames ?? Array.from({ length: (x[0] as RawRow).length }, (_, i) => `x${i + 1}`)) : recordKeys(x as readonly RawRecord[], name);
  const names = y === undefined ? [...featureNames] : [...featureNames, targetName];
  if (y !== undefined && featureNames.includes(targetName)) throw new UsageError(`targetName "${targetName}" is also the name of an input column: give the target another name (targetName option)`);
  checkUniqueNames(names, { file: name });
  const width = featureNames.length;
  const categorical = new Set((options.categorical ?? []).map((ref) => columnIndex(ref, featureNames, 'categorical', { file: name })));
  const builder = new TableBuilder({
    file: name,
    names,
    inputs: featureNames.map((_, i) => i),
    target: y === undefined ? -1 : width,
    categorical,
    missing: options.missing ?? 'mean',
    task,
    decimal: '.',
    dtype,
    ...(options.classNames === undefined ? {} : { classNames: options.classNames }),
  });
  const cells: RawCell[] = new Array<RawCell>(names.length);
  for (let r = 0; r < x.length; r++) {
    const row = x[r]!;
    if (asArrays) {
      if (!Array.isArray(row)) throw new DataFormatError({ file: name }, `row ${r + 1} is not an array like row 1`);
      if (row.length !== width) throw new DataFormatError({ file: name }, `row ${r + 1} has ${row.length} cells, row 1 has ${width}`);
      for (let c = 0; c < width; c++) cells[c] = checkedCell((row as RawRow)[c], () => `row ${r + 1}, column "${featureNames[c]!}"`);
    } else {
      for (let c = 0; c < width; c++) cells[c] = checkedCell((row as RawRecord)[featureNames[c]!], () => `row ${r + 1}, column "${featureNames[c]!}"`);
    }
    if (y !== undefined) cells[width] = checkedCell(y[r], () => `row ${r + 1}, target`);
    builder.add(cells, r + 1);
  }
  const dataset = builder.finish();
  return { dataset, task: dataset.task, taskReason: dataset.taskReason ?? 'no targets', notes: [...builder.notes] };
}

/**
 * The column names of records: the union of their keys in first-seen order (as pandas'
 * `DataFrame(records)`); a record without one of the keys has a missing cell there.
 */
function recordKeys(records: readonly RawRecord[], file: string): string[] {
  const seen = new Set<string>();
  for (let r = 0; r < records.length; r++) {
    const record = records[r];
    if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new DataFormatError({ file }, `row ${r + 1} is not a record (an object keyed by column name) like row 1`);
    for (const key of Object.keys(record)) seen.add(key);
  }
  return [...seen];
}

/**
 * A cell as given, if its type is one the rows can hold (string, number, boolean, null,
 * undefined); a Date is its ISO 8601 text (read as days since 1970-01-01, as such a CSV cell is);
 * an invalid Date, a bigint, object or array is a UsageError naming row and column rather than
 * being guessed at (a bigint converts with `Number(v)`).
 */
export function checkedCell(cell: unknown, where: () => string): RawCell {
  if (cell === null || cell === undefined || typeof cell === 'string' || typeof cell === 'number' || typeof cell === 'boolean') return cell;
  if (cell instanceof Date && Number.isFinite(cell.getTime())) return cell.toISOString();
  if (cell instanceof Date) throw new UsageError(`${where()}: an invalid Date (new Date of text it could not read); give a valid Date, an ISO 8601 string or null for a missing cell`);
  throw new UsageError(`${where()}: ${cellKind(cell)} is not a cell value; cells are numbers, strings, booleans, null or undefined (${conversionHint(cell)})`);
}

/** "a Date", "a bigint", "an array", "an object", ... for a message. */
function cellKind(cell: unknown): string {
  if (cell instanceof Date) return 'a Date';
  if (Array.isArray(cell)) return 'an array';
  if (ArrayBuffer.isView(cell)) return `a ${cell.constructor.name}`;
  const kind = typeof cell;
  return kind === 'object' ? 'an object' : `a ${kind}`;
}

function conversionHint(cell: unknown): string {
  if (typeof cell === 'bigint') return 'convert it first with Number(value)';
  return 'one value per cell';
}

/** Options of prepareRawRows. */
export interface RawRowsOptions {
  /** Unseen-category warnings (default: console.warn). */
  readonly warn?: WarningSink;
  /** Decimal mark of numeric text cells (default '.'). */
  readonly decimal?: DecimalMark;
  /** Extra missing markers and a thousands separator (default: pandas' markers, none). */
  readonly syntax?: CellSyntax;
  /** Names row r in messages (default "row r+1"). */
  readonly rowName?: (r: number) => string;
  /** Precision of the result (default float32). */
  readonly dtype?: DType;
}

/** Raw rows (arrays in training column order, or records keyed by column name) → the model-ready input matrix (`rows x inputs`) through a fitted Preprocessing: imputation, one-hot, transforms. Unknown categories follow the preprocessing's unknown-category rule. */
export function prepareRawRows(prep: Preprocessing, rows: readonly RawRow[] | readonly RawRecord[], options: RawRowsOptions = {}): Matrix {
  const { warn = warnOnStderr, rowName = (r: number) => `row ${r + 1}` } = options;
  const encoding = prep.encoding ?? numericEncoding(prep.featureNames);
  const names = prep.featureNames;
  const asArrays = rows.length > 0 && Array.isArray(rows[0]);
  if (!asArrays && rows.length > 0) {
    // A record may leave a column out: a missing cell, imputed or refused by the column's rule
    // whatever the other records hold. A column no record names may be a misspelt key: where it
    // cannot be imputed that is the error, else a warning says it was.
    const absent = absentKeys(names, rows as readonly RawRecord[]);
    const listed = (columns: readonly string[]) => `column${columns.length > 1 ? 's' : ''} ${columns.map((n) => `"${n}"`).join(', ')}`;
    const refused = absent.filter((name) => encoding.columns.find((c) => c.name === name)?.fill === null);
    const guesses = keyGuesses(absent, rows as readonly RawRecord[], names);
    if (refused.length > 0) throw new EncodingError(`no record has the ${listed(refused)}, which the model needs (it was trained without imputing missing cells)${keyGuesses(refused, rows as readonly RawRecord[], names)}`);
    if (absent.length > 0) warn(`no record has the ${listed(absent)}: imputed as missing cells with the values fitted in training${guesses}`);
  }
  const cellAt = (r: number, c: number): RawCell => {
    const row = rows[r]!;
    if (asArrays) {
      const cells = row as RawRow;
      if (!Array.isArray(cells)) throw new EncodingError(`${rowName(r)} is not an array of cells like row 1: pass every row the same way (arrays in column order, or records keyed by column name)`);
      if (cells.length !== names.length) throw rowWidthError(rowName(r), cells.length, names);
      return checkedCell(cells[c], () => `${rowName(r)}, column "${names[c]!}"`);
    }
    if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new EncodingError(`${rowName(r)} is not a record (an object keyed by column name) like row 1: pass every row the same way`);
    return checkedCell((row as RawRecord)[names[c]!], () => `${rowName(r)}, column "${names[c]!}"`);
  };
  return applyPipeline(prep.inputs, encodeRawCells(prep, rows.length, cellAt, options));
}

/** The error for a row of `width` cells where the model needs one per column of `names`. */
export function rowWidthError(row: string, width: number, names: readonly string[]): EncodingError {
  return new EncodingError(`${row}: ${width} ${width === 1 ? 'cell' : 'cells'}, the model needs ${names.length} (${cutList(names)})`);
}

/**
 * Encodes `rows` raw rows whose cells `cellAt(r, c)` gives (c in the model's column order) with
 * the preprocessing's encoding: numbers and numeric text read with `decimal` and `syntax`,
 * categories one-hot, missing cells imputed or refused; the unseen-category and far-from-training
 * warnings said once per column. The result is `rows x encoding.width`, before the transforms
 * (applyPipeline). Cells are read row by row, so the first bad cell in reading order is the one named.
 */
export function encodeRawCells(prep: Preprocessing, rows: number, cellAt: (r: number, c: number) => RawCell, options: RawRowsOptions = {}): Matrix {
  const { warn = warnOnStderr, decimal = '.', syntax, rowName = (r: number) => `row ${r + 1}`, dtype = 'float32' } = options;
  const encoding = prep.encoding ?? numericEncoding(prep.featureNames);
  const lookups = encoding.columns.map((c) => (c.kind === 'categorical' ? new Map(c.categories.map((v, i) => [v, i])) : undefined));
  const booleans = encoding.columns.map((c) => (c.kind === 'categorical' ? booleanCategories(c.categories) : new Map<string, number>()));
  const encoded = encodeWith(encoding, rows, dtype, warn, rowName, (r, c): EncoderCell => {
    const cell = cellAt(r, c);
    const column = encoding.columns[c]!;
    let value = cellValue(cell, decimal, column.kind === 'categorical', syntax);
    if (value === 'missing') return undefined;
    if (value === 'infinite') throw new EncodingError(`${rowName(r)}: ${describe(cell)} in column "${column.name}" is not a finite number`);
    if (typeof value === 'object') {
      if (column.kind === 'categorical') return { index: lookups[c]!.get(value.text) ?? booleans[c]!.get(value.text.toLowerCase()) ?? -1, text: value.text };
      // In a numeric column, a number written for people ("$1,200", "12.5%") or an ISO date (days since 1970-01-01), as training reads it.
      const written = writtenValue(value.text, decimal);
      if (written === undefined) throw new EncodingError(`${rowName(r)}: ${describe(cell)} in column "${column.name}" is not a number${value.text === column.name.trim() ? ': the row repeats the header row, as files joined with cat do; delete it' : formatHint(value.text, decimal) + missingHint(value.text, column.fill)}`);
      value = written;
    }
    // Beyond float32 the encoded cell would be Infinity: a far-from-training warning of "Infinity" and a NaN output, not the cell.
    if (dtype === 'float32' && Math.abs(value) > FLOAT32_MAX) throw new EncodingError(`${rowName(r)}: ${describe(cell)} in column "${column.name}" is too large for the model, whose inputs are float32 (up to ±3.4e38): scale the column down, as in training`);
    return value;
  });
  warnFarFromTraining(encoding, prep.inputs[0], encoded, warn, rowName);
  return encoded;
}

/**
 * 'true' and 'false' → the index of the category that spells that boolean in another case (the
 * `True` that pandas' to_csv writes, a spreadsheet's `TRUE`), so a JS `true` or a cell `true`
 * finds it, as pandas reads all of them as one bool; a spelling training saw several times is left out.
 */
function booleanCategories(categories: readonly string[]): ReadonlyMap<string, number> {
  const found = new Map<string, number>();
  const seen = new Set<string>();
  categories.forEach((category, i) => {
    const lower = category.toLowerCase();
    if (lower !== 'true' && lower !== 'false') return;
    if (seen.has(lower)) found.delete(lower);
    else found.set(lower, i);
    seen.add(lower);
  });
  return found;
}

/**
 * For a number written for people ("1,065.0", "12%", "$5"): how it is written and what to change
 * (the model reads numbers as its training data wrote them: predict has no --thousands).
 */
function formatHint(text: string, decimal: DecimalMark): string {
  const format = numberFormat(text, decimal);
  if (format === undefined) return '';
  const fix = format === 'thousands' ? 'write the numbers without separators, as the training data did' : formatFix(format, text);
  return `: it is one of the ${describeFormat(format, text)}; ${fix}`;
}

/**
 * For text that people write for "no value" ('?', '-', 'unknown', ...): how to give a missing cell
 * instead, and what the model does with one (`fill` null: refused; else the training value).
 */
function missingHint(text: string, fill: number | null): string {
  if (!/^([?*_.\/\\#\u2013\u2014-]+|missing|unknown|none|nil|n\.?a\.?|—)$/i.test(text)) return '';
  const then = fill === null ? 'the model refuses it there (trained without imputing missing cells)' : 'the model fills it with the value fitted in training';
  return `; if it marks a missing value, leave the cell empty: ${then}`;
}

/** '; did you mean "Age" for "age"?' for absent columns that a key of the first record nearly names (case, spacing, a typo). */
function keyGuesses(absent: readonly string[], records: readonly RawRecord[], names: readonly string[]): string {
  const first = records.find((r) => typeof r === 'object' && r !== null);
  const keys = first === undefined ? [] : Object.keys(first).filter((k) => !names.includes(k));
  const pairs = absent.flatMap((name) => {
    const guess = keys.find((k) => k.trim().toLowerCase() === name.trim().toLowerCase()) ?? closestName(name, keys);
    return guess === undefined ? [] : [`"${guess}" for "${name}"`];
  });
  return pairs.length === 0 ? '' : `; did you mean ${pairs.join(', ')}? (keys are matched exactly)`;
}

/** The model's columns that no record has as a key. */
function absentKeys(names: readonly string[], records: readonly RawRecord[]): string[] {
  const absent = new Set(names);
  for (let r = 0; r < records.length && absent.size > 0; r++) {
    const record = records[r];
    if (typeof record !== 'object' || record === null) continue;
    for (const name of absent) if (name in record) absent.delete(name);
  }
  return [...absent];
}

/** The encoding of an all-numeric model without one (older model files): no imputation. */
function numericEncoding(names: readonly string[]): Encoding {
  const columns: EncodedColumn[] = names.map((name) => ({ name, kind: 'numeric', fill: null }));
  return { columns, missing: 'error', unknownCategory: 'ignore', width: columns.length };
}
