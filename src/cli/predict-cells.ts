/**
 * The cells of the rows `predict` reads, held compactly until every row is read and checked:
 * numbers of numeric columns in one row-major float array (`rows x columns`, the model's
 * precision), the text of categorical and kept columns per column, and the few cells that need
 * their text (a missing marker, a quoted number, a word where a number belongs) by position.
 * A JS string per cell costs about ten times the 4 bytes of a float32.
 */
import type { DType } from '../matrix.js';
import { FLOAT32_MAX } from '../data/cells.js';
import { GrowableFloats } from '../data/growable.js';
import type { CsvField } from '../data/csv-records.js';
import type { RawCell } from '../data/raw-rows.js';
import { rowWidthError } from '../data/raw-rows.js';

/** Where a row's cells sit in a CSV record and how each column is held. */
export interface CellLayout {
  /** Field position in the record of each model column (model order). */
  readonly positions: readonly number[];
  /** Per model column: held as text (a categorical column) rather than as a number. */
  readonly text: readonly boolean[];
  /** Field positions of the kept (`--keep`) columns, in `keep` order; empty without `keep`. */
  readonly kept: readonly number[];
  /** The model's column names, for the message on a row with the wrong number of cells. */
  readonly names: readonly string[];
  /** Rows must have exactly one field per model column (rows matched by position); else the fields are read at `positions`. */
  readonly exactWidth: boolean;
  readonly dtype: DType;
}

/** The rows read so far: add records, then read cells by row and model column. */
export class PredictCells {
  readonly #layout: CellLayout;
  readonly #width: number;
  /** Numbers by row * width + column; NaN where the cell is text (in `#texts`) or a text column. */
  readonly #numbers: GrowableFloats;
  /** Per text column (undefined for numeric ones): its cell per row. */
  readonly #columnTexts: (string[] | undefined)[];
  /** Cells of numeric columns that came as text (or as numbers the array cannot hold), by row * width + column. */
  readonly #texts = new Map<number, RawCell>();
  /** Rows (by index) whose record has another number of fields than the model's columns, with that number (rows matched by position). */
  readonly #ragged = new Map<number, number>();
  /** Per kept column: its cell per row, as text. */
  readonly #kept: string[][];
  /** The 1-based line each row starts on. */
  readonly #lines: number[] = [];

  constructor(layout: CellLayout) {
    this.#layout = layout;
    this.#width = layout.positions.length;
    this.#numbers = new GrowableFloats(layout.dtype);
    this.#columnTexts = layout.text.map((t) => (t ? [] : undefined));
    this.#kept = layout.kept.map(() => []);
  }

  /** Rows added. */
  get rows(): number {
    return this.#lines.length;
  }

  /** Adds one record (its fields in file order) that starts on `line`. */
  add(record: readonly CsvField[], line: number): void {
    const r = this.#lines.length;
    const { positions, kept, exactWidth, dtype } = this.#layout;
    if (exactWidth && record.length !== this.#width) this.#ragged.set(r, record.length);
    const limit = dtype === 'float32' ? FLOAT32_MAX : Number.MAX_VALUE;
    for (let c = 0; c < this.#width; c++) {
      const cell = record[positions[c]!];
      const texts = this.#columnTexts[c];
      if (texts !== undefined) {
        texts.push(cell as string);
        this.#numbers.push(NaN);
      } else if (typeof cell === 'number' && Math.abs(cell) <= limit) {
        this.#numbers.push(cell);
      } else {
        this.#numbers.push(NaN);
        this.#texts.set(r * this.#width + c, cell);
      }
    }
    for (let k = 0; k < kept.length; k++) this.#kept[k]!.push((record[kept[k]!] as string | undefined) ?? '');
    this.#lines.push(line);
  }

  /** Row r's cell of model column c, as prepareRawRows would have it; a row of the wrong width throws as it does. */
  cell(r: number, c: number, rowName: (r: number) => string): RawCell {
    if (c === 0 && this.#ragged.size > 0) {
      const width = this.#ragged.get(r);
      if (width !== undefined) throw rowWidthError(rowName(r), width, this.#layout.names);
    }
    const texts = this.#columnTexts[c];
    if (texts !== undefined) return texts[r];
    const index = r * this.#width + c;
    const value = this.#numbers.at(index);
    return value === value ? value : this.#texts.get(index);
  }

  /** The line row r starts on. */
  line(r: number): number {
    return this.#lines[r]!;
  }

  /** Row r's cell of kept column k (`keep[k]`), as text. */
  kept(r: number, k: number): string {
    return this.#kept[k]![r]!;
  }
}
