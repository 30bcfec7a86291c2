/** Spin, then sleep: once `fit` returns, the worker threads stop polling and the process goes quiet. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';

test('after fit on 2 threads the process uses under 5 ms of CPU per second of idle', () => {
  const output = execFileSync(process.execPath, ['--import', 'tsx', 'test/helpers/idle-after-fit.ts', '2000'], { encoding: 'utf8' });
  const { cpuMicros, idleMs, threads, split } = JSON.parse(output.trim().split('\n').at(-1)!) as {
    cpuMicros: number;
    idleMs: number;
    threads: number;
    split: boolean;
  };
  assert.equal(threads, 2, 'both threads were running');
  assert.ok(split, 'the layer products were large enough to be split over the threads');
  const msPerSecond = cpuMicros / 1000 / (idleMs / 1000);
  assert.ok(msPerSecond < 5, `idle process used ${msPerSecond.toFixed(2)} ms of CPU per second`);
});
