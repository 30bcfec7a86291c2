/**
 * What one text cell of a table holds: a finite number, a missing value, text (a category
 * or label), or a number that cannot be stored (infinite). Shared by the CSV reader,
 * in-memory rows and prediction from raw rows.
 */
import { parseNumber } from './csv-records.js';

/**
 * Cells that mean "no value", compared exactly (case matters): pandas' default `na_values`.
 * '-', '?', 'none' or 'Null' are ordinary text (extra markers: CellSyntax.naValues).
 */
export const MISSING_TOKENS: readonly string[] = ['', '#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN', '<NA>', 'N/A', 'NA', 'NULL', 'NaN', 'None', 'n/a', 'nan', 'null'];

const MISSING: ReadonlySet<string> = new Set(MISSING_TOKENS);

/** Largest finite float32. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/** The decimal mark of numeric cells: '.' (default) or ','. */
export type DecimalMark = '.' | ',';

/** A cell's meaning: a finite number, or one of the non-number kinds. */
export type CellValue = number | 'missing' | 'infinite' | 'text';

/** How cells are written, beyond the decimal mark: which cells are missing, and a thousands separator. */
export interface CellSyntax {
  /** Cells (trimmed, compared exactly) that are missing; default MISSING_TOKENS. */
  readonly naValues?: ReadonlySet<string>;
  /** Thousands separator inside numbers ("1,234" with ','), as pandas' `thousands`; default none. */
  readonly thousands?: string;
}

/** The missing markers: pandas' defaults (unless `keepDefault` is false) plus `extra`; the empty cell is always missing. */
export function missingMarkers(extra: readonly string[] = [], keepDefault = true): ReadonlySet<string> {
  return new Set([...(keepDefault ? MISSING_TOKENS : ['']), ...extra.map((t) => t.trim())]);
}

/**
 * Whether `char` can be a thousands separator: one character that no number is written with
 * (not a digit, a sign or 'e') and not the CSV quote. ',', '.', "'" and ' ' are the usual ones.
 */
export function isThousandsSeparator(char: string): boolean {
  return char.length === 1 && !/[\d+\-eE"]/.test(char);
}

/** How cells are written, as options give it: extra missing markers, whether pandas' defaults count, a thousands separator. */
export interface CellSyntaxOptions {
  readonly naValues?: readonly string[];
  readonly keepDefaultNa?: boolean;
  readonly thousands?: string;
}

/** The CellSyntax of the options (pandas' markers and no separator when none are given). */
export function cellSyntaxOf({ naValues, keepDefaultNa, thousands }: CellSyntaxOptions): CellSyntax {
  const markers = naValues === undefined && keepDefaultNa !== false ? undefined : missingMarkers(naValues, keepDefaultNa !== false);
  return { ...(markers === undefined ? {} : { naValues: markers }), ...(thousands === undefined ? {} : { thousands }) };
}

/** True if `text` (already trimmed) is one of the missing-value markers (default: MISSING_TOKENS). */
export function isMissingText(text: string, markers: ReadonlySet<string> = MISSING): boolean {
  if (text.length === 0) return true;
  if (markers !== MISSING) return markers.has(text);
  if (text.length > 8) return false;
  // First characters of the default markers: '#' '-' '1' '<' 'N' 'n'.
  const first = text.charCodeAt(0);
  return (first === 35 || first === 45 || first === 49 || first === 60 || first === 78 || first === 110) && MISSING.has(text);
}

/** Reads one trimmed cell. With decimal ',', "3,5" is 3.5 (and "3.5" is text); `syntax` adds missing markers and a thousands separator. */
export function readCell(text: string, decimal: DecimalMark = '.', syntax?: CellSyntax): CellValue {
  if (isMissingText(text, syntax?.naValues)) return 'missing';
  const plain = syntax?.thousands === undefined ? text : withoutThousands(text, syntax.thousands, decimal);
  const source = decimal === ',' ? decimalCommaToPoint(plain) : plain;
  if (source === undefined) return 'text';
  const value = parseNumber(source);
  if (value !== undefined) return value;
  return /^[+-]?(inf|infinity)$/i.test(source) || isOverflow(source) ? 'infinite' : 'text';
}

/** "1,234,567.5" → "1234567.5" when the separators sit every three digits; other text as it is. */
function withoutThousands(text: string, separator: string, decimal: DecimalMark): string {
  if (!text.includes(separator)) return text;
  const parts = text.split(decimal);
  if (parts.length > 2) return text;
  const groups = parts[0]!.split(separator);
  if (!/^[+-]?\d{1,3}$/.test(groups[0]!) || groups.slice(1).some((g) => !/^\d{3}$/.test(g))) return text;
  return groups.join('') + (parts.length === 2 ? decimal + parts[1]! : '');
}

/** "3,5" → "3.5"; text holding a '.' under decimal ',' is not a number. */
function decimalCommaToPoint(text: string): string | undefined {
  if (text.includes('.')) return /^[+-]?(inf|infinity)$/i.test(text) ? text : undefined;
  return text.replace(',', '.');
}

/** Decimal text whose value is too large for a double ("1e400"). */
function isOverflow(text: string): boolean {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) && !Number.isFinite(Number(text));
}
