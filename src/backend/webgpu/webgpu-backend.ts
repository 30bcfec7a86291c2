/**
 * The WebGPU backend: every Backend operation as WGSL kernels on one GPUDevice, with results kept
 * in GPU buffers. Operations record their dispatches and return at once (dispatcher.ts submits
 * them in batches); nothing waits for the GPU except `read`, which copies a matrix back to the host. See matrix-store.ts for when
 * the host copy of a matrix is current, and the README's architecture section for how training
 * uses it (trainAsync: losses and metrics accumulate on the GPU and are read once per epoch).
 *
 * float32 only (WGSL has no f64). Results differ from the reference in the last bits: sums run in
 * another order, in f32, and exp/log/tanh are the GPU's (see test/webgpu.test.ts for the bounds).
 */
import type { AdamStep, Backend } from '../backend.js';
import { createReferenceBackend } from '../reference.js';
import type { ActivationName } from '../../math/activations.js';
import type { LossName } from '../../math/losses.js';
import { assertSameShape, assertShape, type DType, type FloatArray, type Matrix } from '../../matrix.js';
import { acquireDevice } from './device.js';
import type { WebGpuDeviceOptions } from './options.js';
import { Dispatcher } from './dispatcher.js';
import { ACTIVATION_CODES } from './kernels/activation.wgsl.js';
import { ACTIVATION_BACKWARD, ADAM_UPDATE, ADD_L1_GRADIENT, FUSED_OUTPUT_GRADIENT, LOSS_CODES, LOSS_GRADIENT, MOMENTUM_UPDATE, SGD_UPDATE } from './kernels/elementwise.wgsl.js';
import { GEMM_FLAGS, GEMM_TILE, gemmShader, type GemmOrientation } from './kernels/gemm.wgsl.js';
import { packParams, type KernelParams } from './kernels/params.wgsl.js';
import { BATCH_TOTALS, GATHER_ROWS, GATHER_ROWS_U8, SOFTMAX_BACKWARD, SOFTMAX_ROWS, SUM_COLUMNS } from './kernels/rows.wgsl.js';
import { MatrixStore, type Bound } from './matrix-store.js';

/** A Backend on the GPU, with the asynchronous reads that its results need. */
export interface WebGpuBackend extends Backend {
  readonly name: 'webgpu';
  /** The adapter's name as its driver reports it (e.g. 'google swiftshader ...', 'nvidia ...'). */
  readonly adapterName: string;
  /** Copies `matrix` (its whole allocation) back from the GPU when the GPU's copy is current; resolves with `matrix.data`. */
  read(matrix: Matrix): Promise<FloatArray>;
  /** Destroys the GPU buffer of a matrix from `allocate` (see Backend.release). */
  release(matrix: Matrix): void;
  /** Says that the caller wrote `matrix.data` on the host: the next operation using it uploads it. */
  upload(matrix: Matrix): void;
  /** Submits what is recorded and waits until the GPU has finished it all. */
  finish(): Promise<void>;
  /** Destroys the device (every matrix of this backend becomes unusable). */
  destroy(): void;
}

const reference = createReferenceBackend();
const GEMM = { nn: gemmShader('nn'), tn: gemmShader('tn'), nt: gemmShader('nt') } as const;

/**
 * Creates the WebGPU backend on a new device: in a browser from navigator.gpu, in Node from the
 * optional package `webgpu`. Throws WebGpuUnavailableError with the reason when there is none.
 */
export async function createWebGpuBackend(options: WebGpuDeviceOptions = {}): Promise<WebGpuBackend> {
  const acquired = await acquireDevice(options);
  const { device, adapterName } = acquired;
  const store = new MatrixStore(device);
  const gpu = new Dispatcher(device, store);
  const dummyRead = store.uploadArray(new Float32Array(4), true);
  const dummyWrite = store.uploadArray(new Float32Array(4), true);
  const sources = new WeakMap<object, GPUBuffer>();
  // Validation and out-of-memory errors surface at the next read or finish instead of being only printed.
  let failure: string | undefined;
  device.onuncapturederror = (event) => {
    failure ??= event.error.message.split('\n')[0];
  };
  void device.lost.then((info) => {
    failure ??= `the GPU device was lost (${info.message})`;
  });
  const check = () => {
    if (failure !== undefined) throw new Error(`webgpu: ${failure}`);
  };
  const r = (bound: Bound) => ({ buffer: bound.buffer, writes: false });
  const w = (bound: Bound) => ({ buffer: bound.buffer, writes: true });

  /** Runs `record` as one operation; if it throws, what it recorded so far is submitted (nothing half-recorded is kept). */
  const operation = (record: () => void): void => {
    try {
      record();
    } catch (error) {
      gpu.flush();
      throw error;
    }
    gpu.endOperation();
  };

  const gemm = (orientation: GemmOrientation, A: Matrix, B: Matrix, C: Matrix, m: number, k: number, n: number, settings: {
    alpha: number; beta?: number; bias?: Matrix | null; activation?: ActivationName; activationAlpha?: number; activated?: Matrix;
  }): void => {
    const readC = (settings.beta ?? 0) !== 0;
    const a = store.input(A);
    const b = store.input(B);
    const bias = settings.bias == null ? undefined : store.input(settings.bias);
    const c = store.output(C, readC, 'C');
    const out = settings.activated === undefined ? undefined : store.output(settings.activated, false, 'A');
    const words = new ArrayBuffer(64);
    const u = new Uint32Array(words);
    const f = new Float32Array(words);
    u.set([m, k, n, (readC ? GEMM_FLAGS.readC : 0) | (bias ? GEMM_FLAGS.bias : 0) | (out ? GEMM_FLAGS.writeActivation : 0)]);
    u.set([a.offset, b.offset, c.offset, bias?.offset ?? 0, out?.offset ?? 0, ACTIVATION_CODES[settings.activation ?? 'linear']], 4);
    f.set([settings.alpha, settings.beta ?? 0, settings.activationAlpha ?? 0], 12);
    const bindings = [r(a), r(b), w(c), bias ? r(bias) : { buffer: dummyRead, writes: false }, out ? w(out) : { buffer: dummyWrite, writes: true }];
    gpu.dispatch(GEMM[orientation], words, bindings, Math.ceil(n / GEMM_TILE), Math.ceil(m / GEMM_TILE));
  };

  const flat = (code: string, params: KernelParams, bindings: { buffer: GPUBuffer; writes: boolean }[]) => {
    gpu.dispatchFlat(code, packParams(params), bindings, params.count);
  };

  const softmax = (Z: Matrix, A: Matrix) => {
    const z = store.input(Z);
    const a = store.output(A, false, 'A');
    flat(SOFTMAX_ROWS, { count: Z.rows, cols: Z.cols, offsets: [z.offset, a.offset] }, [r(z), w(a)]);
  };

  const denseForward = (X: Matrix, W: Matrix, b: Matrix | null, activation: ActivationName, alpha: number, Z: Matrix, A: Matrix) => {
    const [m, k, n] = [X.rows, X.cols, W.cols];
    assertShape(W, k, n, 'denseForward W');
    assertShape(Z, m, n, 'denseForward Z');
    assertShape(A, m, n, 'denseForward A');
    if (b !== null) assertShape(b, 1, n, 'denseForward b');
    if (activation === 'softmax') {
      gemm('nn', X, W, Z, m, k, n, { alpha: 1, bias: b });
      softmax(Z, A);
    } else {
      gemm('nn', X, W, Z, m, k, n, { alpha: 1, bias: b, activation, activationAlpha: alpha, activated: A });
    }
  };

  const matmulTransA = (A: Matrix, B: Matrix, C: Matrix, alpha = 1, beta = 0) => {
    const [k, m, n] = [A.rows, A.cols, B.cols];
    assertShape(B, k, n, 'matmulTransA B');
    assertShape(C, m, n, 'matmulTransA C');
    gemm('tn', A, B, C, m, k, n, { alpha, beta });
  };

  const sourceBuffer = (source: FloatArray | Uint8Array): GPUBuffer => {
    let buffer = sources.get(source);
    if (buffer === undefined) {
      const data = source instanceof Uint8Array ? padToWords(source) : source instanceof Float32Array && source.buffer instanceof ArrayBuffer ? (source as Float32Array<ArrayBuffer>) : Float32Array.from(source);
      if (data.byteLength > device.limits.maxStorageBufferBindingSize) {
        throw new RangeError(`webgpu: a data set of ${data.byteLength} bytes exceeds this device's largest storage buffer (${device.limits.maxStorageBufferBindingSize}); keep images as uint8`);
      }
      buffer = store.uploadArray(data, true);
      sources.set(source, buffer);
    }
    return buffer;
  };

  const gather = (code: string, source: FloatArray | Uint8Array, indices: ArrayLike<number>, start: number, out: Matrix, floats: number[]) => {
    if (out.size === 0) return;
    const sourceRows = source.length / Math.max(out.cols, 1);
    const rows = Uint32Array.from({ length: out.rows }, (_, i) => {
      const row = indices[start + i]!;
      // Checked here, as the other backends do: on the GPU a row past the source reads zeros or garbage.
      if (!(Number.isInteger(row) && row >= 0 && row < sourceRows)) throw new RangeError(`gatherRows: row ${row} is outside the source's ${sourceRows} rows`);
      return row;
    });
    const src = sourceBuffer(source);
    const idx = store.uploadArray(rows, false);
    const o = store.output(out, false, 'gather out');
    flat(code, { count: out.size, cols: out.cols, offsets: [0, 0, o.offset], floats }, [{ buffer: src, writes: false }, { buffer: idx, writes: false }, w(o)]);
  };

  const backend: WebGpuBackend = {
    name: 'webgpu',
    dtypes: ['float32'],
    adapterName,

    allocate(rows: number, cols: number, dtype: DType): Matrix {
      if (dtype !== 'float32') throw new RangeError(`backend "webgpu" computes in float32 only, not ${dtype}`);
      return store.allocate(rows, cols);
    },
    release: (matrix) => store.release(matrix),
    async read(matrix) {
      check();
      const data = await store.read(matrix);
      check();
      return data;
    },
    upload: (matrix) => store.upload(matrix),
    async finish() {
      gpu.flush();
      await device.queue.onSubmittedWorkDone();
      check();
    },
    destroy() {
      device.destroy();
      acquired.adapter.info; // the closure holds the adapter for as long as the backend lives (see device.ts)
    },

    matmul(A, B, C, alpha = 1) {
      const [m, k, n] = [A.rows, A.cols, B.cols];
      assertShape(B, k, n, 'matmul B');
      assertShape(C, m, n, 'matmul C');
      operation(() => gemm('nn', A, B, C, m, k, n, { alpha }));
    },
    matmulTransA(A, B, C, alpha = 1, beta = 0) {
      operation(() => matmulTransA(A, B, C, alpha, beta));
    },
    matmulTransB(A, B, C, alpha = 1) {
      const [m, k, n] = [A.rows, A.cols, B.rows];
      assertShape(B, n, k, 'matmulTransB B');
      assertShape(C, m, n, 'matmulTransB C');
      operation(() => gemm('nt', A, B, C, m, k, n, { alpha }));
    },
    denseForward(X, W, b, activation, alpha, Z, A) {
      operation(() => denseForward(X, W, b, activation, alpha, Z, A));
    },
    softmaxRows(Z, A) {
      assertSameShape(Z, A, 'softmaxRows');
      operation(() => softmax(Z, A));
    },
    activationBackward(activation, alpha, Z, A, dA, dZ) {
      assertSameShape(Z, A, 'activationBackward A');
      assertSameShape(Z, dA, 'activationBackward dA');
      assertSameShape(Z, dZ, 'activationBackward dZ');
      operation(() => {
        if (activation === 'softmax') {
          const [a, da] = [store.input(A), store.input(dA)];
          const dz = store.output(dZ, false, 'dZ');
          flat(SOFTMAX_BACKWARD, { count: Z.rows, cols: Z.cols, offsets: [a.offset, da.offset, dz.offset] }, [r(a), r(da), w(dz)]);
          return;
        }
        const [z, a, da] = [store.input(Z), store.input(A), store.input(dA)];
        const dz = store.output(dZ, false, 'dZ');
        const params = { count: Z.size, code: ACTIVATION_CODES[activation], offsets: [z.offset, a.offset, da.offset, dz.offset], floats: [alpha] };
        flat(ACTIVATION_BACKWARD, params, [r(z), r(a), r(da), w(dz)]);
      });
    },
    lossValue(loss, yHat, y) {
      if (!store.hostIsCurrent(yHat) || !store.hostIsCurrent(y)) {
        throw new Error('webgpu: lossValue needs ŷ and y on the host, and the GPU holds newer values: await backend.read(matrix) first, or train with trainAsync (it adds losses up on the GPU)');
      }
      return reference.lossValue(loss, yHat, y);
    },
    lossGradient(loss: LossName, yHat, y, dA) {
      assertSameShape(yHat, y, `loss ${loss}`);
      assertSameShape(yHat, dA, `loss ${loss} gradient`);
      operation(() => {
        const [q, t] = [store.input(yHat), store.input(y)];
        const d = store.output(dA, false, 'dA');
        flat(LOSS_GRADIENT, { count: yHat.size, cols: yHat.cols, code: LOSS_CODES[loss], offsets: [q.offset, t.offset, d.offset] }, [r(q), r(t), w(d)]);
      });
    },
    fusedOutputGradient(yHat, y, dZ) {
      assertSameShape(yHat, y, 'fusedOutputGradient');
      assertSameShape(yHat, dZ, 'fusedOutputGradient dZ');
      operation(() => {
        const [q, t] = [store.input(yHat), store.input(y)];
        const d = store.output(dZ, false, 'dZ');
        flat(FUSED_OUTPUT_GRADIENT, { count: yHat.size, offsets: [q.offset, t.offset, d.offset] }, [r(q), r(t), w(d)]);
      });
    },
    sumColumns(M, out, scale) {
      assertShape(out, 1, M.cols, 'sumColumns out');
      operation(() => {
        const m = store.input(M);
        const o = store.output(out, false, 'sumColumns out');
        flat(SUM_COLUMNS, { count: M.cols, rows: M.rows, cols: M.cols, offsets: [m.offset, o.offset], floats: [scale] }, [r(m), w(o)]);
      });
    },
    sgdUpdate(param, grad, learningRate, weightDecay) {
      assertSameShape(param, grad, 'sgdUpdate');
      operation(() => {
        const g = store.input(grad);
        const p = store.output(param, true, 'param');
        flat(SGD_UPDATE, { count: param.size, offsets: [p.offset, g.offset], floats: [learningRate, weightDecay] }, [w(p), r(g)]);
      });
    },
    addL1Gradient(param, grad, strength) {
      assertSameShape(param, grad, 'addL1Gradient');
      operation(() => {
        const q = store.input(param);
        const g = store.output(grad, true, 'grad');
        flat(ADD_L1_GRADIENT, { count: param.size, offsets: [q.offset, g.offset], floats: [strength] }, [r(q), w(g)]);
      });
    },
    momentumUpdate(param, grad, velocity, learningRate, momentum, nesterov, weightDecay) {
      assertSameShape(param, grad, 'momentumUpdate');
      assertSameShape(param, velocity, 'momentumUpdate velocity');
      operation(() => {
        const g = store.input(grad);
        const [p, v] = [store.output(param, true, 'param'), store.output(velocity, true, 'velocity')];
        const params = { count: param.size, offsets: [p.offset, g.offset, v.offset], flags: nesterov ? 1 : 0, floats: [learningRate, momentum, weightDecay] };
        flat(MOMENTUM_UPDATE, params, [w(p), r(g), w(v)]);
      });
    },
    adamUpdate(param, grad, m, v, settings: AdamStep) {
      assertSameShape(param, grad, 'adamUpdate');
      assertSameShape(param, m, 'adamUpdate m');
      assertSameShape(param, v, 'adamUpdate v');
      const { learningRate, beta1, beta2, epsilon, step, weightDecay } = settings;
      operation(() => {
        const g = store.input(grad);
        const [p, m1, m2] = [store.output(param, true, 'param'), store.output(m, true, 'm'), store.output(v, true, 'v')];
        const floats = [learningRate, beta1, beta2, epsilon, 1 - Math.pow(beta1, step), 1 - Math.pow(beta2, step), weightDecay];
        flat(ADAM_UPDATE, { count: param.size, offsets: [p.offset, g.offset, m1.offset, m2.offset], floats }, [w(p), r(g), w(m1), w(m2)]);
      });
    },
    gatherRows(source, indices, start, out) {
      operation(() => gather(GATHER_ROWS, source, indices, start, out, []));
    },
    gatherRowsU8(source, indices, start, scale, shift, out) {
      operation(() => gather(GATHER_ROWS_U8, source, indices, start, out, [scale, shift]));
    },
    accumulateBatchTotals(loss, yHat, y, totals) {
      assertSameShape(yHat, y, 'accumulateBatchTotals');
      assertShape(totals, 1, 3, 'accumulateBatchTotals totals');
      operation(() => {
        const [q, t] = [store.input(yHat), store.input(y)];
        const s = store.output(totals, true, 'totals');
        const params = { count: 256, rows: yHat.rows, cols: yHat.cols, code: LOSS_CODES[loss], offsets: [q.offset, t.offset, s.offset] };
        gpu.dispatch(BATCH_TOTALS, packParams(params), [r(q), r(t), w(s)], 1);
      });
    },
  };
  return backend;
}

/** Bytes padded to whole 32-bit words (WGSL reads them as u32). */
function padToWords(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  if (bytes.byteLength % 4 === 0 && bytes.byteOffset % 4 === 0 && bytes.buffer instanceof ArrayBuffer) return bytes as Uint8Array<ArrayBuffer>;
  const padded = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
  padded.set(bytes);
  return padded;
}
