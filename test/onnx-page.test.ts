/**
 * The README's page (examples/onnx-page.html): an exported iris model runs with onnxruntime-web
 * in Chromium, offline: the CDN address of its import map and the model file are answered from
 * this checkout (node_modules/onnxruntime-web/dist) and a temporary folder. Its labels and
 * probabilities must be the ones `backprop predict` gives for the same rows.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { exportCommand } from '../src/cli/commands/export.js';
import { predictCommand } from '../src/cli/commands/predict.js';
import { launchChromium } from './helpers/chromium.js';
import { irisCase } from './helpers/onnx-models.js';

const CDN = 'https://cdn.jsdelivr.net/npm/onnxruntime-web@1.30.0/dist/';
const SITE = 'https://example.test/';

test('examples/onnx-page.html runs the exported model in Chromium and agrees with predict', async () => {
  const c = await irisCase();
  const onnxPath = c.modelPath.replace(/\.json$/, '.onnx');
  await exportCommand(c.modelPath, 'onnx', onnxPath);
  const html = readFileSync(new URL('../examples/onnx-page.html', import.meta.url), 'utf8');
  assert.ok(readFileSync(new URL('../README.md', import.meta.url), 'utf8').includes(html.trim()), 'the README shows examples/onnx-page.html as it is');
  const dist = new URL('../node_modules/onnxruntime-web/dist/', import.meta.url);
  const installed = (JSON.parse(readFileSync(new URL('../package.json', dist), 'utf8')) as { version: string }).version;
  assert.ok(html.includes(`onnxruntime-web@${installed}/`), `the page loads the onnxruntime-web version the tests install (${installed})`);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      const type = (name: string) => (name.endsWith('.wasm') ? 'application/wasm' : name.endsWith('.mjs') || name.endsWith('.js') ? 'text/javascript' : 'application/octet-stream');
      if (url.startsWith(CDN)) {
        const name = url.slice(CDN.length).split('?')[0]!;
        const file = join(dist.pathname, name);
        if (existsSync(file)) return route.fulfill({ body: readFileSync(file), contentType: type(name), headers: { 'access-control-allow-origin': '*' } });
      } else if (url === `${SITE}index.html`) return route.fulfill({ body: html, contentType: 'text/html' });
      else if (url === `${SITE}iris.onnx`) return route.fulfill({ body: readFileSync(onnxPath), contentType: 'application/octet-stream' });
      return route.fulfill({ status: 404, body: 'offline' });
    });
    await page.goto(`${SITE}index.html`);
    await page.waitForFunction(() => document.getElementById('out')?.textContent !== 'running…', null, { timeout: 60_000 });
    const text = (await page.textContent('#out')) ?? '';
    assert.deepEqual(errors, []);
    const rows = [[5.1, 3.5, 1.4, 0.2], [6.3, 3.3, 6.0, 2.5]];
    const predictions = await predictCommand({ model: c.modelPath, csv: rows.map((r) => r.join(',')).join('\n') });
    const expected = rows.map((row, r) => {
      const p = predictions[r]!;
      assert.ok('class' in p);
      return `${row.join(', ')} -> ${p.class}, p = ${Math.max(...Object.values(p.probabilities)).toFixed(4)}`;
    });
    assert.equal(text, expected.join('\n'));
  } finally {
    await browser.close();
  }
});
