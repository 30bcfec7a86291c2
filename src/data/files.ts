/**
 * Node file readers for the pure parsers: CSV and MNIST CSV streamed in chunks, IDX files
 * read whole and gunzipped when they start with the gzip magic bytes.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { createCsvParser } from './csv.js';
import type { CsvOptions } from './csv.js';
import type { Dataset } from './dataset.js';
import { DataFormatError } from './errors.js';
import { decodeIdx, idxImages, idxLabels } from './idx.js';
import type { IdxArray } from './idx.js';
import { createMnistCsvParser } from './mnist-csv.js';
import type { LabelledImages, MnistCsvOptions } from './mnist-csv.js';

/** Streams a UTF-8 text file chunk by chunk into `push`. */
export async function streamTextFile(path: string, push: (chunk: string) => void): Promise<void> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const chunk of stream) push(chunk as string);
}

/** Reads a CSV file as a data set (streamed; see CsvOptions). The data set is named after the file. */
export async function readCsvFile(path: string, options: Omit<CsvOptions, 'file'> = {}): Promise<Dataset> {
  const parser = createCsvParser({ ...options, file: path });
  await streamTextFile(path, (chunk) => parser.push(chunk));
  return parser.end();
}

/** Reads a seed-003 MNIST CSV file (`label, 784 pixels` per line). */
export async function readMnistCsvFile(path: string, options: Omit<MnistCsvOptions, 'file'> = {}): Promise<LabelledImages> {
  const parser = createMnistCsvParser({ ...options, file: path });
  await streamTextFile(path, (chunk) => parser.push(chunk));
  return parser.end();
}

/** Reads an IDX file, gunzipping it first when it is gzip-compressed (whatever its name). */
export async function readIdxFile(path: string): Promise<IdxArray> {
  let bytes: Uint8Array = await readFile(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new DataFormatError({ file: path, byte: bytes.length }, `gzip data is truncated or corrupt (${reason})`);
    }
  }
  return decodeIdx(bytes, path);
}

/** Reads an IDX images file and its labels file, checking that they describe the same number of items. */
export async function readIdxPair(imagesPath: string, labelsPath: string, classCount = 10): Promise<LabelledImages> {
  const [imagesIdx, labelsIdx] = await Promise.all([readIdxFile(imagesPath), readIdxFile(labelsPath)]);
  const images = idxImages(imagesIdx, imagesPath);
  const labels = idxLabels(labelsIdx, labelsPath, classCount);
  if (labels.length !== images.count) {
    throw new DataFormatError({ file: labelsPath, byte: 4 }, `holds ${labels.length} labels but ${imagesPath} holds ${images.count} images`);
  }
  return { images, labels };
}
