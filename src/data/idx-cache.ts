/**
 * An explicit cache of decompressed IDX files, so that a data set read again (Fashion-MNIST's
 * 47 MB of training images take about 150 ms of inflating each time) is read back as plain bytes.
 * It lives in the cache directory that downloads use (default ~/.cache/backprop), in
 * `<cacheDir>/unpacked/<file name without .gz>.<key>`, where the key names the source file's
 * path, size and modification time: a changed or moved source gets a new entry and the old one
 * is deleted. Entries are written to a temporary name and renamed into place (a reader never sees
 * half a file); one read back must be a regular file of exactly the size its own IDX header
 * claims (decodeIdx), or it is deleted and the source is decompressed again. Only gzipped files
 * of at least 1 MiB are cached; a cache that cannot be written (read-only home, full disk) is
 * skipped silently. Delete the folder at any time to reclaim the space.
 */
import { createHash } from 'node:crypto';
import { open, readdir, rm, stat } from 'node:fs/promises';
import { writeFileAtomically } from './atomic-write.js';
import { makeFolderSync } from './make-folder.js';
import { basename, join, resolve } from 'node:path';
import { checkAllocation } from '../errors/limits.js';
import { regularFileHead } from './file-head.js';
import { startsWithGzip } from './gunzip-read.js';
import { readIdxBounded } from './idx-read.js';
import { decodeIdx, encodeIdxHeader, type IdxArray } from './idx.js';

/** Gzipped files smaller than this are inflated every time (labels: a millisecond). */
const MIN_CACHED_BYTES = 1 << 20;

/** The cache folder under a cache root. */
export function unpackedCacheDir(cacheDir: string): string {
  return join(cacheDir, 'unpacked');
}

/**
 * Reads the IDX file `path` as readIdxBounded does, through the cache under `cacheDir` when it is
 * gzipped and large enough: from the cached copy when there is a good one, else decompressed
 * (with all of readIdxBounded's checks) and then stored.
 */
export async function readIdxCached(path: string, cacheDir: string): Promise<IdxArray> {
  const source = await stat(path).catch(() => undefined);
  if (source === undefined || !source.isFile() || source.size < MIN_CACHED_BYTES || !startsWithGzip((await regularFileHead(path)) ?? new Uint8Array(0))) return readIdxBounded(path);
  const folder = unpackedCacheDir(cacheDir);
  const stem = basename(path).replace(/\.gz$/i, '');
  const key = createHash('sha256').update(`${resolve(path)}\0${source.size}\0${source.mtimeMs}`).digest('hex').slice(0, 16);
  const entry = join(folder, `${stem}.${key}`);
  const cached = await readEntry(entry);
  if (cached !== undefined) return cached;
  const idx = await readIdxBounded(path);
  await store(folder, stem, entry, idx.dims, idx.data).catch(() => undefined);
  return idx;
}

/** The cached array at `entry`, or undefined when there is none or it is not a whole IDX file (then it is deleted). */
async function readEntry(entry: string): Promise<IdxArray | undefined> {
  const info = await stat(entry).catch(() => undefined);
  if (info === undefined) return undefined;
  if (!info.isFile()) return undefined;
  checkAllocation(`${entry}: a cached IDX file of ${info.size} bytes`, info.size);
  try {
    return decodeIdx(await readWhole(entry, info.size), entry);
  } catch {
    await rm(entry, { force: true }).catch(() => undefined);
    return undefined;
  }
}

/**
 * The `size` bytes of the file at `path` in one buffer, read with as few calls as the system
 * allows (readFile reads 512 KB per round trip to the thread pool: 39-94 ms against 31-33 for
 * Fashion-MNIST's 47 MB here). A file of another size is returned as read, for decodeIdx to refuse.
 */
async function readWhole(path: string, size: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const bytes = Buffer.allocUnsafe(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await handle.read(bytes, at, size - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return at === size ? bytes : bytes.subarray(0, at);
  } finally {
    await handle.close();
  }
}

/** Writes the array to `entry` atomically (data/atomic-write.ts) and deletes older entries of the same file name. */
async function store(folder: string, stem: string, entry: string, dims: readonly number[], data: Uint8Array): Promise<void> {
  makeFolderSync(folder);
  await writeFileAtomically(entry, [encodeIdxHeader(dims), data]);
  for (const name of await readdir(folder)) {
    if (name.startsWith(`${stem}.`) && join(folder, name) !== entry && !name.endsWith('.tmp')) await rm(join(folder, name), { force: true }).catch(() => undefined);
  }
}
