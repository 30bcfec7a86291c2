/**
 * The CLI's default memory budget: half of the machine's (or container's) memory, and under an
 * address-space limit (ulimit -v) half of what the limit leaves after the WebAssembly engine's
 * reservations, at least 256 MB; so a 4 GB limit refuses a 2 GB input in one line instead of
 * the process dying when it cannot allocate.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { addressSpaceLeft, engineUnderLimit } from '../src/cli/address-space.js';
import { defaultMemoryBudget, describeDefaultBudget } from '../src/cli/memory-flag.js';
import { tempDir } from './cli-run.js';

const GiB = 1024 ** 3;

describe('default memory budget', () => {
  it('is half of the machine memory, or of a smaller container limit', () => {
    assert.equal(defaultMemoryBudget({ total: 32e9, free: 20e9 }), 16e9);
    assert.equal(defaultMemoryBudget({ total: 32e9, free: 20e9, constrained: 8e9 }), 4e9);
    assert.equal(defaultMemoryBudget({ total: 32e9, free: 20e9, constrained: 64e9 }), 16e9, 'a container limit above the machine changes nothing');
    assert.equal(defaultMemoryBudget({ total: 32e9, free: 20e9, addressSpace: 2 ** 50 }), 16e9, 'a huge address-space limit changes nothing');
    assert.match(describeDefaultBudget({ total: 32e9, free: 20e9 }), /^16\.0 GB, half of this machine's memory$/);
  });

  it("under ulimit -v is half of what the engine's reservations leave, at least 256 MB", () => {
    const facts = { total: 32e9, free: 20e9 };
    // 4 GiB, 2 cores: 2 threads on a 1.75 GiB memory; the main engine's 1.75 GiB and a worker's 512 MiB leave nothing by this count.
    const four = { ...facts, addressSpace: 4 * GiB, engine: engineUnderLimit(2, 4 * GiB) };
    assert.equal(addressSpaceLeft(4 * GiB, four.engine), 0);
    assert.equal(defaultMemoryBudget(four), 256e6);
    assert.match(describeDefaultBudget(four), /^256\.0 MB, half of what the address-space limit \(ulimit -v\) leaves after the WebAssembly engine, at least 256 MB$/);
    // 8 GiB, 2 cores: 2 threads on 2 GiB; 8 - 1.75 - 0.5 - 2 = 3.75 GiB left, half of it.
    const eight = { ...facts, addressSpace: 8 * GiB, engine: engineUnderLimit(2, 8 * GiB) };
    assert.equal(defaultMemoryBudget(eight), 1.875 * GiB);
    // A small machine under a large limit: the machine's half is the smaller.
    assert.equal(defaultMemoryBudget({ total: 2e9, free: 1e9, addressSpace: 32 * GiB, engine: engineUnderLimit(2, 32 * GiB) }), 1e9);
    // No engine plan (the trap handler on, 64 GiB or more): its three ~10 GB reservations come off.
    assert.equal(defaultMemoryBudget({ total: 256e9, free: 200e9, addressSpace: 64 * GiB }), 17 * GiB);
  });

  it('ulimit -v 4 GB: an IDX whose header claims 2^31 bytes ends with one ResourceLimitError line, exit 1', () => {
    const dir = join(tempDir(), 'idx');
    mkdirSync(dir);
    const header = (dims: number[]) => {
      const bytes = Buffer.alloc(4 + 4 * dims.length);
      bytes[2] = 0x08;
      bytes[3] = dims.length;
      dims.forEach((d, i) => bytes.writeUInt32BE(d, 4 + 4 * i));
      return bytes;
    };
    const images = join(dir, 'train-images-idx3-ubyte');
    writeFileSync(images, header([32768, 256, 256]));
    truncateSync(images, 16 + 2 ** 31); // sparse: the header's size is really there
    writeFileSync(join(dir, 'train-labels-idx1-ubyte'), Buffer.concat([header([32768]), Buffer.alloc(32768)]));
    writeFileSync(join(dir, 't10k-images-idx3-ubyte'), Buffer.concat([header([10, 28, 28]), Buffer.alloc(7840)]));
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte'), Buffer.concat([header([10]), Buffer.alloc(10)]));
    const command = `ulimit -v 4194304 && exec "${process.execPath}" --disable-wasm-trap-handler --experimental-wasm-relaxed-simd --import tsx src/cli/main.ts --threads 1 train "${dir}" --epochs 1 --no-out`;
    const run = spawnSync('sh', ['-c', command], { encoding: 'utf8' });
    const lines = run.stderr.split('\n').filter((line) => line.trim() !== '');
    assert.equal(run.status, 1, run.stderr);
    assert.equal(lines.length, 1, run.stderr);
    assert.match(lines[0]!, /^backprop: .*train-images-idx3-ubyte: its 2\.1 GB are more than the input limit of 256\.0 MB/);
  });
});
