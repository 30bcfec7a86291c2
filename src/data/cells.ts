/**
 * What one text cell of a table holds: a finite number, a missing value, text (a category
 * or label), or a number that cannot be stored (infinite). Shared by the CSV reader,
 * in-memory rows and prediction from raw rows.
 */
import { parseNumber } from './csv-records.js';

/** Cells that mean "no value", compared without case: empty, NA, N/A, NaN, null, ? and - alone. */
export const MISSING_TOKENS: readonly string[] = ['', 'NA', 'N/A', 'NaN', 'null', '?', '-'];

const MISSING = new Set(MISSING_TOKENS.map((t) => t.toLowerCase()));

/** Largest finite float32. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/** The decimal mark of numeric cells: '.' (default) or ','. */
export type DecimalMark = '.' | ',';

/** A cell's meaning: a finite number, or one of the non-number kinds. */
export type CellValue = number | 'missing' | 'text' | 'infinite';

/** True if `text` (already trimmed) is one of the missing-value tokens. */
export function isMissingText(text: string): boolean {
  if (text.length === 0) return true;
  if (text.length > 4) return false;
  const first = text.charCodeAt(0) | 0x20; // lower-cased letter; '?' (63) and '-' (45) keep their codes
  return (first === 110 || first === 63 || first === 45) && MISSING.has(text.toLowerCase());
}

/** Reads one trimmed cell. With decimal ',', "3,5" is 3.5 (and "3.5" is text). */
export function readCell(text: string, decimal: DecimalMark = '.'): CellValue {
  if (isMissingText(text)) return 'missing';
  const source = decimal === ',' ? decimalCommaToPoint(text) : text;
  if (source === undefined) return 'text';
  const value = parseNumber(source);
  if (value !== undefined) return value;
  return /^[+-]?(inf|infinity)$/i.test(source) || isOverflow(source) ? 'infinite' : 'text';
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
