/**
 * The CSV reader's byte fast path: whole records of plain decimal numbers read straight from
 * UTF-8 bytes to values, with no text decoded and no string or field array made. It reads only
 * what the text path (CsvRecordReader with every position reading numbers) reads the same way:
 * unquoted fields, spaces or tabs around a number, `,`-like one-byte delimiter, `\n` or `\r\n`
 * ending the record, exactly `width` fields. It stops before any other record (a quote, a word,
 * a gap, a comment or blank line, a ragged row, a number outside fastDecimal's exact subset),
 * which the text path then reads with all its rules and messages.
 */
import { decimalIntoBytes } from './fast-number.js';
import type { ScanEnd } from './fast-number.js';
import type { StreamDecoder } from './text-encoding.js';

/** The text of the fields of the records being handed over, made on request. */
export interface CellTexts {
  /** The text (trimmed) of field `field` of record `row` of the batch. */
  text(row: number, field: number): string;
}

/** Takes batches of records of numbers: `values[row * width + field]`, `rows` records. */
export interface NumberRowSink {
  addNumberRows(values: Float64Array, rows: number, texts: CellTexts): void;
}

/** Records handed over at once. */
const BATCH = 1024;

const NEWLINE = 10;
const RETURN = 13;
const SPACE = 32;
const TAB = 9;

/** Magnitudes at or above this are left to the text path (it checks the float32 range). */
const LARGE = 1e37;

/** Decodes the ASCII bytes of a number cell (no spread over a cell of any length; ASCII reads the same in windows-1252). */
const ASCII = new TextDecoder('latin1');

/**
 * The value of the longest run of number characters (digits, sign, the decimal mark `point`, 'e')
 * at `bytes[start]` when `Number()` reads it (with '.' for the mark) as a finite number below
 * LARGE, else NaN; `out.end` is where it ends. Under decimal ',' a '.' is not a number character.
 */
function longNumber(bytes: Uint8Array, start: number, stop: number, out: ScanEnd, point: number): number {
  let i = start;
  for (; i < stop; i++) {
    const c = bytes[i]!;
    if (!((c >= 48 && c <= 57) || c === point || c === 45 || c === 43 || c === 101 || c === 69)) break;
  }
  if (i === start || i >= stop) return NaN;
  const text = ASCII.decode(bytes.subarray(start, i));
  // Under decimal ',' the text reader reads the cell with its first ',' as '.' (a second one leaves it text).
  const value = Number(point === 46 ? text : text.replace(',', '.'));
  if (!(Math.abs(value) < LARGE)) return NaN;
  out.end = i;
  return value;
}

/** Whether `c` ends a number in a record of plain numbers. */
function isSeparator(c: number, delimiter: number): boolean {
  return c === delimiter || c === SPACE || c === TAB || c === RETURN || c === NEWLINE;
}

/** Reads runs of all-number records of one width from byte chunks. */
export class NumericRowScanner implements CellTexts {
  readonly #width: number;
  /** The batch: values by row * width + field, and where each record starts in `#bytes`. */
  readonly #values: Float64Array;
  readonly #records: Int32Array;
  #bytes: Uint8Array = new Uint8Array(0);
  readonly #delimiter: number;
  /** Space and tab, the whitespace around numbers, or -1 for the one that is the delimiter. */
  readonly #space: number;
  readonly #tab: number;
  readonly #comment: number;
  /** The decimal mark's byte. */
  readonly #point: number;
  readonly #end: ScanEnd = { end: 0 };
  /** Records read by the last `scan` (at most BATCH). */
  rows = 0;
  /** Whether the last `scan` stopped at its most records (more may follow). */
  full = false;
  /** The most records the next `scan` reads. */
  #limit = 4;
  /** Whether the last `scan` stopped because the record it stopped at runs past the bytes given. */
  cut = false;

  /** `delimiter`, `comment` and `point` (the decimal mark) are byte values (comment -1 for none); the delimiter cannot be part of a number. */
  constructor(width: number, delimiter: number, comment: number, point = 46) {
    this.#width = width;
    this.#values = new Float64Array(BATCH * width);
    this.#records = new Int32Array(BATCH);
    this.#delimiter = delimiter;
    this.#space = delimiter === SPACE ? -1 : SPACE;
    this.#tab = delimiter === TAB ? -1 : TAB;
    this.#comment = comment;
    this.#point = point;
  }

  text(row: number, field: number): string {
    // The record is plain numbers: fields end at delimiters, numbers are what is not space or tab.
    const bytes = this.#bytes;
    let i = this.#records[row]!;
    for (let f = 0; f < field; f++) i = bytes.indexOf(this.#delimiter, i) + 1;
    while (bytes[i] === this.#space || bytes[i] === this.#tab) i++;
    let end = i;
    while (end < bytes.length && !isSeparator(bytes[end]!, this.#delimiter)) end++;
    return ASCII.decode(bytes.subarray(i, end));
  }

  /**
   * From `start`, a record start, hands the following records of plain numbers (up to BATCH) to
   * `sink` at once; returns where it stopped, always a record start (`rows` and `cut` say how
   * many and why; `cut` false and `rows` BATCH can mean more records follow).
   */
  scan(bytes: Uint8Array, start: number, sink: NumberRowSink): number {
    const stop = bytes.length;
    const values = this.#values;
    const records = this.#records;
    this.#bytes = bytes;
    const width = this.#width;
    const last = width - 1;
    const delimiter = this.#delimiter;
    const space = this.#space;
    const tab = this.#tab;
    const comment = this.#comment;
    const point = this.#point;
    const end = this.#end;
    // Few records in the first calls, so that the code after the loop has run (and has type
    // feedback) before the loop is optimized: otherwise the optimized code bails out there.
    const limit = this.#limit;
    if (limit < BATCH) this.#limit *= 4;
    let batched = 0;
    let k = 0; // batched * width + field
    let recordStart = start;
    outer: while (recordStart < stop) {
      let i = recordStart;
      let c = bytes[i]!;
      if (c === comment) break;
      k = batched * width;
      records[batched] = recordStart;
      for (let f = 0; f < width; f++, k++) {
        while (c === space || c === tab) {
          if (++i >= stop) break outer;
          c = bytes[i]!;
        }
        // Written into the batch by the reader itself: a double returned by a call is boxed.
        if (!decimalIntoBytes(bytes, i, stop, end, point, values, k)) {
          // Outside the exact subset (more digits, a larger exponent): Number() of the token, as the text path.
          const long = longNumber(bytes, i, stop, end, point);
          if (long !== long) break outer;
          values[k] = long;
        }
        i = end.end;
        if (i >= stop) break outer;
        c = bytes[i]!;
        while (c === space || c === tab) {
          if (++i >= stop) break outer;
          c = bytes[i]!;
        }
        if (f < last) {
          if (c !== delimiter || ++i >= stop) break outer;
          c = bytes[i]!;
        } else {
          if (c === RETURN) {
            if (++i >= stop) break outer;
            c = bytes[i]!;
          }
          if (c !== NEWLINE) break outer;
          i++;
        }
      }
      recordStart = i;
      if (++batched === limit) break;
    }
    if (batched > 0) sink.addNumberRows(values, batched, this);
    this.rows = batched;
    this.full = batched === limit;
    // The record it stopped at has no line end yet: more bytes may make it a record of numbers.
    this.cut = recordStart < stop && bytes.indexOf(NEWLINE, recordStart) < 0;
    return recordStart;
  }
}

/** Where the byte fast path may run now: its scanner, the sink of its rows, and what to tell of rows read. */
export interface FastRows {
  readonly scanner: NumericRowScanner;
  readonly sink: NumberRowSink;
  /** Called with the count of records (lines) the scanner read. */
  readonly read: (rows: number) => void;
}

/** Longest cut record held back for the next chunk; a longer one goes on in the text path (no copy per chunk of a huge line). */
const CARRY_MAX = 1 << 16;

/** Most bytes handed to the text path at once (more, to the end of the line). */
const TEXT_BLOCK = 1 << 12;

/**
 * Splits byte chunks between the fast path and the text path: bytes decoded (strict UTF-8 by
 * default, as a stream; see text-encoding.ts) go to `text`, always cut after a line end so the decoder
 * holds nothing when the fast path takes over; `fast` says, between lines, whether it may.
 * A record the chunk cuts is kept and read with the next chunk's first line.
 */
export class CsvByteFeed {
  readonly #text: (text: string) => void;
  readonly #fast: () => FastRows | undefined;
  readonly #decoder: StreamDecoder;
  #carry: Uint8Array | undefined;
  /** The text path was last handed bytes that did not end a line. */
  #open = false;
  /** Bytes to hand the text path next (doubles up to TEXT_BLOCK while the fast path cannot run or reads nothing). */
  #run = 1;
  /** Bytes read so far, by either path (a held-back record not yet). */
  consumed = 0;

  /** `decoder` reads the bytes the fast path leaves (numbers are ASCII, the same in every encoding offered). */
  constructor(text: (text: string) => void, fast: () => FastRows | undefined, decoder: StreamDecoder) {
    this.#text = text;
    this.#fast = fast;
    this.#decoder = decoder;
  }

  /** Feeds the next chunk (chunks may split anywhere, even inside a character). */
  push(chunk: Uint8Array): void {
    // A plain Uint8Array view, whatever subclass (Buffer) came: the scanner's code then sees one kind.
    let bytes = chunk.constructor === Uint8Array ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const carry = this.#carry;
    if (carry !== undefined) {
      this.#carry = undefined;
      const newline = bytes.indexOf(10);
      const head = newline < 0 ? bytes.length : newline + 1;
      const joined = new Uint8Array(carry.length + head);
      joined.set(carry);
      joined.set(bytes.subarray(0, head), carry.length);
      this.#feed(joined);
      bytes = bytes.subarray(head);
    }
    this.#feed(bytes);
  }

  /** Hands what is left to the text path. */
  end(): void {
    if (this.#carry !== undefined) this.#hand(this.#carry, 0, this.#carry.length);
    this.#carry = undefined;
    const rest = this.#decoder.decode(new Uint8Array(0), this.consumed, true);
    if (rest !== '') this.#text(rest);
  }

  #feed(bytes: Uint8Array): void {
    let at = 0;
    while (at < bytes.length) {
      const fast = this.#open ? undefined : this.#fast();
      if (fast === undefined) {
        at = this.#hand(bytes, at, this.#open ? at + 1 : at + this.#run);
        if (this.#run < TEXT_BLOCK) this.#run *= 2;
        continue;
      }
      const stop = fast.scanner.scan(bytes, at, fast.sink);
      this.consumed += stop - at;
      if (fast.scanner.rows > 0) {
        fast.read(fast.scanner.rows);
        this.#run = 1;
      }
      if (fast.scanner.cut && bytes.length - stop <= CARRY_MAX) {
        this.#carry = new Uint8Array(bytes.subarray(stop)); // a copy (Buffer#slice would be a view)
        return;
      }
      if (stop >= bytes.length) return;
      if (fast.scanner.full) {
        at = stop;
        continue;
      }
      at = this.#hand(bytes, stop, stop + this.#run);
      if (this.#run < TEXT_BLOCK) this.#run *= 2;
    }
  }

  /** Hands `bytes[from ..]` to the text path up to the first line end at or after `until`; returns where it stopped. */
  #hand(bytes: Uint8Array, from: number, until: number): number {
    const newline = until >= bytes.length ? -1 : bytes.indexOf(10, Math.max(from, until - 1));
    const to = newline < 0 ? bytes.length : newline + 1;
    const at = this.consumed;
    this.consumed += to - from;
    this.#open = bytes[to - 1] !== 10;
    const text = this.#decoder.decode(bytes.subarray(from, to), at);
    if (text !== '') this.#text(text);
    return to;
  }
}
