/**
 * Reading IDX files in Node within limits: the bytes come through a bounded read (no FIFO hang,
 * no /dev/zero without end), gzip is inflated as a stream, and as soon as the header is in, the
 * size it claims is checked against the memory budget and the body must match it exactly: a
 * gzip bomb stops at the first byte past the claimed size, naming that offset.
 */
import { createGunzip } from 'node:zlib';
import { checkAllocation } from '../errors/limits.js';
import { streamBytes, type BoundedReadOptions } from './bounded-read.js';
import { DataFormatError } from './errors.js';
import { decodeIdx, type IdxArray } from './idx.js';

/** Collects decompressed IDX bytes, checking the header's claim against the budget and the body's length. */
class IdxCollector {
  readonly #file: string;
  readonly #chunks: Buffer[] = [];
  #length = 0;
  #expected: { dims: number[]; size: number; headerLength: number; total: number } | undefined;

  constructor(file: string) {
    this.#file = file;
  }

  /** Adds decompressed bytes; throws as soon as the body runs past the header's size. */
  push(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#length += chunk.length;
    if (this.#expected === undefined) this.#claim();
    const expected = this.#expected;
    if (expected !== undefined && this.#length > expected.total) {
      const { dims, size, headerLength } = expected;
      const payload = this.#length - headerLength;
      throw new DataFormatError(
        { file: this.#file, byte: expected.total },
        `header says ${dims.join(' x ')} = ${size} bytes of data but the file holds at least ${payload} (${payload - size} or more extra, from byte ${expected.total})`,
      );
    }
  }

  /** The whole array, after the exact-length check of decodeIdx. */
  end(): IdxArray {
    return decodeIdx(Buffer.concat(this.#chunks, this.#length), this.#file);
  }

  /** Reads the header's claim once it is complete (header length + the product of the dimensions), checked against the budget. */
  #claim(): void {
    if (this.#length < 4) return;
    const head = Buffer.concat(this.#chunks, this.#length);
    this.#chunks.length = 0;
    this.#chunks.push(head);
    // A bad magic is named by decodeIdx at the end; past 1 MB of it, stop reading.
    if (head[0] !== 0 || head[1] !== 0 || head[2] !== 0x08) {
      if (head.length > 1 << 20) decodeIdx(head.subarray(0, 16), this.#file);
      return;
    }
    const rank = head[3]!;
    const headerLength = 4 + 4 * rank;
    if (head.length < headerLength) return;
    const dims = Array.from({ length: rank }, (_, d) => head.readUInt32BE(4 + 4 * d));
    const size = dims.reduce((a, b) => a * b, 1);
    checkAllocation(`${this.#file}: an IDX array of ${dims.join(' x ')} bytes`, size);
    this.#expected = { dims, size, headerLength, total: headerLength + size };
  }
}

/** Reads an IDX file (gzip-compressed or not, whatever its name) within the limits of `options`. */
export async function readIdxBounded(path: string, options: BoundedReadOptions = {}): Promise<IdxArray> {
  const collector = new IdxCollector(path);
  let gunzip: ReturnType<typeof createGunzip> | undefined;
  let decided = false;
  let compressedBytes = 0;
  const inflated = new Promise<void>((resolve, reject) => {
    const go = (chunk: Buffer) => {
      if (!decided) {
        decided = true;
        if (chunk[0] === 0x1f && chunk[1] === 0x8b) {
          gunzip = createGunzip({ chunkSize: 1 << 20 });
          gunzip.on('data', (out: Buffer) => {
            try {
              collector.push(out);
            } catch (error) {
              gunzip!.destroy();
              reject(error);
            }
          });
          gunzip.on('end', () => resolve());
          gunzip.on('error', (error) => reject(new DataFormatError({ file: path, byte: compressedBytes }, `gzip data is truncated or corrupt (${error.message})`)));
        }
      }
      compressedBytes += chunk.length;
      if (gunzip === undefined) collector.push(chunk);
      else gunzip.write(chunk);
    };
    streamBytes(path, go, options).then(
      () => {
        if (gunzip === undefined) resolve();
        else gunzip.end();
      },
      (error: unknown) => {
        gunzip?.destroy();
        reject(error);
      },
    );
  });
  await inflated;
  return collector.end();
}
