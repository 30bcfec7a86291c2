/**
 * What estimators accept as inputs and targets, and how inputs become raw rows: arrays of
 * numbers, records keyed by column name, a Matrix, or a flat Float32Array with a column count.
 */
import type { InputCell, RawRecord, RawRow } from '../data/raw-rows.js';
import { UsageError } from '../errors/usage-error.js';
import { isThenable } from '../errors/thenable.js';
import { foreignMatrixMessage, isForeignMatrix, Matrix, type FloatArray } from '../matrix.js';

/** A class label in its original type. */
export type Label = string | number | boolean;

/** Rows packed one after another in a flat array: `data.length / columns` rows. */
export interface FlatRows {
  readonly data: FloatArray;
  readonly columns: number;
}

/** Numbers in a typed array (not BigInt64Array): a row of X, or the targets y. */
export type NumberArray = Float32Array | Float64Array | Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array;

/** One row of numbers as a typed array (a row of a Float64Array-backed table, say). */
export type TypedRow = NumberArray;

/**
 * A record type whose every value is a cell: a type alias (`{ rooms: number }`) and also an
 * interface (`interface House { rooms: number; city?: string }`), which has no index signature
 * and so is not a `RawRecord`; a `bigint` value is not a cell and does not fit (a `Date` is: its ISO 8601 text).
 */
export type CellRecord<R> = { readonly [K in keyof R]: InputCell };

/**
 * Inputs X: `number[][]` (or any cells) in the training columns' order, typed-array rows
 * (read as `number[][]`, by position), records keyed by column name (`R`: any record type of
 * cells, interfaces included), a Matrix (rows x columns), or a flat array with its column count.
 */
export type FeatureInput<R extends object & CellRecord<R> = RawRecord> = readonly RawRow[] | readonly TypedRow[] | readonly R[] | Matrix | FlatRows;

/** Any FeatureInput, whatever its record type (what the estimators' internals take; they check at run time). */
export type AnyFeatureInput = FeatureInput<object>;

/**
 * Refuses what is not a FeatureInput with one line saying what to pass instead: undefined, a
 * string, a typed array without its column count, a 1-D array of cells, rows without values.
 */
export function checkFeatureInput(x: unknown): asserts x is AnyFeatureInput {
  const what = 'X must be an array of rows (number[][]), an array of records, a Matrix or { data, columns }';
  if (x instanceof Matrix) return;
  if (isFlat(x as AnyFeatureInput)) return checkFlat(x as FlatRows);
  if (typeof x === 'object' && x !== null && !Array.isArray(x) && 'data' in x && 'columns' in x) {
    throw new UsageError(`X is { data, columns } with data ${Array.isArray(x.data) ? 'a plain array' : `of type ${typeof x.data}`} and columns ${JSON.stringify(x.columns)}: data must be a Float32Array or Float64Array (Float32Array.from(values)) and columns a number`);
  }
  if (ArrayBuffer.isView(x)) {
    const length = (x as { length?: number }).length ?? 0;
    throw new UsageError(`X is a flat ${x.constructor.name} of ${length} values: pass { data: X, columns: N } to say how many values make a row`);
  }
  if (isColumnObject(x)) {
    const names = Object.keys(x);
    const shown = names.slice(0, 3).map((n) => JSON.stringify(n)).join(', ') + (names.length > 3 ? ', ...' : '');
    throw new UsageError(`X is an object of columns (${shown}), one array per column: pass one record per row instead, e.g. X[${JSON.stringify(names[0])}].map((_, i) => Object.fromEntries(Object.entries(X).map(([name, column]) => [name, column[i]])))`);
  }
  if (isForeignMatrix(x)) throw new UsageError(foreignMatrixMessage('X', '{ data: X.data, columns: X.cols }'));
  if (isThenable(x)) throw new UsageError('X is a Promise, not the rows: await it first (const rows = await load(); model.predict(rows))');
  if (isPlainObject(x)) throw new UsageError(`X is one record (${JSON.stringify(x).slice(0, 40)}), not an array of them: pass [record] for one row`);
  if (!Array.isArray(x)) throw new UsageError(`${what}, got ${x === null ? 'null' : typeof x === 'string' ? `the string ${JSON.stringify(x.slice(0, 20))}` : typeof x}`);
  if (x.length === 0) return;
  const first = x[0] as unknown;
  if (first === null || typeof first !== 'object') {
    const shown = JSON.stringify(x.slice(0, 3)).slice(0, 40);
    const oneRow = x.length <= 3 ? `[${shown}]` : `[${shown.slice(0, -1)}, ...]]`;
    throw new UsageError(`X is a 1-D array (${shown}${x.length > 3 ? ', ...' : ''}): pass rows, e.g. ${oneRow} for one row of ${x.length} values, or X.map((v) => [v]) for one value per row`);
  }
  if (first instanceof Map) throw new UsageError('row 1 of X is a Map: pass records as plain objects, e.g. X.map((row) => Object.fromEntries(row))');
  const width = Array.isArray(first) || ArrayBuffer.isView(first) ? (first as ArrayLike<unknown>).length : Object.keys(first).length;
  if (width === 0) throw new UsageError(`row 1 of X has no values (${Array.isArray(first) ? '[]' : '{}'}): every row needs at least one input value`);
}

/**
 * One target per row: `y` itself (a typed array as its numbers), or a column vector ([[1], [2], ...], as numpy's y.reshape(-1, 1)
 * gives) as a flat array. Rows of several values are refused: `one-hot` says how to turn one-hot
 * rows into labels, else the estimator takes one target per row.
 */
export function oneValuePerRow<T>(given: readonly T[] | NumberArray, what: 'labels' | 'targets'): readonly T[] {
  // Typed-array targets (a Float64Array of prices, an Int32Array of class codes) are their numbers.
  const y = (ArrayBuffer.isView(given) && !(given instanceof DataView) ? Array.from(given as NumberArray) : given) as readonly T[];
  if (given instanceof Matrix || isForeignMatrix(given)) return matrixTargets<T>(given, what);
  if (isThenable(y)) throw new UsageError(`y is a Promise, not the ${what}: await it first`);
  if (!Array.isArray(y)) throw new UsageError(`y must be an array of ${what}, got ${y === null ? 'null' : typeof y}`);
  const row = y.findIndex((v) => Array.isArray(v) || ArrayBuffer.isView(v));
  if (row < 0) return y;
  const widths = new Set(y.map((v) => (Array.isArray(v) || ArrayBuffer.isView(v) ? (v as ArrayLike<unknown>).length : -1)));
  if (widths.size === 1 && widths.has(1)) return y.map((v) => (v as unknown as ArrayLike<T>)[0]!);
  const first = Array.from(y[row] as unknown as ArrayLike<unknown>);
  const oneHot = what === 'labels' && first.length > 1 && first.every((v) => v === 0 || v === 1) && first.filter((v) => v === 1).length === 1;
  if (oneHot) throw new UsageError(`y looks one-hot encoded (row ${row + 1} is ${JSON.stringify(first).slice(0, 40)}): pass one label per row, e.g. y.map((row) => row.indexOf(1))`);
  throw new UsageError(`y must hold one ${what === 'labels' ? 'label' : 'target'} per row, but row ${row + 1} is ${JSON.stringify(first).slice(0, 40)}${what === 'targets' ? ' (several targets per row: train one Regressor per target, or use backprop train on a CSV file)' : ''}`);
}

/** A Matrix given as y (Mlp's one-hot or target matrix): a single column is its values; wider ones are refused, saying what to pass. */
function matrixTargets<T>(y: { readonly rows: number; readonly cols: number; readonly data: ArrayLike<number> }, what: 'labels' | 'targets'): readonly T[] {
  if (y.cols === 1) return Array.from(y.data) as T[];
  const instead = what === 'labels' ? 'one label per row, an array (for one-hot rows: Array.from(classLabels(y)))' : 'one target per row, an array (several targets: train one Regressor per target)';
  throw new UsageError(`y is a ${y.rows} x ${y.cols} Matrix: pass ${instead}`);
}

/** `{ data, columns }` whose data splits into whole rows of `columns` values. */
function checkFlat({ data, columns }: FlatRows): void {
  if (!Number.isInteger(columns) || columns < 1) throw new UsageError(`X is { data, columns } with columns ${columns}: columns must be a positive whole number, the values per row`);
  const left = data.length % columns;
  if (left !== 0) throw new UsageError(`X.data holds ${data.length} values, which do not split into rows of ${columns} columns (${Math.floor(data.length / columns)} row${Math.floor(data.length / columns) === 1 ? '' : 's'} and ${left} value${left === 1 ? '' : 's'} left over): check columns, or give every row all its values`);
}

/**
 * X as `fit` takes it: at least one row; array rows all as wide as the first, and as
 * `featureNames` when it is given; `featureNames` only with array rows (records are named by their keys).
 */
export function checkFitRows(x: AnyFeatureInput, featureNames: readonly string[] | undefined): void {
  if (rowCount(x) === 0) throw new UsageError('X has no rows: fit needs at least one row of inputs (and one target per row)');
  const names = (width: number) => {
    if (featureNames !== undefined && featureNames.length !== width) throw new UsageError(`featureNames names ${featureNames.length} column${featureNames.length === 1 ? '' : 's'} but the rows of X have ${width} values: name every column once`);
  };
  if (x instanceof Matrix) return names(x.cols);
  if (isFlat(x)) return names(x.columns);
  const first = x[0] as unknown;
  const asArray = (row: unknown): row is ArrayLike<unknown> => Array.isArray(row) || (ArrayBuffer.isView(row) && !(row instanceof DataView));
  if (!asArray(first)) {
    if (featureNames !== undefined) throw new UsageError(`featureNames names the columns of array rows, but X holds records, named by their keys (${Object.keys(first as object).slice(0, 3).map((k) => JSON.stringify(k)).join(', ')}): leave featureNames out, or rename the keys`);
    return;
  }
  const width = first.length;
  const r = x.findIndex((row) => asArray(row) && row.length !== width);
  const count = (n: number) => `${n} value${n === 1 ? '' : 's'}`;
  if (r >= 0) throw new UsageError(`row ${r + 1} of X has ${count((x[r] as ArrayLike<unknown>).length)} but row 1 has ${width}: every row needs a value for every column (mark a missing one with null and choose the option missing)`);
  names(width);
}

/** The inputs as raw rows or records (matrices and flat arrays become arrays of numbers). */
export function rawRows(x: AnyFeatureInput): readonly RawRow[] | readonly RawRecord[] {
  checkFeatureInput(x);
  if (x instanceof Matrix) return matrixRows(x.data, x.cols, x.rows);
  if (isFlat(x)) return matrixRows(x.data, x.columns, x.data.length / x.columns);
  // Typed-array rows are rows of cells by position, as number[][] (not records keyed "0", "1", ...).
  if (x.some((row) => ArrayBuffer.isView(row))) return x.map((row, r) => (ArrayBuffer.isView(row) ? typedRow(row, r) : row)) as readonly RawRow[];
  return x as readonly RawRow[] | readonly RawRecord[];
}

/** A typed-array row as an array of its values; a DataView is refused (it has no values to read by index). */
function typedRow(row: ArrayBufferView, r: number): RawRow {
  if (row instanceof DataView) throw new UsageError(`row ${r + 1} of X is a DataView: pass its values as an array or a typed array (Float64Array, ...)`);
  return Array.from(row as unknown as ArrayLike<number>);
}

/** A column-oriented table ({ age: [31, 40], plan: ['pro', 'free'] }, as dataframe libraries export): a plain object whose values are all arrays. */
function isColumnObject(x: unknown): x is Record<string, ArrayLike<unknown>> {
  if (typeof x !== 'object' || x === null || Array.isArray(x) || ArrayBuffer.isView(x) || Object.getPrototypeOf(x) !== Object.prototype) return false;
  const values = Object.values(x);
  return values.length > 0 && values.every((v) => Array.isArray(v) || ArrayBuffer.isView(v));
}

/** An object literal (or one of Object.create(null)): a record, not rows. */
function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null) return false;
  const proto: unknown = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

function isFlat(x: AnyFeatureInput): x is FlatRows {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && typeof (x as FlatRows).columns === 'number' && ArrayBuffer.isView((x as FlatRows).data);
}

function matrixRows(data: FloatArray, cols: number, rows: number): number[][] {
  return Array.from({ length: rows }, (_, r) => Array.from(data.subarray(r * cols, (r + 1) * cols)));
}

/** The number of rows of X without converting it. */
export function rowCount(x: AnyFeatureInput): number {
  checkFeatureInput(x);
  if (x instanceof Matrix) return x.rows;
  if (isFlat(x)) return x.data.length / x.columns;
  return x.length;
}
