/**
 * Trains iris on the GPU through WebGPU (in Node: the optional package `webgpu`; on a machine
 * without a GPU, VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json gives the SwiftShader
 * software adapter). The README's GPU example; exits non-zero below 90 % test accuracy.
 * Run: VK_ICD_FILENAMES=... node --import tsx examples/webgpu-iris.ts
 */
import { Mlp, datasetSource, evaluateAsync, fitAsync, iris, loadBackend, predictAsync, splitDataset } from 'backprop';

const { train, test } = splitDataset(iris(), { testFraction: 0.2, seed: 1 });
const backend = await loadBackend('webgpu'); // rejects with the reason when there is no adapter
const model = Mlp.create({ sizes: [4, 16, 3], activation: 'relu', outputActivation: 'softmax', seed: 1, backend });
await fitAsync(model, datasetSource(train), {
  loss: 'crossEntropy', optimizer: { kind: 'adam', learningRate: 0.02 }, epochs: 60, batchSize: 16,
});
const { accuracy } = await evaluateAsync(model, datasetSource(test), { loss: 'crossEntropy', task: 'classification' });
const probabilities = await predictAsync(model, [[5.1, 3.5, 1.4, 0.2]]); // read back from the GPU
console.log(`test accuracy ${accuracy}, p(setosa) ${probabilities.data[0]?.toFixed(3)}`);
process.exitCode = accuracy !== undefined && accuracy >= 0.9 ? 0 : 1;
