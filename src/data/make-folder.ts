/**
 * `mkdir -p` that always ends. Node's `mkdir(path, { recursive: true })` spins forever (100 %
 * CPU, the promise never settles) when a folder's parent exists but cannot hold it: procfs
 * answers `mkdir /proc/x` with ENOENT, which Node reads as "parent missing", so it creates the
 * parent (EEXIST, fine) and retries the child, again and again; a dangling symlink does the same.
 * Here the missing components are found first (stat, walking up) and created one by one,
 * top-down, each once: a bounded number of system calls, and one plain reason when one fails.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { BackpropError } from '../errors/backprop-error.js';

/** A folder that could not be created: `folder` is the one asked for, `failed` the component that failed, `reason` plain words. */
export class FolderCreationError extends BackpropError {
  readonly folder: string;
  readonly failed: string;
  readonly reason: string;
  readonly code: string | undefined;

  constructor(folder: string, failed: string, reason: string, code: string | undefined) {
    super(`cannot create folder ${folder}: ${reason}`);
    this.name = 'FolderCreationError';
    this.folder = folder;
    this.failed = failed;
    this.reason = reason;
    this.code = code;
  }
}

/** Creates `folder` and its missing parents (nothing when it exists); throws FolderCreationError with a one-line reason. */
export function makeFolderSync(folder: string): void {
  const missing: string[] = [];
  let at = resolve(folder);
  for (;;) {
    const kind = entryKind(at);
    if (kind === 'folder') break;
    if (kind === 'other') throw new FolderCreationError(folder, at, `${at} is a file, not a folder`, 'ENOTDIR');
    missing.push(at);
    const parent = dirname(at);
    if (parent === at) break; // a root that does not exist (a Windows drive letter that is not there)
    at = parent;
  }
  for (const path of missing.reverse()) {
    try {
      mkdirSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && entryKind(path) === 'folder') continue; // made meanwhile by someone else
      throw new FolderCreationError(folder, path, reasonOf(code, path, error), code);
    }
  }
}

/** What is at `path`, following symlinks: a folder, something else, or nothing (a dangling symlink counts as nothing). */
function entryKind(path: string): 'folder' | 'other' | 'none' {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'other';
  } catch {
    // ENOENT, ENOTDIR (a file further up: the walk finds it), EACCES and the like (mkdir reports them).
    return 'none';
  }
}

/** Plain words for a failed mkdir of `path`. */
function reasonOf(code: string | undefined, path: string, error: unknown): string {
  const parent = dirname(path);
  switch (code) {
    case 'ENOENT':
      return `${parent} does not allow new folders in it, as in a virtual file system`;
    case 'EEXIST':
      return `${path} exists but is not a folder (a dangling link?)`;
    case 'EACCES':
    case 'EPERM':
      return `no permission to create ${path}`;
    case 'EROFS':
      return `${parent} is on a read-only file system`;
    case 'ENOSPC':
      return 'no space left on the device';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    case 'ENOTDIR':
      return `${parent} is a file, not a folder`;
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}
