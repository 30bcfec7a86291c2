/** The CSV flags shared by train, evaluate and predict: task, columns, missing cells, delimiter, decimal mark, comments, lines to skip, header, encoding. */
import { isThousandsSeparator, type DecimalMark } from '../../data/cells.js';
import type { ColumnRef } from '../../data/columns.js';
import type { UnknownCategoryRule } from '../../data/encoding.js';
import type { MissingPolicy } from '../../data/table-builder.js';
import type { TextEncodingName } from '../../data/text-encoding.js';
import { TEXT_ENCODINGS } from '../../data/text-encoding.js';
import { UsageError } from '../errors.js';
import { parseFlag } from '../numeric-flags.js';
import { pickName } from '../options.js';

/** The parsed CSV flags (only those given). */
export interface CsvFlags {
  task?: 'auto' | 'classification' | 'regression';
  features?: ColumnRef[];
  ignore?: ColumnRef[];
  categorical?: ColumnRef[];
  missing?: MissingPolicy;
  unknownCategory?: UnknownCategoryRule;
  delimiter?: string;
  decimal?: DecimalMark;
  naValues?: string[];
  keepDefaultNa?: boolean;
  thousands?: string;
  // CSV reading: comment marker, lines skipped at the start, header row, text encoding.
  comment?: string;
  skipRows?: number;
  header?: boolean;
  encoding?: TextEncodingName;
}

const DELIMITER_NAMES: Readonly<Record<string, string>> = { auto: 'auto', comma: ',', semicolon: ';', tab: '\t', '\\t': '\t', pipe: '|', space: ' ' };

/** Parses the CSV flags out of commander's values; a bad value is a UsageError. */
export function parseCsvFlags(flags: Record<string, unknown>): CsvFlags {
  const text = (key: string) => (typeof flags[key] === 'string' ? (flags[key] as string) : undefined);
  const out: CsvFlags = {};
  const task = text('task');
  if (task !== undefined) out.task = pickName('task', task, ['auto', 'classification', 'regression'] as const);
  for (const key of ['features', 'ignore', 'categorical'] as const) {
    const list = text(key);
    if (list !== undefined) out[key] = parseColumnList(`--${key}`, list);
  }
  const missing = text('missing');
  if (missing !== undefined) out.missing = pickName('missing-cell policy', missing, ['error', 'drop', 'mean', 'median', 'most-frequent'] as const);
  const unknown = text('unknownCategory');
  if (unknown !== undefined) out.unknownCategory = pickName('unknown-category rule', unknown, ['ignore', 'error'] as const);
  const delimiter = text('delimiter');
  if (delimiter !== undefined) out.delimiter = parseDelimiter(delimiter);
  const decimal = text('decimal');
  if (decimal !== undefined) {
    if (decimal !== '.' && decimal !== ',') throw new UsageError(`--decimal must be "." or ",", got ${JSON.stringify(decimal)}`);
    out.decimal = decimal;
  }
  // CSV reading: --comment CHAR, --skip-rows N, --header / --no-header, --encoding NAME.
  const comment = text('comment');
  if (comment !== undefined) {
    if (comment.length !== 1 || comment === '"' || comment === '\n' || comment === '\r') throw new UsageError(`--comment must be one character (such as '#'), got ${JSON.stringify(comment)}`);
    out.comment = comment;
  }
  const skipRows = text('skipRows');
  if (skipRows !== undefined) out.skipRows = parseFlag('--skip-rows', skipRows);
  if (typeof flags['header'] === 'boolean') out.header = flags['header'];
  const encoding = text('encoding');
  if (encoding !== undefined) out.encoding = pickName('encoding', encoding, TEXT_ENCODINGS, { cp1252: 'windows-1252', iso88591: 'latin1' });
  Object.assign(out, parseCellFlags(text('naValues'), flags['defaultNa'], text('thousands')));
  return out;
}

/** --na-values LIST (extra missing markers, comma-separated), --no-default-na, --thousands CHAR. */
function parseCellFlags(naValues: string | undefined, defaultNa: unknown, thousands: string | undefined): Pick<CsvFlags, 'naValues' | 'keepDefaultNa' | 'thousands'> {
  const out: Pick<CsvFlags, 'naValues' | 'keepDefaultNa' | 'thousands'> = {};
  if (naValues !== undefined) out.naValues = naValues.split(',').map((t) => t.trim());
  if (defaultNa === false) out.keepDefaultNa = false;
  if (thousands !== undefined) {
    const named = thousands === 'space' ? ' ' : thousands;
    if (!isThousandsSeparator(named)) throw new UsageError(`--thousands must be one character such as "," "." "'" or space, got ${JSON.stringify(thousands)}`);
    out.thousands = named;
  }
  return out;
}

/** "ID,zip,3" → ['ID', 'zip', 3]: whole numbers are 0-based indices, anything else a name. */
export function parseColumnList(flag: string, text: string): ColumnRef[] {
  const refs = text.split(',').map((part) => part.trim());
  if (refs.some((r) => r === '')) throw new UsageError(`${flag} needs column names or 0-based indices separated by commas, got ${JSON.stringify(text)}`);
  return refs.map((r) => (/^\d+$/.test(r) ? Number(r) : r));
}

function parseDelimiter(text: string): string {
  const named = DELIMITER_NAMES[text.toLowerCase()];
  if (named !== undefined) return named;
  if (text.length === 1 && text !== '"' && text !== '\n' && text !== '\r') return text;
  throw new UsageError(`--delimiter must be one character (or auto, comma, semicolon, tab, pipe), got ${JSON.stringify(text)}`);
}
