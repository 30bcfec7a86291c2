import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { encodeIdx } from '../src/data/idx.js';
import { readIdxCached, unpackedCacheDir } from '../src/data/idx-cache.js';
import { readIdxPair } from '../src/data/files.js';

const dir = mkdtempSync(join(tmpdir(), 'backprop-idx-cache-'));
// Random pixels do not compress: the gzipped file is over the 1 MiB caching threshold.
const pixels = new Uint8Array(randomBytes(1200 * 1000));
const images = encodeIdx([1200, 25, 40], pixels);
const source = join(dir, 'train-images-idx3-ubyte.gz');
writeFileSync(source, gzipSync(images));
const entries = (cache: string): string[] => readdirSync(unpackedCacheDir(cache)).sort();

test('idx cache: the first read decompresses and stores an exact copy; the next read comes from it', async () => {
  const cache = mkdtempSync(join(dir, 'cache-'));
  const first = await readIdxCached(source, cache);
  assert.deepEqual(first.dims, [1200, 25, 40]);
  assert.ok(Buffer.from(first.data).equals(Buffer.from(pixels)));
  const [entry, ...more] = entries(cache);
  assert.equal(more.length, 0, 'one entry, no temporary file left');
  assert.match(entry!, /^train-images-idx3-ubyte\.[0-9a-f]{16}$/);
  const path = join(unpackedCacheDir(cache), entry!);
  assert.ok(readFileSync(path).equals(Buffer.from(images)), 'the entry is the uncompressed IDX file');
  // Mark the cached copy (same size): a read that returns the mark was served from the cache.
  const marked = Buffer.from(images);
  marked[marked.length - 1] = marked[marked.length - 1]! ^ 0xff;
  writeFileSync(path, marked);
  const second = await readIdxCached(source, cache);
  assert.equal(second.data[second.data.length - 1], pixels[pixels.length - 1]! ^ 0xff);
});

test('idx cache: a cached copy of the wrong size is deleted and the source read again', async () => {
  const cache = mkdtempSync(join(dir, 'cache-'));
  await readIdxCached(source, cache);
  const path = join(unpackedCacheDir(cache), entries(cache)[0]!);
  truncateSync(path, images.length - 100);
  const again = await readIdxCached(source, cache);
  assert.ok(Buffer.from(again.data).equals(Buffer.from(pixels)));
  assert.equal(statSync(path).size, images.length, 'rewritten whole');
});

test('idx cache: a changed source gets a new entry and the old one goes', async () => {
  const cache = mkdtempSync(join(dir, 'cache-'));
  const other = join(dir, 'changing-idx3-ubyte.gz');
  writeFileSync(other, gzipSync(images));
  await readIdxCached(other, cache);
  const before = entries(cache);
  const changed = new Uint8Array(randomBytes(pixels.length));
  writeFileSync(other, gzipSync(encodeIdx([1200, 25, 40], changed)));
  utimesSync(other, new Date(), new Date(Date.now() + 5000));
  const read = await readIdxCached(other, cache);
  assert.ok(Buffer.from(read.data).equals(Buffer.from(changed)), 'the new content, not the stale copy');
  const after = entries(cache);
  assert.equal(after.length, 1);
  assert.notEqual(after[0], before[0]);
});

test('idx cache: small gzipped files (labels) are not cached; readIdxPair uses the cache only when given one', async () => {
  const cache = mkdtempSync(join(dir, 'cache-'));
  const labels = join(dir, 'train-labels-idx1-ubyte.gz');
  writeFileSync(labels, gzipSync(encodeIdx([1200], new Uint8Array(1200).map((_, i) => i % 10))));
  const plain = await readIdxPair(source, labels);
  assert.equal(plain.images.count, 1200);
  assert.deepEqual(readdirSync(cache), [], 'no cache without the option');
  const cached = await readIdxPair(source, labels, 10, cache);
  assert.deepEqual(Array.from(cached.labels.subarray(0, 12)), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
  assert.deepEqual(entries(cache).map((name) => name.replace(/\.[0-9a-f]{16}$/, '')), ['train-images-idx3-ubyte']);
});
