/**
 * Seed 003's MNIST CSV (`label, 784 pixels` per line, no header; a header line such as
 * Kaggle's `label,pixel0,...` is skipped). Pixels must be integers 0..255 and are kept as bytes.
 */
import { CsvRecordReader, parseNumber } from './csv-records.js';
import type { ImageSet } from './dataset.js';
import { DataFormatError } from './errors.js';
import { GrowableBytes } from './growable.js';

/** Images and their labels, as read from an MNIST CSV or IDX pair. */
export interface LabelledImages {
  readonly images: ImageSet;
  readonly labels: Int32Array;
}

/** Options of the MNIST CSV parser. */
export interface MnistCsvOptions {
  /** Name used in error messages (default '<string>'). */
  readonly file?: string;
  /** Labels must be below this (default 10). */
  readonly classCount?: number;
  /** Image height and width (default 28 x 28). */
  readonly height?: number;
  readonly width?: number;
}

/** An incremental MNIST CSV parser: push text chunks, then `end()`. */
export interface MnistCsvParser {
  push(chunk: string): void;
  end(): LabelledImages;
}

/** Creates an incremental parser for `label,p0,...,p783` lines. */
export function createMnistCsvParser({ file = '<string>', classCount = 10, height = 28, width = 28 }: MnistCsvOptions = {}): MnistCsvParser {
  const pixelCount = height * width;
  const pixels = new GrowableBytes();
  const labels: number[] = [];
  let first = true;
  const onRecord = (fields: string[], line: number): void => {
    if (first) {
      first = false;
      if (parseNumber(fields[0]!) === undefined) return;
    }
    if (fields.length !== pixelCount + 1) {
      const column = Math.min(fields.length, pixelCount + 1) + 1;
      throw new DataFormatError({ file, line, column }, `expected a label and ${pixelCount} pixels (${pixelCount + 1} fields), found ${fields.length}`);
    }
    const label = parseNumber(fields[0]!);
    if (label === undefined || !Number.isInteger(label) || label < 0 || label >= classCount) {
      throw new DataFormatError({ file, line, column: 1 }, `label ${JSON.stringify(fields[0])} is not an integer in 0..${classCount - 1}`);
    }
    labels.push(label);
    for (let c = 1; c <= pixelCount; c++) {
      const value = parseNumber(fields[c]!);
      if (value === undefined || !Number.isInteger(value) || value < 0 || value > 255) {
        throw new DataFormatError({ file, line, column: c + 1 }, `pixel ${JSON.stringify(fields[c])} is not an integer in 0..255`);
      }
      pixels.push(value);
    }
  };
  // All fields are text: readNumbersIn is never called on this reader.
  const reader = new CsvRecordReader((fields, line) => onRecord(fields as string[], line), { file, comment: '' });
  return {
    push: (chunk) => reader.push(chunk),
    end(): LabelledImages {
      reader.end();
      if (labels.length === 0) throw new DataFormatError({ file }, 'no image rows');
      return { images: { pixels: pixels.toArray(), count: labels.length, height, width }, labels: Int32Array.from(labels) };
    },
  };
}

/** Parses a whole MNIST CSV text. */
export function parseMnistCsv(text: string, options: MnistCsvOptions = {}): LabelledImages {
  const parser = createMnistCsvParser(options);
  parser.push(text);
  return parser.end();
}
