/**
 * Which file a model was trained on, so that `evaluate` recreates the training split only on
 * that very data: `train` stores the file's absolute path, size and modification time, and a
 * SHA-256 of its bytes for files up to HASHED_BYTES_MAX; `evaluate` compares them.
 */
import { createHash } from 'node:crypto';
import { openSync, readSync, closeSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

/** Files up to this size get a SHA-256 at train time (a copy of the same bytes elsewhere then still counts as the same data). */
export const HASHED_BYTES_MAX = 64 * 1024 * 1024;

/** The identity of a data file, as stored in a model's `metadata.source.file`. */
export interface FileIdentity {
  /** Absolute path. */
  readonly path: string;
  /** Size in bytes. */
  readonly size: number;
  /** Modification time, milliseconds since 1970. */
  readonly mtimeMs: number;
  /** Hex SHA-256 of the bytes (files of at most HASHED_BYTES_MAX bytes). */
  readonly sha256?: string;
}

/** The identity of `path` if it names a regular file (undefined for built-in names and directories). */
export function fileIdentity(path: string): FileIdentity | undefined {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined || !stat.isFile()) return undefined;
  const hash = stat.size <= HASHED_BYTES_MAX ? sha256Of(path) : undefined;
  return { path: resolve(path), size: stat.size, mtimeMs: stat.mtimeMs, ...(hash === undefined ? {} : { sha256: hash }) };
}

/**
 * Whether `path` holds the data `stored` describes: the same absolute path, size and
 * modification time, or (when a hash is stored) the same size and bytes.
 */
export function isSameFile(stored: FileIdentity, path: string): boolean {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined || !stat.isFile() || stat.size !== stored.size) return false;
  if (resolve(path) === stored.path && stat.mtimeMs === stored.mtimeMs) return true;
  return stored.sha256 !== undefined && sha256Of(path) === stored.sha256;
}

/** Hex SHA-256 of a file, read in 1 MiB pieces (undefined when it cannot be read). */
function sha256Of(path: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const hash = createHash('sha256');
    const buffer = Buffer.alloc(1 << 20);
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) hash.update(buffer.subarray(0, n));
    return hash.digest('hex');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
