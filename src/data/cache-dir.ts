/** The cache root of downloads and decompressed copies, in a module of its own (no network code to load). */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** `~/.cache/backprop`, the default cache directory. */
export function defaultCacheDir(): string {
  return join(homedir(), '.cache', 'backprop');
}
