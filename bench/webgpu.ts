/**
 * npm run bench -- --backend webgpu [--only gemm,w1,w2,w3,w4] [--gemm-shapes 64x784x128,...]
 *                  [--trial-ms 300] [--fp32-peak GFLOPS] [--synthetic] [--w2-limit 2000]
 * Times the WebGPU backend on whatever adapter Dawn finds (its name is printed first): the GEMM
 * shapes in all three orientations, and W1-W4 of the peers' README (bench/.peers/README.md) trained with fitAsync
 * (losses stay on the GPU, read once per epoch). Every timing ends with the GPU idle
 * (`await backend.finish()`), so queued work is counted. On a software adapter (SwiftShader,
 * llvmpipe) the figures measure the CPU, not a GPU: use small shapes there. Writes
 * bench/results/webgpu.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createWebGpuBackend, type WebGpuBackend } from '../src/backend/webgpu/webgpu-backend.js';
import { datasetSource, pixelRange, type Dataset } from '../src/data/dataset.js';
import { Matrix } from '../src/matrix.js';
import { Mlp } from '../src/nn/mlp.js';
import { predictAsync } from '../src/nn/predict-async.js';
import { Random } from '../src/random.js';
import { evaluateAsync, fitAsync, type AsyncTrainOptions } from '../src/train/train-async.js';
import { fashionMnistAvailable, loadFashionMnist, type Images } from './fmnist.js';
import { GEMM_SHAPES, ORIENTATIONS } from './gemm.js';

type Shape = readonly [number, number, number];

function option(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at < 0 ? undefined : argv[at + 1];
}

function parseShapes(text: string): Shape[] {
  return text.split(',').map((s) => {
    const dims = s.split('x').map(Number);
    if (dims.length !== 3 || dims.some((d) => !Number.isInteger(d) || d < 1)) throw new RangeError(`--gemm-shapes: "${s}" is not MxKxN`);
    return dims as unknown as Shape;
  });
}

/** Median GFLOP/s of `run` (which only queues work) over 3 trials of at least `trialMs`, each ending when the GPU is idle. */
async function gpuRate(backend: WebGpuBackend, flops: number, run: () => void, trialMs: number): Promise<number> {
  run();
  run();
  await backend.finish();
  let calls = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) run();
    await backend.finish();
    if (performance.now() - t0 >= trialMs / 3 || calls >= 4096) break;
    calls *= 2;
  }
  const rates: number[] = [];
  for (let t = 0; t < 3; t++) {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) run();
    await backend.finish();
    rates.push((flops * calls) / ((performance.now() - t0) / 1000) / 1e9);
  }
  return rates.sort((a, b) => a - b)[1]!;
}

async function benchGemm(backend: WebGpuBackend, shapes: readonly Shape[], trialMs: number, peak: number | undefined) {
  const rows = [];
  const rng = new Random(1);
  console.log(`\nGEMM on webgpu, GFLOP/s (median of 3 trials)${peak === undefined ? '' : `; % of the fp32 peak ${peak} GFLOP/s`}`);
  console.log(`${'shape'.padEnd(16)}${ORIENTATIONS.map((o) => o.padStart(9)).join('')}`);
  for (const [m, k, n] of shapes) {
    const alloc = (r: number, c: number): Matrix => {
      const x = backend.allocate(r, c, 'float32');
      for (let i = 0; i < x.size; i++) x.data[i] = rng.normal();
      return x;
    };
    const [A, B, At, Bt, C] = [alloc(m, k), alloc(k, n), alloc(k, m), alloc(n, k), alloc(m, n)];
    const flops = 2 * m * n * k;
    const gflops = {
      'A·B': await gpuRate(backend, flops, () => backend.matmul(A, B, C), trialMs),
      'Aᵀ·B': await gpuRate(backend, flops, () => backend.matmulTransA(At, B, C), trialMs),
      'A·Bᵀ': await gpuRate(backend, flops, () => backend.matmulTransB(A, Bt, C), trialMs),
    };
    for (const x of [A, B, At, Bt, C]) backend.release(x);
    const shape = `${m}x${k}x${n}`;
    rows.push({ shape, gflops });
    const pct = peak === undefined ? '' : `   (${((100 * gflops['A·B']) / peak).toFixed(0)}% of peak)`;
    console.log(`${shape.padEnd(16)}${ORIENTATIONS.map((o) => gflops[o].toFixed(1).padStart(9)).join('')}${pct}`);
  }
  return rows;
}

function randomImages(count: number, seed: number): Images {
  const rng = new Random(seed);
  return { pixels: Uint8Array.from({ length: count * 784 }, () => rng.int(256)), labels: Int32Array.from({ length: count }, () => rng.int(10)), count };
}

function imageDataset(images: Images, count: number): Dataset {
  return {
    name: 'fashion-mnist', task: 'classification',
    inputs: { pixels: images.pixels.subarray(0, count * 784), count, height: 28, width: 28 },
    targets: undefined, labels: images.labels.subarray(0, count), featureNames: [], classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], targetNames: [],
  };
}

/** One workload: trains (or predicts) on the GPU; seconds per epoch of 60k (W4: seconds for the 10k test images), test accuracy. */
async function workload(backend: WebGpuBackend, w: string, train: Images, test: Images, seed: number, w2Limit: number) {
  const testSource = (low: number) => datasetSource(imageDataset(test, test.count), { pixels: pixelRange(low, 1) });
  const evaluation = { loss: 'crossEntropy', task: 'classification' } as const;
  const w3 = () => Mlp.create({ sizes: [784, 512, 256, 10], activation: 'relu', outputActivation: 'softmax', init: 'xavierUniform', seed, backend });
  const timedFit = async (model: Mlp, source: ReturnType<typeof datasetSource>, options: AsyncTrainOptions) => {
    const t0 = performance.now();
    await fitAsync(model, source, options); // ends with the epoch's totals and weights read back: the GPU is idle
    return (performance.now() - t0) / 1000;
  };
  if (w === 'w1') {
    const model = Mlp.create({ sizes: [784, 128, 10], activation: 'relu', outputActivation: 'softmax', init: 'xavierUniform', seed, backend });
    const seconds = await timedFit(model, datasetSource(imageDataset(train, 60000)), { loss: 'crossEntropy', optimizer: { kind: 'sgd', learningRate: 0.1 }, epochs: 1, batchSize: 64, seed });
    return { seconds, accuracy: (await evaluateAsync(model, testSource(0), evaluation)).accuracy };
  }
  if (w === 'w2') {
    const model = Mlp.create({ sizes: [784, 200, 10], activation: 'sigmoid', outputActivation: 'sigmoid', bias: false, init: 'fanIn', seed, backend });
    const source = datasetSource(imageDataset(train, w2Limit), { pixels: pixelRange(0.01, 1), on: 0.99, off: 0.01 });
    const seconds = await timedFit(model, source, { loss: 'halfSumSquares', optimizer: { kind: 'sgd', learningRate: 0.2 }, epochs: 1, batchSize: 1, shuffle: false, seed });
    return { seconds: (seconds * 60000) / w2Limit, accuracy: (await evaluateAsync(model, testSource(0.01), { loss: 'halfSumSquares', task: 'classification' })).accuracy };
  }
  if (w === 'w3') {
    const model = w3();
    const optimizer = { kind: 'adam', learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } as const;
    const seconds = await timedFit(model, datasetSource(imageDataset(train, 60000)), { loss: 'crossEntropy', optimizer, epochs: 1, batchSize: 128, seed });
    return { seconds, accuracy: (await evaluateAsync(model, testSource(0), evaluation)).accuracy };
  }
  const model = w3();
  const x = Matrix.zeros(test.count, 784);
  for (let i = 0; i < x.size; i++) x.data[i] = test.pixels[i]! / 255;
  await predictAsync(model, new Matrix(1000, 784, x.data.subarray(0, 1000 * 784)), 1000);
  const t0 = performance.now();
  await predictAsync(model, x, 1000);
  return { seconds: (performance.now() - t0) / 1000, accuracy: undefined };
}

/** The `--backend webgpu` run of bench/run.ts. */
export async function runWebGpuBench(argv: readonly string[]): Promise<void> {
  const only = (option(argv, '--only') ?? 'gemm,w1,w2,w3,w4').split(',');
  const shapes = option(argv, '--gemm-shapes') === undefined ? GEMM_SHAPES : parseShapes(option(argv, '--gemm-shapes')!);
  const trialMs = Number(option(argv, '--trial-ms') ?? 300);
  const peakText = option(argv, '--fp32-peak');
  const peak = peakText === undefined ? undefined : Number(peakText);
  const backend = await createWebGpuBackend({ powerPreference: 'high-performance' });
  console.log(`webgpu adapter: ${backend.adapterName}`);
  if (/swiftshader|llvmpipe|lavapipe|software/i.test(backend.adapterName)) console.log('  (a software adapter: these figures are CPU speed, not GPU speed)');
  const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, adapter: backend.adapterName };
  if (only.includes('gemm')) results['gemm'] = await benchGemm(backend, shapes, trialMs, peak);
  const workloads = ['w1', 'w2', 'w3', 'w4'].filter((w) => only.includes(w));
  const synthetic = argv.includes('--synthetic'); // random images of the right shapes: times only, accuracies meaningless
  if (workloads.length > 0 && !synthetic && !fashionMnistAvailable()) console.log('skipping W1-W4: Fashion-MNIST not found (set FMNIST_DIR, or --synthetic for timings on random images)');
  else if (workloads.length > 0) {
    const [train, test] = synthetic ? [randomImages(60000, 1), randomImages(10000, 2)] : [loadFashionMnist('train'), loadFashionMnist('t10k')];
    if (synthetic) console.log('synthetic data: random images, accuracies are chance level');
    const w2Limit = Number(option(argv, '--w2-limit') ?? 2000);
    const table: Record<string, unknown> = {};
    console.log('\nWorkloads on webgpu: s/epoch of 60k (W2 scaled from its first samples; W4: seconds for the 10k test images)');
    for (const w of workloads) {
      const first = await workload(backend, w, train, test, 1234, w2Limit); // includes shader compilation
      const second = await workload(backend, w, train, test, 1235, w2Limit);
      table[w] = { first, second };
      const acc = second.accuracy === undefined ? '' : `, acc ${(100 * second.accuracy).toFixed(1)}%`;
      console.log(`${w.toUpperCase()}  ${second.seconds.toFixed(3)} s (first run ${first.seconds.toFixed(3)} s)${acc}`);
    }
    results['workloads'] = table;
  }
  backend.destroy();
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/webgpu.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  console.log('\nwrote bench/results/webgpu.json');
}
