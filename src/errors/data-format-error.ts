/**
 * A malformed or unusable data input, reported on one line with where it happened (file, then
 * line and column for text, or byte offset for binary files). Exit code 1.
 */
import { BackpropError } from './backprop-error.js';

/** Where in an input a problem sits. Lines and columns are 1-based; `byte` is a 0-based offset. */
export interface DataLocation {
  /** File name or another label for the input ('<string>' for in-memory text). */
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly byte?: number;
}

/** A malformed or unusable data input. `message` is one line: `file:line:column: what is wrong`. */
export class DataFormatError extends BackpropError {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly byte: number | undefined;

  constructor(location: DataLocation, problem: string) {
    super(`${formatLocation(location)}: ${problem}`, 1);
    this.name = 'DataFormatError';
    this.file = location.file;
    this.line = location.line;
    this.column = location.column;
    this.byte = location.byte;
  }
}

/** `file:line:column`, `file:line`, `file (byte N)` or `file`. */
export function formatLocation({ file, line, column, byte }: DataLocation): string {
  if (line !== undefined) return column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
  if (byte !== undefined) return `${file} (byte ${byte})`;
  return file;
}
