/**
 * `backprop train --backend webgpu`: trains on the GPU (Dawn, on SwiftShader where the machine
 * has no GPU) and reports as on the CPU; without any usable adapter, one line says why.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { cli } from './cli-run.js';
import { softwareGpuEnvironment } from './helpers/webgpu-env.js';

softwareGpuEnvironment();

it('trains iris on the GPU and reports test accuracy', async () => {
  const run = await cli(['train', 'iris', '--backend', 'webgpu', '--epochs', '30', '--learning-rate', '0.02', '--no-out', '--json', '--quiet']);
  assert.equal(run.code, 0, run.stderr);
  const result = JSON.parse(run.stdout) as { test: { accuracy: number }; epochs: number };
  assert.equal(result.epochs, 30);
  assert.ok(result.test.accuracy >= 0.85, `test accuracy ${result.test.accuracy}`);
});

it('says in one line why there is no adapter, and exits 1', async () => {
  const saved = process.env['VK_ICD_FILENAMES'];
  process.env['VK_ICD_FILENAMES'] = '/nonexistent/vk_icd.json';
  try {
    const run = await cli(['train', 'iris', '--backend', 'webgpu', '--epochs', '1', '--no-out']);
    assert.equal(run.code, 1);
    const ours = run.stderr.split('\n').filter((line) => line.startsWith('backprop:'));
    assert.deepEqual(ours, ['backprop: WebGPU is not available: no Vulkan driver that Dawn accepts at VK_ICD_FILENAMES=/nonexistent/vk_icd.json']);
    // Dawn prints its own driver warnings (with C++ source locations) before ours: no JavaScript stack.
    assert.doesNotMatch(run.stderr, /^\s+at .*\.[jt]s:\d+/m, 'no stack trace');
  } finally {
    if (saved === undefined) delete process.env['VK_ICD_FILENAMES'];
    else process.env['VK_ICD_FILENAMES'] = saved;
  }
});
