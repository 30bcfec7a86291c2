/**
 * One peek at the first bytes of a regular file, for the readers that choose how to read a path
 * by its magic bytes (gzip, zip). Only regular files are peeked at: a FIFO, a device, a directory
 * or a missing path gives undefined without being read, so nothing is consumed from a pipe and
 * an open never blocks on a FIFO without a writer (the read proper says what is wrong, with its
 * idle timer).
 */
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';

/** Bytes a peek reads: enough for every magic number the readers look at. */
export const HEAD_BYTES = 4;

/**
 * Up to the first `length` bytes of `path` (fewer when the file is shorter) when it is a regular
 * file, else undefined; any failure to read is undefined too.
 */
export async function regularFileHead(path: string, length = HEAD_BYTES): Promise<Uint8Array | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (info?.isFile() !== true) return undefined;
  // O_NONBLOCK: should the path become a FIFO between the stat and the open, the open still returns.
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch(() => undefined);
  if (handle === undefined) return undefined;
  try {
    if (!(await handle.stat()).isFile()) return undefined;
    const head = Buffer.alloc(length);
    const { bytesRead } = await handle.read(head, 0, length, 0);
    return head.subarray(0, bytesRead);
  } catch {
    return undefined;
  } finally {
    await handle.close().catch(() => undefined);
  }
}
