/**
 * In-memory rows → Dataset, and raw rows → model-ready inputs through a fitted Preprocessing.
 * This version reads numeric cells only (numbers, booleans as 0/1, numeric text); a missing or
 * non-numeric cell is an error naming its row and column. Categorical columns and missing cells
 * come with the CSV support for them, behind these same two functions.
 */
import type { Dataset, Task } from './dataset.js';
import type { Preprocessing } from './preprocessing.js';
import { prepareInputs } from './preprocessing.js';
import { Matrix } from '../matrix.js';

/** One cell of a raw row: what a CSV, a form or a JSON record may hold. */
export type RawCell = string | number | boolean | null | undefined;
/** A raw row: cells in the training columns' order. */
export type RawRow = readonly RawCell[];
/** A raw record: cells keyed by column name. */
export type RawRecord = { readonly [column: string]: RawCell };

/** How `datasetFromRows` names and reads the rows. */
export interface RowsOptions {
  /** Data set name (default 'data'). */
  readonly name?: string;
  /** Column names (default: the first record's keys, or x1, x2, ... for arrays). */
  readonly featureNames?: readonly string[];
  /** Name of the target (default 'target'). */
  readonly targetName?: string;
  /** Classification, regression, or decided from the targets (default 'auto'). */
  readonly task?: 'auto' | 'classification' | 'regression';
  /** Columns to one-hot encode (needs the categorical-column support; here an error if not empty). */
  readonly categorical?: readonly string[];
  /** Class names in label order (default: the distinct targets, sorted). */
  readonly classNames?: readonly string[];
}

/** Integer targets with at most this many distinct values count as classes under task 'auto'. */
const MAX_AUTO_CLASSES = 20;

/** In-memory rows and targets → a Dataset plus the task decision and its one-line reason. y undefined: no targets. */
export function datasetFromRows(
  x: readonly RawRow[] | readonly RawRecord[],
  y: readonly RawCell[] | undefined,
  options: RowsOptions = {},
): { dataset: Dataset; task: Task; taskReason: string } {
  if ((options.categorical?.length ?? 0) > 0) throw new RangeError('categorical columns are not supported by this build: pass numeric columns');
  const featureNames = options.featureNames ?? namesOf(x);
  const inputs = numericMatrix(x, featureNames);
  if (y !== undefined && y.length !== inputs.rows) throw new RangeError(`${inputs.rows} rows of inputs but ${y.length} targets`);
  const { task, taskReason } = decideTask(y, options.task ?? 'auto');
  const base = { name: options.name ?? 'data', task, inputs, featureNames: [...featureNames] };
  if (y === undefined) return { dataset: { ...base, targets: undefined, labels: undefined, classNames: [], targetNames: [] }, task, taskReason };
  const targetName = options.targetName ?? 'target';
  if (task === 'regression') {
    const targets = Matrix.zeros(y.length, 1, 'float64');
    y.forEach((cell, r) => (targets.data[r] = numericCell(cell, `target at row ${r + 1}`)));
    return { dataset: { ...base, targets, labels: undefined, classNames: [], targetNames: [targetName] }, task, taskReason };
  }
  const classNames = options.classNames ?? sortedDistinct(y);
  const index = new Map(classNames.map((name, i) => [name, i]));
  const labels = Int32Array.from(y, (cell, r) => {
    if (cell === null || cell === undefined) throw new RangeError(`target at row ${r + 1} is missing`);
    const label = index.get(String(cell));
    if (label === undefined) throw new RangeError(`target at row ${r + 1} is ${JSON.stringify(cell)}, not one of the classes ${classNames.join(', ')}`);
    return label;
  });
  return { dataset: { ...base, targets: undefined, labels, classNames: [...classNames], targetNames: [targetName] }, task, taskReason };
}

/** Raw rows (arrays in training column order, or records keyed by column name) → the model-ready input matrix through a fitted Preprocessing. */
export function prepareRawRows(prep: Preprocessing, rows: readonly RawRow[] | readonly RawRecord[]): Matrix {
  return prepareInputs(prep, numericMatrix(rows, prep.featureNames));
}

function namesOf(x: readonly RawRow[] | readonly RawRecord[]): string[] {
  const first = x[0];
  if (first === undefined) throw new RangeError('no rows');
  return isRow(first) ? Array.from({ length: first.length }, (_, i) => `x${i + 1}`) : Object.keys(first);
}

function isRow(row: RawRow | RawRecord): row is RawRow {
  return Array.isArray(row);
}

/** Rows or records → a float64 matrix of the named columns; every cell must be numeric. */
function numericMatrix(x: readonly RawRow[] | readonly RawRecord[], names: readonly string[]): Matrix {
  if (x.length === 0) throw new RangeError('no rows');
  const cols = names.length;
  const out = Matrix.zeros(x.length, cols, 'float64');
  x.forEach((row: RawRow | RawRecord, r) => {
    if (isRow(row)) {
      if (row.length !== cols) throw new RangeError(`row ${r + 1} has ${row.length} values, expected ${cols} (${names.join(', ')})`);
      for (let c = 0; c < cols; c++) out.data[r * cols + c] = numericCell(row[c], `row ${r + 1}, column ${names[c]!}`);
    } else if (typeof row === 'object' && row !== null) {
      for (let c = 0; c < cols; c++) out.data[r * cols + c] = numericCell(row[names[c]!], `row ${r + 1}, column ${names[c]!}`);
    } else {
      throw new RangeError(`row ${r + 1} is neither an array nor a record`);
    }
  });
  return out;
}

function numericCell(cell: RawCell, where: string): number {
  if (typeof cell === 'number') {
    if (Number.isNaN(cell)) throw new RangeError(`${where} is missing (NaN)`);
    if (!Number.isFinite(cell)) throw new RangeError(`${where} is ${cell}`);
    return cell;
  }
  if (typeof cell === 'boolean') return cell ? 1 : 0;
  if (cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '')) throw new RangeError(`${where} is missing`);
  const value = Number(cell);
  if (!Number.isFinite(value)) throw new RangeError(`${where} is ${JSON.stringify(cell)}, not a number`);
  return value;
}

function decideTask(y: readonly RawCell[] | undefined, asked: 'auto' | Task): { task: Task; taskReason: string } {
  if (asked !== 'auto') return { task: asked, taskReason: `task ${asked} was asked for` };
  if (y === undefined) return { task: 'regression', taskReason: 'no targets' };
  if (y.some((v) => typeof v === 'string' || typeof v === 'boolean')) return { task: 'classification', taskReason: 'the targets include text or booleans' };
  const distinct = new Set(y).size;
  if (y.every((v) => typeof v === 'number' && Number.isInteger(v)) && distinct <= MAX_AUTO_CLASSES) {
    return { task: 'classification', taskReason: `the targets are ${distinct} distinct whole numbers` };
  }
  return { task: 'regression', taskReason: 'the targets are numbers with more than a few distinct values' };
}

/** Distinct non-missing values as text, numbers in numeric order, then the rest in text order. */
function sortedDistinct(y: readonly RawCell[]): string[] {
  const values = [...new Set(y.filter((v): v is string | number | boolean => v !== null && v !== undefined))];
  const numbers = values.filter((v): v is number => typeof v === 'number').sort((a, b) => a - b);
  const others = values.filter((v) => typeof v !== 'number').map(String).sort();
  return [...numbers.map(String), ...others];
}
