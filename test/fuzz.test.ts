/**
 * The bounded fuzz suite (test/fuzz/): hostile CSV, IDX and gzip files, model files, flags,
 * predict inputs and killed saves, generated from a fixed seed (FUZZ_SEED, default 15). Fails on
 * any crash, unclear message, accepted bad input or non-finite output; hangs fail by timeout.
 * `npm run fuzz` runs ten times as many cases, and the 1,000,000-row scale test.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summary } from './fuzz/harness.js';
import { runFuzzSuite } from './fuzz/suite.js';

test('fuzz suite (bounded): no crash, hang, unclear message, accepted bad input or wrong output', { timeout: 10 * 60_000 }, async () => {
  const reports = await runFuzzSuite();
  for (const r of reports) {
    console.log(summary(r));
    const top = [...r.reasons].sort((a, b) => b[1] - a[1]).slice(0, 5);
    for (const [reason, n] of top) console.log(`    ${n} × ${reason}`);
  }
  const failures = reports.flatMap((r) => r.failures.map((f) => `${r.family} ${f.kind}: ${f.args.join(' ')} :: ${f.detail}`));
  console.log(`total: ${reports.reduce((n, r) => n + r.cases, 0)} cases, ${failures.length} failures`);
  assert.deepEqual(failures, []);
});
