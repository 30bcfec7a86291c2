/**
 * The table reader's messages in the library's terms: the data layer is shared with the CLI
 * and its hints name flags (`--missing drop`); a person calling `fit` sets options instead
 * (`missing: 'drop'`). Only the known hint phrases are rewritten; the rest of a message stays.
 */
import { BackpropError } from '../errors/backprop-error.js';
import { DataFormatError, formatLocation } from '../errors/data-format-error.js';

/** [CLI phrase, library phrase] pairs, tried in order. */
const REWRITES: readonly (readonly [RegExp, string])[] = [
  [/train with --missing mean, median or most-frequent/g, "fit with the option missing: 'mean', 'median' or 'most-frequent'"],
  [/--missing drop, mean, median or most-frequent/g, "the option missing: 'drop', 'mean', 'median' or 'most-frequent'"],
  [/\(--missing drop\)/g, "(the option missing: 'drop')"],
  [/ignore it \(--ignore [^\n]*\)$/, 'leave it out of X'],
  [/: --ignore .*?, or --categorical .*? to encode it anyway/, ': leave it out of X, or name it in the option categorical to encode it anyway'],
  [/--ignore .*? leaves it out/, 'leave it out of X'],
  [/\(--categorical [^\n]*\)$/, '(name it in the option categorical)'],
  // Columns an estimator cannot take as they are (several at once, dates, formatted numbers, missing-value markers): X is the caller's, so the way out is to leave them out or convert them.
  [/--ignore \S+ leaves them out; ignore all but one of them/, 'leave them out of X; leave out all but one of them'],
  [/not these: --ignore .*?, or write them so/, 'not these: leave it out of X, or write them so'],
  [/remove the separators or read them with --thousands \S+ to read them as numbers/, 'remove the separators to read them as numbers'],
  [/--categorical .*? to (encode|treat)/g, 'name it in the option categorical to $1'],
  [/--na-values .+? reads it as missing/, 'null in its place reads it as missing'],
  [/--task (regression|classification)/g, "the option task: '$1'"],
  [/ \(--delimiter\)/g, ''],
  // The memory limit is the CLI's flag or the library's setMemoryBudget: a library caller has only the second.
  [/\(raise it with --max-memory or setMemoryBudget\)/g, '(raise it with setMemoryBudget(bytes), or use a smaller network, batch size or data)'],
  // An infinite input cell: what to do, in the library's terms.
  [/(" in column "[^"\n]*" is not a finite number)$/, "$1: replace it by a finite value, or by null and choose the option missing"],
  // The reader's hint names a float64 read, which an estimator (whose network computes in float32) does not offer.
  [/; the library can read it with dtype: 'float64'$/, ''],
];

/** `text` with the CLI's flag hints replaced by the library's option names. */
export function libraryTerms(text: string): string {
  return REWRITES.reduce((s, [pattern, replacement]) => s.replace(pattern, replacement), text);
}

/**
 * The in-memory reader's location in a person's words: its data set is called "rows" and it
 * places a cell as `rows:ROW:COLUMN:` (a CSV file's `file:line:column`), which reads like a file
 * named "rows"; here `rows:4:3: the target cell ...` is `row 4: the target cell ...`, and
 * `rows: no rows` is `no rows`. The problem text names the column or the target.
 */
function rowsLocation(error: DataFormatError): string {
  const { file, line, column, byte } = error;
  const prefix = formatLocation({ file, ...(line === undefined ? {} : { line }), ...(column === undefined ? {} : { column }), ...(byte === undefined ? {} : { byte }) });
  if (file !== ROWS || !error.message.startsWith(`${prefix}: `)) return error.message;
  const problem = error.message.slice(prefix.length + 2);
  return line === undefined ? problem : `row ${line}: ${problem}`;
}

/** The name `datasetFromRows` gives the rows it reads (its default). */
const ROWS = 'rows';

/** Runs `read`; a BackpropError it throws has its flag hints rewritten and its location in the library's words (same class, same fields). */
export function inLibraryTerms<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof DataFormatError) error.message = rowsLocation(error);
    if (error instanceof BackpropError) error.message = libraryTerms(error.message);
    throw error;
  }
}
