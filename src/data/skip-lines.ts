/**
 * Skipping the first lines of a text, as pandas' `read_csv(skiprows=N)`: physical lines, each
 * ending in '\n', '\r\n' or a lone '\r' (quotes mean nothing here), before anything else reads
 * the text. Chunks may split anywhere, a '\r\n' too.
 */
import { UsageError } from '../errors/usage-error.js';

const NEWLINE = 10;
const RETURN = 13;

/** Whether `value` is a count of lines to skip: a whole number from 0 up. */
export function isSkipRowCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Checks a `skipRows` value (isSkipRowCount); a UsageError naming `name` otherwise. */
export function checkSkipRows(value: unknown, name = 'skipRows'): number {
  if (!isSkipRowCount(value)) throw new UsageError(`${name} (lines skipped before the header) must be a whole number from 0 up, got ${JSON.stringify(value) ?? String(value)}`);
  return value;
}

/** Drops the first `lines` lines of a text fed in chunks; `push` returns what follows them. */
export class LineSkipper {
  readonly #lines: number;
  #skipped = 0;
  /** The last line skipped ended in '\r': a '\n' right after it belongs to that line end. */
  #afterReturn = false;

  constructor(lines: number) {
    this.#lines = lines;
  }

  /** Lines skipped so far (at most the number asked for). */
  get skipped(): number {
    return this.#skipped;
  }

  /** The text of `chunk` after the skipped lines ('' while they last). */
  push(chunk: string): string {
    let i = 0;
    if (this.#afterReturn && chunk.length > 0) {
      this.#afterReturn = false;
      if (chunk.charCodeAt(0) === NEWLINE) i = 1;
    }
    while (this.#skipped < this.#lines) {
      const end = lineEnd(chunk, i);
      if (end < 0) return '';
      this.#skipped++;
      i = end + 1;
      if (chunk.charCodeAt(end) === RETURN) {
        if (i === chunk.length) {
          this.#afterReturn = true;
          return '';
        }
        if (chunk.charCodeAt(i) === NEWLINE) i++;
      }
    }
    return i === 0 ? chunk : chunk.slice(i);
  }
}

/** Index of the first '\n' or '\r' at or after `from`, or -1. */
function lineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE || c === RETURN) return i;
  }
  return -1;
}
