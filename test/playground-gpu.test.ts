/**
 * The playground's "GPU (WebGPU)" engine in headless Chromium: with WebGPU on a software adapter
 * (SwiftShader, --enable-unsafe-webgpu) the worker trains the spiral on the GPU and the loss
 * falls; in a Chromium without WebGPU the same link trains on the CPU under one status line
 * naming the reason. The choice is kept in the URL, no console errors, and axe-core finds no
 * serious violations with the new control and line.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { launchChromium } from './helpers/chromium.js';
import { numberIn, openPage, startHarness, waitFor, type Harness } from './playground-harness.js';

let harness: Harness;
before(async () => {
  harness = await startHarness({ webgpu: true });
});
after(async () => harness?.close());

/** The engine label once the worker has sent its first snapshot. */
const engineLabel = (page: Page) =>
  waitFor('the first snapshot', 120, async () => {
    const text = (await page.textContent('#engine')) ?? '';
    return text.startsWith('engine: ') ? text : undefined;
  });

/** Clicks "+1" (one epoch) `count` times and waits until the worker has trained them all; the train and test loss then. */
async function trainEpochs(page: Page, count: number): Promise<{ train: number; test: number }> {
  for (let i = 0; i < count; i++) await page.click('#panel-play [data-action="step"]');
  await waitFor(`epoch ${count}`, 240, async () => ((await numberIn(page, '#epoch')) === count ? true : undefined));
  return { train: (await numberIn(page, '#train-loss'))!, test: (await numberIn(page, '#test-loss'))! };
}

test('the GPU engine trains the spiral in the worker on WebGPU as the CPU engine does; the URL keeps the choice', async () => {
  const { page, errors } = await openPage(harness, '#dataset=spiral&engine=gpu&lr=0.03');
  assert.match(await engineLabel(page), /^engine: webgpu · /, 'the worker trains on webgpu');
  assert.equal(await page.inputValue('[data-setting="engine"]'), 'gpu');
  const first = await waitFor('the starting loss', 30, () => numberIn(page, '#train-loss'));
  const onGpu = await trainEpochs(page, 10);
  assert.equal(await page.textContent('#plane-status'), '', 'no fallback line when the GPU trains');
  await page.selectOption('[data-setting="engine"]', 'cpu');
  assert.match(page.url(), /engine=cpu/, 'the URL keeps the engine');
  await waitFor('the CPU run', 30, async () => ((await page.textContent('#engine'))?.startsWith('engine: wasm') === true ? true : undefined));
  await waitFor('epoch 0', 30, async () => ((await numberIn(page, '#epoch')) === 0 ? true : undefined));
  const onCpu = await trainEpochs(page, 10);
  console.log(`spiral, 10 epochs: train loss ${first} → ${onGpu.train} on the worker's GPU, ${onCpu.train} on its CPU (test ${onGpu.test} vs ${onCpu.test})`);
  assert.ok(onGpu.train < 0.9 * first, `the loss falls (${first} → ${onGpu.train})`);
  // The page shows three decimals; the two engines differ only in float32 summation order.
  assert.ok(Math.abs(onGpu.train - onCpu.train) <= 0.003, `train loss ${onGpu.train} on the GPU vs ${onCpu.train} on the CPU`);
  assert.ok(Math.abs(onGpu.test - onCpu.test) <= 0.003, `test loss ${onGpu.test} on the GPU vs ${onCpu.test} on the CPU`);
  await page.selectOption('[data-setting="engine"]', 'gpu');
  await page.selectOption('[data-setting="speed"]', 'max');
  await waitFor('the GPU run', 30, async () => ((await page.textContent('#engine'))?.startsWith('engine: webgpu') === true ? true : undefined));
  await page.click('#panel-play .play');
  await waitFor('3 epochs at maximum speed', 120, async () => (((await numberIn(page, '#epoch')) ?? 0) >= 3 ? true : undefined));
  await page.click('#panel-play .play');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('without WebGPU the GPU engine falls back to the CPU with one line naming the reason; axe finds no serious violations', async () => {
  const browser = await launchChromium(); // --disable-gpu and no --enable-unsafe-webgpu: no adapter
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => void (message.type() === 'error' && errors.push(message.text())));
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${harness.url}#dataset=spiral&engine=gpu&speed=max`);
    assert.match(await engineLabel(page), /^engine: wasm · /, 'the worker trains on the CPU');
    const line = (await page.textContent('#plane-status')) ?? '';
    console.log(`fallback line: ${line}`);
    assert.match(line, /^GPU unavailable, training on the CPU: WebGPU is not available: \S.*$/);
    assert.equal(await page.getAttribute('#plane-status', 'class'), 'status', 'a notice, not styled as an error');
    const first = await waitFor('the starting loss', 30, () => numberIn(page, '#train-loss'));
    await page.click('#panel-play .play');
    await waitFor('5 epochs', 60, async () => (((await numberIn(page, '#epoch')) ?? 0) >= 5 ? true : undefined));
    await page.click('#panel-play .play');
    assert.ok(((await numberIn(page, '#train-loss')) ?? Infinity) < first, 'the CPU run trains');
    assert.equal(await page.textContent('#plane-status'), line, 'the line stays while the run goes on');
    await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact }));
    });
    assert.deepEqual(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), []);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
