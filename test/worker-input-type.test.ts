/** The engine's worker threads start in a script given with `node --input-type=module -e` (or on stdin), whose workers inherit that flag and have no `require`. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

test('fit in a node -e module script trains on worker threads instead of killing the process', () => {
  const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
  const script = `
    import { Classifier, createWasmBackend } from ${JSON.stringify(entry)};
    const backend = createWasmBackend({ threads: 2 });
    await backend.threadsReady();
    const c = new Classifier({ epochs: 2, hiddenLayers: [8], backend });
    const X = Array.from({ length: 400 }, (_, i) => [i % 7, (i * 3) % 5]);
    await c.fit(X, X.map(([a, b]) => (a + b > 5 ? 'hi' : 'lo')));
    console.log(JSON.stringify({ threads: backend.threads, predicted: c.predict([[6, 4]]) }));
    backend.close();`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { threads: number; predicted: string[] };
  assert.equal(result.threads, 2);
  assert.equal(result.predicted.length, 1);
});
