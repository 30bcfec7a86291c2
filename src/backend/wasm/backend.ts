/**
 * The wasm backend's operations: each Backend method bound to its AssemblyScript kernel
 * (kernels/*.ts), on float32 matrices as byte offsets into the module's memory (staging.ts
 * copies matrices from elsewhere). Shapes are checked, and float64 work sent to the reference
 * backend, by the wrapper create.ts puts around this class (../checked.ts): here is only the
 * float32 fast path. Products go through the dispatcher, which splits large ones over threads.
 */
import type { AdamStep, Backend } from '../backend.js';
import { JOB_DENSE_FORWARD, JOB_GEMM } from '../job-layout.js';
import { createReferenceBackend } from '../reference.js';
import { ACTIVATION_NAMES, type ActivationName } from '../../math/activations.js';
import { LOSS_NAMES, type LossName } from '../../math/losses.js';
import type { DType, FloatArray, Matrix } from '../../matrix.js';
import type { Kernels } from './binding.js';
import { Dispatcher } from './dispatch.js';
import { Gatherer } from './gather.js';
import { Arena } from './memory.js';
import { Staging } from './staging.js';

const reference = createReferenceBackend();

export class WasmKernelsBackend implements Backend {
  readonly name = 'wasm';
  readonly dtypes: readonly DType[] = ['float32'];
  readonly memory: WebAssembly.Memory;
  readonly arena: Arena;
  readonly dispatch: Dispatcher;
  readonly #k: Kernels;
  readonly #io: Staging;
  readonly #gather: Gatherer;

  constructor(kernels: Kernels, module: WebAssembly.Module, memory: WebAssembly.Memory, threads: number, maximumMemory: number) {
    this.#k = kernels;
    this.memory = memory;
    this.arena = new Arena(memory, kernels.heapBase(), maximumMemory);
    this.#io = new Staging(this.arena);
    this.dispatch = new Dispatcher(kernels, module, this.arena, threads, () => this.#io.views());
    this.#gather = new Gatherer(kernels, this.arena, this.#io);
  }

  allocate(rows: number, cols: number): Matrix {
    return this.arena.matrix(rows, cols);
  }

  release(matrix: Matrix): void {
    this.arena.free(matrix);
  }

  /** Threads usable right now: 1 plus the workers that have started. */
  get readyThreads(): number {
    return 1 + this.dispatch.readyWorkers;
  }

  async threadsReady(timeoutMs = 10_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    const wanted = 1 + this.dispatch.workers;
    while (this.readyThreads < wanted && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
    return this.readyThreads;
  }

  matmul(A: Matrix, B: Matrix, C: Matrix, alpha = 1): void {
    const io = this.#io;
    this.dispatch.product(JOB_GEMM, 0, 0, C.rows, C.cols, A.cols, io.input(A), io.input(B), io.output(C, false), alpha, 0, 0, 0, 0, 0);
    io.finish();
  }

  matmulTransA(A: Matrix, B: Matrix, C: Matrix, alpha = 1, beta = 0): void {
    const io = this.#io;
    this.dispatch.product(JOB_GEMM, 1, 0, C.rows, C.cols, A.rows, io.input(A), io.input(B), io.output(C, beta !== 0), alpha, beta, 0, 0, 0, 0);
    io.finish();
  }

  matmulTransB(A: Matrix, B: Matrix, C: Matrix, alpha = 1): void {
    const io = this.#io;
    this.dispatch.product(JOB_GEMM, 0, 1, C.rows, C.cols, A.cols, io.input(A), io.input(B), io.output(C, false), alpha, 0, 0, 0, 0, 0);
    io.finish();
  }

  denseForward(X: Matrix, W: Matrix, b: Matrix | null, activation: ActivationName, alpha: number, Z: Matrix, A: Matrix): void {
    const io = this.#io;
    const bias = b === null ? 0 : io.input(b);
    const code = ACTIVATION_NAMES.indexOf(activation);
    this.dispatch.product(JOB_DENSE_FORWARD, 0, 0, X.rows, W.cols, X.cols, io.input(X), io.input(W), io.output(Z, false), 1, 0, bias, io.output(A, false), code, alpha);
    io.finish();
  }

  denseUpdateForward(
    U: Matrix, D: Matrix, W: Matrix, alpha: number, X: Matrix, b: Matrix | null, activation: ActivationName, activationAlpha: number, Z: Matrix, A: Matrix,
    fillInput?: () => void,
  ): void {
    const io = this.#io;
    if (U.rows !== 1 || X.rows !== 1) {
      // Batches: the two products apart, each split over threads its own way (one job split by
      // columns for both was no faster on W1 here: every thread then packs the whole input). The
      // update returns once this thread's rows are done; X is filled while the workers finish
      // theirs, instead of this thread sleeping in Atomics.wait and then filling it. Only with
      // U, D and W in this memory: no scratch copies that the filling could overwrite.
      const arena = this.arena;
      if (fillInput !== undefined && arena.owns(U.data) && arena.owns(D.data) && arena.owns(W.data)) {
        this.dispatch.product(JOB_GEMM, 1, 0, W.rows, W.cols, U.rows, U.data.byteOffset, D.data.byteOffset, W.data.byteOffset, alpha, 1, 0, 0, 0, 0, true);
        io.finish();
        try {
          fillInput();
        } finally {
          this.dispatch.settle();
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
    const bias = b === null ? 0 : io.input(b);
    this.dispatch.updateForward(
      W.rows, W.cols, io.input(U), io.input(D), io.output(W, true), alpha, io.input(X), bias, io.output(Z, false), io.output(A, false),
      ACTIVATION_NAMES.indexOf(activation), activationAlpha,
    );
    io.finish();
  }

  softmaxRows(Z: Matrix, A: Matrix): void {
    this.#k.softmaxRows(this.#io.input(Z), this.#io.output(A, false), 0, Z.rows, Z.cols);
    this.#io.finish();
  }

  activationBackward(activation: ActivationName, alpha: number, Z: Matrix, A: Matrix, dA: Matrix, dZ: Matrix): void {
    const io = this.#io;
    this.#k.activationBackward(ACTIVATION_NAMES.indexOf(activation), alpha, io.input(Z), io.input(A), io.input(dA), io.output(dZ, false), Z.rows, Z.cols);
    io.finish();
  }

  lossValue(loss: LossName, yHat: Matrix, y: Matrix): number {
    const value = this.#k.lossValue(LOSS_NAMES.indexOf(loss), this.#io.input(yHat), this.#io.input(y), yHat.rows, yHat.cols);
    this.#io.finish();
    return value;
  }

  /** Per-batch sums for the epoch's loss and metrics: computed on the host, as the reference does (the matrices are host memory). */
  accumulateBatchTotals(loss: LossName, yHat: Matrix, y: Matrix, totals: Matrix): void {
    reference.accumulateBatchTotals(loss, yHat, y, totals);
  }

  lossGradient(loss: LossName, yHat: Matrix, y: Matrix, dA: Matrix): void {
    const io = this.#io;
    this.#k.lossGradient(LOSS_NAMES.indexOf(loss), io.input(yHat), io.input(y), io.output(dA, false), yHat.size, yHat.cols);
    io.finish();
  }

  fusedOutputGradient(yHat: Matrix, y: Matrix, dZ: Matrix): void {
    const io = this.#io;
    this.#k.fusedOutputGradient(io.input(yHat), io.input(y), io.output(dZ, false), yHat.size);
    io.finish();
  }

  sumColumns(M: Matrix, out: Matrix, scale: number): void {
    this.#k.sumColumns(this.#io.input(M), this.#io.output(out, false), M.rows, M.cols, scale);
    this.#io.finish();
  }

  sgdUpdate(param: Matrix, grad: Matrix, learningRate: number, weightDecay: number): void {
    this.#k.sgdUpdate(this.#io.output(param, true), this.#io.input(grad), param.size, learningRate, weightDecay);
    this.#io.finish();
  }

  momentumUpdate(param: Matrix, grad: Matrix, velocity: Matrix, learningRate: number, momentum: number, nesterov: boolean, weightDecay: number): void {
    const io = this.#io;
    const p = io.output(param, true);
    this.#k.momentumUpdate(p, io.input(grad), io.output(velocity, true), param.size, learningRate, momentum, nesterov ? 1 : 0, weightDecay);
    io.finish();
  }

  adamUpdate(param: Matrix, grad: Matrix, m: Matrix, v: Matrix, settings: AdamStep): void {
    const { learningRate, beta1, beta2, epsilon, step, weightDecay } = settings;
    const io = this.#io;
    const p = io.output(param, true);
    const mp = io.output(m, true);
    const vp = io.output(v, true);
    const g = io.input(grad);
    this.dispatch.adam(p, g, mp, vp, param.size, learningRate, beta1, beta2, epsilon, 1 - Math.pow(beta1, step), 1 - Math.pow(beta2, step), weightDecay);
    io.finish();
  }

  gatherRows(source: FloatArray, indices: ArrayLike<number>, start: number, out: Matrix): void {
    this.#gather.rows(source, indices, start, out);
  }

  gatherRowsU8(source: Uint8Array, indices: ArrayLike<number>, start: number, scale: number, shift: number, out: Matrix): void {
    this.#gather.bytes(source, indices, start, scale, shift, out);
  }
}
