/** Assertions on the library's data errors, shared by the CSV and table tests. */
import assert from 'node:assert/strict';
import { DataFormatError } from '../../src/data/index.js';

/** Asserts fn throws a one-line DataFormatError whose message starts with `where: ` (file:line:column) and matches `words`. */
export function assertDataError(fn: () => unknown, where: string, words: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof DataFormatError, `expected DataFormatError, got ${String(error)}`);
    assert.ok(!error.message.includes('\n'), 'message is one line');
    assert.ok(error.message.startsWith(`${where}: `), `"${error.message}" starts with "${where}: "`);
    assert.match(error.message, words);
    return true;
  });
}
