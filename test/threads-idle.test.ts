/**
 * Spin, then sleep: once `fit` returns, the worker threads stop polling and the process goes quiet.
 * An idle Node process is not free on every machine (on this project's VM a bare `node` waiting on a
 * timer uses 5-10 ms of CPU per second, from the VM's timer and V8's idle tasks), so the bound is
 * on what the process uses beyond a plain idle Node process measured the same way just before.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';

interface IdleReport {
  readonly cpuMicros: number;
  readonly idleMs: number;
  readonly threads: number;
  readonly split: boolean;
}

function idle(...args: string[]): IdleReport {
  const output = execFileSync(process.execPath, ['--import', 'tsx', 'test/helpers/idle-after-fit.ts', ...args], { encoding: 'utf8' });
  return JSON.parse(output.trim().split('\n').at(-1)!) as IdleReport;
}

const msPerSecond = (r: IdleReport) => r.cpuMicros / 1000 / (r.idleMs / 1000);

test('after fit on 2 threads the process uses under 5 ms of CPU per second of idle beyond an idle Node process', () => {
  const baseline = idle('2000', 'baseline');
  const after = idle('2000');
  assert.equal(after.threads, 2, 'both threads were running');
  assert.ok(after.split, 'the layer products were large enough to be split over the threads');
  const extra = msPerSecond(after) - msPerSecond(baseline);
  // Two polling threads would use up to 2000 ms per second; a pool asleep uses what any idle process does.
  assert.ok(extra < 5, `idle after fit: ${msPerSecond(after).toFixed(2)} ms of CPU per second, an idle Node process ${msPerSecond(baseline).toFixed(2)}: ${extra.toFixed(2)} more`);
});
