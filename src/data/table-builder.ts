/**
 * Rows of cells → a Dataset, with the same rules for a CSV file and for rows in memory:
 * each input column is numeric or categorical (text; codes into the categories seen),
 * missing cells become NaN (or drop their row), non-finite numbers are refused with the
 * cell named, identifier-like text columns are refused, and the task follows `inferTargetTask`.
 */
import { Matrix } from '../matrix.js';
import type { DType } from '../matrix.js';
import { FLOAT32_MAX, readCell } from './cells.js';
import type { DecimalMark } from './cells.js';
import type { ColumnInfo } from './columns.js';
import type { CellTexts } from './csv-bytes.js';
import type { Dataset, Task } from './dataset.js';
import { DataFormatError } from './errors.js';
import type { DataLocation } from './errors.js';
import { GrowableFloats } from './growable.js';
import { buildTarget, TargetColumn } from './target-column.js';

/** What to do with missing input cells: refuse (default), drop the row, or keep NaN for an imputer fitted later. */
export type MissingPolicy = 'error' | 'drop' | 'mean' | 'median' | 'most-frequent';

/** One cell as the builder takes it: text from a file, or a value from memory. */
export type TableCell = string | number | boolean | null | undefined;

/** How to build the table. */
export interface TableSettings {
  /** File name or label for messages and the data set name. */
  readonly file: string;
  /** Every column's name, in row order. */
  readonly names: readonly string[];
  /** Row positions of the input columns. */
  readonly inputs: readonly number[];
  /** Row position of the target, or -1 for none. */
  readonly target: number;
  /** Input row positions whose cells are all categories, numbers included. */
  readonly categorical: ReadonlySet<number>;
  readonly missing: MissingPolicy;
  readonly task: Task | 'auto';
  readonly classNames?: readonly string[];
  readonly decimal: DecimalMark;
  readonly dtype: DType;
}

/** A text column with more distinct values than this (or than half the rows) looks like an identifier. */
export const MAX_CATEGORIES = 1000;

interface ColumnState {
  readonly categories: Map<string, number>;
  numbers: number;
  /** Every cell so far is the one above plus 1 (a row counter). */
  counting: boolean;
  last: number;
  texts: number;
  missing: number;
  firstNumber: DataLocation & { text: string } | undefined;
  firstText: DataLocation & { text: string } | undefined;
  firstMissing: DataLocation | undefined;
}

/** Builds a Dataset row by row: `add` each row of cells, then `finish`. */
export class TableBuilder {
  readonly #s: TableSettings;
  readonly #values: GrowableFloats;
  readonly #columns: ColumnState[];
  readonly #target: TargetColumn | undefined;
  readonly #row: Float64Array;
  /** The target's row position, as addNumberCells takes it. */
  readonly #targetAt: readonly [number];
  /** Per input column: read every cell as a category. */
  readonly #asCategory: readonly boolean[];
  #rows = 0;
  #dropped = 0;

  constructor(settings: TableSettings) {
    this.#s = settings;
    this.#values = new GrowableFloats(settings.dtype);
    this.#columns = settings.inputs.map(() => ({ categories: new Map(), numbers: 0, counting: true, last: NaN, texts: 0, missing: 0, firstNumber: undefined, firstText: undefined, firstMissing: undefined }));
    this.#row = new Float64Array(settings.inputs.length);
    this.#targetAt = [settings.target];
    this.#asCategory = settings.inputs.map((c) => settings.categorical.has(c));
    const name = settings.target < 0 ? undefined : settings.names[settings.target];
    this.#target = name === undefined ? undefined : new TargetColumn(name, settings.task, settings.dtype);
  }

  /** Adds one row; `line` (1-based) locates its cells in messages. */
  add(cells: readonly TableCell[], line: number): void {
    const { inputs, file, missing, decimal, dtype } = this.#s;
    const asCategory = this.#asCategory;
    let hasMissing = false;
    for (let j = 0; j < inputs.length; j++) {
      const c = inputs[j]!;
      const cell = cells[c];
      const state = this.#columns[j]!;
      const value = typeof cell === 'number' && !asCategory[j] && Number.isFinite(cell) ? cell : cellValue(cell, decimal, asCategory[j]!);
      if (value === 'missing') {
        state.missing++;
        state.counting = false;
        state.firstMissing ??= { file, line, column: c + 1 };
        hasMissing = true;
        this.#row[j] = NaN;
      } else if (value === 'infinite') {
        throw new DataFormatError({ file, line, column: c + 1 }, `${describe(cell)} in column "${this.#s.names[c]}" is not a finite number`);
      } else if (typeof value === 'number') {
        if (dtype === 'float32' && Math.abs(value) > FLOAT32_MAX) {
          throw new DataFormatError({ file, line, column: c + 1 }, `${describe(cell)} in column "${this.#s.names[c]}" is beyond the float32 range (±3.4e38); read it as float64`);
        }
        if (state.numbers > 0 && value !== state.last + 1) state.counting = false;
        state.last = value;
        state.numbers++;
        if (state.firstNumber === undefined) state.firstNumber = { file, line, column: c + 1, text: String(cell) };
        this.#row[j] = value;
      } else {
        state.texts++;
        if (state.firstText === undefined) state.firstText = { file, line, column: c + 1, text: value.text };
        let code = state.categories.get(value.text);
        if (code === undefined) {
          code = state.categories.size;
          state.categories.set(value.text, code);
        }
        this.#row[j] = code;
      }
    }
    const target = this.#target;
    const targetCell = target === undefined ? undefined : cells[this.#s.target];
    const targetValue = target === undefined ? 'missing' : cellValue(targetCell, decimal, false);
    if ((hasMissing || (target !== undefined && targetValue === 'missing')) && missing === 'drop') {
      this.#dropped++;
      return;
    }
    if (target !== undefined) target.add(targetCell, targetValue, { file, line, column: this.#s.target + 1 });
    for (let j = 0; j < inputs.length; j++) this.#values.push(this.#row[j]!);
    this.#rows++;
  }

  /**
   * Whether every position may come as a number from a byte reader (addNumberRows): every
   * column an input or the target, each input column (not categorical) all numbers so far,
   * and the target `takesNumbers`.
   */
  takesNumberRows(): boolean {
    const { inputs, names } = this.#s;
    if (inputs.length + (this.#target === undefined ? 0 : 1) !== names.length) return false;
    for (let j = 0; j < inputs.length; j++) {
      const state = this.#columns[j]!;
      if (this.#asCategory[j] || state.numbers === 0 || state.texts > 0) return false;
    }
    return this.#target?.takesNumbers ?? true;
  }

  /** Rows added so far, dropped ones included. */
  get rowsSeen(): number {
    return this.#rows + this.#dropped;
  }

  /** Makes room for about `rows` rows in all (see GrowableFloats.reserve); a guess either way costs no copy beyond today's. */
  reserveRows(rows: number): void {
    this.#values.reserve(rows * this.#s.inputs.length);
    this.#target?.reserve(rows);
  }

  /**
   * Adds `rows` rows of numbers while `takesNumberRows` (`values[row * width + position]`, each
   * finite and below 1e37 in magnitude; `texts` gives a cell's text): the same as `add` with those cells.
   */
  addNumberRows(values: Float64Array, rows: number, texts: CellTexts): void {
    const { inputs, names, target } = this.#s;
    const width = names.length;
    for (let j = 0; j < inputs.length; j++) {
      const state = this.#columns[j]!;
      const c = inputs[j]!;
      let last = state.last;
      let counting = state.counting;
      for (let k = c; counting && k < rows * width; k += width) {
        counting = values[k] === last + 1;
        last = values[k]!;
      }
      state.counting = counting;
      state.last = values[(rows - 1) * width + c]!;
      state.numbers += rows;
    }
    this.#values.pushRows(values, rows, width, inputs);
    if (target >= 0) this.#target!.addNumberCells(values, rows, width, this.#targetAt, texts);
    this.#rows += rows;
  }

  /**
   * Flags by row position: the input columns (not categorical, decimal '.') whose cells so far
   * were all numbers, and the target once it no longer keeps texts (TargetColumn.takesValues), so a reader may hand their plain decimal cells over as values (what
   * `Number(text)` gives) instead of text. Text and the first number of each column still come as text.
   */
  numericPositions(): boolean[] {
    const flags = this.#s.names.map(() => false);
    if (this.#s.decimal !== '.') return flags;
    this.#s.inputs.forEach((c, j) => {
      const state = this.#columns[j]!;
      if (!this.#s.categorical.has(c) && state.numbers > 0 && state.texts === 0) flags[c] = true;
    });
    if (this.#target?.takesValues === true) flags[this.#s.target] = true;
    return flags;
  }

  /** One-line notes from `finish` (a numeric column that counts rows looks like an identifier). */
  readonly notes: string[] = [];

  /** Rows dropped for missing cells (missing 'drop'). */
  get dropped(): number {
    return this.#dropped;
  }

  /** The data set, after the column checks; throws a one-line DataFormatError on the first problem. */
  finish(): Dataset {
    const { file, names, inputs } = this.#s;
    if (this.#rows === 0) throw new DataFormatError({ file }, this.#dropped > 0 ? `no data rows are left after dropping ${this.#dropped} rows with missing cells` : 'no data rows');
    const columns = inputs.map((c, j) => this.#describeColumn(c, this.#columns[j]!));
    this.#checkMissing();
    const featureNames = inputs.map((c) => names[c]!);
    const x = new Matrix(this.#rows, inputs.length, this.#values.toArray());
    const base = { name: file, inputs: x, featureNames, columns };
    if (this.#target === undefined) return { ...base, task: 'regression', targets: undefined, labels: undefined, classNames: [], targetNames: [] };
    return { ...base, ...buildTarget(this.#target, { file, column: this.#s.target + 1 }, this.#s.classNames) };
  }

  #describeColumn(c: number, state: ColumnState): ColumnInfo {
    const name = this.#s.names[c]!;
    const forced = this.#s.categorical.has(c);
    if (!forced && state.texts > 0 && state.numbers > 0) {
      const odd = state.texts <= state.numbers ? state.firstText! : state.firstNumber!;
      const kind = state.texts <= state.numbers ? 'is not a number' : 'is a number';
      throw new DataFormatError(odd, `${describe(odd.text)} in column "${name}" ${kind}, but the column holds ${state.numbers} numbers and ${state.texts} text cells; fix the cell, or treat the column as categories (--categorical ${name})`);
    }
    if (state.texts === 0 && !forced) {
      if (state.numbers === 0) throw new DataFormatError({ file: this.#s.file, column: c + 1 }, `column "${name}" holds no values (every cell is missing); ignore it (--ignore ${name})`);
      if (state.counting && state.numbers >= 20) this.notes.push(`column "${name}" counts rows (${state.last - state.numbers + 1}, ${state.last - state.numbers + 2}, ... ${state.last}): it looks like an identifier; --ignore ${name} leaves it out`);
      return { name, kind: 'numeric' };
    }
    const distinct = state.categories.size;
    const rows = this.#rows + this.#dropped;
    if (!forced && (distinct > MAX_CATEGORIES || (rows >= 20 && distinct > rows / 2))) {
      throw new DataFormatError({ file: this.#s.file, column: c + 1 }, `column "${name}" looks like an identifier (${distinct} distinct values in ${rows} rows): --ignore ${name}, or --categorical ${name} to encode it anyway`);
    }
    return { name, kind: 'categorical', categories: [...state.categories.keys()] };
  }

  /** missing 'error': names the first missing cell and the count per column. */
  #checkMissing(): void {
    if (this.#s.missing !== 'error') return;
    let first: DataLocation | undefined;
    const counts: string[] = [];
    this.#columns.forEach((state, j) => {
      if (state.missing === 0) return;
      counts.push(`${this.#s.names[this.#s.inputs[j]!]} ${state.missing}`);
      const at = state.firstMissing!;
      if (first === undefined || at.line! < first.line! || (at.line === first.line && at.column! < first.column!)) first = at;
    });
    if (first === undefined) return;
    const name = this.#s.names[first.column! - 1];
    throw new DataFormatError(first, `missing cell in column "${name}" (missing cells per column: ${counts.join(', ')}); choose --missing drop, mean, median or most-frequent`);
  }
}

/** A cell's meaning; categorical columns read every non-missing cell as a category. */
export function cellValue(cell: TableCell, decimal: DecimalMark, asCategory: boolean): number | 'missing' | 'infinite' | { text: string } {
  if (cell === null || cell === undefined) return 'missing';
  if (typeof cell === 'boolean') return { text: String(cell) };
  if (typeof cell === 'number') {
    if (Number.isNaN(cell)) return 'missing';
    if (!Number.isFinite(cell)) return 'infinite';
    return asCategory ? { text: String(cell) } : cell;
  }
  const text = needsTrim(cell) ? cell.trim() : cell;
  const value = readCell(text, decimal);
  if (value === 'missing' || value === 'infinite') return value === 'infinite' && asCategory ? { text } : value;
  if (asCategory || value === 'text') return { text };
  return value;
}

function needsTrim(text: string): boolean {
  return text.length > 0 && (text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32);
}

/** A cell for a message: "an empty cell", or the quoted text (shortened). */
export function describe(cell: TableCell): string {
  const text = String(cell ?? '');
  return text === '' ? 'an empty cell' : JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
