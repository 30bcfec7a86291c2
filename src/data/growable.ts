/** An append-only float64 buffer that grows by doubling, for parsers that do not know the row count. */
import { checkAllocation } from '../errors/limits.js';
import type { DType, FloatArray } from '../matrix.js';

export class GrowableFloat64 {
  #data = new Float64Array(1024);
  #length = 0;

  get length(): number {
    return this.#length;
  }

  push(value: number): void {
    if (this.#length === this.#data.length) {
      // The doubled buffer plus the float32 copy made at the end must fit the memory budget.
      checkAllocation(`the data read so far (${this.#length.toLocaleString('en-US')} numbers)`, this.#data.length * 2 * 8 + this.#length * 4);
      const bigger = new Float64Array(this.#data.length * 2);
      bigger.set(this.#data);
      this.#data = bigger;
    }
    this.#data[this.#length++] = value;
  }

  /** The value at `index` (< length). */
  at(index: number): number {
    return this.#data[index]!;
  }

  /** The values as a fresh array of the given precision, exactly `length` long. */
  toArray(dtype: DType): FloatArray {
    const used = this.#data.subarray(0, this.#length);
    return dtype === 'float64' ? used.slice() : Float32Array.from(used);
  }
}

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

/** An append-only float buffer of one precision (float32 or float64) that grows by doubling. */
export class GrowableFloats {
  readonly #dtype: DType;
  #data: FloatArray;
  #length = 0;

  constructor(dtype: DType) {
    this.#dtype = dtype;
    this.#data = dtype === 'float64' ? new Float64Array(1024) : new Float32Array(1024);
  }

  get length(): number {
    return this.#length;
  }

  push(value: number): void {
    if (this.#length === this.#data.length) {
      const bigger = this.#dtype === 'float64' ? new Float64Array(this.#data.length * 2) : new Float32Array(this.#data.length * 2);
      bigger.set(this.#data);
      this.#data = bigger;
    }
    this.#data[this.#length++] = value;
  }

  /** The value at `index` (< length). */
  at(index: number): number {
    return this.#data[index]!;
  }

  /** The values, exactly `length` long (a copy, in the buffer's precision). */
  toArray(): FloatArray {
    return this.#data.slice(0, this.#length);
  }
}
