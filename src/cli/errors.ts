/**
 * Errors of the command line: every mistake a person can make ends as one line on stderr and
 * a non-zero exit code, never a stack trace.
 */
import { closestName } from '../errors/closest-name.js';
import { cutList } from '../errors/limits.js';
import { UsageError } from '../errors/usage-error.js';

/** Exit codes: 1 a runtime failure (bad file, bad data), 2 a usage mistake, 3 training diverged. */
export const EXIT = { failure: 1, usage: 2, diverged: 3 } as const;

/** A mistake in what the user typed: a bad flag value, an unknown name. Exits with code 2 (defined in src/errors). */
export { UsageError };

/** An unknown name for `what`, with a "did you mean" when a candidate is close. */
export function unknownName(what: string, given: string, candidates: readonly string[]): UsageError {
  const guess = closestName(given, candidates);
  const hint = guess === undefined ? '' : ` Did you mean "${guess}"?`;
  return new UsageError(`unknown ${what} "${given}".${hint} Choose one of: ${cutList(candidates)}`);
}

/** The one-line message of any error (newlines folded, the "Error:" prefix dropped). */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text
    .replace(/^error:\s*/i, '')
    .replace(/\s*\n+\s*/g, ' ')
    .trim();
}
