/**
 * Node file readers for the pure parsers: CSV and MNIST CSV streamed in chunks, IDX files
 * gunzipped as a stream when they start with the gzip magic bytes; all within bounded-read.ts's limits.
 */
import { statSync } from 'node:fs';
import { streamBoundedText, streamTextBytes, type BoundedReadOptions } from './bounded-read.js';
import { createCsvParser } from './csv.js';
import type { CsvOptions } from './csv.js';
import type { Dataset } from './dataset.js';
import { ResourceLimitError } from '../errors/resource-limit-error.js';
import { DataFormatError } from './errors.js';
import { idxImages, idxLabels } from './idx.js';
import { readIdxCached } from './idx-cache.js';
import { readIdxBounded } from './idx-read.js';
import type { IdxArray } from './idx.js';
import { createMnistCsvParser } from './mnist-csv.js';
import type { LabelledImages, MnistCsvOptions } from './mnist-csv.js';

/**
 * Streams a UTF-8 text file (or '-' for stdin) chunk by chunk into `push`, within the limits of
 * `options` (bytes, idle time); a UTF-8 BOM is dropped, UTF-16 refused.
 */
export async function streamTextFile(path: string, push: (chunk: string) => void, options: BoundedReadOptions = {}): Promise<void> {
  await streamBoundedText(path, push, options);
}

/** How to read a CSV file: the parser's options, and a progress callback for the read. */
export interface CsvFileOptions extends Omit<CsvOptions, 'file'> {
  /** Called as a plain file is read (not a compressed one, not stdin): bytes read so far, and the file's size. */
  readonly onReadProgress?: (bytesRead: number, totalBytes: number) => void;
}

/** Reads a CSV file as a data set (streamed; see CsvOptions). The data set is named after the file. */
export async function readCsvFile(path: string, options: CsvFileOptions = {}): Promise<Dataset> {
  const { onReadProgress, ...csv } = options;
  const size = fileSize(path);
  const parser = createCsvParser({ ...csv, ...(size?.isFile() === true ? { expectedBytes: size.size } : {}), file: path });
  try {
    // The parser's decoder drops a BOM: byte offsets count it.
    await streamTextBytes(path, (chunk) => parser.pushBytes(chunk), { reuse: true, keepByteOrderMark: true, ...(onReadProgress === undefined ? {} : { onProgress: onReadProgress }) });
    return parser.end();
  } catch (error) {
    throw namingFile(error, path);
  }
}

/** The size of a regular file, else undefined (stdin, a FIFO, a path that cannot be read: the read says why). */
function fileSize(path: string): { isFile(): boolean; size: number } | undefined {
  try {
    return path === '-' ? undefined : statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** A ResourceLimitError raised by a parser (which does not know the file) with the file's name in front. */
function namingFile(error: unknown, path: string): unknown {
  if (!(error instanceof ResourceLimitError) || error.message.startsWith(path)) return error;
  return new ResourceLimitError(`${path}: ${error.message}`, { ...(error.requested === undefined ? {} : { requested: error.requested }), ...(error.limit === undefined ? {} : { limit: error.limit }) });
}

/** Reads a seed-003 MNIST CSV file (`label, 784 pixels` per line). */
export async function readMnistCsvFile(path: string, options: Omit<MnistCsvOptions, 'file'> = {}): Promise<LabelledImages> {
  const parser = createMnistCsvParser({ ...options, file: path });
  await streamTextFile(path, (chunk) => parser.push(chunk));
  return parser.end();
}

/** Reads an IDX file, gunzipping it first when it is gzip-compressed (whatever its name). */
export async function readIdxFile(path: string, options: BoundedReadOptions = {}): Promise<IdxArray> {
  return readIdxBounded(path, options);
}

/**
 * Reads an IDX images file and its labels file, checking that they describe the same number of items.
 * `unpackedCache`: a cache root (see idx-cache.ts) that keeps decompressed copies of large gzipped files.
 */
export async function readIdxPair(imagesPath: string, labelsPath: string, classCount = 10, unpackedCache?: string): Promise<LabelledImages> {
  const read = (path: string) => (unpackedCache === undefined ? readIdxFile(path) : readIdxCached(path, unpackedCache));
  const [imagesIdx, labelsIdx] = await Promise.all([read(imagesPath), read(labelsPath)]);
  const images = idxImages(imagesIdx, imagesPath);
  const labels = idxLabels(labelsIdx, labelsPath, classCount);
  if (labels.length !== images.count) {
    throw new DataFormatError({ file: labelsPath, byte: 4 }, `holds ${labels.length} labels but ${imagesPath} holds ${images.count} images`);
  }
  return { images, labels };
}
