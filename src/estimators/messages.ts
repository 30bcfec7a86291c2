/**
 * The table reader's messages in the library's terms: the data layer is shared with the CLI
 * and its hints name flags (`--missing drop`); a person calling `fit` sets options instead
 * (`missing: 'drop'`). Only the known hint phrases are rewritten; the rest of a message stays.
 */
import { BackpropError } from '../errors/backprop-error.js';

/** [CLI phrase, library phrase] pairs, tried in order. */
const REWRITES: readonly (readonly [RegExp, string])[] = [
  [/train with --missing mean, median or most-frequent/g, "fit with the option missing: 'mean', 'median' or 'most-frequent'"],
  [/--missing drop, mean, median or most-frequent/g, "the option missing: 'drop', 'mean', 'median' or 'most-frequent'"],
  [/\(--missing drop\)/g, "(the option missing: 'drop')"],
  [/ignore it \(--ignore [^\n]*\)$/, 'leave it out of X'],
  [/: --ignore .*?, or --categorical .*? to encode it anyway/, ': leave it out of X, or name it in the option categorical to encode it anyway'],
  [/--ignore .*? leaves it out/, 'leave it out of X'],
  [/\(--categorical [^\n]*\)$/, '(name it in the option categorical)'],
  [/--task (regression|classification)/g, "the option task: '$1'"],
  [/ \(--delimiter\)/g, ''],
  // The reader's hint names a float64 read, which an estimator (whose network computes in float32) does not offer.
  [/; the library can read it with dtype: 'float64'$/, ''],
];

/** `text` with the CLI's flag hints replaced by the library's option names. */
export function libraryTerms(text: string): string {
  return REWRITES.reduce((s, [pattern, replacement]) => s.replace(pattern, replacement), text);
}

/** Runs `read`; a BackpropError it throws has its flag hints rewritten (same class, same fields). */
export function inLibraryTerms<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof BackpropError) error.message = libraryTerms(error.message);
    throw error;
  }
}
