/**
 * The rows of a CSV given to `predict`, read against the model's columns: matched by header
 * name (any order, extra columns such as the target ignored, missing ones named), or by position
 * when the file has no header and exactly the model's number of columns. The text streams in
 * (PredictRowReader: delimiter, then RowMatcher: decimal mark, header, matching from the first
 * records) and the rows are held compactly (PredictCells), never as the text or a string per cell.
 */
import { readCell, type CellSyntax, type DecimalMark } from '../data/cells.js';
import { checkUniqueNames } from '../data/columns.js';
import { closestName } from '../errors/closest-name.js';
import { cutList } from '../errors/limits.js';
import { CsvRecordReader, parseNumber, type CsvField } from '../data/csv-records.js';
import { raggedHint } from '../data/csv.js';
import { guessDecimalMark, headerMismatch, headerMismatchNote, mendHeaderMismatch, SNIFF_RECORDS } from '../data/csv-sniff.js';
import { detectDelimiter, excelSeparatorLine, excelSeparatorNote } from '../data/delimiter.js';
import { LineSkipper } from '../data/skip-lines.js';
import type { Preprocessing } from '../data/preprocessing.js';
import type { DType } from '../matrix.js';
import { PredictCells } from './predict-cells.js';
import { DataFormatError } from '../errors/data-format-error.js';
import { UsageError } from './errors.js';

/** The rows read, compactly, and the decimal mark to read their numeric text with. */
export interface PredictRows {
  readonly cells: PredictCells;
  readonly decimal: DecimalMark;
}

/** How the rows are read: flags as `predict` takes them, and the model's precision for the numbers held. */
export interface PredictRowsOptions {
  readonly delimiter?: string;
  readonly decimal?: DecimalMark;
  readonly syntax?: CellSyntax;
  readonly skipRows?: number;
  readonly onNote?: (line: string) => void;
  /** Columns whose cells are kept as text (by header name, or the model's column names without a header). */
  readonly keep?: readonly string[];
  readonly dtype?: DType;
}

/** Text read before the delimiter is detected (or all of it when shorter): the first records of any sane file. */
const HEAD_CHARS = 1 << 20;

/**
 * Reads `text` (a CSV of raw inputs, whole or in chunks) against the model's columns (see PredictRowReader).
 */
export function readPredictRows(text: string | readonly string[], prep: Preprocessing, file: string, options: PredictRowsOptions = {}): PredictRows {
  const reader = new PredictRowReader(prep, file, options);
  for (const chunk of typeof text === 'string' ? [text] : text) reader.push(chunk);
  return reader.end();
}

/**
 * Reads a CSV of raw inputs fed in chunks against the model's columns: the delimiter detected
 * from the first HEAD_CHARS characters (or all, when shorter), the decimal mark, header and
 * column matching decided from the first records, then every row held compactly (numbers of
 * numeric columns read without making a string); the text itself is not kept. Nothing is said
 * or thrown before `end`: the notes and the first error come then, in the order a reader of the
 * whole text finds them (the text's syntax anywhere, then the header and column matching, then
 * a ragged row, then `keep`), so a feeder's own error (a read that fails) can still come first.
 */
export class PredictRowReader {
  readonly #prep: Preprocessing;
  readonly #file: string;
  readonly #options: PredictRowsOptions;
  /** The lines --skip-rows names go before anything else reads the text; line numbers stay the file's. */
  readonly #skipper: LineSkipper | undefined;
  /** Text held until the delimiter is known. */
  #head = '';
  #reader: CsvRecordReader | undefined;
  #matcher: RowMatcher | undefined;
  /** The delimiter's notes (Excel's sep= line, an ambiguous guess), said at `end` before the others. */
  readonly #notes: string[] = [];
  /** The tokenizer's first error (or the memory limit's), thrown at `end`; later text is ignored. */
  #failure: unknown;

  constructor(prep: Preprocessing, file: string, options: PredictRowsOptions = {}) {
    this.#prep = prep;
    this.#file = file;
    this.#options = options;
    const skipRows = options.skipRows ?? 0;
    this.#skipper = skipRows === 0 ? undefined : new LineSkipper(skipRows);
  }

  /** Feeds the next chunk of text (chunks may split anywhere). */
  push(chunk: string): void {
    if (this.#failure !== undefined) return;
    const text = this.#skipper === undefined ? chunk : this.#skipper.push(chunk);
    try {
      if (this.#reader !== undefined) return this.#reader.push(text);
      this.#head += text;
      if (this.#head.length >= HEAD_CHARS) this.#start(false);
    } catch (error) {
      this.#failure = error;
    }
  }

  /** After the last chunk: the rows, or the first error (with the notes said before it). */
  end(): PredictRows {
    try {
      if (this.#failure === undefined && this.#reader === undefined) this.#start(true);
      if (this.#failure === undefined) this.#reader!.end();
    } catch (error) {
      this.#failure = error;
    }
    for (const note of this.#notes) this.#options.onNote?.(note);
    if (this.#failure !== undefined) throw this.#failure;
    return this.#matcher!.finish();
  }

  /** Decides the delimiter from the text held (`complete`: all there is) and starts the tokenizer on it. */
  #start(complete: boolean): void {
    const options = this.#options;
    const file = this.#file;
    const skipRows = options.skipRows ?? 0;
    let head = this.#head;
    this.#head = '';
    let delimiter = options.delimiter ?? 'auto';
    // Excel's "sep=;" first line, read as train reads it.
    const excel = skipRows === 0 ? excelSeparatorLine(head) : undefined;
    if (excel !== undefined) head = head.slice(excel.length);
    if (excel !== undefined && delimiter === 'auto') {
      delimiter = excel.delimiter;
      this.#notes.push(`${file}: ${excelSeparatorNote(excel.delimiter)}`);
    }
    if (delimiter === 'auto') {
      const guess = detectDelimiter(head, { complete });
      delimiter = guess.delimiter;
      if (guess.note !== undefined) this.#notes.push(`${file}: ${guess.note}`);
    }
    const matcher = new RowMatcher(this.#prep, file, delimiter, options);
    const reader = new CsvRecordReader((fields, line) => matcher.add(fields, line), { file, delimiter });
    matcher.onNumbers = (positions) => reader.readNumbersIn(positions);
    reader.skipLines(skipRows + (excel === undefined ? 0 : 1));
    this.#matcher = matcher;
    this.#reader = reader;
    reader.push(head);
  }
}

/**
 * Takes the records of a predict input in order: holds the first SNIFF_RECORDS as text, decides
 * from them (decimal mark, header, matching by name or position), then stores every data row.
 * A failure while reading is held until the tokenizer has read the whole text (its errors come first).
 */
class RowMatcher {
  readonly #prep: Preprocessing;
  readonly #file: string;
  readonly #delimiter: string;
  readonly #options: PredictRowsOptions;
  /** The first records and their lines, until the decision. */
  #held: { records: string[][]; lines: number[] } | undefined = { records: [], lines: [] };
  #failure: unknown;
  /** Notes of the decision, said once the whole text has been read (a syntax error there comes alone, as before). */
  readonly #notes: string[] = [];
  #keepFailure: unknown;
  #decimal: DecimalMark = '.';
  #cells: PredictCells | undefined;
  /** Header width to check each data row against (matching by name), or -1 (by position). */
  #width = -1;
  /** A trailing delimiter on the data rows: an empty field past the header's width is dropped. */
  #trailing = false;
  /** Set by the reader's owner: asks the tokenizer for numbers at these field positions. */
  onNumbers: (positions: readonly boolean[]) => void = () => {};

  constructor(prep: Preprocessing, file: string, delimiter: string, options: PredictRowsOptions) {
    this.#prep = prep;
    this.#file = file;
    this.#delimiter = delimiter;
    this.#options = options;
  }

  add(fields: CsvField[], line: number): void {
    if (this.#failure !== undefined) return;
    const held = this.#held;
    if (held !== undefined) {
      held.records.push(fields as string[]); // text: readNumbersIn waits for the decision
      held.lines.push(line);
      if (held.records.length >= SNIFF_RECORDS) this.#decide(false);
      return;
    }
    this.#take(fields, line);
  }

  /** After the last record: the rows, or the first failure. */
  finish(): PredictRows {
    if (this.#held !== undefined) this.#decide(true);
    for (const note of this.#notes) this.#options.onNote?.(note);
    if (this.#failure !== undefined) throw this.#failure;
    const cells = this.#cells!;
    if (this.#width >= 0 && cells.rows === 0) throw new DataFormatError({ file: this.#file }, 'no data rows to predict (only a header)');
    if (this.#keepFailure !== undefined) throw this.#keepFailure;
    return { cells, decimal: this.#decimal };
  }

  #decide(atEnd: boolean): void {
    const { records, lines } = this.#held!;
    this.#held = undefined;
    try {
      const first = this.#match(records, lines, atEnd);
      for (let r = first; r < records.length; r++) this.#take(records[r]!, lines[r]!);
    } catch (error) {
      this.#failure = error;
    }
  }

  /** Decides the decimal mark and the matching from the first records; sets up the cells; returns the first data record's index. */
  #match(records: string[][], lines: number[], atEnd: boolean): number {
    const prep = this.#prep;
    const file = this.#file;
    const delimiter = this.#delimiter;
    const options = this.#options;
    // As train reads a ';' file: the decimal mark its cells use (header and all: names are no numbers).
    const decimal = options.decimal ?? (delimiter === ';' ? guessDecimalMark(records.slice(0, 20)) : '.');
    this.#decimal = decimal;
    // A trailing delimiter on the rows or the header only, or row names without a header name, found as train finds them (in the first records).
    const mismatch = headerMismatch(records.slice(0, SNIFF_RECORDS), decimal, options.syntax);
    if (mismatch !== undefined) {
      mendHeaderMismatch(records, mismatch);
      this.#trailing = mismatch !== 'row-names';
      this.#notes.push(`${file}: ${headerMismatchNote(mismatch, delimiter)}`);
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
      const byPosition = features.map((_, i) => i);
      if (!looksLikeHeader(first, prep, decimal, options.syntax)) {
        this.#start(byPosition, undefined, true);
        return 0;
      }
      // A header with other names (text where the model reads numbers): matched by position, said once.
      this.#notes.push(`${file}: the header (${cutList(first)}) names none of the model's columns${list}; columns are matched by position`);
      if (atEnd && records.length === 1) throw new DataFormatError({ file }, 'no data rows to predict (only a header)');
      this.#start(byPosition, first, true);
      return 1;
    }
    // Columns are matched to the model's features by name, so a repeated name is ambiguous: bad content, like in train.
    checkUniqueNames(first.map((name, i) => (name === '' ? `column${i + 1}` : name)), { file, line: lines[0]! });
    if (named.length < features.length) {
      const absent = features.filter((name) => !first.includes(name));
      const quoted = absent.map((n) => `"${n}"`);
      throw new UsageError(`${file} has no column${absent.length > 1 ? 's' : ''} ${quoted.join(', ')}, which the model needs${list}${headerGuesses(absent, first, features)}`);
    }
    this.#width = first.length;
    this.#start(features.map((name) => first.indexOf(name)), first, false);
    return 1;
  }

  /** Sets up the cells for fields at `positions` (model order) and asks the tokenizer for numbers where a numeric column is not kept. */
  #start(positions: readonly number[], header: readonly string[] | undefined, exactWidth: boolean): void {
    const prep = this.#prep;
    const keep = this.#options.keep ?? [];
    let kept: number[] = [];
    try {
      kept = keep.map((name) => keptPosition(name, header, prep.featureNames, this.#file));
    } catch (error) {
      this.#keepFailure = error;
    }
    const kinds = prep.encoding?.columns.map((c) => c.kind);
    const text = positions.map((_, c) => (kinds?.[c] ?? 'numeric') === 'categorical');
    this.#cells = new PredictCells({ positions, text, kept: this.#keepFailure === undefined ? kept : [], names: prep.featureNames, exactWidth, dtype: this.#options.dtype ?? 'float32' });
    const syntax = this.#options.syntax;
    // Numbers straight from the text where a plain decimal number means what readCell says it does.
    const markers = [...(syntax?.naValues ?? [])];
    if (this.#decimal === '.' && syntax?.thousands === undefined && !markers.some((t) => parseNumber(t) !== undefined)) {
      const flags: boolean[] = [];
      positions.forEach((p, c) => (flags[p] = !text[c]! && !kept.includes(p)));
      this.onNumbers(Array.from(flags, (f) => f === true));
    }
  }

  /** Stores one data record (mended and checked as the header says). */
  #take(record: CsvField[], line: number): void {
    const width = this.#width;
    if (this.#trailing && record.length === width + 1 && record[width] === '') record.pop();
    if (width >= 0 && record.length !== width) {
      this.#failure = new DataFormatError({ file: this.#file, line, column: Math.min(record.length, width) + 1 }, `expected ${width} fields as in the header, found ${record.length}${raggedHint(record.length > width, this.#delimiter)}`);
      return;
    }
    this.#cells!.add(record, line);
  }
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
