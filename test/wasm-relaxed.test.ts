/** The relaxed-SIMD (fused multiply-add) build passes the same conformance suite, in a child process with the engine flag. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';

it('the relaxed-SIMD build conforms to reference (child process with --experimental-wasm-relaxed-simd)', () => {
  const suite = fileURLToPath(new URL('./helpers/relaxed-suite.ts', import.meta.url));
  const child = spawnSync(process.execPath, ['--experimental-wasm-relaxed-simd', '--import', 'tsx', '--test', suite], {
    encoding: 'utf8',
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: { ...process.env, NODE_TEST_CONTEXT: undefined },
  });
  const report = `${child.stdout}\n${child.stderr}`;
  assert.equal(child.status, 0, report.slice(-4000));
  assert.match(report, /# fail 0/);
  assert.match(report, /# pass [1-9]/);
});
