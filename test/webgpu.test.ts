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

    it('keeps results on the GPU until read, sees host writes while the host copy is current, and after upload()', async () => {
      const p = backend.allocate(2, 2, 'float32');
      const g = backend.allocate(2, 2, 'float32');
      p.data.set([1, 2, 3, 4]);
      g.data.set([1, 1, 1, 1]);
      backend.sgdUpdate(p, g, 0.5, 0); // p is uploaded first: the host copy was current
      assert.deepEqual([...p.data], [1, 2, 3, 4], 'the host copy is stale until read');
      assert.deepEqual([...(await backend.read(p))], [0.5, 1.5, 2.5, 3.5]);
      g.data.set([2, 2, 2, 2]); // g was never written on the GPU: this write is seen
      backend.sgdUpdate(p, g, 0.5, 0);
      assert.deepEqual([...(await backend.read(p))], [-0.5, 0.5, 1.5, 2.5]);
      backend.sgdUpdate(p, g, 0, 0);
      p.data.set([10, 10, 10, 10]);
      backend.upload(p); // a host write into a matrix the GPU wrote last
      backend.sgdUpdate(p, g, 1, 0);
      assert.deepEqual([...(await backend.read(p))], [8, 8, 8, 8]);
    });

    it('reads inputs from outside its memory, and refuses to write results there', async () => {
      const { Matrix } = await import('../src/matrix.js');
      const A = Matrix.from([[1, 2], [3, 4]]);
      const B = Matrix.from([[1, 0], [0, 1]], 'float64');
      const C = backend.allocate(2, 2, 'float32');
      backend.matmul(A, B, C);
      assert.deepEqual([...(await backend.read(C))], [1, 2, 3, 4]);
      assert.throws(() => backend.matmul(A, B, Matrix.zeros(2, 2)), /C must be a matrix from this backend's allocate/);
      assert.throws(() => backend.allocate(2, 2, 'float64'), /float32 only/);
    });
  });
  describeConformance('webgpu', backend, {
    tolerances: { product: (k) => ({ atol: 8e-6 * (k + 1), rtol: 2e-5 }), element: { atol: 4e-6, rtol: 4e-5 } },
  });
}
