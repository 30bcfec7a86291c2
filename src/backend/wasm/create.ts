/**
 * The wasm backend as users get it: `createWasmBackend` (synchronous compile) and
 * `loadWasmBackend` (asynchronous, for a page's main thread) bind the kernel module
 * (binding.ts), build its operations (backend.ts) and wrap them in the shared argument checks
 * with the float64 fallback to the reference backend (../checked.ts).
 */
import type { Backend } from '../backend.js';
import { CheckedBackend } from '../checked.js';
import { createReferenceBackend } from '../reference.js';
import type { Matrix } from '../../matrix.js';
import { WasmKernelsBackend } from './backend.js';
import { bindKernels, chooseBuild, loadKernels, type BoundKernels } from './binding.js';
import { threadsUnavailableReason } from './threads.js';

/** Options of `createWasmBackend`. */
export interface WasmBackendOptions {
  /** Threads for large matrix products, the calling thread included (1: no workers). Default: number of cores. */
  readonly threads?: number;
  /** Use the relaxed-SIMD (fused multiply-add) build where the engine supports it. Default true; false forces plain SIMD128. */
  readonly relaxedSimd?: boolean;
  /**
   * Bytes the module's memory may grow to, rounded up to 64 KiB pages: 16 MiB to 2 GiB, the default.
   * A shared memory (threads) reserves this much address space when it is made, so under an
   * address-space limit (ulimit -v) a smaller maximum leaves room for more threads.
   */
  readonly maximumMemory?: number;
}

/** The wasm backend, with what it chose at start-up. */
export interface WasmBackend extends Backend {
  /** Threads a large product may use (workers join as they become ready). */
  readonly threads: number;
  /** True if the relaxed-SIMD build is running. */
  readonly relaxedSimd: boolean;
  /** The module's memory (shared when threads are possible). */
  readonly memory: WebAssembly.Memory;
  /** Bytes of memory up to the arena's top (it comes down when the topmost matrices are given back). */
  readonly arenaBytes: number;
  /** Bytes the memory may grow to (WasmBackendOptions.maximumMemory). */
  readonly maximumMemory: number;
  /** Gives back a matrix from `allocate` (see Backend.release): its bytes are reused by later allocations. */
  release(matrix: Matrix): void;
  /** Threads usable right now: 1 plus the workers that have started. */
  readonly readyThreads: number;
  /** Resolves once every worker has started (or after `timeoutMs`), with `readyThreads`. */
  threadsReady(timeoutMs?: number): Promise<number>;
  /** Why only one thread runs although more were asked for (undefined when threads can start). */
  readonly threadsUnavailable: string | undefined;
  /** Stops the worker threads (the backend keeps working on one thread). */
  close(): void;
}

/** Creates a wasm backend (synchronous compile: fine in Node and in workers). Throws without SIMD128. */
export function createWasmBackend(options: WasmBackendOptions = {}): WasmBackend {
  return start(bindKernels(chooseBuild(options)), options);
}

/**
 * Creates a wasm backend with an asynchronous compile: the way for a browser page's main thread,
 * which refuses synchronous compiles of this size (workers and Node can use either). A page's
 * main thread may not sleep in Atomics.wait, so there the backend runs on that one thread.
 * Rejects without SIMD128.
 */
export async function loadWasmBackend(options: WasmBackendOptions = {}): Promise<WasmBackend> {
  return start(await loadKernels(chooseBuild(options)), options);
}

const reference = createReferenceBackend();

/** The kernels' operations behind the shared checks, with what the binding chose. */
class CheckedWasmBackend extends CheckedBackend<WasmKernelsBackend> implements WasmBackend {
  readonly relaxedSimd: boolean;
  readonly threadsUnavailable: string | undefined;
  declare readonly release: (matrix: Matrix) => void;
  declare readonly threadsReady: (timeoutMs?: number) => Promise<number>;

  constructor(bound: BoundKernels) {
    const threads = bound.shared ? bound.threads : 1;
    super(new WasmKernelsBackend(bound.kernels, bound.module, bound.memory, threads, bound.maximumMemory), reference);
    this.relaxedSimd = bound.relaxed;
    this.threadsUnavailable = bound.threads > 1 ? threadsUnavailableReason(bound.shared) : undefined;
  }

  get threads(): number {
    return this.inner.dispatch.threads;
  }

  get memory(): WebAssembly.Memory {
    return this.inner.memory;
  }

  get arenaBytes(): number {
    return this.inner.arena.used;
  }

  get maximumMemory(): number {
    return this.inner.arena.maximumBytes;
  }

  get readyThreads(): number {
    return this.inner.readyThreads;
  }

  close(): void {
    this.inner.dispatch.close();
  }
}

/** The backend on `bound`, with one warning line when more than one thread was asked for explicitly and none can start. */
function start(bound: BoundKernels, options: WasmBackendOptions): WasmBackend {
  const backend = new CheckedWasmBackend(bound);
  if (options.threads !== undefined && options.threads > 1 && backend.threadsUnavailable !== undefined) {
    console.warn(`backprop: ${options.threads} threads were asked for but the wasm backend runs on one: ${backend.threadsUnavailable}`);
  }
  return backend;
}
