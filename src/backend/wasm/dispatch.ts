/**
 * Where a product or an Adam update runs: on this thread, or split over the worker pool
 * (threads.ts) in chunks of rows or columns. This file holds the split policy and writes the job
 * records (../job-layout.ts) the workers read; this thread runs its own chunks from the same
 * description. Row blocks are multiples of 4 rows, column blocks of 8 columns and Adam blocks of
 * 16 elements, so every element's arithmetic, and with it the result, is the same for any
 * thread count.
 */
import {
  JOB_A, JOB_ACTIVATION, JOB_ACTIVATION_ALPHA, JOB_ADAM, JOB_ALPHA, JOB_B, JOB_BETA, JOB_BIAS, JOB_BY_COLUMNS, JOB_BYTES, JOB_C, JOB_C1, JOB_C2,
  JOB_CHUNK_SIZE, JOB_CHUNKS, JOB_EPSILON, JOB_F32_SLOTS, JOB_GEMM, JOB_K, JOB_KIND, JOB_M, JOB_N, JOB_OUT, JOB_SCRATCH, JOB_SLOTS, JOB_TRANS_A,
  JOB_PINNED, JOB_TRANS_B, JOB_UPDATE_FORWARD, JOB_WEIGHT_DECAY, JOB_X, JOB_Z,
} from '../job-layout.js';
import { ACTIVATION_NAMES } from '../../math/activations.js';
import type { Kernels } from './binding.js';
import type { Arena } from './memory.js';
import type { MemoryViews } from './staging.js';
import { SYNC_BYTES_PER_WORKER } from './sync-layout.js';
import { createThreadPool, PARALLEL_MIN_ELEMENTS, PARALLEL_MIN_FLOPS, PARALLEL_MIN_WEIGHTS, type ThreadPool } from './threads.js';

const SOFTMAX_CODE = ACTIVATION_NAMES.indexOf('softmax');

export class Dispatcher {
  /** Threads a large product may use, this one included. */
  readonly threads: number;
  readonly #k: Kernels;
  readonly #views: () => MemoryViews;
  /** Per thread (0: this one): packing scratch and job record, byte offsets. */
  readonly #scratch: number[] = [];
  readonly #jobs: number[] = [];
  readonly #pool: ThreadPool | undefined;
  /**
   * The job being split, as this thread runs its chunks (#runOwnChunk), and as it is copied into
   * the workers' records: slots of job-layout.ts, in float64 so that f32 settings reach this
   * thread's kernels exactly as they were passed (the records round them as the kernels do).
   */
  readonly #current = new Float64Array(JOB_SLOTS);

  /** Reserves the sync words, scratch and job records in `arena` and starts `threads − 1` workers. */
  constructor(kernels: Kernels, module: WebAssembly.Module, arena: Arena, threads: number, views: () => MemoryViews) {
    this.#k = kernels;
    this.#views = views;
    this.threads = threads;
    const control = arena.reserve(SYNC_BYTES_PER_WORKER * threads);
    for (let t = 0; t < threads; t++) {
      this.#scratch.push(arena.reserve(kernels.gemmScratchBytes()));
      this.#jobs.push(arena.reserve(JOB_BYTES));
    }
    this.#pool = threads > 1 ? createThreadPool(module, arena.memory, control, this.#jobs.slice(1)) : undefined;
  }

  /** Workers started (0 without a pool). */
  get workers(): number {
    return this.#pool?.workers ?? 0;
  }

  /** Workers ready now. */
  get readyWorkers(): number {
    return this.#pool?.ready() ?? 0;
  }

  /** After `product(..., later = true)`: waits for the workers' chunks. */
  settle(): void {
    this.#pool?.settle();
  }

  close(): void {
    this.#pool?.close();
  }

  /**
   * Runs one product (kind JOB_GEMM: C = alpha·op(A)·op(B) + beta·C; JOB_DENSE_FORWARD: Z = X·W
   * + bias, A = f(Z) with C = Z and `out` = A), split by row or column blocks over threads when
   * it is large enough: one chunk per thread, claimed by whichever thread is free first. With
   * `later`, it returns once this thread's chunks are done (call `settle` before the result is read).
   */
  product(kind: number, transA: number, transB: number, m: number, n: number, k: number, a: number, b: number, c: number,
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
    const byColumns = threads > 1 && wide && n >= 16 * threads && m >= 4 && (k > 4 || transB === 1) && !(kind !== JOB_GEMM && act === SOFTMAX_CODE);
    const helpers = byColumns || m >= 8 ? threads - 1 : 0;
    if (helpers === 0) {
      this.#block(kind, transA, transB, m, n, k, a, b, c, alpha, beta, bias, out, act, actAlpha, 0, m, 0, n, this.#scratch[0]!);
      return;
    }
    // One chunk per thread: more would repack B once per chunk, which costs more than it balances.
    const extent = byColumns ? n : m;
    const unit = byColumns ? 8 : 4;
    const chunk = Math.ceil(extent / (helpers + 1) / unit) * unit;
    pool!.begin();
    const p = this.#current;
    p.fill(0);
    p[JOB_KIND] = kind; p[JOB_TRANS_A] = transA; p[JOB_TRANS_B] = transB; p[JOB_M] = m; p[JOB_N] = n; p[JOB_K] = k;
    p[JOB_A] = a; p[JOB_B] = b; p[JOB_C] = c; p[JOB_ALPHA] = alpha; p[JOB_BETA] = beta;
    p[JOB_BIAS] = bias; p[JOB_OUT] = out; p[JOB_ACTIVATION] = act; p[JOB_ACTIVATION_ALPHA] = actAlpha;
    p[JOB_CHUNK_SIZE] = chunk; p[JOB_BY_COLUMNS] = byColumns ? 1 : 0;
    this.#split(helpers, Math.ceil(extent / chunk), later);
  }

  /**
   * Adam over `count` elements (kernels' adamUpdate: parameters p, gradient g, moments mp and vp,
   * byte offsets), split in blocks of multiples of 16 elements when it is large enough, so only the
   * last block has a scalar tail, as on one thread.
   */
  adam(p: number, g: number, mp: number, vp: number, count: number,
    learningRate: number, beta1: number, beta2: number, epsilon: number, c1: number, c2: number, weightDecay: number): void {
    const pool = this.#pool;
    const helpers = pool !== undefined && count >= PARALLEL_MIN_ELEMENTS ? Math.min(pool.ready(), this.threads - 1) : 0;
    if (helpers === 0) {
      this.#k.adamUpdate(p, g, mp, vp, count, learningRate, beta1, beta2, epsilon, c1, c2, weightDecay);
      return;
    }
    const chunk = Math.ceil(count / (helpers + 1) / 16) * 16;
    pool!.begin();
    const job = this.#current;
    job.fill(0);
    job[JOB_KIND] = JOB_ADAM; job[JOB_M] = count; job[JOB_A] = p; job[JOB_B] = g; job[JOB_C] = mp; job[JOB_BIAS] = vp; job[JOB_CHUNK_SIZE] = chunk;
    job[JOB_ALPHA] = learningRate; job[JOB_ACTIVATION_ALPHA] = beta1; job[JOB_BETA] = beta2;
    job[JOB_EPSILON] = epsilon; job[JOB_C1] = c1; job[JOB_C2] = c2; job[JOB_WEIGHT_DECAY] = weightDecay;
    this.#split(helpers, Math.ceil(count / chunk), false);
  }

  /**
   * A per-sample SGD update fused with the next sample's forward product (kernels' updateForward:
   * W += alpha·uᵀ·d, z = x·W + bias, a = f(z); W k x n), split by blocks of 16 columns when W
   * is large enough: each thread updates and multiplies its own columns, so its part of W stays
   * in its own core's cache from sample to sample. Never split for softmax (whole rows).
   */
  updateForward(k: number, n: number, u: number, d: number, w: number, alpha: number, x: number, bias: number, z: number, a: number, act: number, actAlpha: number): void {
    const pool = this.#pool;
    const helpers = pool !== undefined && k * n >= PARALLEL_MIN_WEIGHTS && n >= 32 && act !== SOFTMAX_CODE ? Math.min(pool.ready(), this.threads - 1, Math.floor(n / 16) - 1) : 0;
    if (helpers <= 0) {
      this.#k.updateForward(k, n, u, d, w, alpha, x, bias, z, a, act, actAlpha, 0, n);
      return;
    }
    const chunk = Math.ceil(n / (helpers + 1) / 16) * 16;
    pool!.begin();
    const p = this.#current;
    p.fill(0);
    p[JOB_KIND] = JOB_UPDATE_FORWARD; p[JOB_M] = 1; p[JOB_N] = n; p[JOB_K] = k;
    p[JOB_A] = u; p[JOB_B] = d; p[JOB_C] = w; p[JOB_ALPHA] = alpha; p[JOB_X] = x; p[JOB_BIAS] = bias; p[JOB_Z] = z; p[JOB_OUT] = a;
    p[JOB_ACTIVATION] = act; p[JOB_ACTIVATION_ALPHA] = actAlpha; p[JOB_CHUNK_SIZE] = chunk; p[JOB_BY_COLUMNS] = 1;
    p[JOB_PINNED] = 1;
    this.#split(helpers, Math.ceil(n / chunk), false);
  }

  /** Copies the current job into the first `helpers` workers' records and runs its `chunks` chunks. */
  #split(helpers: number, chunks: number, later: boolean): void {
    const job = this.#current;
    job[JOB_CHUNKS] = chunks;
    const { i32, f32 } = this.#views();
    for (let w = 1; w <= helpers; w++) {
      const record = this.#jobs[w]! >> 2;
      for (let slot = 0; slot < JOB_SLOTS; slot++) {
        if (((JOB_F32_SLOTS >> slot) & 1) === 1) f32[record + slot] = job[slot]!;
        else i32[record + slot] = job[slot]!;
      }
      i32[record + JOB_SCRATCH] = this.#scratch[w]!;
    }
    this.#pool!.run(Math.min(helpers, chunks - 1), chunks, this.#runOwnChunk, later, job[JOB_PINNED] === 1);
  }

  /** Runs chunk `index` of the current job on this thread (made once: no closure per job). */
  readonly #runOwnChunk = (index: number): void => {
    const p = this.#current;
    const chunk = p[JOB_CHUNK_SIZE]!;
    const m = p[JOB_M]!;
    const from = index * chunk;
    if (p[JOB_KIND] === JOB_ADAM) {
      const o = from * 4;
      this.#k.adamUpdate(
        p[JOB_A]! + o, p[JOB_B]! + o, p[JOB_C]! + o, p[JOB_BIAS]! + o, Math.min(m, from + chunk) - from,
        p[JOB_ALPHA]!, p[JOB_ACTIVATION_ALPHA]!, p[JOB_BETA]!, p[JOB_EPSILON]!, p[JOB_C1]!, p[JOB_C2]!, p[JOB_WEIGHT_DECAY]!,
      );
      return;
    }
    const n = p[JOB_N]!;
    if (p[JOB_KIND] === JOB_UPDATE_FORWARD) {
      this.#k.updateForward(
        p[JOB_K]!, n, p[JOB_A]!, p[JOB_B]!, p[JOB_C]!, p[JOB_ALPHA]!, p[JOB_X]!, p[JOB_BIAS]!, p[JOB_Z]!, p[JOB_OUT]!, p[JOB_ACTIVATION]!, p[JOB_ACTIVATION_ALPHA]!,
        from, Math.min(n, from + chunk),
      );
      return;
    }
    const columns = p[JOB_BY_COLUMNS] === 1;
    this.#block(
      p[JOB_KIND]!, p[JOB_TRANS_A]!, p[JOB_TRANS_B]!, m, n, p[JOB_K]!, p[JOB_A]!, p[JOB_B]!, p[JOB_C]!, p[JOB_ALPHA]!, p[JOB_BETA]!,
      p[JOB_BIAS]!, p[JOB_OUT]!, p[JOB_ACTIVATION]!, p[JOB_ACTIVATION_ALPHA]!,
      columns ? 0 : from, columns ? m : Math.min(m, from + chunk), columns ? from : 0, columns ? Math.min(n, from + chunk) : n, this.#scratch[0]!,
    );
  };

  /** Rows [rowStart, rowEnd) and columns [colStart, colEnd) of one product, on this thread. */
  #block(kind: number, transA: number, transB: number, m: number, n: number, k: number, a: number, b: number, c: number,
    alpha: number, beta: number, bias: number, out: number, act: number, actAlpha: number,
    rowStart: number, rowEnd: number, colStart: number, colEnd: number, scratch: number): void {
    if (kind === JOB_GEMM) this.#k.gemm(transA, transB, m, n, k, a, b, c, alpha, beta, rowStart, rowEnd, colStart, colEnd, scratch);
    else this.#k.denseForward(m, n, k, a, b, bias, c, out, act, actAlpha, rowStart, rowEnd, colStart, colEnd, scratch);
  }
}
