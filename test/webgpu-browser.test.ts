/**
 * The WebGPU backend in headless Chromium (navigator.gpu; SwiftShader where the machine has no
 * GPU, with --enable-unsafe-webgpu): a page built with Vite from the library's sources
 * (test/browser/webgpu-page) checks a conformance subset and a short training run against the
 * reference backend. Fails loudly when Chromium is missing or offers no adapter.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { build } from 'vite';
import { servePlayground } from '../src/playground-server.js';
import type { WebGpuCheck } from './browser/webgpu-page/main.js';
import { waitFor } from './playground-harness.js';
import { launchChromium } from './helpers/chromium.js';
import { assertAllClose } from './helpers/tolerance.js';

it('runs the WebGPU backend in headless Chromium: operations and a short training match the reference', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-webgpu-page-'));
  await build({ root: 'test/browser/webgpu-page', base: './', configFile: false, logLevel: 'warn', build: { outDir: dir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4000 } });
  const server = await servePlayground({ port: 0, dir });
  const browser = await launchChromium({ webgpu: true });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    const outcome = await waitFor('the page to report', 240, () => page.evaluate(() => (window as unknown as { webgpuCheck?: WebGpuCheck | { error: string } }).webgpuCheck));
    assert.deepEqual(errors, []);
    if ('error' in outcome) assert.fail(`in Chromium: ${outcome.error}`);
    console.log(`chromium webgpu on ${outcome.adapter}: max errors ${JSON.stringify(outcome.maxError)}`);
    assert.ok(outcome.adapter.length > 0);
    for (const [name, error] of Object.entries(outcome.maxError)) assert.ok(error <= 1e-4, `${name}: max error ${error}`);
    assert.equal(Object.keys(outcome.maxError).length, 5);
    assertAllClose(outcome.lossGpu, outcome.lossReference, { rtol: 1e-4 }, 'epoch losses');
    assert.ok(outcome.lossGpu[4]! < outcome.lossGpu[0]!, 'the loss goes down');
    assert.ok(outcome.predictionError <= 1e-4, `predictions differ by ${outcome.predictionError}`);
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
