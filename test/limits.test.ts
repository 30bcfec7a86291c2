/**
 * Limits checked before allocating: IDX headers, gzip bombs, endless devices, FIFOs with no
 * writer, directories, huge layers, thread counts, the memory budget and bounded stdin.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { BackpropError, DataFormatError, Mlp, ResourceLimitError, createReferenceBackend, createWasmBackend, setMemoryBudget } from '../src/index.js';
import { readBoundedBytes, streamBoundedText, streamTextBytes } from '../src/data/bounded-read.js';
import { regularFileHead } from '../src/data/file-head.js';
import { readIdxFile } from '../src/data/files.js';
import { cli, tempDir } from './cli-run.js';

function idxHeader(dims: number[]): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header[2] = 0x08;
  header[3] = dims.length;
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return header;
}

describe('limits before allocating', () => {
  const dir = tempDir();

  it('an IDX header claiming 2^31 bytes is refused with the size, before reading the body', async () => {
    const path = join(dir, 'huge.idx');
    writeFileSync(path, Buffer.concat([idxHeader([32768, 256, 256]), Buffer.alloc(100)]));
    const previous = setMemoryBudget(1e9);
    try {
      await assert.rejects(readIdxFile(path), (error: unknown) => {
        assert.ok(error instanceof ResourceLimitError);
        assert.match(error.message, /huge\.idx: an IDX array of 32768 x 256 x 256 bytes needs 2\.1 GB, more than the memory limit of 1\.0 GB/);
        return true;
      });
    } finally {
      setMemoryBudget(previous);
    }
  });

  it('a gzip bomb stops at the first byte past the header, naming the offset', async () => {
    const path = join(dir, 'bomb.idx.gz');
    writeFileSync(path, gzipSync(Buffer.concat([idxHeader([10]), Buffer.alloc(200e6)]), { level: 9 }));
    await assert.rejects(readIdxFile(path), (error: unknown) => {
      assert.ok(error instanceof DataFormatError);
      assert.match(error.message, /bomb\.idx\.gz \(byte 18\): header says 10 = 10 bytes of data but the file holds at least \d+ \(\d+ or more extra, from byte 18\)/);
      return true;
    });
  });

  it('/dev/zero as an IDX file ends with a bad-type line, not an endless read', async () => {
    await assert.rejects(readIdxFile('/dev/zero'), /\/dev\/zero \(byte 2\): unknown IDX value type 0x00/);
  });

  it('an endless device is cut at the byte limit', async () => {
    await assert.rejects(readBoundedBytes('/dev/zero', { maxBytes: 5e6 }), (error: unknown) => {
      assert.ok(error instanceof ResourceLimitError);
      assert.match(error.message, /^\/dev\/zero: more than 5\.0 MB arrived, more than the input limit of 5\.0 MB/);
      return true;
    });
  });

  it('a FIFO with no writer, and one whose writer sends nothing, end after the idle time', async () => {
    const fifo = join(dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    await assert.rejects(readBoundedBytes(fifo, { idleMs: 200 }), /pipe\.csv: no writer opened the FIFO for 0\.2 s; giving up/);
  });

  it('the text readers (CSV, predict) peek at regular files only: a FIFO with no writer ends after the idle time, not in a blocked open', async () => {
    const fifo = join(dir, 'peek.csv');
    execFileSync('mkfifo', [fifo]);
    assert.equal(await regularFileHead(fifo), undefined);
    assert.equal(await regularFileHead(dir), undefined);
    assert.equal(await regularFileHead(join(dir, 'nope.csv')), undefined);
    await assert.rejects(streamTextBytes(fifo, () => undefined, { idleMs: 200 }), /peek\.csv: no writer opened the FIFO for 0\.2 s; giving up/);
    await assert.rejects(streamBoundedText(fifo, () => undefined, { idleMs: 200 }), /peek\.csv: no writer opened the FIFO for 0\.2 s; giving up/);
    const file = join(dir, 'short.csv');
    writeFileSync(file, 'a\n');
    assert.deepEqual([...((await regularFileHead(file)) ?? [])], [0x61, 0x0a]);
  });

  it('a directory or a missing file is one line', async () => {
    const folder = join(dir, 'folder.csv');
    mkdirSync(folder);
    await assert.rejects(readBoundedBytes(folder), /folder\.csv: is a directory, not a file/);
    await assert.rejects(readBoundedBytes(join(dir, 'nope.csv')), /nope\.csv: no such file/);
  });

  it('a network too big for the budget is refused before allocating, with its size', () => {
    const backend = createReferenceBackend();
    assert.throws(
      () => new Mlp([{ inputSize: 4, units: 1e9, activation: 'relu', alpha: 0, useBias: true }], backend),
      /a 4-1000000000 network \(5,000,000,000 parameters, weights and gradients\) needs 40\.0 GB, more than the memory limit/,
    );
    assert.throws(() => new Mlp([{ inputSize: 0, units: 3, activation: 'relu', alpha: 0, useBias: true }], backend), /layer 1: inputSize must be a whole number of at least 1, got 0/);
  });

  it('a network the wasm memory cannot hold is refused and leaves the backend usable', () => {
    const backend = createWasmBackend({ threads: 1 });
    assert.throws(() => new Mlp([{ inputSize: 4, units: 100_000_000, activation: 'relu', alpha: 0, useBias: true }], backend), /the WebAssembly engine needs \d+\.\d GB of memory, more than its limit/);
    const small = new Mlp([{ inputSize: 4, units: 3, activation: 'relu', alpha: 0, useBias: true }], backend);
    assert.equal(small.parameterCount, 15);
  });

  it('1000 threads are refused with the limit', () => {
    assert.throws(() => createWasmBackend({ threads: 1000 }), (error: unknown) => error instanceof BackpropError && /1000 threads is more than the limit of \d+/.test(error.message));
  });

  it('the CLI: --layers 100000000, --threads 1000, --max-memory, and /dev/zero on predict', async () => {
    const huge = await cli(['train', 'iris', '--layers', '100000000', '--no-out']);
    assert.equal(huge.code, 1, huge.stderr);
    assert.match(huge.stderr, /^backprop: .*needs \d+\.\d GB( of memory)?, more than .*limit of \d+\.\d GB/);
    const threads = await cli(['--threads', '1000', 'train', 'iris', '--no-out']);
    assert.match(threads.stderr, /^backprop: --threads \(worker threads\) must be a whole number from 1 to \d+, got "1000"/);
    const budget = await cli(['--max-memory', '10MB', 'train', 'iris', '--layers', '2000,2000', '--no-out']);
    assert.match(budget.stderr, /training a 4-2000-2000-3 network \(4,018,003 parameters × 5 copies: .*\) needs 82\.4 MB, more than the memory limit of 10\.0 MB/);
    const badFlag = await cli(['--max-memory', 'lots', 'train', 'iris', '--no-out']);
    assert.equal(badFlag.code, 2);
    assert.match(badFlag.stderr, /--max-memory must be a size/);
    const zeros = await cli(['predict', join(dir, 'any.json'), '/dev/zero']);
    assert.equal(zeros.code, 1);
    assert.match(zeros.stderr, /^backprop: \/dev\/zero \(byte 0\): contains a NUL byte/);
    const bigRows = join(dir, 'big-rows.csv');
    writeFileSync(bigRows, '1,2,3,4\n'.repeat(2_000_000));
    const big = await cli(['--max-memory', '10MB', 'predict', join(dir, 'any.json'), bigRows]);
    assert.equal(big.code, 1);
    assert.match(big.stderr, /big-rows\.csv: its 16\.0 MB are more than the input limit of 10\.0 MB/);
    for (const outcome of [huge, threads, budget, badFlag, zeros, big]) assert.doesNotMatch(outcome.stderr, /^\s+at /m);
  });
});

describe('formatCount', () => {
  it("writes whole numbers as toLocaleString('en-US') does", async () => {
    const { formatCount } = await import('../src/errors/limits.js');
    for (const n of [0, 7, 999, 1000, 12345, 999999, 1000000, 158800, 2 ** 31, -1234567, 1234.6, Number.MAX_SAFE_INTEGER]) {
      assert.equal(formatCount(n), Math.round(n).toLocaleString('en-US'), String(n));
    }
    assert.equal(formatCount(-0.2), '0');
    assert.equal(formatCount(NaN), 'NaN');
  });
});

describe('one-hot encoding over the memory budget', () => {
  it('names the categorical column that makes the matrix wide and the flags that help, before allocating', async () => {
    const dir = tempDir();
    const path = join(dir, 'codes.csv');
    writeFileSync(path, 'code,x,y\n' + Array.from({ length: 2000 }, (_, i) => `c${i % 1500},${i % 7},${i % 2}`).join('\n') + '\n');
    const run = await cli(['train', path, '--categorical', 'code', '--epochs', '1', '--no-out', '--max-memory', '8MB']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^backprop: one-hot encoding 1,600 rows gives 1,275 inputs \(categories: "code" 1,274\), a matrix of 8\.2 MB, more than the memory limit of 8\.0 MB; leave such a column out \(--ignore code\) or raise the limit \(--max-memory\)\n$/);
  });
});
