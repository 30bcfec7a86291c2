/** `explain --iterations N` reports progress: the library's onProgress sees (done, N), the CLI draws it on a terminal only. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runInProcess } from './helpers/cli-in-process.js';
import { explain } from '../src/explain/index.js';
import { PROGRESS_EVERY } from '../src/explain/engine-step.js';

test('explain: onProgress is called every PROGRESS_EVERY updates with total = iterations, last with (N, N); the result is unchanged', () => {
  const calls: [number, number][] = [];
  const n = 2 * PROGRESS_EVERY + 100;
  const watched = explain({ iterations: n }, { onProgress: (done, total) => calls.push([done, total]) });
  assert.deepEqual(calls, [[PROGRESS_EVERY, n], [2 * PROGRESS_EVERY, n], [n, n]]);
  assert.equal(watched.errorAfter, explain({ iterations: n }).errorAfter);
  const none: [number, number][] = [];
  explain({ iterations: 0 }, { onProgress: (done, total) => none.push([done, total]) });
  assert.deepEqual(none, [[0, 0]]);
});

function explainCli(interactive: boolean, ...args: string[]) {
  return runInProcess(['explain', ...args], { interactive });
}

test('backprop explain --iterations: a progress line on a terminal (first count drawn, cleared at the end), nothing without one', async () => {
  const n = PROGRESS_EVERY + 904;
  const tty = await explainCli(true, '--json', '--iterations', String(n));
  assert.equal(tty.code, 0);
  assert.equal(tty.stderr, `\rexplain: ${PROGRESS_EVERY.toLocaleString('en-US')} of ${n.toLocaleString('en-US')} updates\r\x1b[K`);
  const piped = await explainCli(false, '--json', '--iterations', String(n));
  assert.equal(piped.code, 0);
  assert.equal(piped.stderr, '');
  assert.equal(JSON.parse(piped.stdout).errorAfter, JSON.parse(tty.stdout).errorAfter);
});

test('backprop explain --iterations over the cap: one line naming the limit, exit 2', async () => {
  const { code, stdout, stderr } = await explainCli(false, '--iterations', '1000001');
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.equal(stderr.trimEnd().split('\n').length, 1);
  assert.match(stderr, /--iterations .*from 0 to 1000000, got "1000001"/);
});
