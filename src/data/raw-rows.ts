/**
 * In-memory rows as a person passes them (arrays in column order, or records keyed by column
 * name) → a Dataset with the CSV reader's rules, and raw rows → model-ready inputs through a
 * fitted Preprocessing (imputation, one-hot, transforms).
 */
import type { DType, Matrix } from '../matrix.js';
import type { CellSyntax, DecimalMark } from './cells.js';
import { checkUniqueNames, columnIndex } from './columns.js';
import type { Dataset, Task } from './dataset.js';
import { encodeWith, EncodingError } from './encoding.js';
import type { EncodedColumn, EncoderCell, Encoding, WarningSink } from './encoding.js';
import { warnOnStderr } from './preprocessing.js';
import type { Preprocessing } from './preprocessing.js';
import { cellValue, describe, TableBuilder } from './table-builder.js';
import type { MissingPolicy } from './table-builder.js';
import { applyPipeline } from './transforms.js';
import { DataFormatError } from './errors.js';

/** One raw cell as a person passes it in memory: a number, a string (category or numeric text), a boolean, or a missing value. */
export type RawCell = string | number | boolean | null | undefined;
/** A raw row: cells in the training columns' order. */
export type RawRow = readonly RawCell[];
/** A raw record: cells keyed by column name. */
export type RawRecord = { readonly [column: string]: RawCell };

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

/** In-memory rows and targets → a Dataset plus the task decision and its one-line reason. y undefined: no targets. */
export function datasetFromRows(x: readonly RawRow[] | readonly RawRecord[], y: readonly RawCell[] | undefined, options: RowsOptions = {}): { dataset: Dataset; task: Task; taskReason: string } {
  const { name = 'rows', targetName = 'y', task = 'auto', dtype = 'float32' } = options;
  if (x.length === 0) throw new DataFormatError({ file: name }, 'no rows');
  if (y !== undefined && y.length !== x.length) throw new DataFormatError({ file: name }, `${x.length} rows but ${y.length} targets`);
  const asArrays = Array.isArray(x[0]);
  const featureNames = asArrays ? (options.featureNames ?? Array.from({ length: (x[0] as RawRow).length }, (_, i) => `x${i + 1}`)) : Object.keys(x[0] as RawRecord);
  const names = y === undefined ? [...featureNames] : [...featureNames, targetName];
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
      for (let c = 0; c < width; c++) cells[c] = (row as RawRow)[c];
    } else {
      for (let c = 0; c < width; c++) cells[c] = (row as RawRecord)[featureNames[c]!];
    }
    if (y !== undefined) cells[width] = y[r];
    builder.add(cells, r + 1);
  }
  const dataset = builder.finish();
  return { dataset, task: dataset.task, taskReason: dataset.taskReason ?? 'no targets' };
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
  const { warn = warnOnStderr, decimal = '.', syntax, rowName = (r: number) => `row ${r + 1}`, dtype = 'float32' } = options;
  const encoding = prep.encoding ?? numericEncoding(prep.featureNames);
  const names = prep.featureNames;
  const asArrays = rows.length > 0 && Array.isArray(rows[0]);
  if (!asArrays && rows.length > 0) {
    const absent = names.filter((n) => !(n in (rows[0] as RawRecord)));
    if (absent.length > 0) throw new EncodingError(`${rowName(0)}: the model needs column${absent.length > 1 ? 's' : ''} ${absent.map((n) => `"${n}"`).join(', ')}`);
  }
  const lookups = encoding.columns.map((c) => (c.kind === 'categorical' ? new Map(c.categories.map((v, i) => [v, i])) : undefined));
  const cellAt = (r: number, c: number): RawCell => {
    const row = rows[r]!;
    if (asArrays) {
      const cells = row as RawRow;
      if (cells.length !== names.length) throw new EncodingError(`${rowName(r)}: ${cells.length} cells, the model needs ${names.length} (${names.join(', ')})`);
      return cells[c];
    }
    return (row as RawRecord)[names[c]!];
  };
  const encoded = encodeWith(encoding, rows.length, dtype, warn, rowName, (r, c): EncoderCell => {
    const cell = cellAt(r, c);
    const column = encoding.columns[c]!;
    const value = cellValue(cell, decimal, column.kind === 'categorical', syntax);
    if (value === 'missing') return undefined;
    if (value === 'infinite') throw new EncodingError(`${rowName(r)}: ${describe(cell)} in column "${column.name}" is not a finite number`);
    if (typeof value === 'number') return value;
    if (column.kind === 'numeric') throw new EncodingError(`${rowName(r)}: ${describe(cell)} in column "${column.name}" is not a number`);
    return { index: lookups[c]!.get(value.text) ?? -1, text: value.text };
  });
  return applyPipeline(prep.inputs, encoded);
}

/** The encoding of an all-numeric model without one (older model files): no imputation. */
function numericEncoding(names: readonly string[]): Encoding {
  const columns: EncodedColumn[] = names.map((name) => ({ name, kind: 'numeric', fill: null }));
  return { columns, missing: 'error', unknownCategory: 'ignore', width: columns.length };
}
