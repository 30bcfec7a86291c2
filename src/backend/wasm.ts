/**
 * The WebAssembly backend: AssemblyScript kernels (kernels/*.ts, SIMD128, optionally relaxed-SIMD
 * fused multiply-add) bound 1:1 to Backend methods. All float32 matrices it allocates live in
 * one memory and are passed to kernels as byte offsets, without copies; float32 matrices from
 * elsewhere are copied through per-call scratch; float64 work goes to the reference backend.
 * Large products are split by row blocks over a worker pool (threads.ts).
 */
import type { AdamStep, Backend } from './backend.js';
import {
  JOB_A, JOB_ACTIVATION, JOB_ACTIVATION_ALPHA, JOB_ADAM, JOB_ALPHA, JOB_B, JOB_BETA, JOB_BIAS, JOB_BY_COLUMNS, JOB_BYTES, JOB_C, JOB_C1, JOB_C2,
  JOB_CHUNK_SIZE, JOB_CHUNKS, JOB_EPSILON, JOB_K, JOB_KIND, JOB_M, JOB_N, JOB_OUT, JOB_SCRATCH, JOB_SLOTS, JOB_TRANS_A, JOB_TRANS_B, JOB_WEIGHT_DECAY,
} from './job-layout.js';
import { KERNEL_BUILDS } from './kernels.generated.js';
import { createReferenceBackend } from './reference.js';
import {
  createThreadPool, defaultThreadCount, PARALLEL_MIN_ELEMENTS, PARALLEL_MIN_FLOPS, SYNC_BYTES_PER_WORKER, threadsUnavailableReason, type ThreadPool,
} from './threads.js';
import { ResourceLimitError } from '../errors/resource-limit-error.js';
import { Arena, createMemory } from './wasm-memory.js';
import { ACTIVATION_NAMES, type ActivationName } from '../math/activations.js';
import { LOSS_NAMES } from '../math/losses.js';
import { Matrix, assertSameShape, assertShape, type DType, type FloatArray } from '../matrix.js';

/** Options of `createWasmBackend`. */
export interface WasmBackendOptions {
  /** Threads for large matrix products, the calling thread included (1: no workers). Default: number of cores. */
  readonly threads?: number;
  /** Use the relaxed-SIMD (fused multiply-add) build where the engine supports it. Default true; false forces plain SIMD128. */
  readonly relaxedSimd?: boolean;
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

interface Kernels {
  heapBase(): number;
  gemmScratchBytes(): number;
  gemm(...args: number[]): void;
  denseForward(...args: number[]): void;
  updateForward(...args: number[]): void;
  runJob(job: number): void;
  activationRows(...args: number[]): void;
  activationBackward(...args: number[]): void;
  softmaxRows(...args: number[]): void;
  lossValue(...args: number[]): number;
  lossGradient(...args: number[]): void;
  fusedOutputGradient(...args: number[]): void;
  sumColumns(...args: number[]): void;
  sgdUpdate(...args: number[]): void;
  momentumUpdate(...args: number[]): void;
  adamUpdate(...args: number[]): void;
  gatherRows(...args: number[]): void;
  gatherRowsU8(...args: number[]): void;
}

const SOFTMAX_CODE = ACTIVATION_NAMES.indexOf('softmax');

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

let validated: { simd: boolean; relaxed: boolean } | undefined;
function support(): { simd: boolean; relaxed: boolean } {
  validated ??= {
    simd: typeof WebAssembly === 'object' && WebAssembly.validate(decode(KERNEL_BUILDS.simd)),
    relaxed: typeof WebAssembly === 'object' && WebAssembly.validate(decode(KERNEL_BUILDS.relaxed)),
  };
  return validated;
}

/** True if this engine runs WebAssembly SIMD128 (the wasm backend's requirement). */
export function wasmSimdSupported(): boolean {
  return support().simd;
}

/** True if this engine runs relaxed SIMD (Node 20: only under --experimental-wasm-relaxed-simd). */
export function relaxedSimdSupported(): boolean {
  return support().relaxed;
}

/** Creates a wasm backend (synchronous compile: fine in Node and in workers). Throws without SIMD128. */
export function createWasmBackend(options: WasmBackendOptions = {}): WasmBackend {
  const { build, memory, shared, relaxed, threads } = chooseBuild(options);
  const module = new WebAssembly.Module(decode(build));
  const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as Kernels;
  return warnWithoutThreads(new WasmKernelsBackend(kernels, module, memory, shared ? threads : 1, relaxed, threadsUnavailable(shared, threads)), options);
}

/**
 * Creates a wasm backend with an asynchronous compile: the way for a browser page's main thread,
 * which refuses synchronous compiles of this size (workers and Node can use either). A page's
 * main thread may not sleep in Atomics.wait, so there the backend runs on that one thread.
 * Rejects without SIMD128.
 */
export async function loadWasmBackend(options: WasmBackendOptions = {}): Promise<WasmBackend> {
  const { build, memory, shared, relaxed, threads } = chooseBuild(options);
  const module = await WebAssembly.compile(decode(build));
  const instance = await WebAssembly.instantiate(module, { env: { memory } });
  return warnWithoutThreads(new WasmKernelsBackend(instance.exports as unknown as Kernels, module, memory, shared ? threads : 1, relaxed, threadsUnavailable(shared, threads)), options);
}

function chooseBuild(options: WasmBackendOptions) {
  if (!wasmSimdSupported()) throw new Error('wasm backend: this engine has no WebAssembly SIMD128');
  const relaxed = options.relaxedSimd !== false && relaxedSimdSupported();
  const threads = Math.max(1, Math.floor(options.threads ?? defaultThreadCount()));
  const maxThreads = maximumThreads();
  if (threads > maxThreads) {
    throw new ResourceLimitError(`${threads} threads is more than the limit of ${maxThreads} (4 per core, at least 8, at most 256); each thread holds its own engine`, { requested: threads, limit: maxThreads });
  }
  const { memory, shared } = createMemory(256);
  const build = relaxed ? (shared ? KERNEL_BUILDS.relaxedShared : KERNEL_BUILDS.relaxed) : shared ? KERNEL_BUILDS.simdShared : KERNEL_BUILDS.simd;
  return { build, memory, shared, relaxed, threads };
}

/** Why asked-for threads cannot start, or undefined (one thread asked for, or threads available). */
function threadsUnavailable(shared: boolean, threads: number): string | undefined {
  return threads > 1 ? threadsUnavailableReason(shared) : undefined;
}

/** One warning line when more than one thread was asked for explicitly and none can start. */
function warnWithoutThreads(backend: WasmBackend, options: WasmBackendOptions): WasmBackend {
  if (options.threads !== undefined && options.threads > 1 && backend.threadsUnavailable !== undefined) {
    console.warn(`backprop: ${options.threads} threads were asked for but the wasm backend runs on one: ${backend.threadsUnavailable}`);
  }
  return backend;
}

const reference = createReferenceBackend();

/** The most worker threads a backend may start: 4 per core, at least 8, at most 256. */
export function maximumThreads(): number {
  return Math.min(256, Math.max(8, 4 * defaultThreadCount()));
}

function isF64(m: Matrix | null): boolean {
  return m !== null && m.data instanceof Float64Array;
}

class WasmKernelsBackend implements WasmBackend {
  readonly name = 'wasm';
  readonly dtypes: readonly DType[] = ['float32'];
  readonly threads: number;
  readonly relaxedSimd: boolean;
  readonly threadsUnavailable: string | undefined;
  readonly memory: WebAssembly.Memory;
  readonly #k: Kernels;
  readonly #arena: Arena;
  readonly #scratch: number[] = [];
  readonly #jobs: number[] = [];
  readonly #pool: ThreadPool | undefined;
  readonly #copyBack: Matrix[] = [];
  readonly #copyBackAt: number[] = [];
  #indices = 0;
  #view = { i32: new Int32Array(0), f32: new Float32Array(0), u8: new Uint8Array(0) };
  #identityRows = 0;
  #identity = 0;
  #indexCapacity = 0;
  /** Sum of the bytes a gather touched ahead (kept, so the reads are not optimised away). */
  #touched = 0;

  constructor(kernels: Kernels, module: WebAssembly.Module, memory: WebAssembly.Memory, threads: number, relaxed: boolean, unavailable: string | undefined) {
    this.#k = kernels;
    this.threadsUnavailable = unavailable;
    this.memory = memory;
    this.threads = threads;
    this.relaxedSimd = relaxed;
    this.#arena = new Arena(memory, kernels.heapBase());
    const control = this.#arena.reserve(SYNC_BYTES_PER_WORKER * threads);
    for (let t = 0; t < threads; t++) {
      this.#scratch.push(this.#arena.reserve(kernels.gemmScratchBytes()));
      this.#jobs.push(this.#arena.reserve(JOB_BYTES));
    }
    this.#pool = threads > 1 ? createThreadPool(module, memory, control, this.#jobs.slice(1)) : undefined;
  }

  get arenaBytes(): number {
    return this.#arena.used;
  }

  get readyThreads(): number {
    return 1 + (this.#pool?.ready() ?? 0);
  }

  async threadsReady(timeoutMs = 10_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    const wanted = 1 + (this.#pool?.workers ?? 0);
    while (this.readyThreads < wanted && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
    return this.readyThreads;
  }

  close(): void {
    this.#pool?.close();
  }

  allocate(rows: number, cols: number, dtype: DType): Matrix {
    return dtype === 'float64' ? reference.allocate(rows, cols, dtype) : this.#arena.matrix(rows, cols);
  }

  release(matrix: Matrix): void {
    this.#arena.free(matrix);
  }

  matmul(A: Matrix, B: Matrix, C: Matrix, alpha = 1): void {
    assertShape(B, A.cols, B.cols, 'matmul B');
    assertShape(C, A.rows, B.cols, 'matmul C');
    if (isF64(A) || isF64(B) || isF64(C)) return reference.matmul(A, B, C, alpha);
    this.#product(0, 0, 0, C.rows, C.cols, A.cols, this.#in(A), this.#in(B), this.#out(C, false), alpha, 0, 0, 0, 0, 0);
    this.#finish();
  }

  matmulTransA(A: Matrix, B: Matrix, C: Matrix, alpha = 1, beta = 0): void {
    assertShape(B, A.rows, B.cols, 'matmulTransA B');
    assertShape(C, A.cols, B.cols, 'matmulTransA C');
    if (isF64(A) || isF64(B) || isF64(C)) return reference.matmulTransA(A, B, C, alpha, beta);
    this.#product(0, 1, 0, C.rows, C.cols, A.rows, this.#in(A), this.#in(B), this.#out(C, beta !== 0), alpha, beta, 0, 0, 0, 0);
    this.#finish();
  }

  matmulTransB(A: Matrix, B: Matrix, C: Matrix, alpha = 1): void {
    assertShape(B, B.rows, A.cols, 'matmulTransB B');
    assertShape(C, A.rows, B.rows, 'matmulTransB C');
    if (isF64(A) || isF64(B) || isF64(C)) return reference.matmulTransB(A, B, C, alpha);
    this.#product(0, 0, 1, C.rows, C.cols, A.cols, this.#in(A), this.#in(B), this.#out(C, false), alpha, 0, 0, 0, 0, 0);
    this.#finish();
  }

  denseForward(X: Matrix, W: Matrix, b: Matrix | null, activation: ActivationName, alpha: number, Z: Matrix, A: Matrix): void {
    const m = X.rows;
    const n = W.cols;
    assertShape(W, X.cols, n, 'denseForward W');
    assertShape(Z, m, n, 'denseForward Z');
    assertShape(A, m, n, 'denseForward A');
    if (b !== null) assertShape(b, 1, n, 'denseForward b');
    if (isF64(X) || isF64(W) || isF64(b) || isF64(Z) || isF64(A)) return reference.denseForward(X, W, b, activation, alpha, Z, A);
    const bias = b === null ? 0 : this.#in(b);
    const code = ACTIVATION_NAMES.indexOf(activation);
    this.#product(1, 0, 0, m, n, X.cols, this.#in(X), this.#in(W), this.#out(Z, false), 1, 0, bias, this.#out(A, false), code, alpha);
    this.#finish();
  }

  denseUpdateForward(
    U: Matrix, D: Matrix, W: Matrix, alpha: number, X: Matrix, b: Matrix | null, activation: ActivationName, activationAlpha: number, Z: Matrix, A: Matrix,
    fillInput?: () => void,
  ): void {
    const r = U.rows;
    const k = W.rows;
    const n = W.cols;
    const m = X.rows;
    assertShape(U, r, k, 'denseUpdateForward U');
    assertShape(D, r, n, 'denseUpdateForward D');
    assertShape(X, m, k, 'denseUpdateForward X');
    assertShape(Z, m, n, 'denseUpdateForward Z');
    assertShape(A, m, n, 'denseUpdateForward A');
    if (b !== null) assertShape(b, 1, n, 'denseUpdateForward b');
    if (isF64(U) || isF64(D) || isF64(W) || isF64(X) || isF64(b) || isF64(Z) || isF64(A)) {
      return reference.denseUpdateForward(U, D, W, alpha, X, b, activation, activationAlpha, Z, A, fillInput);
    }
    if (r !== 1 || m !== 1) {
      // Batches: the two products apart, each split over threads its own way (one job split by
      // columns for both was no faster on W1 here: every thread then packs the whole input). The
      // update returns once this thread's rows are done; X is filled while the workers finish
      // theirs, instead of this thread sleeping in Atomics.wait and then filling it. Only with
      // U, D and W in this memory: no scratch copies that the filling could overwrite.
      const owned = this.#arena.owns(U.data) && this.#arena.owns(D.data) && this.#arena.owns(W.data);
      if (owned && fillInput !== undefined) {
        this.#product(0, 1, 0, k, n, r, U.data.byteOffset, D.data.byteOffset, W.data.byteOffset, alpha, 1, 0, 0, 0, 0, true);
        this.#finish();
        try {
          fillInput();
        } finally {
          this.#pool?.settle();
        }
      } else {
        this.matmulTransA(U, D, W, alpha, 1);
        fillInput?.();
      }
      this.denseForward(X, W, b, activation, activationAlpha, Z, A);
      return;
    }
    // Per-sample steps: one pass over W (kernels/update-forward.ts).
    fillInput?.();
    const bias = b === null ? 0 : this.#in(b);
    this.#k.updateForward(
      k, n, this.#in(U), this.#in(D), this.#out(W, true), alpha, this.#in(X), bias, this.#out(Z, false), this.#out(A, false),
      ACTIVATION_NAMES.indexOf(activation), activationAlpha,
    );
    this.#finish();
  }

  softmaxRows(Z: Matrix, A: Matrix): void {
    assertSameShape(Z, A, 'softmaxRows');
    if (isF64(Z) || isF64(A)) return reference.softmaxRows(Z, A);
    this.#k.softmaxRows(this.#in(Z), this.#out(A, false), 0, Z.rows, Z.cols);
    this.#finish();
  }

  activationBackward(activation: ActivationName, alpha: number, Z: Matrix, A: Matrix, dA: Matrix, dZ: Matrix): void {
    assertSameShape(Z, A, 'activationBackward A');
    assertSameShape(Z, dA, 'activationBackward dA');
    assertSameShape(Z, dZ, 'activationBackward dZ');
    if (isF64(Z) || isF64(A) || isF64(dA) || isF64(dZ)) return reference.activationBackward(activation, alpha, Z, A, dA, dZ);
    const code = ACTIVATION_NAMES.indexOf(activation);
    this.#k.activationBackward(code, alpha, this.#in(Z), this.#in(A), this.#in(dA), this.#out(dZ, false), Z.rows, Z.cols);
    this.#finish();
  }

  lossValue(loss: (typeof LOSS_NAMES)[number], yHat: Matrix, y: Matrix): number {
    assertSameShape(yHat, y, `loss ${loss}`);
    if (isF64(yHat) || isF64(y)) return reference.lossValue(loss, yHat, y);
    const value = this.#k.lossValue(LOSS_NAMES.indexOf(loss), this.#in(yHat), this.#in(y), yHat.rows, yHat.cols);
    this.#finish();
    return value;
  }

  /** Per-batch sums for the epoch's loss and metrics: computed on the host, as the reference does (the matrices are host memory). */
  accumulateBatchTotals(loss: (typeof LOSS_NAMES)[number], yHat: Matrix, y: Matrix, totals: Matrix): void {
    reference.accumulateBatchTotals(loss, yHat, y, totals);
  }

  lossGradient(loss: (typeof LOSS_NAMES)[number], yHat: Matrix, y: Matrix, dA: Matrix): void {
    assertSameShape(yHat, y, `loss ${loss}`);
    assertSameShape(yHat, dA, `loss ${loss} gradient`);
    if (isF64(yHat) || isF64(y) || isF64(dA)) return reference.lossGradient(loss, yHat, y, dA);
    this.#k.lossGradient(LOSS_NAMES.indexOf(loss), this.#in(yHat), this.#in(y), this.#out(dA, false), yHat.size, yHat.cols);
    this.#finish();
  }

  fusedOutputGradient(yHat: Matrix, y: Matrix, dZ: Matrix): void {
    assertSameShape(yHat, y, 'fusedOutputGradient');
    assertSameShape(yHat, dZ, 'fusedOutputGradient dZ');
    if (isF64(yHat) || isF64(y) || isF64(dZ)) return reference.fusedOutputGradient(yHat, y, dZ);
    this.#k.fusedOutputGradient(this.#in(yHat), this.#in(y), this.#out(dZ, false), yHat.size);
    this.#finish();
  }

  sumColumns(M: Matrix, out: Matrix, scale: number): void {
    assertShape(out, 1, M.cols, 'sumColumns out');
    if (isF64(M) || isF64(out)) return reference.sumColumns(M, out, scale);
    this.#k.sumColumns(this.#in(M), this.#out(out, false), M.rows, M.cols, scale);
    this.#finish();
  }

  sgdUpdate(param: Matrix, grad: Matrix, learningRate: number, weightDecay: number): void {
    assertSameShape(param, grad, 'sgdUpdate');
    if (isF64(param) || isF64(grad)) return reference.sgdUpdate(param, grad, learningRate, weightDecay);
    this.#k.sgdUpdate(this.#out(param, true), this.#in(grad), param.size, learningRate, weightDecay);
    this.#finish();
  }

  momentumUpdate(param: Matrix, grad: Matrix, velocity: Matrix, learningRate: number, momentum: number, nesterov: boolean, weightDecay: number): void {
    assertSameShape(param, grad, 'momentumUpdate');
    assertSameShape(param, velocity, 'momentumUpdate velocity');
    if (isF64(param) || isF64(grad) || isF64(velocity)) {
      return reference.momentumUpdate(param, grad, velocity, learningRate, momentum, nesterov, weightDecay);
    }
    const p = this.#out(param, true);
    this.#k.momentumUpdate(p, this.#in(grad), this.#out(velocity, true), param.size, learningRate, momentum, nesterov ? 1 : 0, weightDecay);
    this.#finish();
  }

  adamUpdate(param: Matrix, grad: Matrix, m: Matrix, v: Matrix, settings: AdamStep): void {
    assertSameShape(param, grad, 'adamUpdate');
    assertSameShape(param, m, 'adamUpdate m');
    assertSameShape(param, v, 'adamUpdate v');
    if (isF64(param) || isF64(grad) || isF64(m) || isF64(v)) return reference.adamUpdate(param, grad, m, v, settings);
    const { learningRate, beta1, beta2, epsilon, step, weightDecay } = settings;
    const c1 = 1 - Math.pow(beta1, step);
    const c2 = 1 - Math.pow(beta2, step);
    const p = this.#out(param, true);
    const mp = this.#out(m, true);
    const vp = this.#out(v, true);
    const g = this.#in(grad);
    const count = param.size;
    const pool = this.#pool;
    const helpers = pool !== undefined && count >= PARALLEL_MIN_ELEMENTS ? Math.min(pool.ready(), this.threads - 1) : 0;
    if (helpers === 0) {
      this.#k.adamUpdate(p, g, mp, vp, count, learningRate, beta1, beta2, epsilon, c1, c2, weightDecay);
      this.#finish();
      return;
    }
    // Split in blocks of multiples of 16 elements: only the last block has a scalar tail, as on one thread.
    const chunk = Math.ceil(count / (helpers + 1) / 16) * 16;
    const chunks = Math.ceil(count / chunk);
    const { i32, f32 } = this.#views();
    pool!.begin();
    for (let w = 1; w <= helpers; w++) {
      const j = this.#jobs[w]! >> 2;
      i32[j + JOB_KIND] = JOB_ADAM; i32[j + JOB_M] = count; i32[j + JOB_A] = p; i32[j + JOB_B] = g; i32[j + JOB_C] = mp; i32[j + JOB_BIAS] = vp;
      f32[j + JOB_ALPHA] = learningRate; f32[j + JOB_ACTIVATION_ALPHA] = beta1; f32[j + JOB_BETA] = beta2;
      f32[j + JOB_EPSILON] = epsilon; f32[j + JOB_C1] = c1; f32[j + JOB_C2] = c2; f32[j + JOB_WEIGHT_DECAY] = weightDecay;
      i32[j + JOB_CHUNKS] = chunks; i32[j + JOB_CHUNK_SIZE] = chunk; i32[j + JOB_BY_COLUMNS] = 0;
    }
    const cur = this.#current;
    cur[JOB_KIND] = JOB_ADAM; cur[JOB_M] = count; cur[JOB_A] = p; cur[JOB_B] = g; cur[JOB_C] = mp; cur[JOB_BIAS] = vp; cur[JOB_CHUNK_SIZE] = chunk;
    cur[JOB_ALPHA] = learningRate; cur[JOB_ACTIVATION_ALPHA] = beta1; cur[JOB_BETA] = beta2;
    cur[JOB_EPSILON] = epsilon; cur[JOB_C1] = c1; cur[JOB_C2] = c2; cur[JOB_WEIGHT_DECAY] = weightDecay;
    pool!.run(Math.min(helpers, chunks - 1), chunks, this.#runOwnChunk);
    this.#finish();
  }

  gatherRows(source: FloatArray, indices: ArrayLike<number>, start: number, out: Matrix): void {
    if (isF64(out)) return reference.gatherRows(source, indices, start, out);
    const n = out.cols;
    const sourceRows = source.length / Math.max(n, 1);
    if (source instanceof Float32Array && this.#arena.owns(source)) {
      const idx = this.#indexBlock(indices, start, out.rows, sourceRows);
      this.#k.gatherRows(source.byteOffset, idx, out.rows, n, this.#out(out, false));
      this.#finish();
      return;
    }
    // A source outside the memory: each row goes straight to its place (no copy of the whole source).
    for (let i = 0; i < out.rows; i++) {
      const row = checkedRow(indices[start + i]!, sourceRows);
      out.data.set(source.subarray(row * n, row * n + n), i * n);
    }
  }

  gatherRowsU8(source: Uint8Array, indices: ArrayLike<number>, start: number, scale: number, shift: number, out: Matrix): void {
    if (isF64(out)) return reference.gatherRowsU8(source, indices, start, scale, shift, out);
    const n = out.cols;
    const rows = out.rows;
    const sourceRows = source.length / Math.max(n, 1);
    if (this.#arena.owns(source)) {
      const idx = this.#indexBlock(indices, start, rows, sourceRows);
      this.#k.gatherRowsU8(source.byteOffset, idx, rows, n, scale, shift, this.#out(out, false));
      this.#finish();
      return;
    }
    // A source outside the memory: the batch's byte rows are staged in scratch, then converted by
    // the kernel (the whole source is never copied in, so the memory does not grow with data sets).
    const idx = this.#identityBlock(rows); // before any scratch: it may reserve lasting bytes
    const staged = this.#arena.scratch(rows * n);
    const { u8 } = this.#views();
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
    this.#k.gatherRowsU8(staged, idx, rows, n, scale, shift, this.#out(out, false));
    this.#finish();
  }

  /**
   * Runs one product (kind 0: gemm, 1: denseForward), split by row or column blocks over threads
   * when it is large enough: one chunk per thread, claimed by whichever thread is free first
   * (threads.ts). Column blocks are multiples of 8 and row blocks of 4, so every element's
   * arithmetic, and with it the result, is the same for any thread count.
   */
  #product(kind: number, transA: number, transB: number, m: number, n: number, k: number, a: number, b: number, c: number,
    alpha: number, beta: number, bias: number, out: number, act: number, actAlpha: number, later = false): void {
    const pool = this.#pool;
    const large = pool !== undefined && 2 * m * n * k >= PARALLEL_MIN_FLOPS;
    const threads = large ? 1 + Math.min(pool.ready(), this.threads - 1) : 1;
    // C with fewer rows than columns (small-batch forward products, dA_prev), and weight gradients
    // Aᵀ·B with m < 2n, split by column blocks: each thread packs only its part of B and keeps to
    // one part of the weight matrix. Measured (same process, alternating): W3 5-10% faster than
    // rows; W1's 784x64x128 gradient and W4's 1000-row forward batches are faster by rows (about
    // 3% and 10%), which read and pack A once. Never columns for softmax (whole rows) or for the
    // unpacked small-depth path.
    const wide = m < n || (transA === 1 && m < 2 * n);
    const byColumns = threads > 1 && wide && n >= 16 * threads && m >= 4 && (k > 4 || transB === 1) && !(kind === 1 && act === SOFTMAX_CODE);
    const helpers = byColumns || m >= 8 ? threads - 1 : 0;
    if (helpers === 0) {
      this.#rows(kind, transA, transB, m, n, k, a, b, c, alpha, beta, bias, out, act, actAlpha, 0, m, 0, n, this.#scratch[0]!);
      return;
    }
    // One chunk per thread: more would repack B once per chunk, which costs more than it balances.
    const extent = byColumns ? n : m;
    const unit = byColumns ? 8 : 4;
    const chunk = Math.ceil(extent / (helpers + 1) / unit) * unit;
    const chunks = Math.ceil(extent / chunk);
    const { i32, f32 } = this.#views();
    pool!.begin();
    for (let w = 1; w <= helpers; w++) {
      const j = this.#jobs[w]! >> 2;
      i32[j + JOB_KIND] = kind; i32[j + JOB_TRANS_A] = transA; i32[j + JOB_TRANS_B] = transB; i32[j + JOB_M] = m; i32[j + JOB_N] = n; i32[j + JOB_K] = k;
      i32[j + JOB_A] = a; i32[j + JOB_B] = b; i32[j + JOB_C] = c; f32[j + JOB_ALPHA] = alpha; i32[j + JOB_SCRATCH] = this.#scratch[w]!;
      i32[j + JOB_BIAS] = bias; i32[j + JOB_OUT] = out; i32[j + JOB_ACTIVATION] = act; f32[j + JOB_ACTIVATION_ALPHA] = actAlpha; f32[j + JOB_BETA] = beta;
      i32[j + JOB_CHUNKS] = chunks; i32[j + JOB_CHUNK_SIZE] = chunk; i32[j + JOB_BY_COLUMNS] = byColumns ? 1 : 0;
    }
    const p = this.#current;
    p[JOB_KIND] = kind; p[JOB_TRANS_A] = transA; p[JOB_TRANS_B] = transB; p[JOB_M] = m; p[JOB_N] = n; p[JOB_K] = k; p[JOB_A] = a; p[JOB_B] = b; p[JOB_C] = c;
    p[JOB_ALPHA] = alpha; p[JOB_BETA] = beta; p[JOB_BIAS] = bias; p[JOB_OUT] = out; p[JOB_ACTIVATION] = act; p[JOB_ACTIVATION_ALPHA] = actAlpha;
    p[JOB_CHUNK_SIZE] = chunk; p[JOB_BY_COLUMNS] = byColumns ? 1 : 0;
    pool!.run(Math.min(helpers, chunks - 1), chunks, this.#runOwnChunk, later);
  }

  /**
   * The job being split, as this thread runs its chunks (#runOwnChunk): the same slots as the
   * workers' job records (job-layout.ts), in float64 so that f32 settings reach the kernels
   * exactly as they were passed.
   */
  readonly #current = new Float64Array(JOB_SLOTS);
  /** Runs chunk `index` of the current job on this thread (made once: no closure per job). */
  readonly #runOwnChunk = (index: number): void => {
    const p = this.#current;
    const chunk = p[JOB_CHUNK_SIZE]!;
    const m = p[JOB_M]!;
    if (p[JOB_KIND] === JOB_ADAM) {
      const o = index * chunk * 4;
      const count = Math.min(m, (index + 1) * chunk) - index * chunk;
      this.#k.adamUpdate(
        p[JOB_A]! + o, p[JOB_B]! + o, p[JOB_C]! + o, p[JOB_BIAS]! + o, count,
        p[JOB_ALPHA]!, p[JOB_ACTIVATION_ALPHA]!, p[JOB_BETA]!, p[JOB_EPSILON]!, p[JOB_C1]!, p[JOB_C2]!, p[JOB_WEIGHT_DECAY]!,
      );
      return;
    }
    const n = p[JOB_N]!;
    const columns = p[JOB_BY_COLUMNS] === 1;
    const from = index * chunk;
    const r0 = columns ? 0 : from;
    const r1 = columns ? m : Math.min(m, from + chunk);
    const c0 = columns ? from : 0;
    const c1 = columns ? Math.min(n, from + chunk) : n;
    this.#rows(
      p[JOB_KIND]!, p[JOB_TRANS_A]!, p[JOB_TRANS_B]!, m, n, p[JOB_K]!, p[JOB_A]!, p[JOB_B]!, p[JOB_C]!, p[JOB_ALPHA]!, p[JOB_BETA]!,
      p[JOB_BIAS]!, p[JOB_OUT]!, p[JOB_ACTIVATION]!, p[JOB_ACTIVATION_ALPHA]!, r0, r1, c0, c1, this.#scratch[0]!,
    );
  };

  #rows(kind: number, transA: number, transB: number, m: number, n: number, k: number, a: number, b: number, c: number,
    alpha: number, beta: number, bias: number, out: number, act: number, actAlpha: number,
    rowStart: number, rowEnd: number, colStart: number, colEnd: number, scratch: number): void {
    if (kind === 0) this.#k.gemm(transA, transB, m, n, k, a, b, c, alpha, beta, rowStart, rowEnd, colStart, colEnd, scratch);
    else this.#k.denseForward(m, n, k, a, b, bias, c, out, act, actAlpha, rowStart, rowEnd, colStart, colEnd, scratch);
  }

  /** Whole-memory views, rebuilt only when the memory has grown. */
  #views(): { i32: Int32Array; f32: Float32Array; u8: Uint8Array } {
    const buffer = this.memory.buffer;
    if (this.#view.i32.buffer !== buffer) this.#view = { i32: new Int32Array(buffer), f32: new Float32Array(buffer), u8: new Uint8Array(buffer) };
    return this.#view;
  }

  /** Byte offset of an input matrix: in place, or a scratch copy. */
  #in(m: Matrix): number {
    if (this.#arena.owns(m.data)) return m.data.byteOffset;
    const at = this.#arena.scratch(m.size * 4);
    this.#views().f32.set(m.data, at >> 2);
    return at;
  }

  /** Byte offset of an output matrix: in place, or scratch that `#finish` copies back (`load`: it is also read). */
  #out(m: Matrix, load: boolean): number {
    if (this.#arena.owns(m.data)) return m.data.byteOffset;
    const at = load ? this.#in(m) : this.#arena.scratch(m.size * 4);
    this.#copyBack.push(m);
    this.#copyBackAt.push(at);
    return at;
  }

  #finish(): void {
    for (let i = 0; i < this.#copyBack.length; i++) {
      const m = this.#copyBack[i]!;
      m.data.set(new Float32Array(this.memory.buffer, this.#copyBackAt[i]!, m.size));
    }
    this.#copyBack.length = 0;
    this.#copyBackAt.length = 0;
    this.#arena.releaseScratch();
  }

  /** Byte offset of the int32 indices 0, 1, ..., rows − 1 (kept, grown when a larger batch comes). */
  #identityBlock(rows: number): number {
    if (rows > this.#identityRows) {
      this.#identityRows = Math.max(rows, 2 * this.#identityRows, 256);
      this.#identity = this.#arena.reserve(this.#identityRows * 4);
      const i32 = this.#views().i32;
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
    const i32 = this.#views().i32;
    const at = this.#indices >> 2;
    for (let i = 0; i < rows; i++) i32[at + i] = checkedRow(indices[start + i]!, sourceRows);
    return this.#indices;
  }
}

/** `row` if it is a row of a source with `sourceRows` rows, else a RangeError. */
function checkedRow(row: number, sourceRows: number): number {
  if (!(row >= 0 && row < sourceRows && Number.isInteger(row))) throw new RangeError(`gatherRows: row ${row} is outside the source's ${sourceRows} rows`);
  return row;
}
