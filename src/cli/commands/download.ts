/**
 * `backprop download <name>`: fetches a data set's files into the cache and verifies their
 * checksums (resuming a partial download), as `downloadDataset` does; prints where they are.
 */
import type { Command } from 'commander';
import { FolderCreationError } from '../../data/make-folder.js';
import { REMOTE_DATASETS, checkBaseUrl, downloadDataset } from '../../data/remote.js';
import { BackpropError } from '../../errors/backprop-error.js';
import { UsageError } from '../errors.js';
import type { RemoteDatasetName } from '../../data/remote.js';
import type { CliIo } from '../io.js';
import { pickName } from '../options.js';

/** Options of `download`. */
export interface DownloadCommandOptions {
  readonly name: string;
  /** Cache root (default ~/.cache/backprop). */
  readonly cacheDir?: string;
  /** A mirror replacing the upstream directory (url = base + file name). */
  readonly baseUrl?: string;
  /** Called as bytes arrive. */
  readonly onProgress?: (received: number, total: number | undefined) => void;
}

/**
 * Downloads the data set; returns its directory. A --base-url that is not an http(s) address, an
 * empty --cache-dir, or a cache folder that cannot be created (no permission, a file in the way,
 * /proc) is one line naming the flag (UsageError, exit 2; exit 1 for the default cache folder).
 */
export async function downloadCommand(options: DownloadCommandOptions): Promise<string> {
  const name = pickName('downloadable data set', options.name, Object.keys(REMOTE_DATASETS) as RemoteDatasetName[]);
  if (options.baseUrl !== undefined) checkBaseUrl(options.baseUrl, '--base-url');
  if (options.cacheDir !== undefined && options.cacheDir.trim() === '') throw new UsageError('--cache-dir is empty: give the folder to keep downloads in (default ~/.cache/backprop)');
  try {
    return await downloadDataset(name, {
      ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }),
      ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    });
  } catch (error) {
    if (!(error instanceof FolderCreationError)) throw error;
    if (options.cacheDir !== undefined) throw new UsageError(`--cache-dir ${options.cacheDir}: cannot create folder ${error.folder}: ${error.reason}`);
    throw new BackpropError(`cannot create the cache folder ${error.folder}: ${error.reason}; choose another with --cache-dir`);
  }
}

/** Adds `download` to the program. */
export function registerDownload(program: Command, io: CliIo): void {
  program
    .command('download')
    .description(`download and verify a data set into the cache (${Object.keys(REMOTE_DATASETS).join(', ')})`)
    .argument('<name>', Object.keys(REMOTE_DATASETS).join(', '))
    .option('--cache-dir <dir>', 'cache root (default ~/.cache/backprop)')
    .option('--base-url <url>', 'mirror to download from instead of the upstream site: the http(s) address of a folder holding the files')
    .action(async (name: string, flags: Record<string, unknown>) => {
      const text = (key: string) => (typeof flags[key] === 'string' ? (flags[key] as string) : undefined);
      const cacheDir = text('cacheDir');
      const baseUrl = text('baseUrl');
      let shown = -1;
      const dir = await downloadCommand({
        name,
        ...(cacheDir === undefined ? {} : { cacheDir }),
        ...(baseUrl === undefined ? {} : { baseUrl }),
        onProgress: (received, total) => {
          const mb = Math.floor(received / (1 << 20));
          if (!io.interactive || mb === shown) return;
          shown = mb;
          io.stderr.write(`\r${name}: ${mb} MiB${total === undefined ? '' : ` of ${Math.ceil(total / (1 << 20))} MiB`}`);
        },
      });
      if (shown >= 0) io.stderr.write('\n');
      io.stdout.write(`${name}: files verified in ${dir}\n`);
    });
}
