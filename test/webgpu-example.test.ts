/**
 * examples/webgpu-iris.ts, the README's GPU example: its code is the README's block, and it
 * trains iris on the GPU (SwiftShader where there is no GPU) to at least 90 % test accuracy.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { softwareGpuEnvironment } from './helpers/webgpu-env.js';

it('the README\'s GPU example is examples/webgpu-iris.ts', () => {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('### The GPU backend (WebGPU)'));
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(block !== undefined, 'the section has a ts block');
  assert.ok(readFileSync('examples/webgpu-iris.ts', 'utf8').includes(block), 'every line of the block, its import included, is in the example, in order');
});

it('runs examples/webgpu-iris.ts on the GPU to at least 90 % test accuracy', () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'examples/webgpu-iris.ts'], { encoding: 'utf8', env: softwareGpuEnvironment() });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /test accuracy (0\.9|1)/);
});
