/**
 * The target column of a table, read cell by cell: numbers (with their distinct values, as
 * long as the task may still be classification) and labels; then the task decision and the
 * labels (class codes keep their original text, so 0/1/2 stay "0", "1", "2") or regression targets.
 */
import { Matrix } from '../matrix.js';
import type { DType } from '../matrix.js';
import { FLOAT32_MAX } from './cells.js';
import type { DecimalMark } from './cells.js';
import type { CellTexts } from './csv-bytes.js';
import type { Dataset, Task } from './dataset.js';
import { DataFormatError } from './errors.js';
import type { DataLocation } from './errors.js';
import { GrowableFloats } from './growable.js';
import { commonFormat, describeFormat, formatFix, formattedNumberValue, numberFormat, thousandsSeparator, writtenNote, type WrittenCell } from './number-format.js';
import { inferTargetTask } from './task-inference.js';
import { looksLikeMarker } from './column-checks.js';
import { cutList } from '../errors/limits.js';
import type { TargetSummary } from './task-inference.js';

/** Distinct numeric targets are tracked up to this many while the task is undecided. */
const MAX_TRACKED = 1000;

/** A text target with more distinct values than this, and than half the rows, is refused as classes (auto task). */
export const MAX_DISTINCT_LABELS = 50;

/** How the target was chosen and its numbers written, for messages. */
export interface TargetContext {
  readonly decimal: DecimalMark;
  /** The target was chosen by default (no --target): the column named like a target, else the last. */
  readonly byDefault: boolean;
  /** How the default was chosen, for messages: 'the last column' (default) or 'named like a target'. */
  readonly defaultReason?: string;
}

/** The target cells read so far. */
export class TargetColumn {
  readonly name: string;
  readonly requested: Task | 'auto';
  readonly dtype: DType;
  /**
   * Per row: the number, or NaN for a label. Float64 while the distinct numbers are tracked
   * (classes look them up exactly); once they no longer are (a regression target), in `dtype`.
   */
  values = new GrowableFloats('float64');
  /** Rows reserved for (see reserve). */
  #reserved = 0;
  /** Per row: the label's id into `labels`, or -1 for a number; made at the first label, so numeric targets never hold it. */
  labelIds: GrowableFloats | undefined;
  /** Label text → id, in first-seen order. */
  readonly labels = new Map<string, number>();
  /** Distinct numbers → the text first seen for them; undefined once more than MAX_TRACKED were seen. */
  numbers: Map<number, string> | undefined = new Map();
  allIntegers = true;
  firstLabelLine: number | undefined;
  firstNumberLine: number | undefined;
  /** The first cell read as a number written for people ("$1,200" → 1200), for the note; undefined for none. */
  formatted: WrittenCell | undefined;

  readonly context: TargetContext;

  constructor(name: string, requested: Task | 'auto', dtype: DType, context: TargetContext = { decimal: '.', byDefault: false }) {
    this.name = name;
    this.requested = requested;
    this.dtype = dtype;
    this.context = context;
  }

  /**
   * Whether its cells may come as values instead of text: once too many distinct numbers were
   * seen to keep their texts (as class names), with no label and no classification asked for.
   */
  get takesValues(): boolean {
    return this.numbers === undefined && this.labels.size === 0 && this.requested !== 'classification';
  }

  /** Adds one cell, given its meaning (see cellValue). */
  add(cell: unknown, value: number | 'missing' | 'infinite' | { text: string }, where: DataLocation): void {
    if (value === 'missing') {
      const chosen = this.context.byDefault ? ` (target "${this.name}", ${this.context.defaultReason ?? 'the last column'}, chosen by default; --target NAME to choose)` : '';
      const what = cell === '' || cell === undefined || cell === null || String(cell).trim() === '' ? 'the target cell is empty' : `the target cell ${JSON.stringify(String(cell))} is a missing value`;
      throw new DataFormatError(where, `${what}${chosen}; drop such rows (--missing drop)`);
    }
    if (value === 'infinite') throw new DataFormatError(where, `target ${JSON.stringify(String(cell))} is not a finite number`);
    if (typeof value === 'number') {
      if (this.dtype === 'float32' && Math.abs(value) > FLOAT32_MAX && this.requested !== 'classification') throw new DataFormatError(where, `target ${JSON.stringify(String(cell))} is beyond the float32 range (±3.4e38)`);
      this.firstNumberLine ??= where.line;
      if (!Number.isInteger(value)) this.allIntegers = false;
      const numbers = this.numbers;
      if (numbers !== undefined && !numbers.has(value)) this.#track(numbers, value, typeof cell === 'string' ? cell.trim() : String(value));
      this.values.push(value);
      this.labelIds?.push(-1);
      return;
    }
    const text = value.text;
    // Numbers written for people ("$1,200", "12%", "(0.65)") are the numbers they write, as a spreadsheet reads them.
    const written = this.requested === 'classification' ? undefined : formattedNumberValue(text, this.context.decimal);
    if (written !== undefined) {
      this.formatted ??= { format: numberFormat(text.trim(), this.context.decimal)!, example: text.trim(), value: written };
      this.add(cell, written, where);
      return;
    }
    if (this.requested === 'regression') {
      const format = numberFormat(text, this.context.decimal);
      throw new DataFormatError(where, `target ${JSON.stringify(text)} is not a number${format === undefined ? '' : ` (it is written as one of the ${describeFormat(format, text)}; write the targets as plain numbers)`}`);
    }
    if (this.numbers === undefined) throw new DataFormatError(where, `target ${JSON.stringify(text)} is not a number, but earlier targets were numeric with many distinct values; ${markerFix([text], 'cell') ?? 'fix the cell'}`);
    this.firstLabelLine ??= where.line;
    let id = this.labels.get(text);
    if (id === undefined) {
      id = this.labels.size;
      this.labels.set(text, id);
    }
    if (this.labelIds === undefined) {
      this.labelIds = new GrowableFloats('float64');
      for (let r = 0; r < this.values.length; r++) this.labelIds.push(-1);
    }
    this.values.push(NaN);
    this.labelIds.push(id);
  }

  /**
   * Whether a byte reader may hand its number cells to addNumberCell: no label so far (a number
   * then only adds to the numbers) and the first number already placed (its line is known).
   */
  get takesNumbers(): boolean {
    return this.labels.size === 0 && this.firstNumberLine !== undefined;
  }

  /**
   * Adds the number cells `values[row * stride + position]` of `rows` rows (magnitudes below 1e37)
   * while `takesNumbers`, `position` being `at[0]`; `texts.text(row, position)` is a cell's text,
   * asked for only when its number is new.
   */
  addNumberCells(values: Float64Array, rows: number, stride: number, at: readonly [number], texts: CellTexts): void {
    const position = at[0];
    let numbers = this.numbers;
    for (let r = 0, k = position; numbers !== undefined && r < rows; r++, k += stride) {
      if (numbers.has(values[k]!)) continue;
      this.#track(numbers, values[k]!, texts.text(r, position));
      numbers = this.numbers;
    }
    for (let k = position; this.allIntegers && k < rows * stride; k += stride) if (!Number.isInteger(values[k])) this.allIntegers = false;
    this.values.pushRows(values, rows, stride, at);
  }

  /** Makes room for about `rows` values in all (GrowableFloats.reserve). */
  reserve(rows: number): void {
    this.#reserved = rows;
    this.values.reserve(rows);
  }

  /** Keeps a new distinct number with its text, until there are too many to be classes. */
  #track(numbers: Map<number, string>, value: number, text: string): void {
    numbers.set(value, text);
    if (numbers.size > MAX_TRACKED && this.requested !== 'classification' && this.labels.size === 0) {
      this.numbers = undefined;
      // Regression from here on: the values need only the target's precision.
      if (this.dtype === 'float64') return;
      const narrow = new GrowableFloats(this.dtype);
      narrow.reserve(this.#reserved);
      for (let r = 0; r < this.values.length; r++) narrow.push(this.values.at(r));
      this.values = narrow;
    }
  }

  /** What the task rule needs. */
  summary(): TargetSummary {
    return { name: this.name, textValues: [...this.labels.keys()], numbers: this.numbers === undefined ? undefined : [...this.numbers.keys()], allIntegers: this.allIntegers };
  }
}

type TargetFields = Pick<Dataset, 'task' | 'targets' | 'labels' | 'classNames' | 'targetNames' | 'taskReason'>;

/** "3 rows, the first data row 17": where the rows holding label `name` (or number `value`) are, for finding them in the file. */
function rowsWith(target: TargetColumn, name: string, value: number | undefined): string {
  const id = target.labels.get(name);
  let count = 0;
  let first = -1;
  for (let r = 0; r < target.values.length; r++) {
    const labelId = target.labelIds === undefined ? -1 : target.labelIds.at(r);
    const hit = id !== undefined ? labelId === id : labelId < 0 && target.values.at(r) === value;
    if (!hit) continue;
    if (first < 0) first = r;
    count++;
  }
  return first < 0 ? 'in no row' : `${count} ${count === 1 ? 'row' : 'rows'}, the first data row ${first + 1}`;
}

/** The task decision and the data set's target fields. `where` locates the column (file, column); `notes` receives one-line notes. */
export function buildTarget(target: TargetColumn, where: DataLocation, given: readonly string[] | undefined, notes: string[] = []): TargetFields {
  const { task, reason } = inferTargetTask(target.summary(), target.requested);
  const written = target.formatted;
  if (written !== undefined) notes.push(writtenNote(`target "${target.name}"`, written));
  const rows = target.values.length;
  if (task === 'regression') {
    const { values } = target;
    let y: Matrix;
    if (values.dtype === target.dtype) y = new Matrix(rows, 1, values.toArray());
    else {
      y = Matrix.zeros(rows, 1, target.dtype);
      for (let r = 0; r < rows; r++) y.data[r] = values.at(r);
    }
    return { task, taskReason: reason, targets: y, labels: undefined, classNames: [], targetNames: [target.name] };
  }
  const numbers = target.numbers ?? new Map<number, string>();
  if (target.labels.size > 0 && numbers.size > 0 && target.requested === 'auto') throw mixedTargetError(target, numbers, where);
  if (target.requested === 'auto') checkDistinctLabels(target, where);
  noteCaseVariants(target, notes);
  const byValue = [...numbers.entries()].sort((a, b) => a[0] - b[0]).map(([, text]) => text);
  const labelTexts = [...target.labels.keys()];
  const seen = labelTexts.length === 0 ? byValue : [...byValue, ...labelTexts].sort();
  const classes = given === undefined ? seen : [...given];
  const classOf = new Map(classes.map((name, i) => [name, i]));
  const indexOf = (name: string, value?: number): number => {
    const label = classOf.get(name) ?? (value === undefined ? undefined : classByValue(classes, value));
    if (label === undefined) throw new DataFormatError(where, `target column "${target.name}" has label ${JSON.stringify(name)} (${rowsWith(target, name, value)}), which is not one of the given classes ${classes.join(', ')}${labelGuess(name, classes)}`);
    return label;
  };
  const numberClass = new Map([...numbers.entries()].map(([value, text]) => [value, indexOf(text, value)]));
  const labelClass = labelTexts.map((text) => indexOf(text)); // (not map(indexOf): the index would pass as a value)
  const labels = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const id = target.labelIds === undefined ? -1 : target.labelIds.at(r);
    labels[r] = id >= 0 ? labelClass[id]! : numberClass.get(target.values.at(r))!;
  }
  if (given === undefined) noteClassBalance(target.name, labels, classes, notes);
  return { task, taskReason: reason, targets: undefined, labels, classNames: classes, targetNames: [target.name] };
}

/**
 * The error for a target of numbers and labels (auto task), at the first cell of the fewer kind:
 * a few words among numbers ("unknown" in a price column) get the --na-values fix when they read
 * like a missing marker; a few numbers among labels get --task classification.
 */
function mixedTargetError(target: TargetColumn, numbers: ReadonlyMap<number, string>, where: DataLocation): DataFormatError {
  let labelCells = 0;
  for (let r = 0; r < target.values.length; r++) if (target.labelIds!.at(r) >= 0) labelCells++;
  const numberCells = target.values.length - labelCells;
  const head = `target column "${target.name}" mixes numbers and labels`;
  const asLabels = '--task classification to read every target as a label';
  if (numberCells < labelCells) {
    const first = numbers.values().next().value!;
    return new DataFormatError({ ...where, line: target.firstNumberLine! }, `${head}: ${labelCells} text cells and ${numberCells} ${numberCells === 1 ? 'number' : 'numbers'} (${JSON.stringify(first)}); fix the ${numberCells === 1 ? 'cell' : 'cells'}, or ${asLabels}`);
  }
  const texts = [...target.labels.keys()];
  const shown = cutList(texts.map((t) => JSON.stringify(t)), 3, ', ');
  const counts = `${numberCells} numbers and ${labelCells} text ${labelCells === 1 ? 'cell' : 'cells'} (${shown})`;
  const marker = markerFix(texts, labelCells === 1 ? 'cell' : 'cells');
  return new DataFormatError({ ...where, line: target.firstLabelLine! }, `${head}: ${counts}; ${marker === undefined ? `fix the ${labelCells === 1 ? 'cell' : 'cells'}, or ${asLabels}` : marker}`);
}

/** "if "?" marks a missing value, --na-values '?' reads it as missing (...); else fix the cell", for up to 3 marker-like texts. */
function markerFix(texts: readonly string[], cells: 'cell' | 'cells'): string | undefined {
  if (texts.length > 3 || !texts.every(looksLikeMarker)) return undefined;
  const one = texts.length === 1;
  return `if ${texts.map((t) => JSON.stringify(t)).join(', ')} ${one ? 'marks' : 'mark'} a missing value, --na-values '${texts.join(',')}' reads ${one ? 'it' : 'them'} as missing (and --missing drop drops those rows); else fix the ${cells}`;
}

/**
 * Notes on classes a demanding reader would want to know of before trusting an accuracy: classes
 * with fewer than 5 rows in a table of 50 or more (too few to learn, or to land in both training
 * and test parts), and a class that is 90 % or more of 20 or more rows (always answering it
 * already scores that accuracy).
 */
function noteClassBalance(name: string, labels: Int32Array, classes: readonly string[], notes: string[]): void {
  const counts = new Array<number>(classes.length).fill(0);
  for (const label of labels) counts[label]!++;
  const rare = classes.map((c, i) => [c, counts[i]!] as const).filter(([, n]) => n > 0 && n < 5);
  if (labels.length >= 50 && rare.length > 0) {
    const shown = rare.slice(0, 5).map(([c, n]) => `"${c}" ${n}`).join(', ');
    notes.push(`target "${name}" has ${rare.length === 1 ? 'a class' : `${rare.length} classes`} with fewer than 5 rows (${shown}${rare.length > 5 ? ', ...' : ''}): too few to learn, or to be both trained and tested on`);
  }
  const largest = counts.reduce((best, n, i) => (n > counts[best]! ? i : best), 0);
  const share = counts[largest]! / labels.length;
  // A single class (share 1) is refused by train with its own message.
  if (labels.length >= 20 && share >= 0.9 && share < 1) notes.push(`target "${name}" is "${classes[largest]}" in ${(100 * share).toFixed(1)}% of the rows: always answering "${classes[largest]}" scores that accuracy, so compare the model against it (the per-class recall says more)`);
}

/**
 * The given class that is the same number as a numeric target written another way ("1.0" for the
 * class "1": pandas writes a whole-number column with a gap as floats), if exactly one is.
 */
function classByValue(classes: readonly string[], value: number): number | undefined {
  const same = classes.flatMap((name, i) => (name.trim() !== '' && Number(name) === value ? [i] : []));
  return same.length === 1 ? same[0] : undefined;
}

/**
 * "; did you mean ..." for a label that is one of the classes in another case or spacing, or
 * with a "." after it (UCI's adult.test writes "<=50K." for adult.data's "<=50K").
 */
function labelGuess(label: string, classes: readonly string[]): string {
  const folded = label.trim().toLowerCase();
  const guess = classes.find((c) => c.trim().toLowerCase() === folded);
  if (guess !== undefined) return `; did you mean ${JSON.stringify(guess)}? (labels are matched exactly, case included); write the labels as the training file did`;
  const dotted = folded.endsWith('.') ? classes.find((c) => c.trim().toLowerCase() === folded.slice(0, -1).trimEnd()) : undefined;
  return dotted === undefined ? '' : `; did you mean ${JSON.stringify(dotted)}? (labels are matched exactly: this one has a "." after it); remove the "." after the labels to score them against the model's classes`;
}

/** Auto task: a text target with (nearly) a class per row is refused, saying what it looks like. */
function checkDistinctLabels(target: TargetColumn, where: DataLocation): void {
  const distinct = target.labels.size;
  const rows = target.values.length;
  if (distinct <= MAX_DISTINCT_LABELS || distinct <= rows / 2) return;
  const head = `target "${target.name}" holds ${distinct} distinct text values in ${rows} rows`;
  const chosen = target.context.byDefault ? ` (${target.context.defaultReason ?? 'the last column'}, chosen by default; --target NAME to choose another)` : '';
  const format = commonFormat(target.labels.keys(), target.context.decimal);
  if (format !== undefined) {
    const plain = format.example.replace(target.context.decimal === '.' ? /[^\d.+-]/g : /[^\d,+-]/g, '');
    const separators = format.format === 'thousands' ? ` (or read them with --thousands ${thousandsSeparator(format.example)})` : '';
    const fix = format.format === 'decimal' || format.format === 'minus' ? formatFix(format.format, format.example) : `write them as plain numbers (${plain})${separators} to predict them as numbers`;
    throw new DataFormatError(where, `${head}${chosen}: they are ${describeFormat(format.format, format.example)}, which are text to the reader (--task regression reads them no better); ${fix}, or --task classification to keep each value as a class`);
  }
  throw new DataFormatError(where, `${head}${chosen}: it looks like an identifier or free text, not classes (every value would be its own class); choose the target with --target NAME, or --task classification to keep it anyway`);
}

/** A note when labels differ only in case or surrounding spaces ("No" / "no"): they stay separate classes. */
function noteCaseVariants(target: TargetColumn, notes: string[]): void {
  const byFolded = new Map<string, string[]>();
  for (const label of target.labels.keys()) {
    const folded = label.trim().toLowerCase();
    const group = byFolded.get(folded);
    if (group === undefined) byFolded.set(folded, [label]);
    else group.push(label);
  }
  const groups = [...byFolded.values()].filter((g) => g.length > 1);
  if (groups.length === 0) return;
  const shown = groups.slice(0, 3).map((g) => g.map((l) => JSON.stringify(l)).join(' / ')).join(', ');
  notes.push(`target "${target.name}" has labels that differ only in case or spaces (${shown}${groups.length > 3 ? ', ...' : ''}): each is a class of its own; write them the same way to merge them`);
}
