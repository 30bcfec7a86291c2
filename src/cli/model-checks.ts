/**
 * Checks of a model file's `source` at load (which data the model was trained on, and how train
 * read it); the preprocessing is checked by the library's own io/preprocessing-checks.ts. Every
 * failure is a ModelFormatError naming the file and the field.
 */
import { isThousandsSeparator, type DecimalMark } from '../data/cells.js';
import { isSkipRowCount } from '../data/skip-lines.js';
import { TEXT_ENCODINGS, type TextEncodingName } from '../data/text-encoding.js';
import { ModelFormatError } from '../errors/model-format-error.js';
import type { FileIdentity } from './data-identity.js';

/** How the model was trained, as `train` stores it in metadata.source. */
export interface ModelSource {
  readonly dataset?: string;
  readonly split?: { readonly kind: 'given' } | { readonly kind: 'seeded'; readonly seed: number; readonly testFraction: number } | { readonly kind: 'none' };
  readonly target?: string | number;
  readonly dataPath?: string;
  /** The training file's identity (absent for built-in data and for files written before it was stored). */
  readonly file?: FileIdentity;
  /** How train read the cells (--na-values, --no-default-na, --thousands), so evaluate and predict read them the same way. */
  readonly naValues?: readonly string[];
  readonly keepDefaultNa?: boolean;
  readonly thousands?: string;
  /** How train split and decoded the file (--delimiter, --decimal, --comment, --skip-rows, --header, --encoding, when given), for evaluate on the same file. */
  readonly delimiter?: string;
  readonly decimal?: DecimalMark;
  readonly comment?: string;
  readonly skipRows?: number;
  readonly header?: boolean;
  readonly encoding?: TextEncodingName;
}

/** Validates metadata.source field by field (absent: {}). */
export function sourceFromMetadata(value: unknown, file: string): ModelSource {
  if (value === undefined) return {};
  const fail = (field: string, problem: string): never => {
    throw new ModelFormatError(`metadata.source${field}`, problem, file);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('', `must be an object, got ${JSON.stringify(value)?.slice(0, 40)}`);
  const o = value as Record<string, unknown>;
  const source: { -readonly [K in keyof ModelSource]: ModelSource[K] } = {};
  if (o['dataset'] !== undefined) source.dataset = typeof o['dataset'] === 'string' ? o['dataset'] : fail('.dataset', `must be a string (a data set name or path), got ${typeof o['dataset']} ${JSON.stringify(o['dataset'])?.slice(0, 40)}`);
  if (o['dataPath'] !== undefined) source.dataPath = typeof o['dataPath'] === 'string' ? o['dataPath'] : fail('.dataPath', `must be a string, got ${typeof o['dataPath']}`);
  const target = o['target'];
  if (target !== undefined) source.target = typeof target === 'string' || (typeof target === 'number' && Number.isInteger(target)) ? target : fail('.target', `must be a column name or a whole-number index, got ${JSON.stringify(target)?.slice(0, 40)}`);
  const split = o['split'];
  if (split !== undefined) source.split = splitOf(split, fail);
  if (o['file'] !== undefined) source.file = fileOf(o['file'], fail);
  const naValues = o['naValues'];
  if (naValues !== undefined) source.naValues = Array.isArray(naValues) && naValues.every((t) => typeof t === 'string') ? (naValues as string[]) : fail('.naValues', 'must be a list of strings');
  if (o['keepDefaultNa'] !== undefined) source.keepDefaultNa = typeof o['keepDefaultNa'] === 'boolean' ? o['keepDefaultNa'] : fail('.keepDefaultNa', `must be true or false, got ${JSON.stringify(o['keepDefaultNa'])?.slice(0, 40)}`);
  const thousands = o['thousands'];
  if (thousands !== undefined) source.thousands = typeof thousands === 'string' && isThousandsSeparator(thousands) ? thousands : fail('.thousands', `must be one character such as "," "." or "'", got ${JSON.stringify(thousands)?.slice(0, 40)}`);
  readSyntax(o, source, fail);
  return source;
}

/** The reading options of metadata.source (delimiter, decimal, comment, skipRows, header, encoding), each checked. */
function readSyntax(o: Record<string, unknown>, source: { -readonly [K in keyof ModelSource]: ModelSource[K] }, fail: (field: string, problem: string) => never): void {
  const shown = (v: unknown) => JSON.stringify(v)?.slice(0, 40);
  const { delimiter, decimal, comment, skipRows, header, encoding } = o;
  if (delimiter !== undefined) source.delimiter = typeof delimiter === 'string' && delimiter.length === 1 ? delimiter : fail('.delimiter', `must be one character, got ${shown(delimiter)}`);
  if (decimal !== undefined) source.decimal = decimal === '.' || decimal === ',' ? decimal : fail('.decimal', `must be "." or ",", got ${shown(decimal)}`);
  if (comment !== undefined) source.comment = typeof comment === 'string' && comment.length === 1 ? comment : fail('.comment', `must be one character, got ${shown(comment)}`);
  if (skipRows !== undefined) source.skipRows = isSkipRowCount(skipRows) ? skipRows : fail('.skipRows', `must be a whole number from 0 up, got ${shown(skipRows)}`);
  if (header !== undefined) source.header = typeof header === 'boolean' ? header : fail('.header', `must be true or false, got ${shown(header)}`);
  if (encoding !== undefined) source.encoding = typeof encoding === 'string' && (TEXT_ENCODINGS as readonly string[]).includes(encoding) ? (encoding as TextEncodingName) : fail('.encoding', `must be one of ${TEXT_ENCODINGS.join(', ')}, got ${shown(encoding)}`);
}

function fileOf(file: unknown, fail: (field: string, problem: string) => never): FileIdentity {
  const f = file as Record<string, unknown> | null;
  if (typeof f !== 'object' || f === null || Array.isArray(f)) return fail('.file', 'must be an object');
  const { path, size, mtimeMs, sha256 } = f;
  if (typeof path !== 'string') return fail('.file.path', `must be a string, got ${typeof path}`);
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return fail('.file.size', `must be a whole number of bytes, got ${JSON.stringify(size)?.slice(0, 40)}`);
  if (typeof mtimeMs !== 'number' || !Number.isFinite(mtimeMs)) return fail('.file.mtimeMs', `must be a number, got ${JSON.stringify(mtimeMs)?.slice(0, 40)}`);
  if (sha256 !== undefined && (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256))) return fail('.file.sha256', 'must be 64 hex digits');
  return { path, size, mtimeMs, ...(sha256 === undefined ? {} : { sha256 }) };
}

function splitOf(split: unknown, fail: (field: string, problem: string) => never): NonNullable<ModelSource['split']> {
  const s = split as Record<string, unknown> | null;
  if (typeof s !== 'object' || s === null) return fail('.split', 'must be an object');
  if (s['kind'] === 'given' || s['kind'] === 'none') return { kind: s['kind'] };
  if (s['kind'] !== 'seeded') return fail('.split.kind', `must be "given", "seeded" or "none", got ${JSON.stringify(s['kind'])?.slice(0, 40)}`);
  const seed = s['seed'];
  const fraction = s['testFraction'];
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) return fail('.split.seed', `must be a whole number, got ${JSON.stringify(seed)?.slice(0, 40)}`);
  if (typeof fraction !== 'number' || !(fraction > 0 && fraction < 1)) return fail('.split.testFraction', `must be a number between 0 and 1, got ${JSON.stringify(fraction)?.slice(0, 40)}`);
  return { kind: 'seeded', seed, testFraction: fraction };
}
