/**
 * `backend: 'webgpu'` in the estimators: a Classifier trains iris on the GPU (Dawn, on the
 * SwiftShader software adapter where the machine has no GPU) through trainAsync and predicts
 * from a CPU copy of the weights; it reaches the wasm Classifier's test accuracy, its file is
 * read by `backprop predict`; a Regressor predicts as the wasm one, also after an abort; and
 * without an adapter `fit` rejects with one line saying why.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { it } from 'node:test';
import { iris } from '../src/data/builtin.js';
import { Classifier, Regressor, saveModel, type Matrix } from '../src/node.js';
import { cli, tempDir } from './cli-run.js';
import { softwareGpuEnvironment } from './helpers/webgpu-env.js';

softwareGpuEnvironment();

/** Iris as raw rows and species names; every fifth flower is held out for testing. */
function irisParts() {
  const data = iris();
  const rows: number[][] = [];
  const inputs = data.inputs as Matrix;
  for (let r = 0; r < inputs.rows; r++) rows.push(Array.from(inputs.data.subarray(r * 4, r * 4 + 4)));
  const species = Array.from(data.labels!, (label) => data.classNames[label]!);
  const pick = (test: boolean) => rows.map((_, i) => i).filter((i) => (i % 5 === 0) === test);
  const part = (indices: number[]) => ({ x: indices.map((i) => rows[i]!), y: indices.map((i) => species[i]!) });
  return { train: part(pick(false)), test: part(pick(true)), featureNames: data.featureNames };
}

const settings = { hiddenLayers: [16], epochs: 40, batchSize: 16, learningRate: 0.02, seed: 3 } as const;

it('a webgpu Classifier on iris reaches the wasm one\'s test accuracy within 0.5 points, and backprop predict reads its file', async () => {
  const { train, test, featureNames } = irisParts();
  const onCpu = new Classifier<string>({ ...settings, featureNames, backend: 'wasm' });
  const onGpu = new Classifier<string>({ ...settings, featureNames, backend: 'webgpu' });
  const cpuHistory = await onCpu.fit(train.x, train.y);
  const epochs: number[] = [];
  const gpuHistory = await onGpu.fit(train.x, train.y, { onEpoch: (event) => epochs.push(event.epoch) });
  assert.equal(onGpu.network.backend.read, undefined, 'predictions come from a CPU copy of the weights');
  assert.deepEqual(epochs, Array.from({ length: settings.epochs }, (_, i) => i + 1), 'one event per epoch');
  const cpuAccuracy = 100 * onCpu.score(test.x, test.y);
  const gpuAccuracy = 100 * onGpu.score(test.x, test.y);
  const lastLoss = (h: typeof cpuHistory) => h.epochs.at(-1)!.loss;
  console.log(`iris test accuracy: webgpu ${gpuAccuracy.toFixed(2)} % vs wasm ${cpuAccuracy.toFixed(2)} %; final epoch loss ${lastLoss(gpuHistory).toFixed(5)} vs ${lastLoss(cpuHistory).toFixed(5)}`);
  assert.ok(cpuAccuracy >= 90, `the task is learnt (${cpuAccuracy} %)`);
  assert.ok(Math.abs(gpuAccuracy - cpuAccuracy) <= 0.5, `${gpuAccuracy} % vs ${cpuAccuracy} %`);
  assert.ok(Math.abs(lastLoss(gpuHistory) - lastLoss(cpuHistory)) <= 0.02 * lastLoss(cpuHistory) + 1e-3, 'the same training, up to float32 summation order');
  assert.equal(onGpu.metadata.trainedEpochs, settings.epochs);

  // partialFit goes on training the GPU network (its Adam state included) and refreshes the CPU copy.
  const before = onGpu.predictProba(test.x);
  await onGpu.partialFit(train.x, train.y);
  assert.notDeepEqual(onGpu.predictProba(test.x), before, 'the CPU copy follows the GPU weights');
  assert.equal(onGpu.metadata.trainedEpochs, settings.epochs + 1);

  const dir = tempDir();
  const file = join(dir, 'iris-gpu.json');
  await saveModel(onGpu, file);
  const csv = join(dir, 'test.csv');
  writeFileSync(csv, featureNames.join(',') + '\n' + test.x.map((r) => r.join(',')).join('\n') + '\n');
  const run = await cli(['predict', file, csv, '--json']);
  assert.equal(run.code, 0, run.stderr);
  const predicted = (JSON.parse(run.stdout) as { class: string }[]).map((p) => p.class);
  assert.deepEqual(predicted, onGpu.predict(test.x), 'backprop predict gives the estimator\'s predictions');
});

it('a webgpu Regressor predicts as the wasm one; an abort between epochs keeps the last epoch\'s weights in the CPU copy', async () => {
  const x = Array.from({ length: 96 }, (_, i) => [(i % 12) / 2, Math.floor(i / 12)]);
  const y = x.map(([a, b]) => 3 * a! - 2 * b! + Math.sin(a!));
  const options = { hiddenLayers: [8], epochs: 30, batchSize: 16, seed: 2 } as const;
  const onCpu = new Regressor({ ...options, backend: 'wasm' });
  const onGpu = new Regressor({ ...options, backend: 'webgpu' });
  await onCpu.fit(x, y);
  await onGpu.fit(x, y);
  const r2 = onGpu.score(x, y);
  assert.ok(r2 > 0.95, `R² ${r2}`);
  const cpu = onCpu.predict(x);
  onGpu.predict(x).forEach((value, i) => assert.ok(Math.abs(value - cpu[i]!) <= 1e-3 * (1 + Math.abs(cpu[i]!)), `row ${i + 1}: ${value} on the GPU vs ${cpu[i]} on the CPU`));

  const controller = new AbortController();
  const stopped = new Regressor({ ...options, backend: 'webgpu' });
  await assert.rejects(stopped.fit(x, y, { signal: controller.signal, onEpoch: (event) => event.epoch === 2 && controller.abort(new Error('stop')) }), /stop/);
  assert.equal(stopped.metadata.trainedEpochs, 2);
  const twoEpochs = new Regressor({ ...options, epochs: 2, backend: 'wasm' });
  await twoEpochs.fit(x, y);
  const expected = twoEpochs.predict(x);
  stopped.predict(x).forEach((value, i) => assert.ok(Math.abs(value - expected[i]!) <= 1e-3 * (1 + Math.abs(expected[i]!)), `row ${i + 1} after the abort`));
});

it('without an adapter, fit rejects with one line saying why', () => {
  const script = join(tempDir(), 'no-gpu.mts');
  const source = fileURLToPath(new URL('../src/node.ts', import.meta.url));
  writeFileSync(
    script,
    `import { Classifier } from ${JSON.stringify(source)};\n` +
      `try { await new Classifier({ backend: 'webgpu', epochs: 1 }).fit([[0], [1]], ['a', 'b']); console.log('fitted'); }\n` +
      `catch (error) { console.log(error.name + ': ' + error.message); }\n`,
  );
  const child = spawnSync(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, VK_ICD_FILENAMES: '/nonexistent/vk_icd.json' }, encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  assert.equal(child.stdout, 'WebGpuUnavailableError: WebGPU is not available: no Vulkan driver that Dawn accepts at VK_ICD_FILENAMES=/nonexistent/vk_icd.json\n');
});
