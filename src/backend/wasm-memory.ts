/**
 * The wasm backend's memory: one WebAssembly.Memory (shared when the platform allows, so that
 * worker threads can compute on it and growing never detaches views), a bump arena for
 * matrices that live as long as the backend, and a per-call scratch area above the arena for
 * inputs that come from outside.
 */
import { Matrix } from '../matrix.js';

const PAGE = 65536;
/** 2 GiB: shared memories reserve address space up to the maximum, so growth never moves data. */
export const MAXIMUM_PAGES = 32768;
const ALIGN = 64;

/** A shared memory when SharedArrayBuffer is usable (Node, cross-origin-isolated pages), else a private one. */
export function createMemory(initialPages: number): { memory: WebAssembly.Memory; shared: boolean } {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  if (typeof SharedArrayBuffer === 'function' && isolated !== false) {
    try {
      return { memory: new WebAssembly.Memory({ initial: initialPages, maximum: MAXIMUM_PAGES, shared: true }), shared: true };
    } catch {
      // fall through to a private memory
    }
  }
  return { memory: new WebAssembly.Memory({ initial: initialPages, maximum: MAXIMUM_PAGES }), shared: false };
}

/** Bump allocator over `memory`, starting at `base`. */
export class Arena {
  readonly memory: WebAssembly.Memory;
  readonly #buffers = new WeakSet<ArrayBufferLike>();
  /** Matrices handed out, so their views can be rebuilt if a private memory grows (shared ones never detach). */
  readonly #owned: Matrix[] = [];
  #top: number;
  #scratchTop: number;

  constructor(memory: WebAssembly.Memory, base: number) {
    this.memory = memory;
    this.#top = align(base);
    this.#scratchTop = this.#top;
    this.#buffers.add(memory.buffer);
  }

  /** True if `data` is a view into this memory (so kernels can read it in place). */
  owns(data: ArrayBufferView): boolean {
    const buffer = data.buffer;
    if (this.#buffers.has(buffer)) return true;
    if (buffer === this.memory.buffer) {
      this.#buffers.add(buffer);
      return true;
    }
    return false;
  }

  /** Reserves `bytes` for the backend's lifetime; returns the byte offset (zero-filled). */
  reserve(bytes: number): number {
    const offset = this.#top;
    this.#top = align(offset + bytes);
    this.#scratchTop = this.#top;
    this.#ensure(this.#top);
    new Uint8Array(this.memory.buffer, offset, bytes).fill(0);
    return offset;
  }

  /** A zero-filled float32 matrix in this memory. */
  matrix(rows: number, cols: number): Matrix {
    const offset = this.reserve(rows * cols * 4);
    const m = new Matrix(rows, cols, new Float32Array(this.memory.buffer, offset, rows * cols));
    this.#owned.push(m);
    return m;
  }

  /** Scratch bytes valid until `releaseScratch`; may be reused by later `reserve` calls. */
  scratch(bytes: number): number {
    const offset = this.#scratchTop;
    this.#scratchTop = align(offset + bytes);
    this.#ensure(this.#scratchTop);
    return offset;
  }

  releaseScratch(): void {
    this.#scratchTop = this.#top;
  }

  /** Bytes in use by lasting allocations (the arena's high-water mark). */
  get used(): number {
    return this.#top;
  }

  #ensure(end: number): void {
    const have = this.memory.buffer.byteLength;
    if (end <= have) return;
    const oldBuffer = this.memory.buffer;
    this.memory.grow(Math.ceil((end - have) / PAGE));
    const buffer = this.memory.buffer;
    this.#buffers.add(buffer);
    // A private memory's old buffer is now detached (length 0): re-point the views we handed out.
    if (oldBuffer.byteLength !== 0) return;
    for (const m of this.#owned) {
      const data = m.data as Float32Array;
      if (data.buffer !== oldBuffer) continue;
      m.data = new Float32Array(buffer, data.byteOffset, data.length);
    }
  }
}

function align(offset: number): number {
  return Math.ceil(offset / ALIGN) * ALIGN;
}
