/**
 * Why a file could not be written, in words instead of an errno code ("cannot write m.onnx:
 * ENOENT" told a person nothing): every command that writes a file (train --save, the run folder,
 * export) names the file and one of these reasons.
 */
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { unexpandedTilde } from '../data/missing-path.js';

/** The reason writing `path` failed with `error` (a Node errno error, or anything else). */
export function writeProblem(path: string, error: unknown): string {
  if (path === '') return 'the file name is empty';
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const folder = dirname(path);
  switch (code) {
    case 'ENOENT':
      return isFolder(folder) ? `${folder} does not allow new files in it` : `the folder ${folder} does not exist${unexpandedTilde(folder)}`;
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EBADF':
      return 'it is not open for writing';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    case 'ELOOP':
      return 'too many symbolic links (links that point at each other?)';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
