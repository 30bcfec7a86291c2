/** Append-only buffers for parsers that do not know the row count. */
import { checkAllocation } from '../errors/limits.js';
import type { DType, FloatArray } from '../matrix.js';

/** An append-only byte buffer that grows by doubling. */
export class GrowableBytes {
  #data = new Uint8Array(1 << 16);
  #length = 0;

  get length(): number {
    return this.#length;
  }

  push(value: number): void {
    if (this.#length === this.#data.length) {
      checkAllocation(`the data read so far (${this.#length.toLocaleString('en-US')} bytes)`, this.#data.length * 2);
      const bigger = new Uint8Array(this.#data.length * 2);
      bigger.set(this.#data);
      this.#data = bigger;
    }
    this.#data[this.#length++] = value;
  }

  /** The bytes, exactly `length` long (a copy). */
  toArray(): Uint8Array {
    return this.#data.slice(0, this.#length);
  }
}

/** Values per block of GrowableFloats. */
const BLOCK = 1 << 16;

/**
 * An append-only float buffer of one precision (float32 or float64), kept in fixed blocks so
 * that growing never copies; `toArray` makes the one exact-length array, so the peak is about
 * twice the values (a doubling buffer and its final copy can reach three times).
 */
export class GrowableFloats {
  readonly #dtype: DType;
  #blocks: FloatArray[] = [];
  #block: FloatArray;
  #used = 0;
  #length = 0;

  constructor(dtype: DType) {
    this.#dtype = dtype;
    this.#block = this.#newBlock();
  }

  #newBlock(): FloatArray {
    return this.#dtype === 'float64' ? new Float64Array(BLOCK) : new Float32Array(BLOCK);
  }

  get length(): number {
    return this.#length;
  }

  push(value: number): void {
    if (this.#used === BLOCK) this.#grow();
    this.#block[this.#used++] = value;
    this.#length++;
  }

  /** Starts a new block (the current one is full). */
  #grow(): void {
    // The blocks plus the exact copy made at the end must fit the memory budget.
    const bytes = this.#dtype === 'float64' ? 8 : 4;
    checkAllocation(`the data read so far (${this.#length.toLocaleString('en-US')} numbers)`, 2 * (this.#length + BLOCK) * bytes);
    this.#blocks.push(this.#block);
    this.#block = this.#newBlock();
    this.#used = 0;
  }

  /** Appends `source[r * stride + positions[j]]` for each row r < rows, each j in order. */
  pushRows(source: Float64Array, rows: number, stride: number, positions: readonly number[]): void {
    const n = positions.length;
    let block = this.#block;
    let used = this.#used;
    for (let r = 0, base = 0; r < rows; r++, base += stride) {
      for (let j = 0; j < n; j++) {
        if (used === BLOCK) {
          this.#length += used - this.#used;
          this.#used = used;
          this.#grow();
          block = this.#block;
          used = 0;
        }
        block[used++] = source[base + positions[j]!]!;
      }
    }
    this.#length += used - this.#used;
    this.#used = used;
  }

  /** The value at `index` (< length). */
  at(index: number): number {
    const b = Math.floor(index / BLOCK);
    return (b === this.#blocks.length ? this.#block : this.#blocks[b]!)[index % BLOCK]!;
  }

  /** The values, exactly `length` long (a copy, in the buffer's precision). */
  toArray(): FloatArray {
    const out = this.#dtype === 'float64' ? new Float64Array(this.#length) : new Float32Array(this.#length);
    let offset = 0;
    for (let b = 0; b < this.#blocks.length; b++) {
      out.set(this.#blocks[b]!, offset);
      offset += BLOCK;
    }
    out.set(this.#block.subarray(0, this.#used), offset);
    return out;
  }
}
