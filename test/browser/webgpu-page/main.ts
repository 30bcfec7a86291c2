/**
 * The page test/webgpu-browser.test.ts opens in headless Chromium: the WebGPU backend from the
 * library's sources (navigator.gpu), a subset of the conformance checks against the reference
 * backend, and a short training run on the GPU against the same run on the reference. Puts
 * what it measured, as JSON, on `window.webgpuCheck` (or the error that stopped it).
 */
import { createReferenceBackend } from '../../../src/backend/reference.js';
import { createWebGpuBackend } from '../../../src/backend/webgpu/webgpu-backend.js';
import { Matrix } from '../../../src/matrix.js';
import { Mlp } from '../../../src/nn/mlp.js';
import { predictAsync } from '../../../src/nn/predict-async.js';
import { Random } from '../../../src/random.js';
import { fitAsync } from '../../../src/train/train-async.js';
import { fit } from '../../../src/train/train.js';

/** What the page reports. */
export interface WebGpuCheck {
  readonly adapter: string;
  /** Largest |webgpu − reference| per checked operation. */
  readonly maxError: Record<string, number>;
  readonly lossGpu: number[];
  readonly lossReference: number[];
  readonly predictionError: number;
}

const report = (value: WebGpuCheck | { error: string }) => {
  (window as unknown as { webgpuCheck: unknown }).webgpuCheck = value;
  document.getElementById('result')!.textContent = JSON.stringify(value, null, 2);
};

async function run(): Promise<WebGpuCheck> {
  const gpu = await createWebGpuBackend();
  const reference = createReferenceBackend();
  const rng = new Random(3);
  const filled = (rows: number, cols: number) => {
    const m = gpu.allocate(rows, cols, 'float32');
    for (let i = 0; i < m.size; i++) m.data[i] = rng.normal();
    return m;
  };
  const maxError: Record<string, number> = {};
  const compare = async (name: string, got: Matrix, expected: Matrix) => {
    await gpu.read(got);
    let max = 0;
    for (let i = 0; i < got.size; i++) max = Math.max(max, Math.abs(got.data[i]! - expected.data[i]!));
    maxError[name] = max;
  };
  const [m, k, n] = [33, 70, 19];
  const A = filled(m, k);
  const B = filled(k, n);
  const At = filled(k, m);
  const Bt = filled(n, k);
  const bias = filled(1, n);
  for (const [name, rows, cols, ours, theirs] of [
    ['matmul', m, n, (C: Matrix) => gpu.matmul(A, B, C, 0.5), (C: Matrix) => reference.matmul(A, B, C, 0.5)],
    ['matmulTransA', m, n, (C: Matrix) => gpu.matmulTransA(At, B, C), (C: Matrix) => reference.matmulTransA(At, B, C)],
    ['matmulTransB', m, n, (C: Matrix) => gpu.matmulTransB(A, Bt, C), (C: Matrix) => reference.matmulTransB(A, Bt, C)],
    ['denseForward softmax', m, n, (C: Matrix) => gpu.denseForward(A, B, bias, 'softmax', 0, gpu.allocate(m, n, 'float32'), C), (C: Matrix) => reference.denseForward(A, B, bias, 'softmax', 0, Matrix.zeros(m, n), C)],
    ['denseForward sigmoid', m, n, (C: Matrix) => gpu.denseForward(A, B, bias, 'sigmoid', 0, gpu.allocate(m, n, 'float32'), C), (C: Matrix) => reference.denseForward(A, B, bias, 'sigmoid', 0, Matrix.zeros(m, n), C)],
  ] as const) {
    const got = gpu.allocate(rows, cols, 'float32');
    const expected = Matrix.zeros(rows, cols);
    ours(got);
    theirs(expected);
    await compare(name, got, expected);
  }
  // XOR-like data: 64 noisy points of four clusters, two classes one-hot.
  const x = Matrix.zeros(64, 2);
  const y = Matrix.zeros(64, 2);
  for (let i = 0; i < 64; i++) {
    const [a, b] = [i & 1, (i >> 1) & 1];
    x.data[2 * i] = a + rng.normal(0, 0.1);
    x.data[2 * i + 1] = b + rng.normal(0, 0.1);
    y.data[2 * i + (a ^ b)] = 1;
  }
  const settings = { sizes: [2, 8, 2], activation: 'tanh', outputActivation: 'softmax', seed: 1 } as const;
  const options = { loss: 'crossEntropy', optimizer: { kind: 'adam', learningRate: 0.05 }, epochs: 5, batchSize: 16, seed: 1 } as const;
  const onGpu = Mlp.create({ ...settings, backend: gpu });
  const onReference = Mlp.create({ ...settings, backend: reference });
  const lossGpu = (await fitAsync(onGpu, { x, y }, options)).epochs.map((e) => e.loss);
  const lossReference = fit(onReference, { x, y }, options).epochs.map((e) => e.loss);
  const predicted = await predictAsync(onGpu, x);
  const expected = onReference.predict(x);
  let predictionError = 0;
  for (let i = 0; i < predicted.size; i++) predictionError = Math.max(predictionError, Math.abs(predicted.data[i]! - expected.data[i]!));
  gpu.destroy();
  return { adapter: gpu.adapterName, maxError, lossGpu, lossReference, predictionError };
}

run().then(report, (error: unknown) => report({ error: error instanceof Error ? error.message : String(error) }));
