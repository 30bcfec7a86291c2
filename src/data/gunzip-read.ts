/**
 * Gzip-compressed text files (`data.csv.gz`), read as pandas reads them: inflated as a stream, so
 * the compressed file is never held whole, with the byte cap on the inflated text (a gzip bomb
 * stops at the cap). Only regular files are peeked at (file-head.ts); other inputs keep bounded-read's
 * refusal.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { DataFormatError } from './errors.js';
import { drainStream, readError, type DrainOptions } from './drain-stream.js';

/** Whether `head` (a file's first bytes, file-head.ts) starts with the gzip magic bytes (1f 8b). */
export function startsWithGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Streams the inflated bytes of the gzip file at `path` into `push`, within `options`' cap and idle time. */
export function streamGunzipped(path: string, push: (chunk: Buffer) => void, options: Omit<DrainOptions, 'timed' | 'onStreamError'>): Promise<number> {
  const source = createReadStream(path, { highWaterMark: 1 << 20 });
  const inflate = createGunzip();
  let sourceError: NodeJS.ErrnoException | undefined;
  source.on('error', (error: NodeJS.ErrnoException) => {
    sourceError = error;
    inflate.destroy(error);
  });
  source.pipe(inflate);
  const done = drainStream(inflate, push, {
    ...options,
    timed: true,
    onStreamError: (error, inflated) =>
      error === sourceError ? readError(options.label, error) : new DataFormatError({ file: options.label }, `gzip data is truncated or corrupt after ${inflated} inflated bytes (${error.message})`),
  });
  return done.finally(() => source.destroy());
}
