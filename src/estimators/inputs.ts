/**
 * What estimators accept as inputs and targets, and how inputs become raw rows: arrays of
 * numbers, records keyed by column name, a Matrix, or a flat Float32Array with a column count.
 */
import type { RawRecord, RawRow } from '../data/raw-rows.js';
import { UsageError } from '../errors/usage-error.js';
import { Matrix, type FloatArray } from '../matrix.js';

/** A class label in its original type. */
export type Label = string | number | boolean;

/** Rows packed one after another in a flat array: `data.length / columns` rows. */
export interface FlatRows {
  readonly data: FloatArray;
  readonly columns: number;
}

/**
 * Inputs X: `number[][]` (or any cells) in the training columns' order, records keyed by
 * column name, a Matrix (rows x columns), or a flat array with its column count.
 */
export type FeatureInput = readonly RawRow[] | readonly RawRecord[] | Matrix | FlatRows;

/** The inputs as raw rows or records (matrices and flat arrays become arrays of numbers). */
export function rawRows(x: FeatureInput): readonly RawRow[] | readonly RawRecord[] {
  if (x instanceof Matrix) return matrixRows(x.data, x.cols, x.rows);
  if (isFlat(x)) {
    const { data, columns } = x;
    if (!Number.isInteger(columns) || columns < 1) throw new UsageError(`columns must be a positive whole number, got ${columns}`);
    if (data.length % columns !== 0) throw new UsageError(`a flat array of ${data.length} values does not split into rows of ${columns} columns`);
    return matrixRows(data, columns, data.length / columns);
  }
  if (!Array.isArray(x)) throw new UsageError('X must be an array of rows or records, a Matrix, or { data, columns }');
  return x;
}

function isFlat(x: FeatureInput): x is FlatRows {
  return !Array.isArray(x) && typeof (x as FlatRows).columns === 'number' && ArrayBuffer.isView((x as FlatRows).data);
}

function matrixRows(data: FloatArray, cols: number, rows: number): number[][] {
  return Array.from({ length: rows }, (_, r) => Array.from(data.subarray(r * cols, (r + 1) * cols)));
}

/** The number of rows of X without converting it. */
export function rowCount(x: FeatureInput): number {
  if (x instanceof Matrix) return x.rows;
  if (isFlat(x)) return x.data.length / x.columns;
  return x.length;
}
