/** The Node versions backprop claims (package.json engines) are the ones it checks, and the running Node is one of them. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { NODE_MINIMUMS, nodeEngineRange, unsupportedNode } from '../src/node-support.js';

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string }; exports: Record<string, Record<string, string>> };

test('package.json engines.node is the range the CLI and the CommonJS entry check, and the running Node satisfies it', () => {
  assert.equal(manifest.engines.node, nodeEngineRange());
  assert.equal(unsupportedNode(process.version), undefined, `this Node (${process.version}) is outside ${nodeEngineRange()}`);
  const requireEntry = readFileSync('require.cjs', 'utf8');
  for (const [major, minor] of NODE_MINIMUMS) assert.ok(requireEntry.includes(`major === ${major} && minor >= ${minor}`), `require.cjs checks ${major}.${minor}`);
  assert.equal(manifest.exports['.']!['require'], './require.cjs');
});

test('unsupportedNode: one line for 18, 20.10 and 21; nothing for 20.19, 22.12 and 24', () => {
  for (const old of ['v18.20.0', 'v20.10.0', 'v20.18.3', 'v21.7.3', 'v22.11.0']) {
    const message = unsupportedNode(old);
    assert.ok(message !== undefined && !message.includes('\n') && message.includes(old), `${old}: ${message}`);
  }
  for (const fine of ['v20.19.0', 'v20.20.2', 'v22.12.0', 'v23.1.0', 'v24.0.0']) assert.equal(unsupportedNode(fine), undefined, fine);
});
