/**
 * Every error class the package exports (both entries) extends BackpropError, so one
 * `instanceof BackpropError` check catches all the errors the library throws on purpose.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as browser from '../src/index.js';
import * as node from '../src/node.js';

test('every exported Error subclass of both entries extends BackpropError', () => {
  const { BackpropError } = browser;
  const found: string[] = [];
  for (const [entry, exports] of [['backprop', browser], ['backprop/node', node]] as const) {
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value !== 'function' || !(value.prototype instanceof Error)) continue;
      found.push(name);
      assert.ok(value === BackpropError || value.prototype instanceof BackpropError, `${entry}: ${name} does not extend BackpropError`);
    }
  }
  for (const name of ['WebGpuUnavailableError', 'UsageError', 'DataFormatError', 'ModelFormatError', 'ResourceLimitError']) assert.ok(found.includes(name), `${name} is exported`);
  assert.ok(found.includes('DownloadError') || !('DownloadError' in node), 'DownloadError checked');
});
