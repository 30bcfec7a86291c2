/** Threads are up before training starts, and a backend that cannot start them says why, once. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { availableParallelism } from 'node:os';
import { Classifier, createWasmBackend, loadDefaultBackend } from '../src/index.js';

test('Classifier.fit waits for the wasm backend\'s worker threads before the first step', async () => {
  const backend = createWasmBackend({ threads: 2 });
  assert.equal(backend.threadsUnavailable, undefined);
  const ready: number[] = [];
  const x = Array.from({ length: 64 }, (_, i) => [i % 7, (i * 3) % 5]);
  const clf = new Classifier<number>({ epochs: 2, backend });
  await clf.fit(x, x.map((r) => (r[0]! > 3 ? 1 : 0)), { onEpoch: () => ready.push(backend.readyThreads) });
  assert.deepEqual(ready, [2, 2], 'both threads were running from the first epoch on');
  backend.close();
});

test('without cross-origin isolation: one thread and one warning line naming the reason', () => {
  const warnings: string[] = [];
  const warn = console.warn;
  const global = globalThis as { crossOriginIsolated?: boolean };
  console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
  global.crossOriginIsolated = false;
  try {
    const backend = createWasmBackend({ threads: 4 });
    assert.equal(backend.threads, 1);
    assert.match(backend.threadsUnavailable ?? '', /not cross-origin isolated .*Cross-Origin-Opener-Policy: same-origin/);
    const quiet = createWasmBackend({ threads: 1 });
    assert.equal(quiet.threadsUnavailable, undefined, 'one thread asked for: nothing is missing');
  } finally {
    delete global.crossOriginIsolated;
    console.warn = warn;
  }
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /^backprop: 4 threads were asked for but the wasm backend runs on one: the page is not cross-origin isolated/);
});

test('await loadDefaultBackend() resolves once the default backend\'s threads are up', async () => {
  const backend = await loadDefaultBackend();
  assert.equal(backend.name, 'wasm');
  assert.equal(await backend.threadsReady?.(0), availableParallelism(), 'every core has a running thread, without waiting any longer');
});
