/**
 * The rows of a CSV given to `predict`, as raw cells in the model's column order: matched by
 * header name (any order, extra columns such as the target ignored, missing ones named), or
 * by position when the file has no header and exactly the model's number of columns.
 */
import { readCell, type DecimalMark } from '../data/cells.js';
import { checkUniqueNames } from '../data/columns.js';
import { cutList } from '../errors/limits.js';
import { CsvRecordReader } from '../data/csv-records.js';
import { detectDelimiter } from '../data/delimiter.js';
import type { Preprocessing } from '../data/preprocessing.js';
import type { RawRow } from '../data/raw-rows.js';
import { DataFormatError } from '../errors/data-format-error.js';
import { UsageError } from './errors.js';

/** Raw rows in the model's column order, the line each starts on, and the decimal mark to read numbers with. */
export interface PredictRows {
  readonly rows: RawRow[];
  readonly lines: number[];
  readonly decimal: DecimalMark;
}

/** Reads `text` (a CSV of raw inputs) against the model's columns. */
export function readPredictRows(text: string, prep: Preprocessing, file: string, options: { delimiter?: string; decimal?: DecimalMark; onNote?: (line: string) => void } = {}): PredictRows {
  let delimiter = options.delimiter ?? 'auto';
  if (delimiter === 'auto') {
    const guess = detectDelimiter(text, { complete: true });
    delimiter = guess.delimiter;
    if (guess.note !== undefined) options.onNote?.(`${file}: ${guess.note}`);
  }
  const decimal = options.decimal ?? (delimiter === ';' ? ',' : '.');
  const records: string[][] = [];
  const lines: number[] = [];
  const reader = new CsvRecordReader((fields, line) => {
    records.push(fields as string[]); // all text: readNumbersIn is never called on this reader
    lines.push(line);
  }, { file, delimiter });
  reader.push(text);
  reader.end();
  const features = prep.featureNames;
  const first = records[0] ?? [];
  const named = features.filter((name) => first.includes(name));
  const expected = prep.encoding?.width ?? features.length;
  const list = features.length <= 12 ? ` (${features.join(', ')})` : '';
  if (named.length === 0) {
    // No header naming the model's columns: by position, when the count is right.
    if (records.length === 0) throw new DataFormatError({ file }, 'no data rows to predict');
    if (first.length !== features.length) throw new UsageError(`${file} has ${first.length} columns but the model expects ${expected} inputs${list}`);
    if (!looksLikeHeader(first, prep, decimal)) return { rows: records, lines, decimal };
    // A header with other names (text where the model reads numbers): matched by position, said once.
    options.onNote?.(`${file}: the header (${cutList(first)}) names none of the model's columns${list}; columns are matched by position`);
    if (records.length === 1) throw new DataFormatError({ file }, 'no data rows to predict (only a header)');
    return { rows: records.slice(1), lines: lines.slice(1), decimal };
  }
  // Columns are matched to the model's features by name, so a repeated name is ambiguous: bad content, like in train.
  checkUniqueNames(first.map((name, i) => (name === '' ? `column${i + 1}` : name)), { file, line: lines[0]! });
  if (named.length < features.length) {
    const absent = features.filter((name) => !first.includes(name)).map((n) => `"${n}"`);
    throw new UsageError(`${file} has no column${absent.length > 1 ? 's' : ''} ${absent.join(', ')}, which the model needs${list}`);
  }
  const positions = features.map((name) => first.indexOf(name));
  const rows = records.slice(1).map((record, r) => {
    if (record.length !== first.length) throw new DataFormatError({ file, line: lines[r + 1]!, column: Math.min(record.length, first.length) + 1 }, `expected ${first.length} fields as in the header, found ${record.length}`);
    return positions.map((p) => record[p]);
  });
  if (rows.length === 0) throw new DataFormatError({ file }, 'no data rows to predict (only a header)');
  return { rows, lines: lines.slice(1), decimal };
}

/** True when a cell the model reads as a number holds text that is neither a number nor a missing-cell token. */
function looksLikeHeader(cells: readonly string[], prep: Preprocessing, decimal: DecimalMark): boolean {
  const kinds = prep.encoding?.columns.map((c) => c.kind);
  return cells.some((cell, i) => (kinds?.[i] ?? 'numeric') === 'numeric' && readCell(cell, decimal) === 'text');
}
