/**
 * The wasm backend's memory: one WebAssembly.Memory (shared when the platform allows, so that
 * worker threads can compute on it and growing never detaches views), an arena for matrices
 * (bump allocation, with blocks given back by `free` reused first-fit and merged with their
 * neighbours), and a per-call scratch area above the arena for inputs that come from outside.
 */
import { formatBytes } from '../../errors/limits.js';
import { ResourceLimitError } from '../../errors/resource-limit-error.js';
import { Matrix } from '../../matrix.js';

/** Bytes of a WebAssembly page. */
export const PAGE_BYTES = 65536;
/**
 * 2 GiB, the most the kernel module's memory may be (its import declares this maximum) and the
 * default. Shared memories reserve address space up to their maximum, so growth never moves data.
 */
export const MAXIMUM_MEMORY_BYTES = 32768 * PAGE_BYTES;
const ALIGN = 64;

/**
 * A memory of `initialPages` that may grow to `maximumBytes` (whole pages): shared when
 * SharedArrayBuffer is usable (Node, cross-origin-isolated pages), else private.
 */
export function createMemory(initialPages: number, maximumBytes = MAXIMUM_MEMORY_BYTES): { memory: WebAssembly.Memory; shared: boolean } {
  const maximum = Math.floor(maximumBytes / PAGE_BYTES);
  const initial = Math.min(initialPages, maximum);
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  if (typeof SharedArrayBuffer === 'function' && isolated !== false) {
    try {
      return { memory: new WebAssembly.Memory({ initial, maximum, shared: true }), shared: true };
    } catch {
      // fall through to a private memory
    }
  }
  return { memory: new WebAssembly.Memory({ initial, maximum }), shared: false };
}

/** Allocator over `memory`, starting at `base`, up to `maximumBytes` (the memory's maximum). */
export class Arena {
  readonly memory: WebAssembly.Memory;
  /** The most bytes the memory may grow to. */
  readonly maximumBytes: number;
  readonly #buffers = new WeakSet<ArrayBufferLike>();
  /** The buffer `owns` last said yes to (most calls ask about the same one). */
  #lastOwned: ArrayBufferLike | undefined;
  /**
   * Matrices handed out, with their bytes: to give them back, and to rebuild their views if a
   * private memory grows (shared ones never detach).
   */
  readonly #owned = new Map<Matrix, number>();
  /** Blocks given back, [offset, bytes], sorted by offset, merged, all below the top. */
  readonly #free: [number, number][] = [];
  #top: number;
  #scratchTop: number;

  constructor(memory: WebAssembly.Memory, base: number, maximumBytes = MAXIMUM_MEMORY_BYTES) {
    this.memory = memory;
    this.maximumBytes = maximumBytes;
    this.#top = align(base);
    this.#scratchTop = this.#top;
    this.#buffers.add(memory.buffer);
  }

  /** True if `data` is a view into this memory (so kernels can read it in place). */
  owns(data: ArrayBufferView): boolean {
    const buffer = data.buffer;
    if (buffer === this.#lastOwned) return true;
    if (this.#buffers.has(buffer)) {
      this.#lastOwned = buffer;
      return true;
    }
    if (buffer === this.memory.buffer) {
      this.#buffers.add(buffer);
      return true;
    }
    return false;
  }

  /** Reserves `bytes` until given back with `release` (or for the backend's lifetime); returns the byte offset (zero-filled). */
  reserve(bytes: number): number {
    const size = align(bytes);
    for (let i = 0; i < this.#free.length && size > 0; i++) {
      const [offset, free] = this.#free[i]!;
      if (free < size) continue;
      if (free === size) this.#free.splice(i, 1);
      else this.#free[i] = [offset + size, free - size];
      new Uint8Array(this.memory.buffer, offset, size).fill(0);
      return offset;
    }
    const offset = this.#top;
    // Grow first: a request that cannot be met must leave the arena as it was.
    this.#ensure(offset + size);
    this.#top = offset + size;
    this.#scratchTop = this.#top;
    new Uint8Array(this.memory.buffer, offset, bytes).fill(0);
    return offset;
  }

  /** Gives back `bytes` at `offset` (from `reserve`): later reservations reuse them. */
  release(offset: number, bytes: number): void {
    const size = align(bytes);
    if (size === 0) return;
    const free = this.#free;
    let i = 0;
    while (i < free.length && free[i]![0] < offset) i++;
    free.splice(i, 0, [offset, size]);
    // Merge with the next block, then with the previous one.
    if (i + 1 < free.length && free[i]![0] + free[i]![1] === free[i + 1]![0]) {
      free[i] = [offset, size + free[i + 1]![1]];
      free.splice(i + 1, 1);
    }
    if (i > 0 && free[i - 1]![0] + free[i - 1]![1] === free[i]![0]) {
      free[i - 1] = [free[i - 1]![0], free[i - 1]![1] + free[i]![1]];
      free.splice(i, 1);
      i--;
    }
    // A block that reaches the top lowers it.
    const last = free[free.length - 1];
    if (last !== undefined && last[0] + last[1] === this.#top) {
      this.#top = last[0];
      this.#scratchTop = this.#top;
      free.pop();
    }
  }

  /** A zero-filled float32 matrix in this memory. */
  matrix(rows: number, cols: number): Matrix {
    const offset = this.reserve(rows * cols * 4);
    const m = new Matrix(rows, cols, new Float32Array(this.memory.buffer, offset, rows * cols));
    this.#owned.set(m, rows * cols * 4);
    return m;
  }

  /** Gives back a matrix from `matrix` (a view of one, a foreign matrix or one given back already: false, nothing happens). */
  free(m: Matrix): boolean {
    const bytes = this.#owned.get(m);
    if (bytes === undefined) return false;
    this.#owned.delete(m);
    this.release(m.data.byteOffset, bytes);
    return true;
  }

  /** Bytes given back and not reused yet (below the top). */
  get freeBytes(): number {
    return this.#free.reduce((sum, [, bytes]) => sum + bytes, 0);
  }

  /** Scratch bytes valid until `releaseScratch`; may be reused by later `reserve` calls. */
  scratch(bytes: number): number {
    const offset = this.#scratchTop;
    this.#ensure(align(offset + bytes));
    this.#scratchTop = align(offset + bytes);
    return offset;
  }

  releaseScratch(): void {
    this.#scratchTop = this.#top;
  }

  /** Bytes up to the arena's top (lasting allocations, and any given-back block below them). */
  get used(): number {
    return this.#top;
  }

  #ensure(end: number): void {
    const have = this.memory.buffer.byteLength;
    if (end <= have) return;
    const limit = this.maximumBytes;
    if (end > limit) {
      const hint = limit < MAXIMUM_MEMORY_BYTES ? ' (its maximumMemory, which the CLI derives from the address-space limit, ulimit -v)' : '';
      throw new ResourceLimitError(`the WebAssembly engine needs ${formatBytes(end)} of memory, more than its limit of ${formatBytes(limit)}${hint}; use a smaller network or batch size`, { requested: end, limit });
    }
    const oldBuffer = this.memory.buffer;
    try {
      this.memory.grow(Math.ceil((end - have) / PAGE_BYTES));
    } catch (error) {
      throw new ResourceLimitError(`the WebAssembly engine could not grow its memory to ${formatBytes(end)} (${(error as Error).message}); the machine or its limits (ulimit -v) do not allow it`, { requested: end });
    }
    const buffer = this.memory.buffer;
    this.#buffers.add(buffer);
    // A private memory's old buffer is now detached (length 0): re-point the views we handed out.
    if (oldBuffer.byteLength !== 0) return;
    for (const m of this.#owned.keys()) {
      const data = m.data as Float32Array;
      if (data.buffer !== oldBuffer) continue;
      m.data = new Float32Array(buffer, data.byteOffset, data.length);
    }
  }
}

function align(offset: number): number {
  return Math.ceil(offset / ALIGN) * ALIGN;
}
