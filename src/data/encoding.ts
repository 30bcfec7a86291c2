/**
 * The encoding stage of preprocessing, fitted on the training part: missing cells imputed
 * (mean / median / most-frequent), categorical columns one-hot over the categories seen in
 * training (sorted; numerically when all look like numbers). An unseen category becomes an
 * all-zero block (one warning per column) or an error. Plain JSON data, stored in the model.
 *
 * Shapes: raw `rows x columns` (numbers, category codes, NaN = missing) → `rows x width`.
 */
import { BackpropError } from '../errors/backprop-error.js';
import { formatBytes, formatCount, memoryBudget } from '../errors/limits.js';
import { ResourceLimitError } from '../errors/resource-limit-error.js';
import { shellWord } from '../errors/shell-word.js';
import { Matrix } from '../matrix.js';
import type { ColumnInfo } from './columns.js';
import type { Dataset } from './dataset.js';
import { isImageSet } from './dataset.js';
import type { MissingPolicy } from './table-builder.js';
import { UsageError } from '../errors/usage-error.js';
import { DataFormatError } from './errors.js';

/** What an unseen category does at predict time: an all-zero block and a warning, or an error. */
export type UnknownCategoryRule = 'ignore' | 'error';

/** The encoding part of a preprocessing spec. */
export interface EncodingSpec {
  /** Missing input cells (default 'error': a missing cell is refused). */
  readonly missing?: MissingPolicy;
  /** Unseen categories (default 'ignore'). */
  readonly unknownCategory?: UnknownCategoryRule;
}

/** One fitted input column. `fill` replaces a missing cell (null: missing cells are refused). */
export type EncodedColumn =
  | { readonly name: string; readonly kind: 'numeric'; readonly fill: number | null }
  | { readonly name: string; readonly kind: 'categorical'; readonly categories: readonly string[]; readonly fill: string | null };

/** The fitted encoding: one entry per raw input column; `width` model inputs in all. */
export interface Encoding {
  readonly columns: readonly EncodedColumn[];
  readonly missing: MissingPolicy;
  readonly unknownCategory: UnknownCategoryRule;
  readonly width: number;
}

/** Receives one-line warnings (an unseen category, once per column per call). */
export type WarningSink = (message: string) => void;

/** A problem with a row's cells at encoding time (missing cell without imputation, unseen category under 'error'). */
export class EncodingError extends BackpropError {
  constructor(message: string) {
    super(message, 1);
    this.name = 'EncodingError';
  }
}

/** Fits the encoding on the training part's raw columns (needs `train.columns`). */
export function fitEncoding(train: Dataset, { missing = 'error', unknownCategory = 'ignore' }: EncodingSpec = {}): Encoding {
  const info = train.columns;
  if (info === undefined || isImageSet(train.inputs)) throw new UsageError(`fitEncoding: ${train.name} has no column description (a table read from CSV or rows has one; images do not)`);
  const x = train.inputs;
  const impute = missing !== 'error' && missing !== 'drop';
  const columns = info.map((column, c): EncodedColumn => {
    // Numeric columns without imputation only need their count of missing cells.
    const keep = impute || column.kind === 'categorical';
    const values: number[] = [];
    let missingCells = 0;
    for (let r = 0; r < x.rows; r++) {
      const v = x.data[r * x.cols + c]!;
      if (Number.isNaN(v)) missingCells++;
      else if (keep) values.push(v);
    }
    if (!impute && missingCells > 0) {
      throw new EncodingError(`${train.name}: column "${column.name}" has ${missingCells} missing cells; choose missing 'drop' (when reading), 'mean', 'median' or 'most-frequent'`);
    }
    if (column.kind === 'numeric') return { name: column.name, kind: 'numeric', fill: impute ? numericFill(values, missing) : null };
    const present = [...new Set(values)].map((code) => column.categories[code]!);
    const categories = sortCategories(present);
    return { name: column.name, kind: 'categorical', categories, fill: impute && values.length > 0 ? column.categories[mostFrequent(values)]! : null };
  });
  return { columns, missing, unknownCategory, width: encodedWidth(columns) };
}

/** Model inputs the columns become: 1 per numeric column, one per category. */
export function encodedWidth(columns: readonly EncodedColumn[]): number {
  let width = 0;
  for (const column of columns) width += column.kind === 'numeric' ? 1 : column.categories.length;
  return width;
}

/** The model inputs that are one-hot indicators (0/1), by index: the categorical columns' blocks. */
export function indicatorInputs(encoding: Encoding): ReadonlySet<number> {
  const indicators = new Set<number>();
  let at = 0;
  for (const column of encoding.columns) {
    if (column.kind === 'numeric') at++;
    else for (let k = 0; k < column.categories.length; k++) indicators.add(at++);
  }
  return indicators;
}

/** The model input names: numeric columns by name, categories as `column=value`. */
export function encodedNames(encoding: Encoding): string[] {
  return encoding.columns.flatMap((column) => (column.kind === 'numeric' ? [column.name] : column.categories.map((value) => `${column.name}=${value}`)));
}

/**
 * Encodes a raw matrix whose categorical cells are codes into `vocabulary` (a data set's
 * `columns`, in the encoding's column order). `rowName(r)` names row r in messages.
 */
export function encodeMatrix(encoding: Encoding, raw: Matrix, vocabulary: readonly ColumnInfo[], warn: WarningSink, rowName: (r: number) => string = (r) => `row ${r + 1}`): Matrix {
  const { columns } = encoding;
  if (raw.cols !== columns.length) throw new DataFormatError({ file: 'encodeMatrix' }, `${raw.cols} raw columns, the encoding has ${columns.length}`);
  const lookups = columns.map((column, c) => {
    if (column.kind === 'numeric') return undefined;
    const seen = vocabulary[c];
    const index = new Map(column.categories.map((value, i) => [value, i]));
    return seen !== undefined && seen.kind === 'categorical' ? seen.categories.map((value) => index.get(value) ?? -1) : [];
  });
  const texts = vocabulary.map((v) => (v.kind === 'categorical' ? v.categories : []));
  return encodeWith(encoding, raw.rows, raw.dtype, warn, rowName, (r, c) => {
    const v = raw.data[r * raw.cols + c]!;
    if (Number.isNaN(v)) return undefined;
    const lookup = lookups[c];
    return lookup === undefined ? v : { index: lookup[v] ?? -1, text: texts[c]![v] ?? String(v) };
  });
}

/** A cell as the encoder takes it: a number, a category (index into the fitted categories, -1 = unseen), or missing. */
export type EncoderCell = number | { readonly index: number; readonly text: string } | undefined;

/** Encodes `rows` rows whose cells `cell(r, c)` gives (c in the encoding's column order). */
export function encodeWith(encoding: Encoding, rows: number, dtype: Matrix['dtype'], warn: WarningSink, rowName: (r: number) => string, cell: (r: number, c: number) => EncoderCell): Matrix {
  const { columns, width } = encoding;
  checkEncodedSize(encoding, rows, dtype);
  const out = Matrix.zeros(rows, width, dtype);
  const unseen = new Map<number, { count: number; texts: Set<string> }>();
  for (let r = 0; r < rows; r++) {
    let offset = r * width;
    for (let c = 0; c < columns.length; c++) {
      const column = columns[c]!;
      let value = cell(r, c);
      if (value === undefined) {
        if (column.fill === null) throw new EncodingError(`${rowName(r)}: missing cell in column "${column.name}", and the model was trained without imputation (train with --missing mean, median or most-frequent)`);
        value = column.kind === 'numeric' ? (column.fill as number) : { index: column.categories.indexOf(column.fill as string), text: column.fill as string };
      }
      if (column.kind === 'numeric') {
        out.data[offset++] = value as number;
        continue;
      }
      const { index, text } = value as { index: number; text: string };
      if (index < 0) {
        if (encoding.unknownCategory === 'error') throw new EncodingError(`${rowName(r)}: column "${column.name}" has category ${JSON.stringify(text)}, which training did not see (known: ${column.categories.slice(0, 10).join(', ')}${column.categories.length > 10 ? ', ...' : ''})`);
        const seen = unseen.get(c);
        if (seen === undefined) unseen.set(c, { count: 1, texts: new Set([text]) });
        else {
          seen.count++;
          if (seen.texts.size < 1000) seen.texts.add(text);
        }
      } else {
        out.data[offset + index] = 1;
      }
      offset += column.categories.length;
    }
  }
  for (const [c, { count, texts }] of unseen) warn(unseenWarning(columns[c] as Extract<EncodedColumn, { kind: 'categorical' }>, count, [...texts]));
  return out;
}

/**
 * Refuses, before allocating, an encoded matrix over the memory budget, naming the categorical
 * columns that make it wide (a column of codes or names read as categories: one input per value).
 */
function checkEncodedSize(encoding: Encoding, rows: number, dtype: Matrix['dtype']): void {
  const bytes = rows * encoding.width * (dtype === 'float64' ? 8 : 4);
  if (bytes <= memoryBudget()) return;
  const wide = encoding.columns.flatMap((c) => (c.kind === 'categorical' && c.categories.length > 1 ? [c] : [])).sort((a, b) => b.categories.length - a.categories.length);
  if (wide.length === 0) return; // numbers only: Matrix.zeros says it
  const named = wide.slice(0, 3).map((c) => `"${c.name}" ${formatCount(c.categories.length)}`).join(', ');
  throw new ResourceLimitError(
    `one-hot encoding ${formatCount(rows)} rows gives ${formatCount(encoding.width)} inputs (categories: ${named}${wide.length > 3 ? ', ...' : ''}), a matrix of ${formatBytes(bytes)}, more than the memory limit of ${formatBytes(memoryBudget())}; leave such a column out (--ignore ${shellWord(wide[0]!.name)}) or raise the limit (--max-memory)`,
    { requested: bytes, limit: memoryBudget() },
  );
}

/**
 * The warning for categories training did not see in a column: how many distinct ones and cells,
 * the first few, and a known category that differs only in case or spaces ("MALE" for "male").
 */
function unseenWarning(column: Extract<EncodedColumn, { kind: 'categorical' }>, cells: number, texts: readonly string[]): string {
  const shown = texts.slice(0, 3).map((t) => JSON.stringify(t)).join(', ') + (texts.length > 3 ? ', ...' : '');
  const what = texts.length === 1 ? `category ${shown}` : `${texts.length === 1000 ? 'at least 1000' : texts.length} categories (${shown})`;
  const cellCount = cells > texts.length ? ` in ${cells} cells` : '';
  const known = new Map(column.categories.map((k) => [k.trim().toLowerCase(), k]));
  const variant = texts.map((t) => [t, known.get(t.trim().toLowerCase())] as const).find(([, k]) => k !== undefined);
  const hint = variant === undefined ? '' : ` (training saw ${JSON.stringify(variant[1])}, not ${JSON.stringify(variant[0])}: categories are matched exactly)`;
  return `warning: column "${column.name}" has ${what} that training did not see${cellCount}${hint}; encoded as all zeros`;
}

/** Fitted categories in a stable order: numerically when all look like numbers, else by text. */
export function sortCategories(values: readonly string[]): string[] {
  const numeric = values.every((v) => v.trim() !== '' && Number.isFinite(Number(v)));
  return [...values].sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function numericFill(values: number[], missing: MissingPolicy): number {
  if (values.length === 0) return 0;
  if (missing === 'most-frequent') return mostFrequent(values);
  if (missing === 'median') {
    const sorted = Float64Array.from(values).sort();
    const mid = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  }
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** The most frequent value (the smallest among ties). */
function mostFrequent(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = NaN;
  let bestCount = 0;
  for (const [v, n] of counts) if (n > bestCount || (n === bestCount && v < best)) [best, bestCount] = [v, n];
  return best;
}
