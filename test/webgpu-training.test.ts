/**
 * Training on the GPU end to end (software adapter where the machine has no GPU): one epoch of a
 * W1-like task (784-64-10 ReLU/softmax, SGD 0.25, batch 64) on 3,000 of the shipped MNIST digits
 * and of a W3-like one (784-512-256-10, Adam, batch 128) on 1,280,
 * weights, activations, gradients and the loss sums staying on the device, against the same epoch
 * on the wasm backend; Adam on the GPU against the reference; and trainAsync on a host backend
 * against fit. Small shapes: software GPUs are slow.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createReferenceBackend } from '../src/backend/reference.js';
import { createWasmBackend } from '../src/backend/wasm.js';
import { datasetSource, subset, type Dataset } from '../src/data/dataset.js';
import { loadDataset } from '../src/data/load.js';
import { iris } from '../src/data/builtin.js';
import { Matrix } from '../src/matrix.js';
import { Mlp } from '../src/nn/mlp.js';
import { predictAsync } from '../src/nn/predict-async.js';
import { evaluateSamples } from '../src/train/evaluate.js';
import { evaluateAsync, fitAsync } from '../src/train/train-async.js';
import { fit } from '../src/train/train.js';
import { assertAllClose } from './helpers/tolerance.js';
import { testGpu } from './helpers/webgpu-env.js';

const gpu = await testGpu();
const first = (dataset: Dataset, count: number) => subset(dataset, Uint32Array.from({ length: count }, (_, i) => i));

if ('reason' in gpu) {
  it('gets a WebGPU adapter', () => assert.fail(gpu.reason));
} else {
  const { backend } = gpu;
  after(() => backend.destroy());

  describe('training on webgpu', () => {
    let train: Dataset;
    let test: Dataset;
    before(async () => {
      // An empty cache directory: the digits shipped with the package, never a download.
      const data = await loadDataset('mnist', { cacheDir: mkdtempSync(join(tmpdir(), 'backprop-gpu-')) });
      train = first(data.train, 3000);
      test = first(data.test!, 1000);
    });

    it('one epoch of a W1-like task reaches the wasm backend\'s test accuracy within 0.5 points', async () => {
      const wasm = createWasmBackend({ threads: 1 });
      const settings = { sizes: [784, 64, 10], activation: 'relu', outputActivation: 'softmax', init: 'xavierUniform', seed: 5 } as const;
      const options = { loss: 'crossEntropy', optimizer: { kind: 'sgd', learningRate: 0.25 }, epochs: 1, batchSize: 64, seed: 5 } as const;
      const onCpu = Mlp.create({ ...settings, backend: wasm });
      const onGpu = Mlp.create({ ...settings, backend });
      const cpuHistory = fit(onCpu, datasetSource(train), options);
      const gpuHistory = await fitAsync(onGpu, datasetSource(train), options);
      const evaluation = { loss: 'crossEntropy', task: 'classification' } as const;
      const cpuTest = evaluateSamples(onCpu, datasetSource(test), evaluation);
      const gpuTest = await evaluateAsync(onGpu, datasetSource(test), evaluation);
      // The GPU-trained weights, read back, give the same accuracy on the CPU.
      const readBack = evaluateSamples(onGpu.clone({ backend: wasm }), datasetSource(test), evaluation);
      const points = (x: number | undefined) => 100 * x!;
      console.log(`webgpu ${backend.adapterName}: test accuracy ${points(gpuTest.accuracy).toFixed(2)} % vs wasm ${points(cpuTest.accuracy).toFixed(2)} %; epoch loss ${gpuHistory.epochs[0]!.loss.toFixed(5)} vs ${cpuHistory.epochs[0]!.loss.toFixed(5)}`);
      assert.ok(points(cpuTest.accuracy) > 75, `the task is learnt in one epoch (${points(cpuTest.accuracy)} %)`);
      assert.ok(Math.abs(points(gpuTest.accuracy) - points(cpuTest.accuracy)) <= 0.5, `${points(gpuTest.accuracy)} % vs ${points(cpuTest.accuracy)} %`);
      assert.ok(Math.abs(points(readBack.accuracy) - points(gpuTest.accuracy)) <= 0.2, 'the same weights evaluated on the host');
      assertAllClose([gpuHistory.epochs[0]!.loss], [cpuHistory.epochs[0]!.loss], { rtol: 1e-3 }, 'epoch loss');
      assertAllClose([gpuHistory.epochs[0]!.accuracy!], [cpuHistory.epochs[0]!.accuracy!], { atol: 0.005 }, 'epoch accuracy');
      assert.throws(() => onGpu.predict([new Array(784).fill(0)]), /predictAsync/);
      assert.throws(() => fit(Mlp.create({ ...settings, backend }), datasetSource(first(train, 64)), options), /trainAsync/, 'the synchronous loop refuses GPU results');
    });

    it('one epoch of a W3-like task (784-512-256-10, Adam, batch 128) on 1,280 digits matches the wasm backend within 0.5 points', async () => {
      const wasm = createWasmBackend({ threads: 1 });
      const settings = { sizes: [784, 512, 256, 10], activation: 'relu', outputActivation: 'softmax', init: 'xavierUniform', seed: 7 } as const;
      const optimizer = { kind: 'adam', learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } as const;
      const options = { loss: 'crossEntropy', optimizer, epochs: 1, batchSize: 128, seed: 7 } as const;
      const onCpu = Mlp.create({ ...settings, backend: wasm });
      const onGpu = Mlp.create({ ...settings, backend });
      fit(onCpu, datasetSource(first(train, 1280)), options);
      await fitAsync(onGpu, datasetSource(first(train, 1280)), options);
      const evaluation = { loss: 'crossEntropy', task: 'classification' } as const;
      const cpu = 100 * evaluateSamples(onCpu, datasetSource(test), evaluation).accuracy!;
      const gpu = 100 * (await evaluateAsync(onGpu, datasetSource(test), evaluation)).accuracy!;
      console.log(`W3-like: webgpu ${gpu.toFixed(2)} % vs wasm ${cpu.toFixed(2)} %`);
      assert.ok(cpu > 60, `the task is learnt (${cpu} %)`);
      assert.ok(Math.abs(gpu - cpu) <= 0.5, `${gpu} % vs ${cpu} %`);
    });

    it('Adam, momentum, L1 and a regression loss on the GPU follow the reference step by step', async () => {
      const data = iris();
      const source = datasetSource(data);
      const optimizers = [{ kind: 'adam', learningRate: 0.01 }, { kind: 'momentum', learningRate: 0.05, nesterov: true, weightDecay: 0.001 }, { kind: 'adam', learningRate: 0.01, l1: 0.01 }] as const;
      for (const optimizer of optimizers) {
        const settings = { sizes: [4, 9, 3], activation: 'tanh', outputActivation: 'sigmoid', seed: 2 } as const;
        const options = { loss: 'mse', optimizer, epochs: 3, batchSize: 16, seed: 2 } as const;
        const onGpu = Mlp.create({ ...settings, backend });
        const reference = Mlp.create({ ...settings, backend: createReferenceBackend() });
        const gpuHistory = await fitAsync(onGpu, source, options);
        const refHistory = fit(reference, source, options);
        assertAllClose(gpuHistory.epochs.map((e) => e.loss), refHistory.epochs.map((e) => e.loss), { rtol: 1e-4 }, `${optimizer.kind} losses`);
        onGpu.layers.forEach((layer, l) => assertAllClose(layer.W.data, reference.layers[l]!.W.data, { atol: 1e-4, rtol: 1e-3 }, `${optimizer.kind} W${l + 1}`));
        const rows = [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]];
        assertAllClose((await predictAsync(onGpu, rows)).data, reference.predict(rows).data, { atol: 1e-4 }, `${optimizer.kind} predictions`);
      }
    });
  });
}

describe('trainAsync on a host backend', () => {
  it('gives the same history and weights as fit', async () => {
    const source = datasetSource(iris());
    const settings = { sizes: [4, 6, 3], activation: 'relu', outputActivation: 'softmax', seed: 4, backend: createReferenceBackend() } as const;
    const options = { optimizer: { kind: 'sgd', learningRate: 0.05 }, epochs: 4, batchSize: 10, seed: 4, validationSplit: 0.2 } as const;
    const a = Mlp.create(settings);
    const b = Mlp.create(settings);
    const syncHistory = fit(a, source, options);
    const asyncHistory = await fitAsync(b, source, options);
    const strip = (h: typeof syncHistory) => h.epochs.map(({ loss, accuracy, validationLoss, validationAccuracy }) => ({ loss, accuracy, validationLoss, validationAccuracy }));
    assert.deepEqual(strip(asyncHistory), strip(syncHistory));
    a.layers.forEach((layer, l) => assert.deepEqual(b.layers[l]!.W.data, layer.W.data));
  });

  it('yields a batch event every lossEvery steps with the mean loss since the last one', async () => {
    const source = datasetSource(iris());
    const settings = { sizes: [4, 5, 3], activation: 'tanh', outputActivation: 'softmax', seed: 8, backend: createReferenceBackend() } as const;
    const options = { optimizer: { kind: 'sgd', learningRate: 0.05 }, epochs: 2, batchSize: 10, seed: 8, lookahead: false } as const;
    const batchLosses: number[] = [];
    fit(Mlp.create(settings), source, { ...options, onEvent: (e) => e.type === 'batch' && batchLosses.push(e.loss) });
    const events: { batch: number; loss: number }[] = [];
    await fitAsync(Mlp.create(settings), source, { ...options, lossEvery: 4, onEvent: (e) => e.type === 'batch' && events.push({ batch: e.batch, loss: e.loss }) });
    assert.deepEqual(events.map((e) => e.batch), [4, 8, 12, 4, 8, 12]); // 15 batches an epoch, none at the last (the epoch event)
    const expected = [4, 8, 12, 19, 23, 27].map((end) => batchLosses.slice(end - 4, end).reduce((a, b) => a + b, 0) / 4);
    assertAllClose(events.map((e) => e.loss), expected, { rtol: 1e-12 }, 'mean losses');
  });

  it('throws TrainingDivergedError in the epoch fit does, with the same last good weights put back', async () => {
    const { TrainingDivergedError } = await import('../src/train/errors.js');
    const settings = { sizes: [4, 5, 1], activation: 'linear', outputActivation: 'linear', seed: 9, backend: createReferenceBackend() } as const;
    const options = { loss: 'mse', optimizer: { kind: 'sgd', learningRate: 1e4 }, epochs: 50, batchSize: 1 } as const;
    const data = { x: Matrix.from([[1, 2, 3, 4], [4, 3, 2, 1]]), y: Matrix.from([[1e6], [-1e6]]) };
    const [a, b] = [Mlp.create(settings), Mlp.create(settings)];
    const caught = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const syncError = caught(() => fit(a, data, options));
    const asyncError = await fitAsync(b, data, options).then(() => undefined, (error: unknown) => error);
    assert.ok(syncError instanceof TrainingDivergedError && asyncError instanceof TrainingDivergedError);
    assert.equal(asyncError.epoch, syncError.epoch);
    b.layers.forEach((l, i) => assert.deepEqual(l.W.data, a.layers[i]!.W.data));
    assert.ok(b.layers.every((l) => l.W.data.every(Number.isFinite)));
  });
});
