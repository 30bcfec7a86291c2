/**
 * Dense row-major matrices: the only numeric type of backprop.
 *
 * Element (r, c) of a `rows x cols` matrix lives at `data[r * cols + c]`.
 * Float32 is the working precision; Float64 is for exact work (gradient checks,
 * the worked example, explanations).
 */

import { checkAllocation, formatBytes } from './errors/limits.js';
import { ResourceLimitError } from './errors/resource-limit-error.js';
import { UsageError } from './errors/usage-error.js';

/** Storage of a matrix: 32-bit for training, 64-bit for exact arithmetic. */
export type FloatArray = Float32Array | Float64Array;

/** Element precision of a model or matrix. */
export type DType = 'float32' | 'float64';

/** A `rows x cols` row-major matrix over a typed array (possibly a view into a backend's memory). */
export class Matrix {
  readonly rows: number;
  readonly cols: number;
  data: FloatArray;

  constructor(rows: number, cols: number, data: FloatArray) {
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
      throw new UsageError(`Matrix: shape must be non-negative integers, got ${rows}x${cols}`);
    }
    if (data.length !== rows * cols) {
      throw new UsageError(`Matrix: ${rows}x${cols} needs ${rows * cols} values, got ${data.length}`);
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  /** A zero-filled `rows x cols` matrix of the given precision. */
  static zeros(rows: number, cols: number, dtype: DType = 'float32'): Matrix {
    if (!Number.isSafeInteger(rows) || !Number.isSafeInteger(cols) || rows < 0 || cols < 0) {
      throw new UsageError(`Matrix.zeros: rows and columns must be whole numbers of at least 0, got ${rows}x${cols}`);
    }
    return new Matrix(rows, cols, zeroFloats(rows * cols, dtype, `a ${rows}x${cols} ${dtype} matrix`));
  }

  /** A matrix from nested arrays (each inner array is one row). */
  static from(rowsOfValues: readonly (readonly number[])[], dtype: DType = 'float32'): Matrix {
    if (!Array.isArray(rowsOfValues)) throw new UsageError(`Matrix.from takes an array of rows (arrays of numbers), got ${typeof rowsOfValues}`);
    const rows = rowsOfValues.length;
    const first = rowsOfValues[0];
    if (rows > 0 && !Array.isArray(first) && !ArrayBuffer.isView(first)) throw new UsageError(`Matrix.from takes an array of rows (arrays of numbers): row 1 is ${typeof first}; for one row write Matrix.from([values]) or Matrix.row(values)`);
    const cols = rows === 0 ? 0 : first!.length;
    const out = Matrix.zeros(rows, cols, dtype);
    rowsOfValues.forEach((row, r) => {
      if (row.length !== cols) {
        throw new UsageError(`Matrix.from: row ${r + 1} has ${row.length} values, row 1 has ${cols}`);
      }
      for (let c = 0; c < cols; c++) {
        // (a typed-array row holds numbers by construction; '1' or null would be coerced by set)
        if (typeof row[c] !== 'number') throw new UsageError(`Matrix.from: row ${r + 1}, column ${c + 1} is ${JSON.stringify(row[c]) ?? String(row[c])}, not a number`);
      }
      out.data.set(row, r * cols);
    });
    return out;
  }

  /** A `1 x n` row vector. */
  static row(values: readonly number[], dtype: DType = 'float32'): Matrix {
    return Matrix.from([values], dtype);
  }

  /** Element precision of this matrix. */
  get dtype(): DType {
    return this.data instanceof Float64Array ? 'float64' : 'float32';
  }

  /** Number of elements. */
  get size(): number {
    return this.rows * this.cols;
  }

  get(r: number, c: number): number {
    return this.data[r * this.cols + c]!;
  }

  set(r: number, c: number, value: number): void {
    this.data[r * this.cols + c] = value;
  }

  /** A copy of row `r` as a plain array. */
  rowArray(r: number): number[] {
    return Array.from(this.data.subarray(r * this.cols, (r + 1) * this.cols));
  }

  /** All rows as nested plain arrays. */
  toArray(): number[][] {
    const out: number[][] = [];
    for (let r = 0; r < this.rows; r++) out.push(this.rowArray(r));
    return out;
  }

  /** A detached copy, optionally converted to another precision. */
  clone(dtype: DType = this.dtype): Matrix {
    const out = Matrix.zeros(this.rows, this.cols, dtype);
    out.data.set(this.data);
    return out;
  }

  /** Copies `other`'s values into this matrix (shapes must match). */
  copyFrom(other: Matrix): void {
    assertSameShape(this, other, 'copyFrom');
    this.data.set(other.data);
  }

  /** Index of the largest value in each row (ties: the first). */
  argmaxRows(): Int32Array {
    const out = new Int32Array(this.rows);
    for (let r = 0; r < this.rows; r++) {
      let best = 0;
      let bestValue = -Infinity;
      for (let c = 0; c < this.cols; c++) {
        const v = this.data[r * this.cols + c]!;
        if (v > bestValue) {
          bestValue = v;
          best = c;
        }
      }
      out[r] = best;
    }
    return out;
  }

  /** `rows x cols` as text, for messages. */
  get shape(): string {
    return `${this.rows}x${this.cols}`;
  }
}

/**
 * A zero-filled typed array of `size` values: a UsageError when `size` is not a whole number of
 * at least 0, a ResourceLimitError naming `what` and its bytes when they are over the memory
 * budget or the engine cannot allocate them (instead of the bare RangeError of the constructor).
 */
export function zeroFloats(size: number, dtype: DType, what: string): Float32Array<ArrayBuffer> | Float64Array<ArrayBuffer> {
  if (!Number.isSafeInteger(size) || size < 0) throw new UsageError(`${what}: the number of values must be a whole number of at least 0, got ${size}`);
  const bytes = size * (dtype === 'float64' ? 8 : 4);
  checkAllocation(what, bytes);
  try {
    return dtype === 'float64' ? new Float64Array(size) : new Float32Array(size);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new ResourceLimitError(`${what} needs ${formatBytes(bytes)}, which this process could not allocate (${error.message}); free memory, or raise the limit (ulimit -v, the container's)`, { requested: bytes });
  }
}

/** Throws a UsageError naming `what` unless `a` and `b` have the same shape. */
export function assertSameShape(a: Matrix, b: Matrix, what: string): void {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new UsageError(`${what}: shapes differ, ${a.shape} vs ${b.shape}`);
  }
}

/** Throws a UsageError naming `what` unless `m` is `rows x cols`. */
export function assertShape(m: Matrix, rows: number, cols: number, what: string): void {
  if (m.rows !== rows || m.cols !== cols) {
    throw new UsageError(`${what}: expected ${rows}x${cols}, got ${m.shape}`);
  }
}

/**
 * True for an object shaped as a Matrix (numeric `rows` and `cols`, `data` a typed array of
 * rows·cols values) that is not one of this module's: a Matrix made by another copy of backprop
 * (a second install or a bundle), for which `instanceof Matrix` is false.
 */
export function isForeignMatrix(value: unknown): value is { readonly rows: number; readonly cols: number; readonly data: ArrayLike<number> } {
  if (value instanceof Matrix || typeof value !== 'object' || value === null) return false;
  const { rows, cols, data } = value as { rows?: unknown; cols?: unknown; data?: unknown };
  return typeof rows === 'number' && typeof cols === 'number' && ArrayBuffer.isView(data) && (data as unknown as ArrayLike<number>).length === rows * cols;
}

/** The line for a foreign Matrix given as `name` (see isForeignMatrix), ending with `convert`: how to pass it here. */
export function foreignMatrixMessage(name: string, convert: string): string {
  return `${name} is a Matrix from another copy of backprop (two copies installed or bundled: npm ls backprop lists them), which this copy cannot use: keep one copy, or pass ${convert}`;
}
