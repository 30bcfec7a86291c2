/** Under a 4 GB address-space limit (ulimit -v) the default train, PNG step included, still runs. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { addressSpaceLimit, engineUnderLimit, needsRelaunch } from '../src/cli/address-space.js';
import { tempDir } from './cli-run.js';

describe('address-space limits', () => {
  it('reads the limit from /proc/self/limits text', () => {
    assert.equal(addressSpaceLimit('Max address space         unlimited            unlimited            bytes\n'), undefined);
    assert.equal(addressSpaceLimit('Max address space         4294967296           4294967296           bytes\n'), 4294967296);
    assert.equal(needsRelaunch(undefined), false);
    assert.equal(needsRelaunch(2 ** 50), false);
    assert.equal(needsRelaunch(4 * 2 ** 30), process.allowedNodeEnvironmentFlags.has('--disable-wasm-trap-handler'));
  });

  it('sizes the kernels memory and the threads to fit under a limit', () => {
    const GiB = 1024 ** 3;
    const MiB = 1024 ** 2;
    assert.equal(engineUnderLimit(16, undefined), undefined);
    assert.equal(engineUnderLimit(16, 2 ** 50), undefined);
    assert.deepEqual(engineUnderLimit(16, 4 * GiB), { threads: 3, maximumMemory: 1.25 * GiB });
    assert.deepEqual(engineUnderLimit(2, 4 * GiB), { threads: 2, maximumMemory: 1.75 * GiB }, 'fewer cores: more memory');
    assert.deepEqual(engineUnderLimit(16, 3 * GiB), { threads: 2, maximumMemory: 0.75 * GiB });
    assert.deepEqual(engineUnderLimit(16, 2 * GiB), { threads: 1, maximumMemory: 256 * MiB }, 'never below one thread and 256 MiB');
    assert.deepEqual(engineUnderLimit(16, 8 * GiB), { threads: 7, maximumMemory: 2 * GiB });
    // Threads asked for: the memory gets what they leave, at most 2 GiB; too many are refused in one line.
    assert.deepEqual(engineUnderLimit(16, 4 * GiB, 1), { threads: 1, maximumMemory: 2 * GiB });
    assert.deepEqual(engineUnderLimit(16, 4 * GiB, 4), { threads: 4, maximumMemory: 0.75 * GiB });
    assert.throws(() => engineUnderLimit(16, 4 * GiB, 8), /^ResourceLimitError: 8 threads need about 5\.9 GB of address space, more than the limit \(ulimit -v\) of 4\.3 GB; at most 5 fit$/);
    assert.throws(() => engineUnderLimit(16, 1.5 * GiB), /^ResourceLimitError: the WebAssembly engine needs about 2\.1 GB of address space, more than the limit \(ulimit -v\) of 1\.6 GB$/);
    for (const limit of [2, 3, 4, 6, 8, 16, 32].map((g) => g * GiB)) {
      const plan = engineUnderLimit(64, limit)!;
      assert.ok(1.75 * GiB + plan.maximumMemory + (plan.threads - 1) * 512 * MiB <= limit, `${limit / GiB} GiB: the reservations fit`);
      assert.equal(plan.maximumMemory % 65536, 0, 'whole pages');
    }
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
