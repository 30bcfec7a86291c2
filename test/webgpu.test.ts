/**
 * The WebGPU backend against the reference (the shared conformance suite), in Node on Dawn, on a
 * software adapter where the machine has no GPU (test/helpers/webgpu-env.ts).
 *
 * Tolerances (float32; the reference computes in float64): a result of k products summed within
 * atol 8e-6·(k + 1), rtol 2e-5, twice the CPU backends' bound, as the GPU sums in 16-deep tiles
 * and its fused multiply-adds round differently; element-wise results within atol 4e-6, rtol 4e-5,
 * as exp, log and tanh are the GPU's own approximations (WGSL allows a few ulp).
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { describeConformance } from './helpers/conformance.js';
import { testGpu } from './helpers/webgpu-env.js';

const gpu = await testGpu();

if ('reason' in gpu) {
  it('gets a WebGPU adapter', () => assert.fail(gpu.reason));
} else {
  const { backend } = gpu;
  after(() => backend.destroy());
  describe(`webgpu on ${backend.adapterName}`, () => {
    it('names its adapter', () => assert.ok(backend.adapterName.length > 0));
  });
  describeConformance('webgpu', backend, {
    tolerances: { product: (k) => ({ atol: 8e-6 * (k + 1), rtol: 2e-5 }), element: { atol: 4e-6, rtol: 4e-5 } },
  });
}
