/** Under a 4 GB address-space limit (ulimit -v) the default train, PNG step included, still runs. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { addressSpaceLimit, needsRelaunch, threadsUnderLimit } from '../src/cli/address-space.js';
import { tempDir } from './cli-run.js';

describe('address-space limits', () => {
  it('reads the limit from /proc/self/limits text', () => {
    assert.equal(addressSpaceLimit('Max address space         unlimited            unlimited            bytes\n'), undefined);
    assert.equal(addressSpaceLimit('Max address space         4294967296           4294967296           bytes\n'), 4294967296);
    assert.equal(needsRelaunch(undefined), false);
    assert.equal(needsRelaunch(2 ** 50), false);
    assert.equal(needsRelaunch(4 * 2 ** 30), process.allowedNodeEnvironmentFlags.has('--disable-wasm-trap-handler'));
  });

  it('fewer worker threads under a limit', () => {
    assert.equal(threadsUnderLimit(16, undefined), undefined);
    assert.equal(threadsUnderLimit(16, 4 * 1024 ** 3), 4);
    assert.equal(threadsUnderLimit(2, 4 * 1024 ** 3), 2);
    assert.equal(threadsUnderLimit(16, 3 * 1024 ** 3), 1);
  });

  // Under tsx every worker thread loads the TypeScript loader too (more address space than the
  // built CLI's workers), so this run from source uses one thread; the built CLI runs its default.
  it('train iris with its pictures runs under ulimit -v 4 GB without the trap handler', () => {
    const out = join(tempDir(), 'run');
    const command = `ulimit -v 4194304 && exec "${process.execPath}" --disable-wasm-trap-handler --experimental-wasm-relaxed-simd --import tsx src/cli/main.ts --threads 1 train iris --epochs 2 --quiet --out "${out}"`;
    const run = spawnSync('sh', ['-c', command], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    for (const file of ['model.json', 'training-curves.png', 'confusion-matrix.png']) assert.ok(existsSync(join(out, file)), file);
  });
});
