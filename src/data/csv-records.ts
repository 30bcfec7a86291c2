/**
 * Streaming CSV tokenizer: text chunks in, records (arrays of field strings) out, one
 * callback per record, so a large file is never held whole in memory.
 *
 * Rules: fields split on the delimiter; a field may be double-quoted, with `""` for a
 * literal quote and line breaks allowed inside the quotes, and spaces around the quotes
 * dropped (`"a", "b"`); a quote inside an unquoted field is an ordinary character (`6'2"`, as
 * pandas and Python's csv read it); unquoted fields are trimmed;
 * blank lines are skipped, and so are lines whose first character is the comment marker, when
 * one is set (none by default, as pandas; a marker anywhere else is data); `\r\n`, `\n` and a
 * lone `\r` (old Mac files) each end a record; a UTF-8 byte order mark at the start is dropped;
 * NUL characters (UTF-16 or binary data) are refused.
 *
 * Numbers (parseNumber): one rule everywhere, as pandas: whitespace around a number is
 * ignored, quoted or not (`" 1 "`, `"\t2\n"` are 1 and 2); a cell of whitespace only is empty.
 */
import { DataFormatError } from './errors.js';
import { decimalAt, fastDecimal } from './fast-number.js';
import type { ScanEnd } from './fast-number.js';
import { UsageError } from '../errors/usage-error.js';

/** Settings of the tokenizer. */
export interface CsvRecordOptions {
  /** Name used in error messages. */
  readonly file: string;
  /** Field separator, one character (default ','). */
  readonly delimiter?: string;
  /** Lines starting with this character are skipped (default '': none, as pandas). */
  readonly comment?: string;
}

/**
 * One field: its text, or (only in columns given to `readNumbersIn`) its value, when the
 * unquoted field is a plain decimal number that fastDecimal reads exactly.
 */
export type CsvField = string | number;

/** Receives one record: its fields and the 1-based line it starts on. */
export type CsvRecordHandler = (fields: CsvField[], line: number) => void;

/** Characters a plain decimal number may hold. */
const NUMBER_CHARACTERS = '0123456789+-.eE';

const QUOTE = 34;
const NEWLINE = 10;
const RETURN = 13;

/** Incremental CSV tokenizer. Call `push` with each text chunk, then `end` once. */
export class CsvRecordReader {
  readonly #onRecord: CsvRecordHandler;
  readonly #file: string;
  readonly #delimiter: number;
  readonly #comment: number;
  #fields: CsvField[] = [];
  /** Per field position: read plain decimal numbers straight to values (no string made). */
  #numeric: readonly boolean[] = [];
  readonly #scanEnd: ScanEnd = { end: 0 };
  #field = '';
  #inQuotes = false;
  #fieldQuoted = false;
  #afterClosingQuote = false;
  /** Spaces or tabs came after the closing quote: only a delimiter or a line end may follow. */
  #spaceAfterQuote = false;
  #inComment = false;
  #atRecordStart = true;
  /** The last character was a '\r' that ended a line: a '\n' right after it belongs to that line end. */
  #afterReturn = false;
  #line = 1;
  #recordLine = 1;
  #quoteLine = 1;
  #started = false;

  constructor(onRecord: CsvRecordHandler, { file, delimiter = ',', comment = '' }: CsvRecordOptions) {
    if (delimiter.length !== 1) throw new UsageError(`CSV delimiter must be one character, got ${JSON.stringify(delimiter)}`);
    if (comment.length > 1) throw new UsageError(`CSV comment marker must be one character, got ${JSON.stringify(comment)}`);
    this.#onRecord = onRecord;
    this.#file = file;
    this.#delimiter = delimiter.charCodeAt(0);
    this.#comment = comment === '' ? -1 : comment.charCodeAt(0);
  }

  /**
   * From the next record on, unquoted fields at the flagged positions that are plain decimal
   * numbers (with '.' as the decimal mark) arrive as numbers; all others stay text.
   */
  readNumbersIn(positions: readonly boolean[]): void {
    // A delimiter that can be part of a number ('e', '-', a digit...) leaves every field to the general loop.
    if (NUMBER_CHARACTERS.includes(String.fromCharCode(this.#delimiter))) return;
    this.#numeric = positions;
  }

  /** True between records: nothing of a record or comment held, so the next text starts a line. */
  get betweenRecords(): boolean {
    return this.#atRecordStart && !this.#afterReturn && !this.#inComment && !this.#inQuotes && !this.#afterClosingQuote && !this.#fieldQuoted && this.#field === '' && this.#fields.length === 0;
  }

  /** Counts `lines` records read elsewhere (one line each) into the line numbers; only between records. */
  skipLines(lines: number): void {
    this.#line += lines;
    this.#recordLine = this.#line;
  }

  /** Feeds the next chunk of text (chunks may split anywhere, even inside a field). */
  push(text: string): void {
    let chunk = text;
    if (!this.#started && chunk.length > 0) {
      this.#started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    const nul = chunk.indexOf('\0');
    if (nul >= 0) {
      const line = this.#line + countNewlines(chunk, nul);
      throw new DataFormatError({ file: this.#file, line }, 'contains a NUL character: this is UTF-16 text without a byte order mark or a binary file, not UTF-8 CSV (save it as UTF-8)');
    }
    let segmentStart = 0;
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const c = chunk.charCodeAt(i);
      if (this.#afterReturn) {
        this.#afterReturn = false;
        if (c === NEWLINE) {
          segmentStart = i + 1;
          continue; // the '\n' of a '\r\n'
        }
      }
      if (this.#inComment) {
        const end = lineEnd(chunk, i);
        if (end < 0) return;
        i = end;
        this.#inComment = false;
        this.#atRecordStart = true;
        this.#afterReturn = chunk.charCodeAt(end) === RETURN;
        this.#line++;
        this.#recordLine = this.#line;
        segmentStart = i + 1;
        continue;
      }
      if (this.#inQuotes) {
        if (c === QUOTE) {
          this.#field += chunk.slice(segmentStart, i);
          this.#inQuotes = false;
          this.#afterClosingQuote = true;
          segmentStart = i + 1;
        } else if (c === NEWLINE) {
          this.#line++;
        }
        continue;
      }
      if (this.#afterClosingQuote) {
        if (c === QUOTE && !this.#spaceAfterQuote) {
          this.#afterClosingQuote = false;
          this.#field += '"';
          this.#inQuotes = true;
          segmentStart = i + 1;
          continue;
        }
        if ((c === 32 || c === 9) && c !== this.#delimiter) {
          this.#spaceAfterQuote = true; // `"a" ,b`: spaces between the closing quote and the delimiter are dropped
          segmentStart = i + 1;
          continue;
        }
        this.#afterClosingQuote = false;
        this.#spaceAfterQuote = false;
        if (c !== this.#delimiter && c !== NEWLINE && c !== RETURN) {
          this.#fail(this.#line, `unexpected ${JSON.stringify(chunk[i])} after a closing quote (a quoted field ends at its closing quote; double a quote inside it: "")`);
        }
      }
      if (this.#atRecordStart) {
        if (c === NEWLINE || c === RETURN) {
          this.#line++;
          this.#afterReturn = c === RETURN;
          this.#recordLine = this.#line;
          segmentStart = i + 1;
          continue;
        }
        this.#atRecordStart = false;
        if (c === this.#comment) {
          this.#inComment = true;
          continue;
        }
      }
      if (c === this.#delimiter) {
        if (!this.#tookNumber(chunk, segmentStart, i)) {
          this.#field += chunk.slice(segmentStart, i);
          this.#endField();
        }
        segmentStart = i + 1;
        if (this.#numeric[this.#fields.length] === true) {
          segmentStart = this.#scanNumbers(chunk, segmentStart);
          i = segmentStart - 1;
        }
      } else if (c === NEWLINE || c === RETURN) {
        const number = this.#tookNumber(chunk, segmentStart, i);
        if (!number) this.#field += chunk.slice(segmentStart, i);
        segmentStart = i + 1;
        if (number) this.#emitRecord();
        else this.#endRecord();
        this.#line++;
        this.#recordLine = this.#line;
        if (c === RETURN) this.#afterReturn = true;
        else if (this.#numeric[0] === true) {
          segmentStart = this.#scanNumbers(chunk, segmentStart);
          i = segmentStart - 1;
        }
      } else if (c === QUOTE) {
        // A quote opens a quoted field only at the field's start (spaces before it dropped); inside
        // an unquoted field it is an ordinary character, as in pandas and Python's csv (`6'2"`).
        if ((this.#field + chunk.slice(segmentStart, i)).trim() !== '') continue;
        this.#field = '';
        this.#inQuotes = true;
        this.#fieldQuoted = true;
        this.#quoteLine = this.#line;
        segmentStart = i + 1;
      }
    }
    if (segmentStart < n && !this.#inComment) this.#field += chunk.slice(segmentStart);
  }

  /** Flushes the last record; throws if a quoted field was left open. */
  end(): void {
    this.#afterReturn = false;
    if (this.#inQuotes) this.#fail(this.#quoteLine, 'a quoted field is never closed');
    if (!this.#atRecordStart && !this.#inComment) this.#endRecord();
    this.#inComment = false;
  }

  #endField(): void {
    this.#fields.push(this.#fieldQuoted ? this.#field : this.#field.trim());
    this.#field = '';
    this.#fieldQuoted = false;
  }

  #endRecord(): void {
    this.#atRecordStart = true;
    if (this.#fields.length === 0 && !this.#fieldQuoted && this.#field.trim() === '') {
      this.#field = '';
      return; // a line of spaces only counts as blank
    }
    this.#endField();
    this.#emitRecord();
  }

  /** Ends the field `chunk[start, end)` as a number when its position reads numbers and it is one. */
  #tookNumber(chunk: string, start: number, end: number): boolean {
    if (this.#fieldQuoted || this.#field !== '' || this.#numeric[this.#fields.length] !== true) return false;
    const value = fastDecimal(chunk, start, end);
    if (value !== value) return false; // NaN: not in the fast path, the text decides
    this.#fields.push(value);
    return true;
  }

  /**
   * From `start`, a field start, reads consecutive fields at numeric positions that are plain
   * decimal numbers (spaces or tabs around them) ending at the delimiter or a line end, straight
   * to values; returns where the general loop resumes: the first field it leaves to that loop
   * (any other field, one the chunk cuts, a blank or comment line).
   */
  #scanNumbers(chunk: string, start: number): number {
    const n = chunk.length;
    const delimiter = this.#delimiter;
    const numeric = this.#numeric;
    const scan = this.#scanEnd;
    let p = start;
    for (;;) {
      if (p >= n || numeric[this.#fields.length] !== true) return p;
      let c = chunk.charCodeAt(p);
      if (this.#atRecordStart && (c === NEWLINE || c === RETURN || c === this.#comment)) return p;
      let i = p;
      while ((c === 32 || c === 9) && c !== delimiter) c = chunk.charCodeAt(++i);
      if (i >= n) return p;
      const value = decimalAt(chunk, i, n, scan);
      if (value !== value) return p; // NaN: not a plain number, the general loop reads the text
      i = scan.end;
      c = chunk.charCodeAt(i);
      while ((c === 32 || c === 9) && c !== delimiter) c = chunk.charCodeAt(++i);
      if (i >= n) return p; // the field may go on in the next chunk
      if (c === RETURN && chunk.charCodeAt(i + 1) === NEWLINE) c = chunk.charCodeAt(++i);
      if (c === delimiter) {
        this.#atRecordStart = false;
        this.#fields.push(value);
      } else if (c === NEWLINE) {
        this.#atRecordStart = false;
        this.#fields.push(value);
        this.#emitRecord();
        this.#line++;
        this.#recordLine = this.#line;
      } else {
        return p;
      }
      p = i + 1;
    }
  }

  #emitRecord(): void {
    this.#atRecordStart = true;
    const fields = this.#fields;
    this.#fields = [];
    this.#onRecord(fields, this.#recordLine);
  }

  #fail(line: number, problem: string): never {
    throw new DataFormatError({ file: this.#file, line, column: this.#fields.length + 1 }, problem);
  }
}

/**
 * Parses a numeric cell: a finite decimal number, whitespace around it ignored (as pandas does),
 * or undefined when the text is not one (empty or whitespace only, words, hex literals, Infinity).
 */
export function parseNumber(cell: string): number | undefined {
  const fast = fastDecimal(cell, 0, cell.length);
  if (fast === fast) return fast; // not NaN: the exact fast path took it
  const text = isSpace(cell.charCodeAt(0)) || isSpace(cell.charCodeAt(cell.length - 1)) ? cell.trim() : cell;
  if (text === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) return undefined;
  const first = text.charCodeAt(0);
  // Number() also accepts hex/binary/octal literals; a CSV cell like "0x1F" is not a decimal number.
  if (text.length > 1 && first === 48 && /[xXbBoO]/.test(text[1]!)) return undefined;
  return value;
}

/** Space, tab, line feed, carriage return, vertical tab, form feed (the whitespace pandas skips). */
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/** Index of the first '\n' or '\r' at or after `from`, or -1. */
function lineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE || c === RETURN) return i;
  }
  return -1;
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
