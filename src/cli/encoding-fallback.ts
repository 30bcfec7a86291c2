/**
 * Reading another file against a model whose training file was latin1 or windows-1252 (train's
 * --encoding, stored in metadata.source): without --encoding, such a file is read as UTF-8 until
 * bytes that are not UTF-8 say otherwise, and then in the training file's encoding, with a note.
 */
import type { EncodingFallback, TextEncodingName } from '../data/text-encoding.js';
import type { ModelSource } from './model-checks.js';

/**
 * The fallback for `file` (named so in the note) read against a model trained on `source`:
 * undefined when an encoding is given for it, or the training file was read as UTF-8.
 */
export function trainingEncodingFallback(source: ModelSource, given: TextEncodingName | undefined, file: string, note: (line: string) => void): EncodingFallback | undefined {
  const stored = source.encoding;
  if (given !== undefined || stored === undefined || stored === 'utf-8') return undefined;
  return { encoding: stored, onSwitch: (where) => note(`${file}: is not UTF-8 (${where}): read as ${stored}, as the model's training file was (--encoding sets it)`) };
}
