/** Append-only buffers for parsers that do not know the row count. */
import { checkAllocation, memoryBudget, formatCount } from '../errors/limits.js';
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
      checkAllocation(`the data read so far (${formatCount(this.#length)} bytes)`, this.#data.length * 2);
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
 * An append-only float buffer of one precision (float32 or float64), kept in blocks so that
 * growing never copies; `toArray` makes the one exact-length array, so the peak is about twice
 * the values. When the count is known roughly in advance, `reserve` puts them in one block that
 * `toArray` hands out as it is (a view of its first `length` values), so the peak is the values.
 */
export class GrowableFloats {
  readonly #dtype: DType;
  /** The full blocks; the first may be the reserved one, of `#reserved` values. */
  #blocks: FloatArray[] = [];
  #block: FloatArray;
  #used = 0;
  #length = 0;
  #reserved = 0;

  constructor(dtype: DType) {
    this.#dtype = dtype;
    this.#block = this.#newBlock(BLOCK);
  }

  #newBlock(size: number): FloatArray {
    return this.#dtype === 'float64' ? new Float64Array(size) : new Float32Array(size);
  }

  get length(): number {
    return this.#length;
  }

  /** The precision of the values. */
  get dtype(): DType {
    return this.#dtype;
  }

  /**
   * Room for `capacity` values in one block, taken only while no more than the first block was
   * filled and when it fits the memory budget (else nothing changes). Memory the values never
   * reach is never written, so it costs address space, not resident memory.
   */
  reserve(capacity: number): void {
    const bytes = this.#dtype === 'float64' ? 8 : 4;
    if (this.#blocks.length > 0 || this.#reserved > 0 || capacity <= BLOCK || capacity * bytes > memoryBudget()) return;
    const block = this.#newBlock(capacity);
    block.set(this.#block.subarray(0, this.#used));
    this.#block = block;
    this.#reserved = capacity;
  }

  push(value: number): void {
    if (this.#used === this.#block.length) this.#grow();
    this.#block[this.#used++] = value;
    this.#length++;
  }

  /** Starts a new block (the current one is full). */
  #grow(): void {
    // The blocks plus the exact copy made at the end must fit the memory budget.
    const bytes = this.#dtype === 'float64' ? 8 : 4;
    checkAllocation(`the data read so far (${formatCount(this.#length)} numbers)`, 2 * (this.#length + BLOCK) * bytes);
    this.#blocks.push(this.#block);
    this.#block = this.#newBlock(BLOCK);
    this.#used = 0;
  }

  /** Appends `source[r * stride + positions[j]]` for each row r < rows, each j in order. */
  pushRows(source: Float64Array, rows: number, stride: number, positions: readonly number[]): void {
    const n = positions.length;
    let block = this.#block;
    let used = this.#used;
    if (used + rows * n <= block.length) {
      // All in the current block: no check per value.
      for (let r = 0, base = 0; r < rows; r++, base += stride) for (let j = 0; j < n; j++) block[used++] = source[base + positions[j]!]!;
      this.#length += used - this.#used;
      this.#used = used;
      return;
    }
    for (let r = 0, base = 0; r < rows; r++, base += stride) {
      for (let j = 0; j < n; j++) {
        if (used === block.length) {
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
    const reserved = this.#reserved;
    if (index < reserved) return (this.#blocks.length === 0 ? this.#block : this.#blocks[0]!)[index]!;
    const rest = index - reserved;
    const b = Math.floor(rest / BLOCK) + (reserved > 0 ? 1 : 0);
    return (b === this.#blocks.length ? this.#block : this.#blocks[b]!)[rest % BLOCK]!;
  }

  /** The values, exactly `length` long: a view of the reserved block when they all fit in it, else a copy (in the buffer's precision). */
  toArray(): FloatArray {
    if (this.#reserved > 0 && this.#blocks.length === 0) return this.#block.subarray(0, this.#used);
    const out = this.#newBlock(this.#length);
    let offset = 0;
    for (const block of this.#blocks) {
      out.set(block, offset);
      offset += block.length;
    }
    out.set(this.#block.subarray(0, this.#used), offset);
    return out;
  }
}
