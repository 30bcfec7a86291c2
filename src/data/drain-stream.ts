/**
 * The bounded drain under every reader of bounded-read.ts: a readable stream's chunks go to
 * `push` until it ends, with a byte cap and an idle timer, and each way of failing (too many
 * bytes, nothing arriving, a read error) ends as one error naming the input.
 */
import type { Readable } from 'node:stream';
import { formatBytes, memoryBudget } from '../errors/limits.js';
import { ResourceLimitError } from '../errors/resource-limit-error.js';
import { DataFormatError } from './errors.js';
import { missingPathReason } from './missing-path.js';

/** How long a read waits for the first or next byte before giving up (30 s). */
export const DEFAULT_IDLE_MS = 30_000;

/** Limits of one drain. */
export interface DrainOptions {
  /** Name of the input in messages. */
  readonly label: string;
  /** Most bytes accepted (default: the memory budget). */
  readonly maxBytes?: number;
  /** Milliseconds with no byte after which the read fails (default 30 000). */
  readonly idleMs?: number;
  /** How to get past the byte limit, for the message. */
  readonly limitHint?: string;
  /** Whether the idle timer runs (not for a person typing on a terminal). */
  readonly timed: boolean;
  /** Pause the stream on failure instead of destroying it (stdin). */
  readonly keepOpen?: boolean;
  /** The error for a stream 'error' event (default: readError). */
  readonly onStreamError?: (error: NodeJS.ErrnoException, bytesSoFar: number) => Error;
}

/** Feeds the chunks of `stream` to `push` until it ends; resolves to the number of bytes read. */
export function drainStream(stream: Readable, push: (chunk: Buffer) => void, options: DrainOptions): Promise<number> {
  const { label, timed } = options;
  const maxBytes = options.maxBytes ?? memoryBudget();
  const idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  let total = 0;
  return new Promise<number>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const finish = (error?: Error) => {
      if (timer !== undefined) clearTimeout(timer);
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      if (error === undefined) return resolve(total);
      if (options.keepOpen === true) stream.pause();
      else stream.destroy();
      reject(error);
    };
    const arm = () => {
      if (!timed) return;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => finish(idleError(label, idleMs, total)), idleMs);
      timer.unref();
    };
    const onData = (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      total += bytes.length;
      if (total > maxBytes) return finish(tooLarge(label, total, maxBytes, false, options.limitHint));
      try {
        push(bytes);
      } catch (error) {
        return finish(error as Error);
      }
      arm();
    };
    const onEnd = () => finish();
    const onError = (error: NodeJS.ErrnoException) => finish(options.onStreamError?.(error, total) ?? readError(label, error));
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    arm();
    stream.resume();
  });
}

export function idleError(label: string, idleMs: number, total: number, what = total === 0 ? 'no data arrived' : `no more data arrived after ${formatBytes(total)}`): DataFormatError {
  return new DataFormatError({ file: label }, `${what} for ${idleMs / 1000} s; giving up (is something writing to it?)`);
}

export function tooLarge(label: string, bytes: number, limit: number, known: boolean, hint = 'raise it with --max-memory'): ResourceLimitError {
  const size = known ? `its ${formatBytes(bytes)} are` : `more than ${formatBytes(limit)} arrived,`;
  return new ResourceLimitError(`${label}: ${size} more than the input limit of ${formatBytes(limit)} (${hint})`, { requested: bytes, limit });
}

/** One line for a failed open or read: no such file, a directory, no permission. */
export function readError(label: string, error: NodeJS.ErrnoException): DataFormatError {
  const reasons: Record<string, string> = {
    ENOENT: 'no such file',
    EISDIR: 'is a directory, not a file',
    EACCES: 'permission denied',
    ENOTDIR: 'a part of the path is not a directory',
    ELOOP: 'too many symbolic links',
  };
  if (error.code === 'ENOENT' && !label.startsWith('<')) return new DataFormatError({ file: label }, missingPathReason(label).replace('no such file or directory', 'no such file'));
  const reason = (error.code !== undefined ? reasons[error.code] : undefined) ?? `cannot be read (${error.code ?? error.message})`;
  return new DataFormatError({ file: label }, reason);
}
