/**
 * How matrices reach the kernels: as byte offsets into the module's memory. A matrix from the
 * arena is passed in place; a float32 matrix from elsewhere is copied into per-call scratch
 * (`input`), and an output from elsewhere is computed in scratch and copied back by `finish`,
 * which every operation calls once its kernels have run.
 */
import type { Matrix } from '../../matrix.js';
import type { Arena } from './memory.js';

/** Whole-memory views of one buffer. */
export interface MemoryViews {
  readonly i32: Int32Array;
  readonly f32: Float32Array;
  readonly u8: Uint8Array;
}

export class Staging {
  readonly #arena: Arena;
  readonly #memory: WebAssembly.Memory;
  readonly #copyBack: Matrix[] = [];
  readonly #copyBackAt: number[] = [];
  #view: MemoryViews = { i32: new Int32Array(0), f32: new Float32Array(0), u8: new Uint8Array(0) };

  constructor(arena: Arena) {
    this.#arena = arena;
    this.#memory = arena.memory;
  }

  /** Whole-memory views, rebuilt only when the memory has grown. */
  views(): MemoryViews {
    const buffer = this.#memory.buffer;
    if (this.#view.i32.buffer !== buffer) this.#view = { i32: new Int32Array(buffer), f32: new Float32Array(buffer), u8: new Uint8Array(buffer) };
    return this.#view;
  }

  /** Byte offset of an input matrix: in place, or a scratch copy. */
  input(m: Matrix): number {
    if (this.#arena.owns(m.data)) return m.data.byteOffset;
    const at = this.#arena.scratch(m.size * 4);
    this.views().f32.set(m.data, at >> 2);
    return at;
  }

  /** Byte offset of an output matrix: in place, or scratch that `finish` copies back (`load`: it is also read). */
  output(m: Matrix, load: boolean): number {
    if (this.#arena.owns(m.data)) return m.data.byteOffset;
    const at = load ? this.input(m) : this.#arena.scratch(m.size * 4);
    this.#copyBack.push(m);
    this.#copyBackAt.push(at);
    return at;
  }

  /** Copies outputs computed in scratch back to their matrices and frees the scratch. */
  finish(): void {
    for (let i = 0; i < this.#copyBack.length; i++) {
      const m = this.#copyBack[i]!;
      m.data.set(new Float32Array(this.#memory.buffer, this.#copyBackAt[i]!, m.size));
    }
    this.#copyBack.length = 0;
    this.#copyBackAt.length = 0;
    this.#arena.releaseScratch();
  }
}
