/**
 * The rows of a CSV given to `predict`, as raw cells in the model's column order: matched by
 * header name (any order, extra columns such as the target ignored, missing ones named), or
 * by position when the file has no header and exactly the model's number of columns.
 */
import { readCell, type CellSyntax, type DecimalMark } from '../data/cells.js';
import { checkUniqueNames } from '../data/columns.js';
import { closestName } from '../errors/closest-name.js';
import { cutList } from '../errors/limits.js';
import { CsvRecordReader } from '../data/csv-records.js';
import { raggedHint } from '../data/csv.js';
import { guessDecimalMark, headerMismatch, headerMismatchNote, mendHeaderMismatch, SNIFF_RECORDS } from '../data/csv-sniff.js';
import { detectDelimiter, excelSeparatorLine, excelSeparatorNote } from '../data/delimiter.js';
import { LineSkipper } from '../data/skip-lines.js';
import type { Preprocessing } from '../data/preprocessing.js';
import type { RawRow } from '../data/raw-rows.js';
import { DataFormatError } from '../errors/data-format-error.js';
import { UsageError } from './errors.js';

/** Raw rows in the model's column order, the line each starts on, and the decimal mark to read numbers with. */
export interface PredictRows {
  readonly rows: RawRow[];
  readonly lines: number[];
  readonly decimal: DecimalMark;
  /** The columns asked for with `keep`, as text per row (`kept[r][k]` is row r's cell of `keep[k]`); empty without `keep`. */
  readonly kept: string[][];
}

/** Reads `text` (a CSV of raw inputs) against the model's columns. */
export function readPredictRows(text: string, prep: Preprocessing, file: string, options: { delimiter?: string; decimal?: DecimalMark; syntax?: CellSyntax; skipRows?: number; onNote?: (line: string) => void; keep?: readonly string[] } = {}): PredictRows {
  const { rows, lines, decimal, header, records } = matchColumns(text, prep, file, options);
  const keep = options.keep ?? [];
  if (keep.length === 0) return { rows, lines, decimal, kept: [] };
  const positions = keep.map((name) => keptPosition(name, header, prep.featureNames, file));
  return { rows, lines, decimal, kept: records.map((record) => positions.map((p) => record[p] ?? '')) };
}

/** Where a `keep` column sits: by header name, else (a file without a header naming it) by the model's column order. */
function keptPosition(name: string, header: readonly string[] | undefined, features: readonly string[], file: string): number {
  // An unnamed column is columnN, as train names it.
  const named = header?.findIndex((h, i) => (h === '' ? `column${i + 1}` : h) === name) ?? -1;
  if (named >= 0) return named;
  const feature = features.indexOf(name);
  if (feature >= 0 && (header === undefined || header.length === features.length)) return feature;
  const names = header ?? features;
  const guess = names.find((n) => n.trim().toLowerCase() === name.trim().toLowerCase()) ?? closestName(name, names);
  const where = header === undefined ? `${file} has no header, so --keep names the model's columns (${cutList(features)})` : `${file} has no column "${name}" (columns: ${cutList(header)})`;
  throw new UsageError(`--keep ${name}: ${where}${guess === undefined ? '' : `; did you mean "${guess}"?`}`);
}

/** The rows matched to the model's columns, with the header (if any) and each row's full record for `keep`. */
function matchColumns(whole: string, prep: Preprocessing, file: string, options: { delimiter?: string; decimal?: DecimalMark; syntax?: CellSyntax; skipRows?: number; onNote?: (line: string) => void }): Omit<PredictRows, 'kept'> & { header: string[] | undefined; records: string[][] } {
  // The lines --skip-rows names go before anything else reads the text; line numbers stay the file's.
  const skipRows = options.skipRows ?? 0;
  const skipped = skipRows === 0 ? whole : new LineSkipper(skipRows).push(whole);
  let delimiter = options.delimiter ?? 'auto';
  // Excel's "sep=;" first line, read as train reads it.
  const excel = skipRows === 0 ? excelSeparatorLine(skipped) : undefined;
  const text = excel === undefined ? skipped : skipped.slice(excel.length);
  if (excel !== undefined && delimiter === 'auto') {
    delimiter = excel.delimiter;
    options.onNote?.(`${file}: ${excelSeparatorNote(excel.delimiter)}`);
  }
  if (delimiter === 'auto') {
    const guess = detectDelimiter(text, { complete: true });
    delimiter = guess.delimiter;
    if (guess.note !== undefined) options.onNote?.(`${file}: ${guess.note}`);
  }
  const records: string[][] = [];
  const lines: number[] = [];
  const reader = new CsvRecordReader((fields, line) => {
    records.push(fields as string[]); // all text: readNumbersIn is never called on this reader
    lines.push(line);
  }, { file, delimiter });
  reader.skipLines(skipRows + (excel === undefined ? 0 : 1));
  reader.push(text);
  reader.end();
  // As train reads a ';' file: the decimal mark its cells use (header and all: names are no numbers).
  const decimal = options.decimal ?? (delimiter === ';' ? guessDecimalMark(records.slice(0, 20)) : '.');
  // A trailing delimiter on the rows or the header only, or row names without a header name, found as train finds them (in the first records).
  const mismatch = headerMismatch(records.slice(0, SNIFF_RECORDS), decimal, options.syntax);
  if (mismatch !== undefined) {
    mendHeaderMismatch(records, mismatch);
    options.onNote?.(`${file}: ${headerMismatchNote(mismatch, delimiter)}`);
  }
  if (decimal === delimiter) throw new UsageError(`${file}: the delimiter and the decimal mark are both "${delimiter}"${options.delimiter === undefined || options.delimiter === 'auto' ? ' (the delimiter as detected; --delimiter sets it)' : ''}`);
  const features = prep.featureNames;
  const first = records[0] ?? [];
  const named = features.filter((name) => first.includes(name));
  const list = features.length <= 12 ? ` (${features.join(', ')})` : '';
  // A header naming the model's columns in another case ("AGE" for "age") is a header, read by name (and refused with the guesses), never by position.
  const folded = new Set(first.map((cell) => cell.trim().toLowerCase()));
  if (named.length === 0 && !features.some((name) => folded.has(name.trim().toLowerCase()))) {
    // No header naming the model's columns: by position, when the count is right.
    if (records.length === 0) throw new DataFormatError({ file }, 'no data rows to predict');
    if (first.length !== features.length) throw new UsageError(`${file} has ${first.length} ${first.length === 1 ? 'column' : 'columns'} but the model expects ${features.length} inputs${list}${otherDelimiter(first, delimiter) || tableBelow(records, lines, features.length) || targetsStillThere(first.length, features.length, prep.targetNames)}`);
    if (!looksLikeHeader(first, prep, decimal, options.syntax)) return { rows: records, lines, decimal, header: undefined, records };
    // A header with other names (text where the model reads numbers): matched by position, said once.
    options.onNote?.(`${file}: the header (${cutList(first)}) names none of the model's columns${list}; columns are matched by position`);
    if (records.length === 1) throw new DataFormatError({ file }, 'no data rows to predict (only a header)');
    return { rows: records.slice(1), lines: lines.slice(1), decimal, header: first, records: records.slice(1) };
  }
  // Columns are matched to the model's features by name, so a repeated name is ambiguous: bad content, like in train.
  checkUniqueNames(first.map((name, i) => (name === '' ? `column${i + 1}` : name)), { file, line: lines[0]! });
  if (named.length < features.length) {
    const absent = features.filter((name) => !first.includes(name));
    const quoted = absent.map((n) => `"${n}"`);
    throw new UsageError(`${file} has no column${absent.length > 1 ? 's' : ''} ${quoted.join(', ')}, which the model needs${list}${headerGuesses(absent, first, features)}`);
  }
  const positions = features.map((name) => first.indexOf(name));
  const rows = records.slice(1).map((record, r) => {
    if (record.length !== first.length) throw new DataFormatError({ file, line: lines[r + 1]!, column: Math.min(record.length, first.length) + 1 }, `expected ${first.length} fields as in the header, found ${record.length}${raggedHint(record.length > first.length, delimiter)}`);
    return positions.map((p) => record[p]);
  });
  if (rows.length === 0) throw new DataFormatError({ file }, 'no data rows to predict (only a header)');
  return { rows, lines: lines.slice(1), decimal, header: first, records: records.slice(1) };
}

/**
 * "; did you mean ..." for model columns the header lacks: a header name that differs only in
 * case or surrounding spaces, else a close spelling (names are matched exactly, so the file's
 * header needs renaming). Empty when nothing is close.
 */
function headerGuesses(absent: readonly string[], header: readonly string[], features: readonly string[]): string {
  const unused = header.filter((name) => !features.includes(name));
  const pairs: string[] = [];
  for (const name of absent) {
    const key = name.trim().toLowerCase();
    const guess = unused.find((h) => h.trim().toLowerCase() === key) ?? closestName(name, unused);
    if (guess !== undefined) pairs.push(`"${guess}" for "${name}"`);
  }
  return pairs.length === 0 ? '' : `; did you mean ${pairs.join(', ')}? (column names are matched exactly: rename the header)`;
}

/** True when a cell the model reads as a number holds text that is neither a number nor a missing-cell token. */
function looksLikeHeader(cells: readonly string[], prep: Preprocessing, decimal: DecimalMark, syntax: CellSyntax | undefined): boolean {
  const kinds = prep.encoding?.columns.map((c) => c.kind);
  return cells.some((cell, i) => (kinds?.[i] ?? 'numeric') === 'numeric' && readCell(cell, decimal, syntax) === 'text');
}

/**
 * For rows without a header with as many more columns than the model's inputs as it has
 * targets: the labelled file itself, whose target column(s) predict cannot tell apart without names.
 */
function targetsStillThere(columns: number, inputs: number, targets: readonly string[]): string {
  if (targets.length === 0 || columns !== inputs + targets.length) return '';
  const named = targets.map((t) => `"${t}"`).join(', ');
  return `; if ${targets.length === 1 ? 'one of them is the target' : 'some are the targets'} (${named}), remove ${targets.length === 1 ? 'it' : 'them'}, or give the file a header row naming the columns (a named target column is left out)`;
}

/** For a first row read as one field with another delimiter in it: "; ... (try --delimiter tab)". */
function otherDelimiter(first: readonly string[], delimiter: string): string {
  if (first.length !== 1) return '';
  const other = ['\t', ';', ',', '|'].find((d) => d !== delimiter && first[0]!.includes(d));
  return other === undefined ? '' : `; its first row is one field with "${other === '\t' ? '\\t' : other}" in it (try --delimiter ${other === '\t' ? 'tab' : `"${other}"`})`;
}

/** For a first row of another width than the rows below it (a title line, Excel's "sep=;"): "; if the table starts on line N, --skip-rows M". */
function tableBelow(records: readonly string[][], lines: readonly number[], columns: number): string {
  const below = records.slice(1, 20).findIndex((record) => record.length >= columns && record.length !== records[0]!.length);
  if (below < 0) return '';
  const line = lines[below + 1]!;
  return `; if the table starts on line ${line}, pass --skip-rows ${line - 1}`;
}
