/**
 * Zip archives given as a table, read as pandas reads them: an archive of one file (a Kaggle
 * download, `data.zip` holding `data.csv`) is inflated as a stream, with the input limit on the
 * inflated text. An archive of several files is refused with their names, and an Excel or
 * OpenDocument workbook (a zip too) is named as such. Only regular files are looked into: the
 * directory at the archive's end needs random access.
 */
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { createInflateRaw } from 'node:zlib';
import type { Readable } from 'node:stream';
import { DataFormatError } from './errors.js';
import { drainStream, readError, type DrainOptions } from './drain-stream.js';

/** One file in an archive, from its central directory entry. */
interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly compressedSize: number;
  readonly encrypted: boolean;
  /** Offset of the entry's local header. */
  readonly headerOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
/** The end record (22 bytes) plus the longest comment. */
const EOCD_SEARCH = 22 + 0xffff;
/** At most this many names in a message. */
const NAMES_SHOWN = 5;

/** Whether `head` (a file's first bytes, file-head.ts) starts with a zip local header (PK 03 04). */
export function startsWithZip(head: Uint8Array): boolean {
  return head.length >= 4 && new DataView(head.buffer, head.byteOffset, 4).getUint32(0, true) === LOCAL_SIGNATURE;
}

/**
 * Streams the inflated bytes of the one file in the zip archive at `path` into `push`; refuses
 * (one line) archives of several files, workbooks, encrypted or ZIP64 entries and other methods.
 */
export async function streamZipped(path: string, push: (chunk: Buffer) => void, options: Omit<DrainOptions, 'timed' | 'onStreamError'>): Promise<number> {
  const label = options.label;
  const located = withFile(path, (fd, size) => {
    const entry = onlyEntry(label, centralDirectory(fd, size, label));
    const local = readAt(fd, entry.headerOffset, 30);
    if (local.readUInt32LE(0) !== LOCAL_SIGNATURE) throw corrupt(label, `no local header for "${entry.name}" at byte ${entry.headerOffset}`);
    const dataStart = entry.headerOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    if (dataStart + entry.compressedSize > size) throw corrupt(label, `"${entry.name}" runs past the end of the file`);
    return { entry, dataStart };
  });
  if (located === undefined) throw readError(label, Object.assign(new Error('cannot be read'), { code: 'EIO' }));
  const { entry, dataStart } = located;
  const raw = createReadStream(path, { start: dataStart, end: dataStart + entry.compressedSize - 1, highWaterMark: 1 << 20 });
  let sourceError: NodeJS.ErrnoException | undefined;
  raw.on('error', (error: NodeJS.ErrnoException) => (sourceError = error));
  let stream: Readable = raw;
  if (entry.method === 8) {
    const inflate = createInflateRaw();
    raw.on('error', (error) => inflate.destroy(error));
    stream = raw.pipe(inflate);
  }
  const done = drainStream(stream, push, {
    ...options,
    timed: true,
    onStreamError: (error, inflated) => (error === sourceError ? readError(label, error) : corrupt(label, `"${entry.name}" is truncated or corrupt after ${inflated} inflated bytes (${error.message})`)),
  });
  return done.finally(() => raw.destroy());
}

/** The entries of the archive's central directory. */
function centralDirectory(fd: number, size: number, label: string): ZipEntry[] {
  const tailStart = Math.max(0, size - EOCD_SEARCH);
  const tail = readAt(fd, tailStart, size - tailStart);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt(label, 'no end-of-archive record (truncated, or not a zip archive)');
  const count = tail.readUInt16LE(eocd + 10);
  const directorySize = tail.readUInt32LE(eocd + 12);
  const directoryOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw new DataFormatError({ file: label }, 'is a ZIP64 archive, which backprop does not read; unzip it first');
  if (directoryOffset + directorySize > size) throw corrupt(label, 'its directory runs past the end of the file');
  const directory = readAt(fd, directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  for (let at = 0, i = 0; i < count; i++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw corrupt(label, `directory entry ${i + 1} of ${count} is damaged`);
    const nameLength = directory.readUInt16LE(at + 28);
    entries.push({
      name: directory.toString('utf8', at + 46, at + 46 + nameLength),
      method: directory.readUInt16LE(at + 10),
      compressedSize: directory.readUInt32LE(at + 20),
      encrypted: (directory.readUInt16LE(at + 8) & 1) === 1,
      headerOffset: directory.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
  }
  return entries;
}

/** The archive's one file (folders and macOS's __MACOSX/ and .DS_Store left aside), else one line saying what it holds. */
function onlyEntry(label: string, all: readonly ZipEntry[]): ZipEntry {
  const names = new Set(all.map((e) => e.name));
  if (names.has('xl/workbook.xml')) throw new DataFormatError({ file: label }, 'is an Excel workbook (.xlsx), not CSV; save the sheet as CSV (Excel: Save As, CSV UTF-8; pandas: pandas.read_excel(FILE).to_csv("data.csv", index=False))'.replace('FILE', JSON.stringify(label)));
  if (names.has('content.xml') && names.has('mimetype')) throw new DataFormatError({ file: label }, 'is an OpenDocument file (.ods), not CSV; save the sheet as CSV (LibreOffice: Save As, Text CSV)');
  const files = all.filter((e) => !e.name.endsWith('/') && !e.name.startsWith('__MACOSX/') && !/(^|\/)\.DS_Store$/.test(e.name));
  if (files.length === 0) throw new DataFormatError({ file: label }, 'is a zip archive with no files in it');
  if (files.length > 1) {
    const shown = files.slice(0, NAMES_SHOWN).map((e) => e.name).join(', ');
    const more = files.length > NAMES_SHOWN ? ` and ${files.length - NAMES_SHOWN} more` : '';
    throw new DataFormatError({ file: label }, `is a zip archive of ${files.length} files (${shown}${more}); unzip it and give one of them (unzip ${label.startsWith('<') ? 'FILE' : label})`);
  }
  const entry = files[0]!;
  if (entry.encrypted) throw new DataFormatError({ file: label }, `"${entry.name}" in the archive is encrypted; unzip it first`);
  if (entry.method !== 0 && entry.method !== 8) throw new DataFormatError({ file: label }, `"${entry.name}" in the archive is compressed with method ${entry.method}, which backprop does not read (only stored and deflate); unzip it first`);
  if (entry.compressedSize === 0xffffffff) throw new DataFormatError({ file: label }, 'is a ZIP64 archive, which backprop does not read; unzip it first');
  return entry;
}

function corrupt(label: string, what: string): DataFormatError {
  return new DataFormatError({ file: label }, `is a damaged zip archive: ${what}`);
}

/** Runs `use` on the open file and its size when `path` is a regular file, else undefined (the read proper says why). */
function withFile<T>(path: string, use: (fd: number, size: number) => T): T | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const info = fstatSync(fd);
    return info.isFile() ? use(fd, info.size) : undefined;
  } finally {
    closeSync(fd);
  }
}

/** `length` bytes of the file from `position` (fewer at its end). */
function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const read = readSync(fd, buffer, 0, length, position);
  return read === length ? buffer : buffer.subarray(0, read);
}
