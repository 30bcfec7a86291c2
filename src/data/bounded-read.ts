/**
 * Node readers that never hang and never swallow the machine: every input (a file, a FIFO, a
 * device, stdin) is read in chunks with a byte cap (the memory budget unless given), and where
 * nothing arrives for `idleMs` (30 s by default) the read stops with a line saying so. A FIFO
 * nobody writes to, `/dev/zero`, a directory or a missing file each end as one clear error.
 */
import { closeSync, constants, open, openSync, stat, type Stats } from 'node:fs';
import { open as openHandle } from 'node:fs/promises';
import { Socket } from 'node:net';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { getHeapStatistics } from 'node:v8';
import { memoryBudget } from '../errors/limits.js';
import { DEFAULT_IDLE_MS, drainStream, idleError, readError, tooLarge } from './drain-stream.js';
import { regularFileHead } from './file-head.js';
import { startsWithGzip, streamGunzipped } from './gunzip-read.js';
import { startsWithZip, streamZipped } from './zip-read.js';
import { shellWord } from '../errors/shell-word.js';
import { DataFormatError } from './errors.js';
import { streamDecoder } from './text-encoding.js';
import type { EncodingFallback, TextEncodingName } from './text-encoding.js';

/**
 * The most text bytes worth holding as JavaScript strings at once: an eighth of the JS heap limit
 * (strings live there, typed arrays do not; parsing the held text needs room beside it).
 */
export function heapTextLimit(): number {
  return Math.floor(getHeapStatistics().heap_size_limit / 8);
}

/** Limits of one bounded read. */
export interface BoundedReadOptions {
  /** Most bytes accepted (default: the memory budget). */
  readonly maxBytes?: number;
  /** Milliseconds with no byte after which the read fails (default 30 000). */
  readonly idleMs?: number;
  /** Name of the input in messages (default: the path). */
  readonly label?: string;
  /** How to get past the byte limit, for the message (default: raise it with --max-memory). */
  readonly limitHint?: string;
  /** Called after each chunk of a plain regular file (whose size is known): bytes read so far, and the file's size. */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/** Reads `path` ('-' for stdin) chunk by chunk into `push`; bytes as they come. */
export async function streamBytes(path: string, push: (chunk: Buffer) => void, options: BoundedReadOptions = {}): Promise<number> {
  const label = options.label ?? (path === '-' ? '<stdin>' : path);
  const maxBytes = options.maxBytes ?? memoryBudget();
  const idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  const stream = path === '-' ? process.stdin : await openStream(path, label, idleMs, maxBytes, options.limitHint);
  return drainStream(stream, push, { ...options, label, timed: path !== '-' || process.stdin.isTTY !== true, keepOpen: path === '-' });
}

/** Bytes per read of a regular file by streamReusing. */
const REUSED_CHUNK = 1 << 18;

/**
 * streamBytes, but a regular file is read into two buffers used in turn (the next read runs while
 * `push` takes the last chunk), so `push` must copy what it keeps: no buffer per chunk is made
 * for the garbage collector. Other inputs (stdin, FIFOs, devices) go through streamBytes.
 */
async function streamReusing(path: string, push: (chunk: Buffer) => void, options: BoundedReadOptions = {}): Promise<number> {
  const label = options.label ?? path;
  const maxBytes = options.maxBytes ?? memoryBudget();
  const info = path === '-' ? undefined : await statOf(path, label);
  if (info === undefined || !info.isFile()) return streamBytes(path, push, options);
  if (info.size > maxBytes) throw tooLarge(label, info.size, maxBytes, true, options.limitHint);
  const handle = await openHandle(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw readError(label, error);
  });
  const buffers = [Buffer.allocUnsafeSlow(REUSED_CHUNK), Buffer.allocUnsafeSlow(REUSED_CHUNK)];
  let total = 0;
  let pending: Promise<{ bytesRead: number }> | undefined = handle.read(buffers[0]!, 0, REUSED_CHUNK, 0);
  try {
    for (let turn = 0; ; turn ^= 1) {
      const { bytesRead } = await pending.catch((error: NodeJS.ErrnoException) => {
        throw readError(label, error);
      });
      pending = undefined;
      if (bytesRead === 0) return total;
      const chunk = buffers[turn]!.subarray(0, bytesRead);
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(label, total, maxBytes, false, options.limitHint);
      pending = handle.read(buffers[turn ^ 1]!, 0, REUSED_CHUNK, total);
      push(chunk);
      options.onProgress?.(total, info.size);
    }
  } finally {
    await pending?.catch(() => undefined);
    await handle.close();
  }
}

/** Reads all of `path` ('-' for stdin) into one buffer, within the limits. */
export async function readBoundedBytes(path: string, options: BoundedReadOptions = {}): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await streamBytes(path, (chunk) => chunks.push(chunk), options);
  return Buffer.concat(chunks);
}

/**
 * What a NUL byte at `nul` of `bytes` says: among text (under one byte in eight of the 4 KiB around
 * it is zero), a stray byte a damaged save leaves, named with the text before it and the `tr` line
 * that removes it; else binary data or UTF-16 text without a byte order mark (every other byte zero).
 */
function nulMessage(bytes: Buffer, nul: number, label: string): string {
  const from = Math.max(0, nul - 2048);
  const window = bytes.subarray(from, Math.min(bytes.length, from + 4096));
  let zeros = 0;
  for (const byte of window) if (byte === 0) zeros++;
  if (zeros * 8 >= window.length || nul === 0) return 'contains a NUL byte: this is binary data or UTF-16 text without a byte order mark, not UTF-8 text';
  const line = bytes.subarray(Math.max(from, bytes.lastIndexOf(10, nul) + 1), nul).toString('utf8');
  const before = line.length > 40 ? `…${line.slice(-40)}` : line;
  const where = before.trim() === '' ? 'at the start of a line' : `after ${JSON.stringify(before)}`;
  const name = label === '<stdin>' ? 'data.csv' : shellWord(label);
  return `contains a NUL byte (a zero byte) in text, ${where}: a damaged or interrupted save leaves such bytes; remove it (tr -d '\\000' < ${name} > fixed.csv) and check that row`;
}

/**
 * Streams `path` ('-' for stdin) as the bytes of UTF-8 text (a BOM dropped unless
 * `keepByteOrderMark`, for a decoder that drops it and counts byte offsets from the file's start;
 * a gzip file inflated, as a stream, with the limits on the inflated bytes; UTF-16, NUL bytes and
 * other compressed files or archives, by their magic bytes, refused), within the limits. Chunks
 * may end inside a character.
 */
export async function streamTextBytes(path: string, push: (bytes: Buffer) => void, options: BoundedReadOptions & { readonly reuse?: boolean; readonly keepByteOrderMark?: boolean } = {}): Promise<void> {
  const label = options.label ?? (path === '-' ? '<stdin>' : path);
  let first = true;
  let seen = 0;
  // A gzip file (data.csv.gz, whatever its name) is inflated as it is read, as pandas does; on
  // stdin or a FIFO, where nothing can be peeked at, the first chunk's magic bytes are refused.
  // So is a zip archive of one file; other archives and workbooks are named by streamZipped.
  const head = path === '-' ? undefined : await regularFileHead(path);
  const packed = head === undefined ? undefined : startsWithGzip(head) ? streamGunzipped : startsWithZip(head) ? streamZipped : undefined;
  const read = packed !== undefined ? (p: string, f: (chunk: Buffer) => void) => packed(p, f, { ...options, label }) : options.reuse === true ? streamReusing : streamBytes;
  await read(
    path,
    (chunk) => {
      let bytes = chunk;
      if (first) {
        first = false;
        refuseCompressed(bytes, label);
        const dropped = dropByteOrderMark(bytes, label);
        refuseJson(dropped, label);
        if (options.keepByteOrderMark !== true) bytes = dropped;
      }
      const nul = bytes.indexOf(0);
      if (nul >= 0) throw new DataFormatError({ file: label, byte: seen + nul }, nulMessage(bytes, nul, label));
      seen += chunk.length;
      push(bytes);
    },
    options,
  );
}

/**
 * Streams `path` ('-' for stdin) as text chunks (a BOM dropped; UTF-16 refused), within the limits:
 * strict UTF-8 unless `encoding` says otherwise (bytes that are not UTF-8 are refused with their offset,
 * or read in `fallbackEncoding` when they come before any UTF-8 character beyond ASCII).
 */
export async function streamBoundedText(path: string, push: (text: string) => void, options: BoundedReadOptions & { readonly encoding?: TextEncodingName; readonly fallbackEncoding?: EncodingFallback } = {}): Promise<void> {
  const decoder = streamDecoder(options.encoding ?? 'utf-8', options.label ?? (path === '-' ? '<stdin>' : path), options.fallbackEncoding);
  let at = 0; // the decoder drops a BOM, so offsets count from the file's first byte
  await streamTextBytes(
    path,
    (bytes) => {
      const text = decoder.decode(bytes, at);
      at += bytes.length;
      if (text !== '') push(text);
    },
    { ...options, keepByteOrderMark: true },
  );
  const rest = decoder.decode(new Uint8Array(0), at, true);
  if (rest !== '') push(rest);
}

/** Compressed formats and archives a text reader is given by mistake: name, magic bytes, what to do instead. */
const COMPRESSED: readonly { readonly kind: string; readonly magic: readonly number[]; readonly advice: string }[] = [
  { kind: 'a gzip stream', magic: [0x1f, 0x8b], advice: 'backprop inflates gzip files given by path, not piped ones: pass the file itself, or pipe it through gunzip -c' },
  { kind: 'a zip stream', magic: [0x50, 0x4b, 0x03, 0x04], advice: 'backprop reads zip archives given by path, not piped ones: pass the file itself, or unzip it first' },
  { kind: 'a zip file', magic: [0x50, 0x4b, 0x05, 0x06], advice: 'it is an empty zip archive' },
  { kind: 'an xz file', magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], advice: 'decompress it first (unxz -c FILE > data.csv)' },
  { kind: 'a zstd file', magic: [0x28, 0xb5, 0x2f, 0xfd], advice: 'decompress it first (unzstd -c FILE > data.csv)' },
  // "BZh", a block size digit, then the block magic (pi's digits in BCD): no CSV starts so.
  { kind: 'a bzip2 file', magic: [0x42, 0x5a, 0x68, -1, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59], advice: 'decompress it first (bunzip2 -c FILE > data.csv)' },
];

/** Which compressed format `bytes` (the start of an input) is, by its magic bytes, or undefined for none. */
export function compressedKind(bytes: Uint8Array): { kind: string; advice: string } | undefined {
  const found = COMPRESSED.find(({ magic }) => bytes.length >= magic.length && magic.every((b, i) => b < 0 || bytes[i] === b));
  return found === undefined ? undefined : { kind: found.kind, advice: found.advice };
}

/** Refuses a compressed file or archive given as text, by its magic bytes, with a line saying what to do. */
export function refuseCompressed(bytes: Uint8Array, label: string): void {
  const found = compressedKind(bytes);
  if (found !== undefined) throw new DataFormatError({ file: label }, `is ${found.kind}, not text; ${found.advice.replace('FILE', label.startsWith('<') ? 'file' : label)}`);
}

/**
 * Refuses JSON given as a table (an array of records, or JSON lines), judged by the first line
 * of the first chunk: `[` or `{` alone, or followed by a quote, a bracket or a brace. No CSV header
 * starts so; without this, the reader would complain about a quote inside an unquoted field.
 */
export function refuseJson(bytes: Uint8Array, label: string): void {
  const end = bytes.indexOf(0x0a);
  const first = new TextDecoder().decode(bytes.subarray(0, end < 0 ? Math.min(bytes.length, 4096) : Math.min(end, 4096))).trim();
  if (!/^(\[|\{)\s*($|["[{])/.test(first)) return;
  const head = new TextDecoder().decode(bytes.subarray(0, 256));
  if (/^\s*\{\s*"format"\s*:\s*"backprop-model"/.test(head)) {
    throw new DataFormatError({ file: label }, `is a backprop model file, not a data table: predict and evaluate take the model first (backprop predict ${label.startsWith('<') ? 'MODEL.json' : label} DATA.csv)`);
  }
  const lines = first.startsWith('{') && first.endsWith('}');
  const name = label.startsWith('<') ? 'data.json' : label;
  const convert = `pandas.read_json(${JSON.stringify(name)}${lines ? ', lines=True' : ''}).to_csv("data.csv", index=False)`;
  throw new DataFormatError({ file: label }, `is ${lines ? 'JSON lines (one object per line)' : 'JSON'}, not CSV: backprop reads CSV tables; convert it first, e.g. in Python: ${convert}`);
}

/** The bytes without a UTF-8 byte order mark; UTF-16 (by its BOM) refused with a line saying how to convert. */
export function dropByteOrderMark(bytes: Buffer, label: string): Buffer {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const kind = bytes[0] === 0xff ? 'UTF-16 LE' : 'UTF-16 BE';
    throw new DataFormatError({ file: label, byte: 0 }, `is ${kind} text (byte order mark ${bytes[0]!.toString(16)} ${bytes[1]!.toString(16)}); UTF-16 is not supported, save it as UTF-8 (iconv -f UTF-16 -t UTF-8)`);
  }
  return bytes;
}

/** Opens `path` as a readable stream: files and devices read normally, FIFOs through a pipe handle that can be abandoned. */
async function openStream(path: string, label: string, idleMs: number, maxBytes: number, hint: string | undefined): Promise<Readable> {
  const info = await statOf(path, label);
  if (info.isDirectory()) throw new DataFormatError({ file: label }, 'is a directory, not a file');
  if (info.isFile() && info.size > maxBytes) throw tooLarge(label, info.size, maxBytes, true, hint);
  if (!info.isFIFO()) {
    const stream = createReadStream(path, { highWaterMark: 1 << 20 });
    stream.pause();
    return stream;
  }
  const fd = await openFifo(path, label, idleMs);
  const socket = new Socket({ fd, readable: true, writable: false });
  socket.pause();
  return socket;
}

function statOf(path: string, label: string): Promise<Stats> {
  return new Promise((resolve, reject) => stat(path, (error, info) => (error === null ? resolve(info) : reject(readError(label, error)))));
}

/**
 * Opens a FIFO for reading. The open blocks until a writer appears; after `idleMs` with none, a
 * writer of our own is opened and closed at once so the blocked open returns, and the read fails.
 */
function openFifo(path: string, label: string, idleMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
      } catch {
        // the open already finished
      }
    }, idleMs);
    open(path, constants.O_RDONLY, (error, fd) => {
      clearTimeout(timer);
      if (error !== null) return reject(readError(label, error));
      if (!timedOut) return resolve(fd);
      closeSync(fd);
      reject(idleError(label, idleMs, 0, 'no writer opened the FIFO'));
    });
  });
}
