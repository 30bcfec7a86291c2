/**
 * The checks on one input column once all its cells are read: numbers mixed with text (a typo,
 * a missing marker not in the list, numbers written with separators, '%' or a currency sign),
 * an all-missing column, a text column that looks like an identifier, and the notes for columns
 * that count rows or hold formatted numbers read as categories.
 */
import type { DecimalMark } from './cells.js';
import type { ColumnInfo } from './columns.js';
import { DataFormatError } from './errors.js';
import type { DataLocation } from './errors.js';
import { commonFormat, dateExample, describeFormat, formatFix, numberFormat, writtenNote, writtenValue, type WrittenCell } from './number-format.js';
import { cutList } from '../errors/limits.js';
import { shellWord } from '../errors/shell-word.js';

/** A text column with more distinct values than this (or than half the rows) looks like an identifier. */
export const MAX_CATEGORIES = 1000;

/**
 * A column that cannot be an input as it is, whatever its cells (an identifier, dates, formatted
 * numbers in a different value per row, no values at all): `--ignore` leaves it out. `reason`
 * is the short form for a message naming several such columns.
 */
export class LeaveOutColumnError extends DataFormatError {
  readonly columnName: string;
  readonly reason: string;

  constructor(where: DataLocation, columnName: string, message: string, reason: string) {
    super(where, message);
    this.columnName = columnName;
    this.reason = reason;
  }
}

/** A text column with a different value in (nearly) every row: an identifier or free text, not categories. */
export class IdentifierColumnError extends LeaveOutColumnError {
  readonly distinct: number;
  readonly rows: number;

  constructor(where: DataLocation, columnName: string, distinct: number, rows: number) {
    super(where, columnName, `column "${columnName}" looks like an identifier (${distinct} distinct values in ${rows} rows): --ignore ${shellWord(columnName)}, or --categorical ${shellWord(columnName)} to encode it anyway`, `an identifier, ${distinct} distinct values in ${rows} rows`);
    this.distinct = distinct;
    this.rows = rows;
  }
}

/**
 * The first of the column problems (in column order), or, when that one is a column to leave out
 * and others are too, one error naming them all: a Titanic file's Name and Ticket, or an export's
 * order id, order date and free-text comment, in one run.
 */
export function firstColumnProblem(problems: readonly DataFormatError[], file: string): DataFormatError | undefined {
  const first = problems[0];
  const out = problems.filter((p): p is LeaveOutColumnError => p instanceof LeaveOutColumnError);
  if (!(first instanceof LeaveOutColumnError) || out.length < 2) return first;
  const names = out.map((p) => p.columnName);
  const ignore = `--ignore ${shellWord(names.join(','))}`;
  if (out.every((p) => p instanceof IdentifierColumnError)) {
    const counts = out.map((p) => `"${p.columnName}" ${p.distinct}`).join(', ');
    return new DataFormatError({ file }, `columns ${names.map((n) => `"${n}"`).join(', ')} look like identifiers (distinct values in ${(first as IdentifierColumnError).rows} rows: ${counts}): ${ignore}, or --categorical NAME to encode one anyway`);
  }
  const reasons = cutList(out.map((p) => `${p.columnName}: ${p.reason}`), 10, '; ');
  return new DataFormatError({ file }, `${out.length} columns cannot be inputs as they are (${reasons}): ${ignore} leaves them out; ignore all but one of them to see how to keep that one`);
}

/** A column's name and its count of missing cells. */
export interface ColumnGaps {
  readonly name: string;
  readonly missing: number;
}

/** "a 5, notes 39": the columns with a missing cell, in column order. */
export function gapCounts(columns: readonly ColumnGaps[]): string {
  return cutList(columns.filter((c) => c.missing > 0).map((c) => `${c.name} ${c.missing}`), 10, ', ');
}

/** `column "notes" is missing in 39 of 40 rows (98%)`, for a column missing in over half of `rows`; else undefined. */
export function mostlyMissing(column: ColumnGaps, rows: number): string | undefined {
  if (column.missing * 2 <= rows) return undefined;
  const share = column.missing === rows ? 100 : Math.min(99, Math.round((100 * column.missing) / rows));
  return `column "${column.name}" is missing in ${column.missing} of ${rows} rows (${share}%)`;
}

/** Under --missing drop: the hint naming the column whose gaps dropped most rows, when it lacks over half of them. */
export function dropHint(columns: readonly ColumnGaps[], rows: number): string {
  const most = columns.reduce<ColumnGaps | undefined>((best, c) => (best === undefined || c.missing > best.missing ? c : best), undefined);
  const mostly = most === undefined ? undefined : mostlyMissing(most, rows);
  return mostly === undefined ? '' : `: ${mostly}; --ignore ${shellWord(most!.name)} keeps those rows`;
}

/** Whether a column of numbers counts rows (1, 2, 3, ... over 20 rows or more): an identifier such as PassengerId. */
export function countsRows(state: ColumnState): boolean {
  return state.counting && state.numbers >= 20 && state.texts === 0;
}

/**
 * Whether an input column is the row index pandas' `to_csv` writes after a shuffle (train_test_split):
 * no header name (or pandas' own "Unnamed: 0", "index", "level_0"), 20 rows or more of numbers only,
 * each a different whole number from 0 up (`at(r)` gives row r's value).
 */
export function isRowIndex(state: ColumnState, name: string, unnamed: boolean, at: (r: number) => number, rows: number): boolean {
  if (!(unnamed || /^(Unnamed: \d+|index|level_0)$/.test(name.trim())) || state.texts > 0 || state.missing > 0 || state.written !== undefined || rows < 20) return false;
  const seen = new Set<number>();
  for (let r = 0; r < rows; r++) {
    const value = at(r);
    if (!Number.isInteger(value) || value < 0 || seen.has(value)) return false;
    seen.add(value);
  }
  return true;
}

/** The note for a column left out as a row index (isRowIndex); `first` are its first values. */
export function rowIndexNote(name: string, unnamed: boolean, first: readonly number[]): string {
  return `left out column "${name}" (${first.join(', ')}, ...): ${unnamed && !name.startsWith('Unnamed: ') ? 'no header name' : `named "${name}"`} and a different whole number in every row, the row index pandas' to_csv writes (after a shuffle or train_test_split), not a feature; --features NAMES chooses the inputs yourself`;
}

/** The counted range of such a column for messages: `(1, 2, ... 700)`. */
export function countedRange(state: ColumnState): string {
  const first = state.last - state.numbers + 1;
  return `(${first}, ${first + 1}, ... ${state.last})`;
}

/** What is known of one input column after its cells are read. */
export interface ColumnState {
  /** Text cell → category code, in first-seen order. */
  readonly categories: Map<string, number>;
  numbers: number;
  /** Every cell so far is the one above plus 1 (a row counter). */
  counting: boolean;
  last: number;
  texts: number;
  missing: number;
  firstNumber: (DataLocation & { text: string }) | undefined;
  firstText: (DataLocation & { text: string }) | undefined;
  firstMissing: DataLocation | undefined;
  /** The first cell that is a number written for people ("$1,200" → 1200), counted among the numbers; undefined for none. */
  written: WrittenCell | undefined;
}

/**
 * Whether a column name says identifier: "id", "ID", "customer_id", "customer id", "CustomerID",
 * "userId" (not "paid", "COVID" or "grid").
 */
export function namedLikeIdentifier(name: string): boolean {
  return /^(id|ids)$/i.test(name.trim()) || /[ _.-](id|ID|Id)$/.test(name.trim()) || /[a-z](ID|Id)$/.test(name.trim());
}

/** Words of a column name that say time: annual data counts its rows in years. */
const TIME_WORDS: ReadonlySet<string> = new Set(['t', 'time', 'year', 'years', 'yr', 'yyyy', 'quarter', 'month', 'week', 'day', 'days', 'hour', 'minute', 'period', 'season', 'epoch', 'step', 'generation', 'age']);

/**
 * Whether a column name says time ("year", "Year", "fiscal_year", "birthYear", "t", "Day"): such a
 * column may step by 1 from row to row (one row per year) and still be a feature, not a row counter.
 */
export function namedLikeTime(name: string): boolean {
  const words = name.trim().replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/);
  return words.some((word) => TIME_WORDS.has(word));
}

/**
 * Whether a column is a row counter to leave out of the inputs: it steps by 1 from row to row
 * (countsRows) and its name does not say time (a year per row is a feature).
 */
export function isRowCounter(state: ColumnState, name: string): boolean {
  return countsRows(state) && !namedLikeTime(name) && state.written === undefined;
}

/**
 * An input cell's meaning (cellValue's) with a number written for people ("$1,200", "12.5%",
 * "(0.65)") read as the number it writes, and an ISO date ("2024-01-03") as days since
 * 1970-01-01 (iso-date.ts); the first such cell of the column is kept in `state.written` for
 * its note. Categorical columns do not come here.
 */
export function writtenNumber<V extends number | 'missing' | 'infinite' | { readonly text: string }>(value: V, decimal: DecimalMark, state: ColumnState): V | number {
  if (typeof value !== 'object') return value;
  const number = writtenValue(value.text, decimal);
  if (number === undefined) return value;
  // An ISO date has no number format of its own.
  state.written ??= { format: numberFormat(value.text, decimal) ?? 'date', example: value.text, value: number };
  return number;
}

/** Where and how the column was read. */
export interface ColumnContext {
  readonly file: string;
  /** 1-based column position. */
  readonly column: number;
  readonly name: string;
  /** Read as categories on request (--categorical): no checks. */
  readonly forced: boolean;
  /** Rows read, dropped ones included. */
  readonly rows: number;
  readonly decimal: DecimalMark;
  /** Receives one-line notes. */
  readonly notes: string[];
}

/** The column's kind after the checks; throws a one-line DataFormatError on the first problem. */
export function checkColumnCells(state: ColumnState, at: ColumnContext): ColumnInfo {
  const { name, forced, file, column, decimal } = at;
  if (!forced && state.texts > 0 && state.numbers > 0) throw mixedColumnError(state, at);
  if (state.texts === 0 && !forced) {
    if (state.numbers === 0) throw new LeaveOutColumnError({ file, column }, name, `column "${name}" holds no values (every cell is missing); ignore it (--ignore ${shellWord(name)})`, 'every cell missing');
    if (state.written !== undefined) at.notes.push(writtenNote(`column "${name}"`, state.written));
    if (countsRows(state) && !isRowCounter(state, name) && state.written === undefined) at.notes.push(`column "${name}" steps by 1 from row to row ${countedRange(state)}; named like a time, it is kept as an input (--ignore ${shellWord(name)} leaves it out)`);
    else if (isRowCounter(state, name)) at.notes.push(`column "${name}" counts rows ${countedRange(state)}: it looks like an identifier; --ignore ${shellWord(name)} leaves it out`);
    else if (!forced && state.numbers >= 20 && namedLikeIdentifier(name)) at.notes.push(`column "${name}" is named like an identifier or a code but is read as a number, whose size means something to the network; --categorical ${shellWord(name)} if its values are codes, --ignore ${shellWord(name)} if it names the rows`);
    return { name, kind: 'numeric' };
  }
  const distinct = state.categories.size;
  const { rows } = at;
  const format = forced ? undefined : commonFormat(state.categories.keys(), decimal);
  const date = forced || format !== undefined ? undefined : dateExample(state.categories.keys());
  const dateFix = `backprop reads dates written as ISO 8601 (2024-01-03, read as days since 1970-01-01), not these: --ignore ${shellWord(name)}, or write them so (or as numbers: a year, a month)`;
  if (!forced && (distinct > MAX_CATEGORIES || (rows >= 20 && distinct > rows / 2))) {
    if (date !== undefined) throw new LeaveOutColumnError({ file, column }, name, `column "${name}" holds dates (${JSON.stringify(date)}): ${dateFix}`, `dates (${JSON.stringify(date)})`);
    if (format !== undefined) {
      const described = describeFormat(format.format, format.example);
      throw new LeaveOutColumnError({ file, column }, name, `column "${name}" holds ${described}: ${formatFix(format.format, format.example)}, or --categorical ${shellWord(name)} to encode each value as a category`, described);
    }
    const text = freeTextExample(state.categories.keys());
    if (text !== undefined) throw new LeaveOutColumnError({ file, column }, name, `column "${name}" holds free text (${distinct} distinct values in ${rows} rows, such as ${describe(text)}): backprop reads no text, only numbers and categories; --ignore ${shellWord(name)}, or --categorical ${shellWord(name)} to encode each text as a category`, `free text, ${distinct} distinct values in ${rows} rows`);
    throw new IdentifierColumnError({ file, column }, name, distinct, rows);
  }
  if (format !== undefined) at.notes.push(`column "${name}" holds ${describeFormat(format.format, format.example)}, read as ${distinct} ${distinct === 1 ? 'category' : 'categories'}; ${formatFix(format.format, format.example)}`);
  if (date !== undefined) at.notes.push(`column "${name}" holds dates (${JSON.stringify(date)}), read as ${distinct} ${distinct === 1 ? 'category' : 'categories'}; ${dateFix}`);
  return { name, kind: 'categorical', categories: [...state.categories.keys()] };
}

/** The error for a column of numbers and text: formatted numbers, a likely missing marker, or the odd cell. */
function mixedColumnError(state: ColumnState, { name, decimal }: ColumnContext): DataFormatError {
  const format = commonFormat(state.categories.keys(), decimal);
  const odd = state.texts <= state.numbers ? state.firstText! : state.firstNumber!;
  const counts = `the column holds ${state.numbers} ${state.numbers === 1 ? 'number' : 'numbers'} and ${state.texts} text ${state.texts === 1 ? 'cell' : 'cells'}`;
  if (format !== undefined) {
    return new DataFormatError(state.firstText!, `column "${name}" holds ${describeFormat(format.format, format.example)} (${counts}): ${formatFix(format.format, format.example)}, or --categorical ${shellWord(name)} to treat them as categories`);
  }
  const texts = [...state.categories.keys()];
  if (state.firstText!.text === name.trim()) {
    const { line } = state.firstText!;
    return new DataFormatError(state.firstText!, `line ${line} repeats the header row (${describe(name)} in column "${name}"), as files joined with cat do; delete that line (tail -n +2 second.csv >> first.csv joins them without it)`);
  }
  if (looksLikeMixedIdentifier(state)) {
    const { firstText } = state;
    return new LeaveOutColumnError(firstText!, name, `column "${name}" looks like an identifier: numbers and text with a different value in nearly every row (${state.numbers} numbers and ${state.texts} text cells, ${texts.length} of them distinct, such as ${describe(firstText!.text)}): --ignore ${shellWord(name)}, or --categorical ${shellWord(name)} to encode it anyway`, `an identifier of numbers and text (${state.texts} text cells, ${texts.length} distinct)`);
  }
  if (state.texts <= state.numbers && texts.length <= 3 && texts.every(looksLikeMarker)) {
    // A few repeated tokens among numbers are usually a missing-value marker pandas does not know either.
    const list = texts.join(',');
    const shown = texts.map((t) => JSON.stringify(t)).join(', ');
    return new DataFormatError(odd, `${describe(odd.text)} in column "${name}" is not a number, but ${counts} (${shown}); if ${texts.length === 1 ? 'it marks' : 'they mark'} a missing value, --na-values '${list}' reads ${texts.length === 1 ? 'it' : 'them'} as missing; else fix the cells, or treat the column as categories (--categorical ${shellWord(name)})`);
  }
  const kind = state.texts <= state.numbers ? 'is not a number' : 'is a number';
  return new DataFormatError(odd, `${describe(odd.text)} in column "${name}" ${kind}, but ${counts}; fix the cell, or treat the column as categories (--categorical ${shellWord(name)})`);
}

/**
 * Whether a column of numbers and text is a code per row (Titanic's Ticket: "113803", "PC 17599"):
 * 20 or more text cells, at least one in eleven of the cells, over half of them distinct. A few
 * typos in a numeric column, or a numeric code among categories, are not.
 */
function looksLikeMixedIdentifier(state: ColumnState): boolean {
  return state.texts >= 20 && state.texts * 10 >= state.numbers && state.categories.size * 2 > state.texts;
}

/** The first of `texts` when at least half of the first 200 are sentences (8 words or more: a review, a comment), else undefined. */
function freeTextExample(texts: Iterable<string>): string | undefined {
  let seen = 0;
  let sentences = 0;
  let first: string | undefined;
  for (const text of texts) {
    if (seen++ >= 200) break;
    first ??= text;
    if (text.trim().split(/\s+/).length >= 8) sentences++;
  }
  return sentences * 2 >= seen && seen > 0 ? first : undefined;
}

/** Words spreadsheets and exports write for "no value" (compared without case), beyond pandas' markers. */
const MARKER_WORDS: ReadonlySet<string> = new Set(['na', 'n.a.', 'n/a', 'nan', 'none', 'null', 'nil', 'missing', 'unknown', 'undefined', 'empty', 'blank', 'n.d.', 'nd', '#ref!', '#value!', '#div/0!', '#name?', '#num!']);

/** A text cell that reads like a missing-value marker: punctuation only ('?', '-', '--', '.') or one of MARKER_WORDS. */
export function looksLikeMarker(text: string): boolean {
  return text.length <= 12 && !text.includes(',') && !text.includes("'") && (/^[^\p{L}\p{N}]+$/u.test(text) || MARKER_WORDS.has(text.toLowerCase()));
}

/** A cell for a message: "an empty cell", or the quoted text (shortened). */
export function describe(cell: unknown): string {
  const text = String(cell ?? '');
  return text === '' ? 'an empty cell' : JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
