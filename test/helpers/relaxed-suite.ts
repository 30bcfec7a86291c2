/**
 * The conformance suite for the relaxed-SIMD build. Run by test/wasm-relaxed.test.ts in a child
 * `node --experimental-wasm-relaxed-simd` (Node 20 needs the flag; newer engines have it on).
 */
import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { createWasmBackend } from '../../src/backend/wasm.js';
import { describeConformance } from './conformance.js';

const relaxed = createWasmBackend({ threads: 2, relaxedSimd: true });
await relaxed.threadsReady();
after(() => relaxed.close());

it('runs the relaxed-SIMD build', () => {
  assert.equal(relaxed.relaxedSimd, true);
});
describeConformance('wasm, relaxed-SIMD build', relaxed, { foreignInputs: true });
