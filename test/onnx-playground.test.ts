/**
 * The playground's Load model takes a model imported from PyTorch: `backprop import tiny.onnx`
 * (2-3-1, tanh, sigmoid) loads into the 2-D panel, which takes its shape and hidden activation,
 * with no error on the page. Builds and serves the playground like test/playground-e2e.test.ts.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { readFileSync, writeFileSync } from 'node:fs';
import { modelToJson } from '../src/io/model-json.js';
import { importOnnx } from '../src/onnx/import.js';
import { openPage, startHarness, type Harness } from './playground-harness.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness.close();
});

test('a PyTorch MLP imported from ONNX loads into the playground', async () => {
  const model = importOnnx(new Uint8Array(readFileSync(new URL('fixtures/onnx/tiny.onnx', import.meta.url))));
  const file = join(harness.dir, 'tiny.json');
  writeFileSync(file, JSON.stringify(modelToJson(model)));
  const { page, errors } = await openPage(harness);
  await page.setInputFiles('#model-file', file);
  let shape = '';
  for (let i = 0; i < 60 && shape !== '2 → 3 → 1'; i++) {
    shape = (await page.textContent('#shape')) ?? '';
    if (shape !== '2 → 3 → 1') await page.waitForTimeout(500);
  }
  assert.equal(shape, '2 → 3 → 1');
  assert.equal(await page.inputValue('#panel-play select[data-setting="activation"]'), 'tanh', 'the hidden activation comes from the imported model');
  assert.deepEqual(errors, []);
  await page.context().close();
});
