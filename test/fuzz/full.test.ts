/** npm run fuzz: the fuzz suite with ten times the bounded case counts (FUZZ_SCALE overrides). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summary } from './harness.js';
import { runFuzzSuite } from './suite.js';

process.env['FUZZ_SCALE'] ??= '10';

test('fuzz suite (full)', { timeout: 60 * 60_000 }, async () => {
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
