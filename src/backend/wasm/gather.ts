/**
 * Batch gathers for the wasm backend (Backend.gatherRows and gatherRowsU8 into float32 rows):
 * from a source in the module's memory the kernels gather in place through an int32 index
 * block; from a source outside it, float rows are copied straight to their places and byte
 * rows are staged in scratch first (the whole source is never copied in, so the memory does
 * not grow with data sets). Every index is checked against the source's rows.
 */
import type { FloatArray, Matrix } from '../../matrix.js';
import type { Kernels } from './binding.js';
import type { Arena } from './memory.js';
import type { Staging } from './staging.js';

export class Gatherer {
  readonly #k: Kernels;
  readonly #arena: Arena;
  readonly #staging: Staging;
  #indices = 0;
  #indexCapacity = 0;
  #identity = 0;
  #identityRows = 0;
  /** Sum of the bytes a gather touched ahead (kept, so the reads are not optimised away). */
  #touched = 0;

  constructor(kernels: Kernels, arena: Arena, staging: Staging) {
    this.#k = kernels;
    this.#arena = arena;
    this.#staging = staging;
  }

  /** out[i] = source[indices[start + i]] (rows of out.cols floats); out is float32. */
  rows(source: FloatArray, indices: ArrayLike<number>, start: number, out: Matrix): void {
    const n = out.cols;
    const sourceRows = source.length / Math.max(n, 1);
    if (source instanceof Float32Array && this.#arena.owns(source)) {
      const idx = this.#indexBlock(indices, start, out.rows, sourceRows);
      this.#k.gatherRows(source.byteOffset, idx, out.rows, n, this.#staging.output(out, false));
      this.#staging.finish();
      return;
    }
    // A source outside the memory: each row goes straight to its place (no copy of the whole
    // source); rows in file order as one block.
    const run = consecutiveRun(indices, start, out.rows, sourceRows);
    if (run >= 0) {
      out.data.set(source.subarray(run * n, (run + out.rows) * n));
      return;
    }
    for (let i = 0; i < out.rows; i++) {
      const row = checkedRow(indices[start + i]!, sourceRows);
      out.data.set(source.subarray(row * n, row * n + n), i * n);
    }
  }

  /** out[i][j] = source[row·n + j]·scale + shift with row = indices[start + i] (byte rows of out.cols); out is float32. */
  bytes(source: Uint8Array, indices: ArrayLike<number>, start: number, scale: number, shift: number, out: Matrix): void {
    const n = out.cols;
    const rows = out.rows;
    const sourceRows = source.length / Math.max(n, 1);
    if (this.#arena.owns(source)) {
      const idx = this.#indexBlock(indices, start, rows, sourceRows);
      this.#k.gatherRowsU8(source.byteOffset, idx, rows, n, scale, shift, this.#staging.output(out, false));
      this.#staging.finish();
      return;
    }
    const idx = this.#identityBlock(rows); // before any scratch: it may reserve lasting bytes
    const staged = this.#arena.scratch(rows * n);
    const { u8 } = this.#staging.views();
    const run = consecutiveRun(indices, start, rows, sourceRows);
    if (run >= 0) {
      // Rows in file order (evaluation, prediction): one copy of the block.
      u8.set(source.subarray(run * n, (run + rows) * n), staged);
    } else {
      // Touch every cache line of every row first, so that the rows' cache misses (random rows of a
      // large source) are in flight together rather than one copy after another.
      let touched = 0;
      for (let i = 0; i < rows; i++) {
        const first = checkedRow(indices[start + i]!, sourceRows) * n;
        for (let j = 0; j < n; j += 64) touched += source[first + j]!;
      }
      this.#touched = touched;
      for (let i = 0; i < rows; i++) {
        const row = indices[start + i]!;
        u8.set(source.subarray(row * n, row * n + n), staged + i * n);
      }
    }
    this.#k.gatherRowsU8(staged, idx, rows, n, scale, shift, this.#staging.output(out, false));
    this.#staging.finish();
  }

  /** Byte offset of the int32 indices 0, 1, ..., rows − 1 (kept, grown when a larger batch comes). */
  #identityBlock(rows: number): number {
    if (rows > this.#identityRows) {
      this.#identityRows = Math.max(rows, 2 * this.#identityRows, 256);
      this.#identity = this.#arena.reserve(this.#identityRows * 4);
      const i32 = this.#staging.views().i32;
      for (let i = 0; i < this.#identityRows; i++) i32[(this.#identity >> 2) + i] = i;
    }
    return this.#identity;
  }

  /** Copies indices[start .. start+rows) into wasm memory as int32, checking each against `sourceRows`. */
  #indexBlock(indices: ArrayLike<number>, start: number, rows: number, sourceRows: number): number {
    if (rows > this.#indexCapacity) {
      this.#indexCapacity = Math.max(rows, 2 * this.#indexCapacity, 256);
      this.#indices = this.#arena.reserve(this.#indexCapacity * 4);
    }
    const i32 = this.#staging.views().i32;
    const at = this.#indices >> 2;
    for (let i = 0; i < rows; i++) i32[at + i] = checkedRow(indices[start + i]!, sourceRows);
    return this.#indices;
  }
}

/**
 * The first row when indices[start .. start + rows) are first, first + 1, ... (each a row of the
 * source, which is checked), else -1.
 */
function consecutiveRun(indices: ArrayLike<number>, start: number, rows: number, sourceRows: number): number {
  const first = indices[start]!;
  if (rows === 0 || !Number.isInteger(first) || first < 0 || first + rows > sourceRows) return -1;
  for (let i = 1; i < rows; i++) if (indices[start + i] !== first + i) return -1;
  return first;
}

/** `row` if it is a row of a source with `sourceRows` rows, else a RangeError. */
function checkedRow(row: number, sourceRows: number): number {
  if (!(row >= 0 && row < sourceRows && Number.isInteger(row))) throw new RangeError(`gatherRows: row ${row} is outside the source's ${sourceRows} rows`);
  return row;
}
