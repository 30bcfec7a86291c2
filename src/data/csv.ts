/**
 * CSV → Dataset. One target column (by name or index, default the last), the others inputs
 * (or only `features`, minus `ignore`); numeric and categorical (text) inputs, missing cells
 * per `missing`, delimiter detected (`,` `;` tab `|`) unless given; the header and, with `;`, the
 * decimal mark guessed from the first records (csv-sniff.ts) unless given.
 * `createCsvParser` is incremental (feed chunks, then `end`), so memory stays close to the
 * parsed numbers (4 bytes each as float32) rather than the text; `parseCsv` is the one-string form.
 * Fed UTF-8 bytes (`pushBytes`, as readCsvFile does), records of plain numbers are read straight
 * from the bytes (csv-bytes.ts) and only the others are decoded for the text tokenizer; with the
 * input's size known (`expectedBytes`) the number arrays are reserved once instead of grown and copied.
 */
import type { DType } from '../matrix.js';
import type { CellSyntax, DecimalMark } from './cells.js';
import { cellSyntaxOf, isThousandsSeparator, readCell } from './cells.js';
import { CsvByteFeed, NumericRowScanner } from './csv-bytes.js';
import type { FastRows } from './csv-bytes.js';
import { CsvRecordReader } from './csv-records.js';
import type { CsvField } from './csv-records.js';
import { guessDecimalMark, guessHeader, headerMismatch, headerMismatchNote, mendHeaderMismatch, SNIFF_RECORDS } from './csv-sniff.js';
import { checkSkipRows, LineSkipper } from './skip-lines.js';
import { streamDecoder } from './text-encoding.js';
import type { EncodingFallback, TextEncodingName } from './text-encoding.js';
import { checkUniqueNames, chooseInputColumns, columnIndex, ColumnChoiceError } from './columns.js';
import type { ColumnRef } from './columns.js';
import type { Dataset, Task } from './dataset.js';
import { closestName } from '../errors/closest-name.js';
import { detectDelimiter, excelSeparatorLine, excelSeparatorNote } from './delimiter.js';
import { DataFormatError } from './errors.js';
import { defaultTargetColumn, TableBuilder } from './table-builder.js';
import type { MissingPolicy } from './table-builder.js';
import { cutList } from '../errors/limits.js';
import { UsageError } from '../errors/usage-error.js';

/** Options for reading a CSV file as a data set. */
export interface CsvOptions {
  /** Name used in error messages and as the data set name (default '<string>'). */
  readonly file?: string;
  /** Field separator, or 'auto' (default): detected from the first lines among `,` `;` tab `|`. */
  readonly delimiter?: string;
  /**
   * Decimal mark of numbers. Default '.', and with ';' as the delimiter the one its first records'
   * cells use: ',' for cells like 1,5 (or none either way), '.' for cells like 1.5 only.
   */
  readonly decimal?: DecimalMark;
  /** Comment marker: lines whose first character it is are skipped (default '': none, as pandas). */
  readonly comment?: string;
  /**
   * Lines skipped at the start, as pandas' `skiprows=N` (default 0): physical lines ending in '\n',
   * '\r\n' or '\r', before the delimiter, header and anything else is read; messages keep the file's line numbers.
   */
  readonly skipRows?: number;
  /**
   * Encoding of bytes fed with pushBytes (readCsvFile): 'utf-8' (default; bytes that are not
   * UTF-8 are refused with their offset), 'latin1' or 'windows-1252'.
   */
  readonly encoding?: TextEncodingName;
  /**
   * With UTF-8 (`encoding` absent or 'utf-8'): the one-byte encoding to read the file in when its
   * bytes turn out not to be UTF-8 before any UTF-8 character beyond ASCII, and the call that is
   * told so (evaluate and predict pass the encoding of the model's training file).
   */
  readonly fallbackEncoding?: EncodingFallback;
  /** Whether the first record names the columns; 'auto' (default): guessed from the first 20 records (see guessHeader). */
  readonly header?: boolean | 'auto';
  /** Target column: a header name, or an index (negative counts from the end); null for none. Default: the last. */
  readonly target?: string | number | null;
  /** 'auto' (default): see inferTargetTask (text, or at most 20 distinct whole numbers: classification). */
  readonly task?: Task | 'auto';
  /** Fixes the class order (label i = classNames[i]); default: sorted (numerically if all are numbers). */
  readonly classNames?: readonly string[];
  /** Precision of the input and target matrices (default 'float32'). */
  readonly dtype?: DType;
  /** Only these columns are inputs (names or 0-based indices; default all but the target). */
  readonly features?: readonly ColumnRef[];
  /** These columns are not inputs. */
  readonly ignore?: readonly ColumnRef[];
  /** Numeric-looking columns read as categories (zip codes, product codes). */
  readonly categorical?: readonly ColumnRef[];
  /** Missing input cells: 'error' (default) names the first; 'drop' drops the row; the others keep NaN for the imputer. */
  readonly missing?: MissingPolicy;
  /**
   * Rows whose target cell is missing are dropped, with a note (TableSettings.dropMissingTargets);
   * default: with the imputing policies (mean, median, most-frequent), which fill input cells only.
   */
  readonly dropMissingTargets?: boolean;
  /** More cells that mean "missing" (compared exactly, after trimming), as pandas' `na_values`: ['?', '-']. */
  readonly naValues?: readonly string[];
  /** Whether pandas' default missing markers (MISSING_TOKENS) count too (default true); the empty cell always does. */
  readonly keepDefaultNa?: boolean;
  /** Thousands separator inside numbers, as pandas' `thousands` (',' reads "1,234" as 1234); default none. */
  readonly thousands?: string;
  /**
   * Size of the whole input in bytes, when known (readCsvFile passes the file's): the number
   * arrays are then reserved once, from the bytes per row so far, instead of grown and copied.
   */
  readonly expectedBytes?: number;
  /** Receives one-line notes: an ambiguous delimiter, rows dropped. */
  readonly onNote?: (message: string) => void;
}

/** An incremental CSV parser: push text chunks (or byte chunks, not both), then `end()` returns the data set. */
export interface CsvParser {
  push(chunk: string): void;
  /** Feeds bytes (UTF-8 unless `encoding` says otherwise): records of plain numbers are read from them directly (see csv-bytes.ts), the rest as text. */
  pushBytes(chunk: Uint8Array): void;
  end(): Dataset;
}

/** Parses a whole CSV text. */
export function parseCsv(text: string, options: CsvOptions = {}): Dataset {
  const parser = createCsvParser(options);
  parser.push(text);
  return parser.end();
}

/** Text held back for delimiter detection: this many characters, or enough lines. */
const DETECTION_CHARS = 1 << 16;

/** Bytes a delimiter may not be for the byte fast path (they can be part of a number). */
const NUMBER_CHARACTERS = '0123456789+-.eE';

/** Which fields the tokenizer reads straight to values is asked again every this many + 1 data rows. */
const NUMBERS_RECHECK = 4095;

/** Creates an incremental CSV parser with the given options. */
export function createCsvParser(options: CsvOptions = {}): CsvParser {
  const { file = '<string>', header = 'auto', target, task = 'auto', classNames, dtype = 'float32', comment = '' } = options;
  const syntax = cellSyntax(options);
  const skipRows = options.skipRows === undefined ? 0 : checkSkipRows(options.skipRows);
  const skipper = skipRows > 0 ? new LineSkipper(skipRows) : undefined;
  let emptyRecords = 0;
  let builder: TableBuilder | undefined;
  let reader: CsvRecordReader | undefined;
  let decimal: DecimalMark = options.decimal ?? '.';
  let pending = '';
  let width = 0;
  // Set when one side has a trailing delimiter: a record of width + 1 fields whose last is empty is read without it.
  let trimTrailing = false;

  let dataRows = 0;
  // The first records, held until the header and decimal mark are guessed from them, then replayed.
  let sniffed: { fields: string[]; line: number }[] | undefined = [];
  let firstCell = '';
  let secondLine = -1;
  // Set when the first row is mostly empty and the next looks like a header: a junk line above it (scikit-learn's boston_house_prices.csv).
  let skipHint = '';
  const begin = (): void => {
    const held = sniffed!;
    sniffed = undefined;
    const records = held.map((r) => r.fields);
    // With ';' the decimal mark is the cells' (or the one the thousands separator leaves, so the two never clash here).
    if (options.decimal === undefined && delimiterUsed === ';') decimal = syntax.thousands === '.' ? ',' : syntax.thousands === ',' ? '.' : guessDecimalMark(records);
    const mismatch = header === false ? undefined : headerMismatch(records, decimal, syntax);
    if (mismatch !== undefined) {
      // "a,b,c" over "1,2,3," (or "a,b,c," over "1,2,3"): a trailing delimiter, not a column; "a,b,c" over "r1,1,2,3": row names.
      trimTrailing = mismatch !== 'row-names';
      mendHeaderMismatch(records, mismatch);
      options.onNote?.(`${file}: ${headerMismatchNote(mismatch, delimiterUsed)}`);
    }
    const fields = held[0]!.fields;
    const line = held[0]!.line;
    width = fields.length;
    firstCell = fields[0] ?? '';
    if (comment === '' && firstCell.startsWith('#')) {
      // A comment line read as the first row: say how to skip it rather than fail on columns later.
      const ragged = held.find((r) => r.fields.length !== width);
      if (ragged !== undefined) throw new DataFormatError({ file, line: ragged.line }, `expected ${width} fields as in the first row, found ${ragged.fields.length}; if lines starting with "#" are comments, pass --comment '#'`);
    }
    secondLine = held[1]?.line ?? -1;
    const second = held[1]?.fields;
    // Also when the second row is wider and reads as a header: a title line ("Sales report") above the table.
    const junkAbove = second !== undefined && ((fields.filter((f) => f === '').length * 2 >= width && second.every((f) => f !== '')) || second.length > width);
    if (junkAbove && guessHeader(records.slice(1), decimal, syntax).header) skipHint = skipRowsHint(secondLine);
    const guess = header === 'auto' ? guessHeader(records, decimal, syntax) : { header };
    if (guess.note !== undefined) options.onNote?.(`${file}: ${guess.note}`);
    const names = guess.header ? fields.map((f, i) => (f === '' ? `column${i + 1}` : f)) : fields.map((_, i) => `column${i + 1}`);
    // pandas writes "Unnamed: 3" for a column it read without a header name (a trailing delimiter, an index).
    const unnamed = new Set(guess.header ? fields.flatMap((f, i) => (f === '' || /^Unnamed: \d+$/.test(f) ? [i] : [])) : []);
    const where = { file, line };
    checkUniqueNames(names, where);
    // By default the one column named like a target, else the last column with a name.
    const targetIndex = target === undefined ? defaultTargetColumn(names, unnamed) : resolveTarget(target, names, file, line);
    const inputs = chooseInputColumns(names, targetIndex, options, where);
    const categorical = new Set((options.categorical ?? []).map((ref) => columnIndex(ref, names, 'categorical', where)));
    const targetByDefault = target === undefined;
    builder = new TableBuilder({ file, names, inputs, target: targetIndex, categorical, missing: options.missing ?? 'error', dropMissingTargets: options.dropMissingTargets ?? imputes(options.missing), task, decimal, syntax, unnamed, targetByDefault, leaveOutCounters: options.features === undefined, dtype, ...(classNames === undefined ? {} : { classNames }) });
    for (let r = guess.header ? 1 : 0; r < held.length; r++) onRecord(held[r]!.fields, held[r]!.line);
  };
  const onRecord = (records: CsvField[], line: number): void => {
    if (sniffed !== undefined) {
      // Numbers arrive only after readNumbersIn, which waits for the builder: these records are text.
      sniffed.push({ fields: records as string[], line });
      if (sniffed.length >= SNIFF_RECORDS) begin();
      return;
    }
    // A record of empty cells only (",,,," a spreadsheet leaves below its data) is skipped, as blank lines are.
    if (records.every((f) => f === '')) {
      emptyRecords++;
      return;
    }
    if (trimTrailing && records.length === width + 1 && records[width] === '') records.pop();
    if (records.length !== width) {
      const column = Math.min(records.length, width) + 1;
      const first = records[0];
      const commented = comment === '' && (firstCell.startsWith('#') || (typeof first === 'string' && first.startsWith('#')));
      // A first row shorter than the second: a title or count line above the header.
      const hint = commented ? `; if lines starting with "#" are comments, pass --comment '#'` : line === secondLine && records.length > width ? skipRowsHint(line) : raggedHint(records.length > width, delimiterUsed);
      throw new DataFormatError({ file, line, column }, `expected ${width} fields as in the first row, found ${records.length}${hint}`);
    }
    builder!.add(records, line);
    // After the first data row, and now and then (the target can take values later on).
    if ((dataRows++ & NUMBERS_RECHECK) === 0) reader!.readNumbersIn(builder!.numericPositions());
  };

  let delimiterUsed = ',';
  const start = (complete: boolean): void => {
    let delimiter = options.delimiter ?? 'auto';
    // Excel's "sep=;" first line (not when lines are skipped: then the person chose what the first line is).
    const excel = skipRows === 0 ? excelSeparatorLine(pending) : undefined;
    if (excel !== undefined) {
      pending = pending.slice(excel.length);
      if (delimiter === 'auto') {
        delimiter = excel.delimiter;
        options.onNote?.(`${file}: ${excelSeparatorNote(excel.delimiter)}`);
      }
    }
    if (delimiter === 'auto') {
      const guess = detectDelimiter(pending, { comment, complete });
      delimiter = guess.delimiter;
      if (guess.note !== undefined) options.onNote?.(`${file}: ${guess.note}`);
    }
    delimiterUsed = delimiter;
    if (comment !== '' && comment === delimiter) throw new DataFormatError({ file }, `the delimiter and the comment marker are both "${delimiter}"`);
    if (delimiter === decimal) throw new DataFormatError({ file }, `the delimiter and the decimal mark are both "${delimiter}"`);
    // (The delimiter may be the separator too: such cells are quoted, "1,234", as pandas reads them.)
    const decimalDecided = options.decimal !== undefined || delimiter !== ';'; // else begin() decides it, away from the separator
    if (decimalDecided && syntax.thousands === decimal) throw new UsageError(`the thousands separator "${decimal}" is also the decimal mark`);
    reader = new CsvRecordReader(onRecord, { file, delimiter, comment });
    reader.skipLines(skipRows + (excel === undefined ? 0 : 1));
    byteDelimiter = delimiter.charCodeAt(0) < 128 && (comment === '' || comment.charCodeAt(0) < 128) && !NUMBER_CHARACTERS.includes(delimiter) ? delimiter.charCodeAt(0) : -1;
    const text = pending;
    pending = '';
    reader.push(text);
  };

  const push = (text: string): void => {
    const chunk = skipper === undefined ? text : skipper.push(text);
    if (reader !== undefined) return reader.push(chunk);
    pending += chunk;
    if (pending.length >= DETECTION_CHARS || countLines(pending) > 20) start(false);
  };

  // The byte fast path runs between records once every field position reads numbers.
  let byteDelimiter = -1;
  let fastRows: FastRows | undefined;
  const fast = (): FastRows | undefined => {
    if (builder === undefined || byteDelimiter < 0 || !reader!.betweenRecords || !builder.takesNumberRows()) return undefined;
    const r = reader!;
    if (fastRows === undefined && options.expectedBytes !== undefined && bytes !== undefined && bytes.consumed > 0) {
      // Rows to come at the bytes per row so far, a quarter more for safety: untouched room costs no memory.
      const seen = builder.rowsSeen + 1;
      builder.reserveRows(seen + Math.ceil((1.25 * Math.max(0, options.expectedBytes - bytes.consumed) * seen) / bytes.consumed) + 64);
    }
    fastRows ??= { scanner: new NumericRowScanner(width, byteDelimiter, comment === '' ? -1 : comment.charCodeAt(0), decimal.charCodeAt(0)), sink: builder, read: (rows) => r.skipLines(rows) };
    return fastRows;
  };
  let bytes: CsvByteFeed | undefined;

  /** Runs `step`, adding skipHint to a data error it throws. */
  const hinted = <T>(step: () => T): T => {
    try {
      return step();
    } catch (error) {
      if (skipHint !== '' && error instanceof DataFormatError && !error.message.includes('--skip-rows')) error.message += skipHint;
      throw error;
    }
  };

  return {
    push: (chunk) => hinted(() => push(chunk)),
    pushBytes(chunk) {
      bytes ??= new CsvByteFeed(push, fast, streamDecoder(options.encoding ?? 'utf-8', file, options.fallbackEncoding));
      hinted(() => bytes!.push(chunk));
    },
    end(): Dataset {
      const dataset = hinted(() => {
        bytes?.end();
        if (reader === undefined) start(true);
        reader!.end();
        if (sniffed !== undefined && sniffed.length > 0) begin();
        if (builder === undefined) throw new DataFormatError({ file }, skipRows > 0 ? `no data rows after the ${skipRows} skipped lines (--skip-rows)` : 'no data rows');
        return builder.finish();
      });
      const table = builder!;
      for (const note of table.notes) options.onNote?.(`${file}: ${note}`);
      if (emptyRecords > 0) options.onNote?.(`${file}: skipped ${emptyRecords} ${emptyRecords === 1 ? 'row' : 'rows'} whose cells are all empty`);
      if (table.dropNote !== undefined) options.onNote?.(`${file}: ${table.dropNote}`);
      return dataset;
    },
  };
}

/** Whether a missing policy fills missing input cells (so a missing target needs its own rule). */
function imputes(missing: MissingPolicy | undefined): boolean {
  return missing === 'mean' || missing === 'median' || missing === 'most-frequent';
}

/** The missing markers and thousands separator the options ask for. */
function cellSyntax(options: CsvOptions): CellSyntax {
  const { thousands } = options;
  if (thousands !== undefined && !isThousandsSeparator(thousands)) throw new UsageError(`thousands separator must be one character other than a digit, sign, 'e' or the quote, got ${JSON.stringify(thousands)}`);
  return cellSyntaxOf(options);
}

/** The hint for a table (header or data) starting on `line`, below a junk line or more: the lines above it to skip. */
function skipRowsHint(line: number): string {
  return `; if the table starts on line ${line}, pass --skip-rows ${line - 1}`;
}

/** The hint for a data row longer (a delimiter in an unquoted cell) or shorter (fields left out) than the header. */
export function raggedHint(longer: boolean, delimiter: string): string {
  const shown = delimiter === '\t' ? 'a tab' : JSON.stringify(delimiter);
  if (longer) return `; a cell holding ${shown} must be in quotes ("a${delimiter} b"): fix or delete that line`;
  return `; write every field, empty ones too (1${delimiter}${delimiter}0), or delete that line`;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function resolveTarget(target: string | number | null, names: readonly string[], file: string, line: number): number {
  if (target === null) return -1;
  if (typeof target === 'string') {
    const index = names.indexOf(target);
    if (index >= 0) return index;
    const guess = closestName(target, names);
    throw new ColumnChoiceError({ file, line }, `no column named "${target}" (columns: ${cutList(names)})${guess === undefined ? '' : `. Did you mean "${guess}"?`}`);
  }
  const index = target < 0 ? names.length + target : target;
  if (!Number.isInteger(index) || index < 0 || index >= names.length) {
    throw new ColumnChoiceError({ file, line }, `target column index ${target} is outside a row of ${names.length} fields`);
  }
  return index;
}

