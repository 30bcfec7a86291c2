/**
 * Rows of cells → a Dataset, with the same rules for a CSV file and for rows in memory:
 * each input column is numeric or categorical (text; codes into the categories seen),
 * missing cells become NaN (or drop their row), non-finite numbers are refused with the
 * cell named, identifier-like text columns are refused, and the task follows `inferTargetTask`.
 */
import { Matrix } from '../matrix.js';
import type { DType } from '../matrix.js';
import { FLOAT32_MAX, readCell } from './cells.js';
import { parseNumber } from './csv-records.js';
import type { CellSyntax, DecimalMark } from './cells.js';
import { isTargetLikeName } from './target-names.js';
import { shellWord } from '../errors/shell-word.js';
import { checkColumnCells, writtenNumber, countedRange, countsRows, describe, dropHint, firstColumnProblem, gapCounts, isRowCounter, isRowIndex, mostlyMissing, rowIndexNote } from './column-checks.js';
import type { ColumnGaps } from './column-checks.js';
import type { ColumnState } from './column-checks.js';
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
  /** Extra missing markers and a thousands separator (default: pandas' missing markers, no separator). */
  readonly syntax?: CellSyntax;
  /** Row positions whose header name was empty: left out (with a note) when every cell is empty. */
  readonly unnamed?: ReadonlySet<number>;
  /** The target is the last column because none was chosen (messages then say so). */
  readonly targetByDefault?: boolean;
  /**
   * Leave out numeric columns that count rows (1, 2, 3, ... an identifier such as PassengerId),
   * with a note: the CSV reader's choice when no --features were given. In-memory rows keep them.
   */
  readonly leaveOutCounters?: boolean;
  /**
   * Rows whose target cell is missing are dropped (counted in `targetless`, with a note) whatever
   * `missing` says for the inputs: a row without a target can be neither trained on nor scored,
   * and imputing a target would make one up. Without it, such a row is refused (or, with 'drop', dropped).
   */
  readonly dropMissingTargets?: boolean;
  readonly dtype: DType;
}

export { describe, MAX_CATEGORIES } from './column-checks.js';
export { defaultTargetColumn, isTargetLikeName } from './target-names.js';

/** Builds a Dataset row by row: `add` each row of cells, then `finish`. */
export class TableBuilder {
  readonly #s: TableSettings;
  #values: GrowableFloats;
  readonly #columns: ColumnState[];
  #target: TargetColumn | undefined;
  /** Per input column: its header was empty and no cell has held a value yet (missing 'drop' then ignores it). */
  readonly #emptyUnnamed: boolean[];
  /** A missing marker is a number ("-999"): every cell then goes through readCell (no number fast paths). */
  readonly #numericMarkers: boolean;
  readonly #row: Float64Array;
  /** The target's row position, as addNumberCells takes it. */
  readonly #targetAt: readonly [number];
  /** Per input column: read every cell as a category. */
  readonly #asCategory: readonly boolean[];
  #rows = 0;
  #dropped = 0;
  #targetless = 0;

  constructor(settings: TableSettings) {
    this.#s = settings;
    this.#values = new GrowableFloats(settings.dtype);
    this.#columns = settings.inputs.map(() => ({ categories: new Map(), numbers: 0, counting: true, last: NaN, texts: 0, missing: 0, firstNumber: undefined, firstText: undefined, firstMissing: undefined, written: undefined }));
    this.#row = new Float64Array(settings.inputs.length);
    this.#targetAt = [settings.target];
    this.#asCategory = settings.inputs.map((c) => settings.categorical.has(c));
    this.#emptyUnnamed = settings.inputs.map((c) => settings.unnamed?.has(c) === true);
    this.#numericMarkers = [...(settings.syntax?.naValues ?? [])].some((t) => parseNumber(t) !== undefined);
    this.#target = this.#newTarget();
  }

  #newTarget(): TargetColumn | undefined {
    const { target, names, task, dtype, decimal, targetByDefault } = this.#s;
    const name = target < 0 ? undefined : names[target];
    return name === undefined ? undefined : new TargetColumn(name, task, dtype, { decimal, byDefault: targetByDefault === true, ...(isTargetLikeName(name) ? { defaultReason: 'named like a target' } : {}) });
  }

  /** Adds one row; `line` (1-based) locates its cells in messages. */
  add(cells: readonly TableCell[], line: number): void {
    const { inputs, file, missing, decimal, dtype, syntax } = this.#s;
    if (missing !== 'drop' && this.#s.dropMissingTargets === true && this.#target !== undefined && cellValue(cells[this.#s.target], decimal, false, syntax) === 'missing') {
      // Left out before its input cells count anywhere (missing counts, categories, row counters).
      this.#targetless++;
      return;
    }
    const asCategory = this.#asCategory;
    let hasMissing = false;
    let filledUnnamed = false;
    for (let j = 0; j < inputs.length; j++) {
      const c = inputs[j]!;
      const cell = cells[c];
      const state = this.#columns[j]!;
      const value = typeof cell === 'number' && !asCategory[j] && Number.isFinite(cell) ? cell : asCategory[j] ? cellValue(cell, decimal, true, syntax) : writtenNumber(cellValue(cell, decimal, false, syntax), decimal, state);
      if (value !== 'missing' && this.#emptyUnnamed[j]) {
        this.#emptyUnnamed[j] = false;
        filledUnnamed = true;
      }
      if (value === 'missing') {
        state.missing++;
        state.counting = false;
        state.firstMissing ??= { file, line, column: c + 1 };
        // An unnamed column that has been empty so far may be a spreadsheet leftover, left out at the end.
        if (!this.#emptyUnnamed[j]) hasMissing = true;
        this.#row[j] = NaN;
      } else if (value === 'infinite') {
        throw new DataFormatError({ file, line, column: c + 1 }, `${describe(cell)} in column "${this.#s.names[c]}" is not a finite number`);
      } else if (typeof value === 'number') {
        if (dtype === 'float32' && Math.abs(value) > FLOAT32_MAX) {
          throw new DataFormatError({ file, line, column: c + 1 }, `${describe(cell)} in column "${this.#s.names[c]}" is beyond the float32 range (±3.4e38): the network computes in float32, so scale the column down first (divide it, or take its log); the library can read it with dtype: 'float64'`);
        }
        // A counter is whole numbers one apart (0.5, 1.5, 2.5, ... is a measurement that grows).
        if ((state.numbers > 0 && value !== state.last + 1) || !Number.isInteger(value)) state.counting = false;
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
    // missing 'drop': the rows kept so far all lack the unnamed column that now holds a value.
    if (filledUnnamed && missing === 'drop' && this.#rows > 0) this.#dropKept();
    const target = this.#target;
    const targetCell = target === undefined ? undefined : cells[this.#s.target];
    const targetValue = target === undefined ? 'missing' : cellValue(targetCell, decimal, false, syntax);
    if ((hasMissing || (target !== undefined && targetValue === 'missing')) && missing === 'drop') {
      this.#dropped++;
      return;
    }
    if (target !== undefined) target.add(targetCell, targetValue, { file, line, column: this.#s.target + 1 });
    for (let j = 0; j < inputs.length; j++) this.#values.push(this.#row[j]!);
    this.#rows++;
  }

  /** Drops every row kept so far (their values and targets). */
  #dropKept(): void {
    this.#dropped += this.#rows;
    this.#rows = 0;
    this.#values = new GrowableFloats(this.#s.dtype);
    this.#target = this.#newTarget();
  }

  /**
   * Whether every position may come as a number from a byte reader (addNumberRows): every
   * column an input or the target, each input column (not categorical) all numbers so far,
   * and the target `takesNumbers`.
   */
  takesNumberRows(): boolean {
    const { inputs, names } = this.#s;
    if (this.#numericMarkers) return false;
    if (inputs.length + (this.#target === undefined ? 0 : 1) !== names.length) return false;
    for (let j = 0; j < inputs.length; j++) {
      const state = this.#columns[j]!;
      if (this.#asCategory[j] || state.numbers === 0 || state.texts > 0) return false;
    }
    return this.#target?.takesNumbers ?? true;
  }

  /** Rows added so far, dropped ones included. */
  get rowsSeen(): number {
    return this.#rows + this.#dropped + this.#targetless;
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
    if (this.#s.decimal !== '.' || this.#numericMarkers) return flags;
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

  /** After `finish`, under missing 'drop' with rows dropped: the note counting them and the gaps per column. */
  dropNote: string | undefined;

  /** The gaps of input columns `js` (positions into `inputs`). */
  #gaps(js: readonly number[]): ColumnGaps[] {
    return js.map((j) => ({ name: this.#s.names[this.#s.inputs[j]!]!, missing: this.#columns[j]!.missing }));
  }

  /** The drop note, or a note on each column that imputation fills in more than half of its cells. */
  #noteGaps(kept: readonly number[], rows: number): void {
    const gaps = this.#gaps(kept);
    if (this.#dropped > 0) this.dropNote = `dropped ${this.#dropped} of ${rows} rows with missing cells (--missing drop; missing cells per column: ${gapCounts(gaps)})${dropHint(gaps, rows)}`;
    if (this.#s.missing === 'error' || this.#s.missing === 'drop') return;
    for (const gap of gaps) {
      const mostly = mostlyMissing(gap, rows);
      if (mostly !== undefined) this.notes.push(`${mostly}, and --missing fills every gap with the same value; --ignore ${shellWord(gap.name)} if the column carries nothing`);
    }
  }

  /** Rows dropped for a missing target cell (dropMissingTargets, a missing policy other than 'drop'). */
  get targetless(): number {
    return this.#targetless;
  }

  /** The data set, after the column checks; throws a one-line DataFormatError on the first problem. */
  finish(): Dataset {
    const { file, names, inputs, unnamed, decimal } = this.#s;
    if (this.#rows === 0 && this.#targetless > 0) throw new DataFormatError({ file }, `no data rows are left: every target cell (column "${names[this.#s.target]}") is missing`);
    if (this.#rows === 0 && this.#dropped > 0) {
      const gaps = this.#gaps(inputs.map((_, j) => j));
      throw new DataFormatError({ file }, `no data rows are left after dropping ${this.#dropped} rows with missing cells (missing cells per column: ${gapCounts(gaps)})${dropHint(gaps, this.#dropped)}`);
    }
    if (this.#rows === 0) throw new DataFormatError({ file }, 'no data rows');
    if (this.#targetless > 0) this.notes.push(`dropped ${this.#targetless} ${this.#targetless === 1 ? 'row' : 'rows'} whose target "${names[this.#s.target]}" is missing (a row without a target can be neither trained on nor scored)`);
    // Unnamed columns with every cell empty (a spreadsheet's trailing columns) are left out.
    const kept = inputs.map((_, j) => j).filter((j) => !(unnamed?.has(inputs[j]!) === true && this.#columns[j]!.numbers === 0 && this.#columns[j]!.texts === 0));
    if (kept.length < inputs.length) {
      const out = inputs.filter((_, j) => !kept.includes(j)).map((c) => c + 1);
      if (kept.length === 0) throw new DataFormatError({ file }, `no inputs are left: ${out.length === 1 ? 'column' : 'columns'} ${out.join(', ')} ${out.length === 1 ? 'has' : 'have'} no header name and no values`);
      this.notes.push(`left out ${out.length === 1 ? 'column' : 'columns'} ${out.join(', ')}: no header name and every cell empty (spreadsheet leftovers)`);
    }
    this.#leaveOutCounters(kept);
    const rows = this.#rows + this.#dropped;
    // Every column is checked before any error is thrown, so that one run names every identifier-like column.
    const problems: DataFormatError[] = [];
    const columns = kept.map((j) => {
      const c = inputs[j]!;
      try {
        return checkColumnCells(this.#columns[j]!, { file, column: c + 1, name: names[c]!, forced: this.#s.categorical.has(c), rows, decimal, notes: this.notes });
      } catch (error) {
        if (!(error instanceof DataFormatError)) throw error;
        problems.push(error);
        return { name: names[c]!, kind: 'numeric' as const };
      }
    });
    const problem = firstColumnProblem(problems, file);
    if (problem !== undefined) throw problem;
    this.#checkMissing(kept);
    this.#noteGaps(kept, rows);
    const featureNames = kept.map((j) => names[inputs[j]!]!);
    const all = this.#values.toArray();
    const x = new Matrix(this.#rows, kept.length, kept.length === inputs.length ? all : keepColumns(all, this.#rows, inputs.length, kept));
    const base = { name: file, inputs: x, featureNames, columns };
    this.#noteTargetChoice(kept.map((j) => inputs[j]!));
    if (this.#target === undefined) return { ...base, task: 'regression', targets: undefined, labels: undefined, classNames: [], targetNames: [] };
    return { ...base, ...buildTarget(this.#target, { file, column: this.#s.target + 1 }, this.#s.classNames, this.notes) };
  }

  /** Drops from `kept` (in place) the numeric columns that count rows or are a shuffled row index, when asked to and when others remain, with a note. */
  #leaveOutCounters(kept: number[]): void {
    if (this.#s.leaveOutCounters !== true) return;
    const { names, inputs, categorical } = this.#s;
    const at = (j: number) => (r: number) => this.#values.at(r * inputs.length + j);
    const indexes = kept.filter((j) => !categorical.has(inputs[j]!) && !countsRows(this.#columns[j]!) && isRowIndex(this.#columns[j]!, names[inputs[j]!]!, this.#s.unnamed?.has(inputs[j]!) === true, at(j), this.#rows));
    if (indexes.length < kept.length) {
      for (const j of indexes) kept.splice(kept.indexOf(j), 1);
      for (const j of indexes) this.notes.push(rowIndexNote(names[inputs[j]!]!, this.#s.unnamed?.has(inputs[j]!) === true, [0, 1, 2].map(at(j))));
    }
    const counters = kept.filter((j) => isRowCounter(this.#columns[j]!, names[inputs[j]!]!) && !categorical.has(inputs[j]!));
    if (counters.length === 0 || counters.length === kept.length) return;
    for (const j of counters) kept.splice(kept.indexOf(j), 1);
    const described = counters.map((j) => `"${names[inputs[j]!]}" ${countedRange(this.#columns[j]!)}`);
    this.notes.push(`left out ${counters.length === 1 ? 'column' : 'columns'} ${described.join(', ')}: ${counters.length === 1 ? 'it counts' : 'they count'} rows, an identifier, not a feature; --features NAMES chooses the inputs yourself`);
  }

  /** A default target (the last named column) after which unnamed columns hold values, or while a column is named like a target: a note naming them. */
  #noteTargetChoice(inputs: readonly number[]): void {
    const { names, target, targetByDefault, unnamed } = this.#s;
    if (targetByDefault !== true || target < 0) return;
    const after = inputs.filter((c) => c > target && unnamed?.has(c) === true);
    if (after.length > 0) this.notes.push(`the target is "${names[target]}", the last column with a header name; the unnamed ${after.length === 1 ? 'column' : 'columns'} after it ${after.length === 1 ? 'is an input' : 'are inputs'} (${after.map((c) => names[c]).join(', ')}); --target ${names[after[after.length - 1]!]} to choose it`);
    if (isTargetLikeName(names[target]!) && inputs.some((c) => c > target && unnamed?.has(c) !== true)) {
      const last = inputs.filter((c) => unnamed?.has(c) !== true).at(-1)!;
      this.notes.push(`the target is "${names[target]}", chosen by its name (the last column, "${names[last]}", is an input); --target ${shellWord(names[last]!)} to choose that one`);
      return;
    }
    const named = names.findIndex((n, i) => i !== target && isTargetLikeName(n));
    if (named < 0) return;
    this.notes.push(`the target is "${names[target]}", the last column, chosen by default; column "${names[named]}" looks like the target too: --target ${shellWord(names[named]!)} to choose it`);
  }

  /** missing 'error': names the first missing cell and the count per column. */
  #checkMissing(kept: readonly number[]): void {
    if (this.#s.missing !== 'error') return;
    let first: DataLocation | undefined;
    const counts: string[] = [];
    kept.forEach((j) => {
      const state = this.#columns[j]!;
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
export function cellValue(cell: TableCell, decimal: DecimalMark, asCategory: boolean, syntax?: CellSyntax): number | 'missing' | 'infinite' | { text: string } {
  if (cell === null || cell === undefined) return 'missing';
  if (typeof cell === 'boolean') return { text: String(cell) };
  if (typeof cell === 'number') {
    if (Number.isNaN(cell)) return 'missing';
    if (!Number.isFinite(cell)) return 'infinite';
    return asCategory ? { text: String(cell) } : cell;
  }
  const text = needsTrim(cell) ? cell.trim() : cell;
  const value = readCell(text, decimal, syntax);
  if (value === 'missing' || value === 'infinite') return value === 'infinite' && asCategory ? { text } : value;
  if (asCategory || value === 'text') return { text };
  return value;
}

function needsTrim(text: string): boolean {
  return text.length > 0 && (text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32);
}

/** The `kept` columns of a `rows x width` row-major array, in place; returns the `rows x kept.length` part. */
function keepColumns(values: Float32Array | Float64Array, rows: number, width: number, kept: readonly number[]): Float32Array | Float64Array {
  let o = 0;
  for (let r = 0; r < rows; r++) for (const j of kept) values[o++] = values[r * width + j]!;
  return values.subarray(0, o);
}
