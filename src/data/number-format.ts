/**
 * Text cells that are numbers written for people: "1,234" (thousands separators), "12.5%"
 * (percentages), "$1,200" / "€3" / "3 €" (currency), "(0.65)" (an accountant's negative), and
 * dates ("2006-07-12"). The cell reader (cells.ts) reads them as text, as pandas does; the table
 * builder and predict then read the numbers among them as the numbers they write
 * (formattedNumberValue, with a note naming the format), and messages name how the rest are written.
 */
import type { DecimalMark } from './cells.js';
import { readCell } from './cells.js';
import { isoDateDays } from './iso-date.js';

/**
 * How a text cell writes a number: with thousands separators, as a percentage, with a currency
 * sign, negative in parentheses, or with '.' as the decimal mark in a file read with ','
 * ("2.25" in a ';' file whose other columns write "1,5"), or negative with the typographic minus
 * sign U+2212 ("−1.5", as word processors and web tables write it).
 */
export type NumberFormat = 'thousands' | 'percent' | 'currency' | 'parentheses' | 'decimal' | 'minus';

/** The currency signs a number may carry before or after it. */
export const CURRENCY = '$€£¥₹₩₽¢';

/** The format of one trimmed text cell, or undefined when it is no such number. */
export function numberFormat(text: string, decimal: DecimalMark = '.'): NumberFormat | undefined {
  if (text.length < 2 || text.length > 40) return undefined;
  if (text.charCodeAt(0) === 0x2212) return /^[+-]/.test(text.slice(1)) || numberFormat(`-${text.slice(1)}`, decimal) !== undefined || readCell(`-${text.slice(1)}`, decimal) === 'text' ? undefined : 'minus';
  // An accountant's negative: "(0.65)", "($170.56)".
  const parentheses = text.length > 2 && text.startsWith('(') && text.endsWith(')');
  let body = parentheses ? text.slice(1, -1).trim() : text;
  let format: NumberFormat | undefined;
  if (body.endsWith('%')) {
    body = body.slice(0, -1).trimEnd();
    format = 'percent';
  } else {
    const sign = /^[+-]?/.exec(body)![0];
    const rest = body.slice(sign.length);
    if (CURRENCY.includes(rest[0]!)) {
      body = sign + rest.slice(1).trimStart();
      format = 'currency';
    } else if (CURRENCY.includes(body[body.length - 1]!)) {
      body = body.slice(0, -1).trimEnd();
      format = 'currency';
    }
  }
  let shape = numberShape(body, decimal);
  // A sign says "amount" or "share" whichever mark it is written with: "$4,743.75" in a ';' file.
  if (shape === undefined && format !== undefined) shape = numberShape(body, decimal === '.' ? ',' : '.');
  if (shape === 'grouped') return format ?? (parentheses ? 'parentheses' : 'thousands');
  // Only "2.25" under ',': under '.', a quoted "1,23" may as well be a list as a number.
  if (decimal === ',' && format === undefined && !parentheses && /^[+-]?\d*\.\d+$/.test(body)) return 'decimal';
  if (shape !== 'plain') return undefined;
  return format ?? (parentheses ? 'parentheses' : undefined);
}

/** Whether `body` is digits with thousands separators ('grouped', "1,234.5") or without ('plain', "1234.5") under the decimal mark `decimal`. */
function numberShape(body: string, decimal: DecimalMark): 'grouped' | 'plain' | undefined {
  const separator = decimal === '.' ? ',' : '.';
  const grouped = new RegExp(`^[+-]?\\d{1,3}([${separator === '.' ? '.' : ','} \\u00a0'’]\\d{3})+([${decimal === '.' ? '.' : ','}]\\d+)?$`);
  const plain = decimal === '.' ? /^[+-]?(\d+\.?\d*|\.\d+)$/ : /^[+-]?(\d+,?\d*|,\d+)$/;
  return grouped.test(body) ? 'grouped' : plain.test(body) ? 'plain' : undefined;
}

/** The separator of a 'thousands' cell ("1,234" → ','), for messages. */
export function thousandsSeparator(text: string): string {
  const match = /\d([,. \u00a0'’])\d{3}/.exec(text);
  return match === null ? ',' : match[1]!;
}

/** What a column (or target) of such cells holds, for a message: `numbers written with ',' as thousands separator ("1,234")`. */
export function describeFormat(format: NumberFormat, example: string): string {
  const shown = JSON.stringify(example);
  if (format === 'percent') return `percentages (${shown})`;
  if (format === 'currency') return `amounts with a currency sign (${shown})`;
  if (format === 'parentheses') return `negative numbers in parentheses (${shown})`;
  if (format === 'decimal') return `numbers written with "." as the decimal mark (${shown}) in a file read with ","`;
  if (format === 'minus') return `negative numbers written with the minus sign "−" (U+2212) (${shown})`;
  return `numbers written with ${JSON.stringify(thousandsSeparator(example))} as thousands separator (${shown})`;
}

/** What to do about such cells, for a message. */
export function formatFix(format: NumberFormat, example: string): string {
  if (format === 'percent') return `write them without '%' (12.5 or 0.125) to read them as numbers`;
  if (format === 'currency') return `write them as plain numbers, without the currency sign${example.includes(',') || /\d[. ]\d{3}/.test(example) ? ' and separators' : ''}${example.startsWith('(') ? ', with a minus sign for the amounts in parentheses' : ''}, to read them as numbers`;
  if (format === 'parentheses') return `write them with a minus sign (-${example.slice(1, -1).trim()}) to read them as numbers`;
  if (format === 'decimal') return `--decimal . reads them if the whole file writes "."; else write them with ","`;
  if (format === 'minus') return `write them with the ASCII "-" (-${example.slice(1)}) to read them as numbers`;
  const separator = thousandsSeparator(example);
  return `remove the separators or read them with --thousands ${separator === ' ' ? "' '" : separator} to read them as numbers`;
}

/**
 * The format of `texts` when every one of them (at most `limit` looked at) is such a number:
 * 'currency' if any has a currency sign, else 'percent' if any has '%', else 'parentheses', else 'thousands', else 'decimal', else 'minus'; with
 * the first example of that format. Undefined when any text is no such number.
 */
export function commonFormat(texts: Iterable<string>, decimal: DecimalMark, limit = 10000): { format: NumberFormat; example: string } | undefined {
  const counts = new Map<NumberFormat, { example: string }>();
  let seen = 0;
  for (const text of texts) {
    if (seen++ >= limit) break;
    const format = numberFormat(text, decimal);
    if (format === undefined) return undefined;
    // An example in parentheses, where there is one, so the fix can mention the minus sign.
    if (!counts.has(format) || (text.startsWith('(') && !counts.get(format)!.example.startsWith('('))) counts.set(format, { example: text });
  }
  // A currency or percent sign says more than the separators or parentheses some of those cells also have.
  for (const format of ['currency', 'percent', 'parentheses', 'thousands', 'decimal', 'minus'] as const) {
    const entry = counts.get(format);
    if (entry !== undefined) return { format, example: entry.example };
  }
  return undefined;
}

/** A time after a date: 10:30, 10:30:00.5, 03:24 PM, with a zone. */
const TIME = String.raw`\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?( ?[AaPp][Mm])?(Z|[+-]\d{2}:?\d{2})?`;

/**
 * Dates and times as exports write them: 2006-07-12, 2006-07-12T10:30:00Z, 2006-07 (a month; not
 * a season's 2019-20),
 * 2006/07/12, 12/07/2006, 12.07.06, 7/12/2006 3:24 PM (Excel's US format).
 */
const DATE = new RegExp(String.raw`^(\d{4}-\d{1,2}-\d{1,2}([ T]${TIME})?|\d{4}-(0?[1-9]|1[0-2])|\d{4}\/\d{1,2}\/\d{1,2}( ${TIME})?|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}(,? ${TIME})?)$`);

/** The first of `texts` when every one of them (at most `limit` looked at) is a date, else undefined. */
export function dateExample(texts: Iterable<string>, limit = 1000): string | undefined {
  let first: string | undefined;
  let seen = 0;
  for (const text of texts) {
    if (seen++ >= limit) break;
    if (!DATE.test(text)) return undefined;
    first ??= text;
  }
  return first;
}

/**
 * The number a cell of one of these formats writes (numberFormat, but not 'decimal', whose
 * mark is the file's to choose): "$1,200" → 1200, "12.5%" → 12.5 (the number written, not
 * 0.125), "(0.65)" → -0.65, "1 234,5" under ',' → 1234.5, "−1.5" → -1.5. Undefined for any other text.
 */
export function formattedNumberValue(text: string, decimal: DecimalMark = '.'): number | undefined {
  const trimmed = text.trim();
  if (!mayWriteNumber(trimmed)) return undefined;
  const format = numberFormat(trimmed, decimal);
  if (format === undefined || format === 'decimal') return undefined;
  let body = trimmed.charCodeAt(0) === 0x2212 ? `-${trimmed.slice(1)}` : trimmed;
  const negative = body.length > 2 && body.startsWith('(') && body.endsWith(')');
  if (negative) body = body.slice(1, -1).trim();
  if (body.endsWith('%')) body = body.slice(0, -1).trimEnd();
  const sign = /^[+-]?/.exec(body)![0];
  body = body.slice(sign.length);
  if (CURRENCY.includes(body[0]!)) body = body.slice(1).trimStart();
  else if (CURRENCY.includes(body[body.length - 1]!)) body = body.slice(0, -1).trimEnd();
  // The mark the cell is written with: the file's, or the other where only that one reads it ("$4,743.75" in a ';' file).
  const mark = numberShape(body, decimal) !== undefined ? decimal : decimal === '.' ? ',' : '.';
  const digits = body.replace(mark === '.' ? /[, \u00a0'’]/g : /[. \u00a0'’]/g, '').replace(',', '.');
  const value = Number(`${sign}${digits}`);
  if (!Number.isFinite(value)) return undefined;
  return negative ? -value : value;
}

/** The first cell of a column read from text as a number (written for people, or an ISO date as days since 1970-01-01), for its note. */
export interface WrittenCell {
  readonly format: NumberFormat | 'date';
  readonly example: string;
  readonly value: number;
}

/** The note for a column or target (`subject`) read from numbers written for people or ISO dates, from its first such cell. */
export function writtenNote(subject: string, first: WrittenCell): string {
  if (first.format === 'date') return `${subject} holds dates (${JSON.stringify(first.example.trim())}): read as days since 1970-01-01 UTC (${+first.value.toFixed(4)})`;
  const percent = first.format === 'percent' && first.value !== 0 ? `, not ${first.value / 100}` : '';
  return `${subject} holds ${describeFormat(first.format, first.example.trim())}: read as the numbers they write (${first.value}${percent})`;
}

/**
 * Whether trimmed text may be a number written for people or an ISO date: it starts with a digit,
 * a sign, "(", ".", "−" or a currency sign. Most category text starts with a letter, so this
 * one test is what every text cell of a categorical column pays.
 */
export function mayWriteNumber(text: string): boolean {
  const first = text.charCodeAt(0);
  if (first >= 48 && first <= 57) return true;
  return first === 43 || first === 45 || first === 40 || first === 46 || first === 0x2212 || (first > 127 || first === 36 ? CURRENCY.includes(text[0]!) : false);
}

/**
 * The number a text cell of a numeric column writes: one written for people (formattedNumberValue)
 * or an ISO date as days since 1970-01-01 (isoDateDays); undefined for other text. The one rule
 * the table builder (training, evaluate) and predict read such cells by.
 */
export function writtenValue(text: string, decimal: DecimalMark): number | undefined {
  return mayWriteNumber(text) ? (formattedNumberValue(text, decimal) ?? isoDateDays(text)) : undefined;
}
