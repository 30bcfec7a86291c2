/**
 * Guesses made from the first records of a CSV table (as Python's csv.Sniffer does): whether the
 * first record names the columns, and, with ';' as the delimiter, which decimal mark the numbers use.
 * Records are arrays of the cells' text (trimmed, unquoted), the first record first.
 */
import type { CellSyntax, DecimalMark } from './cells.js';
import { readCell } from './cells.js';

/** Records the guesses look at: the first record and up to this many - 1 after it. */
export const SNIFF_RECORDS = 20;

/** What a cell reads as, for the guesses. */
type Kind = 'number' | 'missing' | 'text';

function kindOf(cell: string, decimal: DecimalMark, syntax?: CellSyntax): Kind {
  const value = readCell(cell, decimal, syntax);
  return value === 'missing' ? 'missing' : value === 'text' ? 'text' : 'number';
}

/** Whether the first record names the columns; `note` says so when the guess is worth a line. */
export interface HeaderGuess {
  readonly header: boolean;
  readonly note?: string;
}

/**
 * Header or data, from the first record against the others: a header when some column's first
 * cell is text over numbers or missing cells only; data when the first record's text cells are
 * all in columns of text and one of its numbers is in a column of numbers (UCI's iris.data);
 * a header when the first record is 0..n-1 or 1..n over numbers (pandas' to_csv of an unnamed
 * frame); a first record of numbers only is data; a table of text only has a header (as pandas).
 */
export function guessHeader(records: readonly (readonly string[])[], decimal: DecimalMark, syntax?: CellSyntax): HeaderGuess {
  const first = records[0];
  if (first === undefined) return { header: false };
  const rest = records.slice(1);
  const firstKinds = first.map((cell) => kindOf(cell, decimal, syntax));
  // Per column below the first record: does it hold text, does it hold numbers.
  const hasText = first.map(() => false);
  const hasNumber = first.map(() => false);
  for (const record of rest) {
    for (let j = 0; j < first.length && j < record.length; j++) {
      const kind = kindOf(record[j]!, decimal, syntax);
      if (kind === 'text') hasText[j] = true;
      else if (kind === 'number') hasNumber[j] = true;
    }
  }
  if (!firstKinds.includes('text')) {
    if (rest.length > 0 && isCounting(first) && !hasText.some((t) => t)) {
      return { header: true, note: `the first row (${shown(first)}) is read as the column names, as pandas' to_csv writes them for an unnamed frame (--no-header reads it as data)` };
    }
    return { header: false };
  }
  if (rest.length === 0) return { header: true };
  if (firstKinds.some((kind, j) => kind === 'text' && !hasText[j])) return { header: true };
  if (firstKinds.some((kind, j) => kind === 'number' && hasNumber[j] && !hasText[j])) {
    const last = `column${first.length}`;
    return { header: false, note: `no header row: columns named column1 … ${last} (--header to read the first row as names)` };
  }
  return { header: true };
}

/** 0,1,…,n-1 or 1,2,…,n (after an empty first cell too: pandas' index column), at least two numbers. */
function isCounting(cells: readonly string[]): boolean {
  const numbers = cells[0] === '' ? cells.slice(1) : cells;
  if (numbers.length < 2) return false;
  const start = numbers[0] === '0' ? 0 : 1;
  return numbers.every((cell, i) => cell === String(start + i));
}

function shown(cells: readonly string[]): string {
  return cells.length <= 8 ? cells.join(',') : `${cells.slice(0, 8).join(',')},…`;
}

/** A number with a '.' as its decimal mark (1.5, -0.25, 3.) and no ','. */
const POINT_DECIMAL = /^[+-]?(\d+\.\d*|\.\d+)([eE][+-]?\d+)?$/;
/** A number with a ',' as its decimal mark (1,5; -0,25), '.' thousands groups allowed (1.234,5). */
const COMMA_DECIMAL = /^[+-]?(\d{1,3}(\.\d{3})+|\d+)?,\d+([eE][+-]?\d+)?$/;

/**
 * The decimal mark of a ';'-separated table, from its cells: ',' when cells like 1,5 are at
 * least as many as cells like 1.5 (and there are some), '.' when only the latter appear, ','
 * (the spreadsheet convention) when neither does.
 */
export function guessDecimalMark(records: readonly (readonly string[])[]): DecimalMark {
  let point = 0;
  let comma = 0;
  for (const record of records) {
    for (const cell of record) {
      if (POINT_DECIMAL.test(cell)) point++;
      else if (COMMA_DECIMAL.test(cell)) comma++;
    }
  }
  return point > 0 && comma < point ? '.' : ',';
}

/** How the first record and the data records differ by one field: see headerMismatch. */
export type HeaderMismatch = 'trailing-rows' | 'trailing-header' | 'row-names';

/**
 * The first record and the data records one field apart, from the first records:
 * 'trailing-rows' when every data record has one field more and that field is empty (rows
 * written "1,2,3," under "a,b,c"), 'trailing-header' when the first record ends with an empty
 * field and every data record has one field fewer ("a,b,c," over "1,2,3"), 'row-names' when every
 * data record has one field more, not all empty ("r1,1,2,3" under "a,b,c": R's write.table writes
 * row names without a name in the header; pandas reads them as the index), unless the second
 * record reads as a header (the first is then a title line above the table). Records of empty cells
 * only (spreadsheet leftovers) do not count. Undefined otherwise.
 */
export function headerMismatch(records: readonly (readonly string[])[], decimal: DecimalMark, syntax?: CellSyntax): HeaderMismatch | undefined {
  const first = records[0];
  const rest = records.slice(1).filter((r) => r.some((f) => f !== ''));
  if (first === undefined || rest.length === 0) return undefined;
  const width = first.length;
  if (first[width - 1] !== '' && rest.every((r) => r.length === width + 1)) {
    if (rest.every((r) => r[width] === '')) return 'trailing-rows';
    // Not when the second record reads as the header: then the first is a title line above the table (--skip-rows).
    return width >= 2 && first.every((f) => f !== '') && !guessHeader(rest, decimal, syntax).header ? 'row-names' : undefined;
  }
  if (width >= 2 && first[width - 1] === '' && rest.every((r) => r.length === width - 1)) return 'trailing-header';
  return undefined;
}

/**
 * Mends what headerMismatch found, in place: a trailing delimiter is dropped (the first record's
 * empty last field for 'trailing-header', then from every record one field longer than the first
 * its empty last field); for 'row-names' the first record gets an empty first name (an unnamed column).
 */
export function mendHeaderMismatch(records: readonly unknown[][], kind: HeaderMismatch): void {
  if (kind === 'row-names') {
    records[0]!.unshift('');
    return;
  }
  if (kind === 'trailing-header') records[0]!.pop();
  const width = records[0]!.length;
  for (const r of records) if (r.length === width + 1 && r[width] === '') r.pop();
}

/** The note saying what headerMismatch found (`delimiter` as the file has it). */
export function headerMismatchNote(kind: HeaderMismatch, delimiter: string): string {
  const shown = delimiter === '\t' ? 'tab' : `"${delimiter}"`;
  if (kind === 'row-names') return 'the data rows have one field more than the first row: read as row names without a header name (as R\'s write.table writes them), an unnamed first column, column1';
  return `${kind === 'trailing-rows' ? `the data rows end with a ${shown} the first row does not` : `the first row ends with a ${shown} the data rows do not`}: read as a trailing delimiter, not as a column`;
}
