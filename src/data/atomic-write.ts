/**
 * Writing a file so that a crash mid-write never leaves half of it at its name: the data goes to
 * `path.<12 hex>.tmp` beside it, which is then renamed over `path`. Temporary files of the same
 * name that an earlier, killed write left behind are removed afterwards. Used for model files,
 * exported models and the decompressed-IDX cache.
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `data` (text, bytes, or byte parts written one after the other) to `path` atomically.
 * Throws the file system's error after removing its own temporary file.
 */
export async function writeFileAtomically(path: string, data: string | Uint8Array | readonly Uint8Array[]): Promise<void> {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temporary, 'wx');
    try {
      // FileHandle.writeFile writes all of its data from the current position, so parts follow each other.
      for (const part of typeof data === 'string' || data instanceof Uint8Array ? [data] : data) await handle.writeFile(part);
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await removeStaleTemporaries(path);
}

/** Removes `NAME.<12 hex>.tmp` files beside `path` (left by writes that were killed mid-way). */
async function removeStaleTemporaries(path: string): Promise<void> {
  const name = basename(path);
  const pattern = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.[0-9a-f]{12}\\.tmp$`);
  let names: string[];
  try {
    names = await readdir(dirname(path));
  } catch {
    return;
  }
  await Promise.all(names.filter((n) => pattern.test(n)).map((n) => rm(join(dirname(path), n), { force: true })));
}
