/**
 * What `predict` prints, from the predictions held compactly (one output matrix, the kept
 * cells by column): the CSV text or the JSON array, made and written a batch of rows at a time
 * so no text of the whole output is ever held; or the Prediction objects of the library API.
 */
import type { Matrix } from '../matrix.js';
import { probabilityText } from './probability-text.js';

/** One prediction: a class with probabilities, or values by target name; with `keep`, the kept input cells by column name. */
export type Prediction = ({ readonly class: string; readonly probabilities: Record<string, number> } | { readonly values: Record<string, number> }) & { readonly kept?: Record<string, string> };

/**
 * Every row's prediction, held compactly: `output` is `rows x k`, the probabilities (classification:
 * `labels[r]` the class index) or the values in the target's units (regression).
 */
export interface PredictionTable {
  readonly task: 'classification' | 'regression';
  readonly output: Matrix;
  /** Classification: the class of each row, an index into `names`. */
  readonly labels?: ArrayLike<number>;
  /** The class names (classification) or the target names (regression). */
  readonly names: readonly string[];
  /** The kept input columns' names, in `keep` order, and row r's cell of column k. */
  readonly keep: readonly string[];
  readonly kept: (r: number, k: number) => string;
}

/**
 * The columns of the output, in the order the Prediction objects' keys have them (Object.keys
 * puts integer-like names first), and each row's cells.
 */
interface Columns {
  readonly rows: number;
  /** Kept columns' names, and row r's cell of the k-th of them. */
  readonly kept: readonly string[];
  readonly keptCell: (r: number, k: number) => string;
  /** Classification: the class names of the probability columns, row r's class and its j-th probability; empty for regression. */
  readonly classes: readonly string[];
  readonly className: (r: number) => string;
  /** Regression: the target names of the value columns; empty for classification. */
  readonly targets: readonly string[];
  /** Row r's j-th probability (classification) or value (regression). */
  readonly value: (r: number, j: number) => number;
}

/** The entries (name, its last index) an object literal assigned by `assign` has, in its key order. */
function keyOrder(assign: (into: Record<string, number>) => void): [string, number][] {
  const into: Record<string, number> = {};
  assign(into);
  return Object.entries(into);
}

function columnsOf(table: PredictionTable): Columns {
  const { output, names } = table;
  const kept = keyOrder((o) => table.keep.forEach((name, k) => (o[name] = k)));
  const keptCell = (r: number, k: number) => table.kept(r, kept[k]![1]);
  if (table.task === 'regression') {
    const targets = keyOrder((o) => names.forEach((name, c) => (o[name] = c)));
    return { rows: output.rows, kept: kept.map(([n]) => n), keptCell, classes: [], className: () => '', targets: targets.map(([n]) => n), value: (r, j) => output.get(r, targets[j]![1]) };
  }
  // One sigmoid output: p(names[1]) is the output, p(names[0]) its complement (source -1).
  const classes = keyOrder((o) => {
    if (output.cols === 1) {
      o[names[1] ?? '1'] = 0;
      o[names[0] ?? '0'] = -1;
    } else {
      names.forEach((name, c) => (o[name] = c));
    }
  });
  const value = (r: number, j: number) => {
    const c = classes[j]![1];
    return c < 0 ? 1 - output.get(r, 0) : output.get(r, c);
  };
  const className = (r: number) => {
    const label = table.labels![r]!;
    return names[label] ?? String(label);
  };
  return { rows: output.rows, kept: kept.map(([n]) => n), keptCell, classes: classes.map(([n]) => n), className, targets: [], value };
}

/** Row r as the library's Prediction object (the keys in the order JSON.stringify writes them). */
function predictionAt(columns: Columns, r: number): Prediction {
  const keptOf = columns.kept.length === 0 ? {} : { kept: Object.fromEntries(columns.kept.map((name, k) => [name, columns.keptCell(r, k)])) };
  if (columns.classes.length === 0) return { ...keptOf, values: Object.fromEntries(columns.targets.map((name, j) => [name, columns.value(r, j)])) };
  return { ...keptOf, class: columns.className(r), probabilities: Object.fromEntries(columns.classes.map((name, j) => [name, columns.value(r, j)])) };
}

/** Every row's Prediction object. */
export function predictionsOf(table: PredictionTable): Prediction[] {
  const columns = columnsOf(table);
  return Array.from({ length: columns.rows }, (_, r) => predictionAt(columns, r));
}

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV header line (with its line break): kept columns first (a name that clashes with an output column gets "_input"), then the outputs. */
function csvHeader(columns: Columns): string {
  const outputNames = columns.classes.length > 0 ? ['class', ...columns.classes.map((n) => `p_${n}`)] : columns.targets;
  const keptNames = columns.kept.map((n) => (outputNames.includes(n) ? `${n}_input` : n));
  return [...keptNames, ...outputNames].map(csvCell).join(',') + '\n';
}

/** The CSV lines of rows [from, to), each with its line break. */
function csvRows(columns: Columns, from: number, to: number): string {
  const kept = columns.kept.length;
  const classes = columns.classes.length;
  const targets = columns.targets.length;
  let text = '';
  for (let r = from; r < to; r++) {
    let line = '';
    for (let k = 0; k < kept; k++) line += csvCell(columns.keptCell(r, k)) + ',';
    if (classes > 0) {
      line += csvCell(columns.className(r));
      for (let j = 0; j < classes; j++) line += ',' + probabilityText(columns.value(r, j)); // 6 significant digits; values in full (the shortest text that reads back as the same number)
    } else {
      for (let j = 0; j < targets; j++) line += (j === 0 ? '' : ',') + String(columns.value(r, j));
    }
    text += line + '\n';
  }
  return text;
}

/**
 * The predictions as CSV: the kept input columns first (a name that clashes with an output
 * column gets "_input"), then `class` and one probability column per class (6 significant
 * digits), or one column per target (every digit, as `--json`). Empty for no predictions.
 */
export function predictionsCsv(predictions: readonly Prediction[]): string {
  const first = predictions[0];
  if (first === undefined) return '';
  // The columns the first object's keys name, read from every object.
  const classes = 'class' in first ? Object.keys(first.probabilities) : [];
  const targets = 'values' in first ? Object.keys(first.values) : [];
  const kept = Object.keys(first.kept ?? {});
  const columns: Columns = {
    rows: predictions.length,
    kept,
    keptCell: (r, k) => predictions[r]!.kept?.[kept[k]!] ?? '',
    classes,
    className: (r) => (predictions[r] as { class: string }).class,
    targets,
    value: (r, j) => {
      const p = predictions[r]!;
      return 'class' in p ? p.probabilities[classes[j]!]! : p.values[targets[j]!]!;
    },
  };
  return csvHeader(columns) + csvRows(columns, 0, predictions.length);
}

/** Rows formatted and written at a time: some 100 kB of text. */
const BATCH_ROWS = 2048;

/**
 * Writes the predictions as CSV or JSON (the array JSON.stringify writes) to `out`, a batch of
 * rows at a time, waiting for the stream to drain when it asks to (or to fail: then its own
 * error handler decides, and the rest goes to a write that drops it).
 */
export async function writePredictions(table: PredictionTable, format: 'csv' | 'json', out: NodeJS.WritableStream): Promise<void> {
  const columns = columnsOf(table);
  const rows = columns.rows;
  if (format === 'csv' && rows > 0) await write(out, csvHeader(columns));
  if (format === 'json') await write(out, '[');
  for (let from = 0; from < rows; from += BATCH_ROWS) {
    const to = Math.min(rows, from + BATCH_ROWS);
    if (format === 'csv') {
      await write(out, csvRows(columns, from, to));
      continue;
    }
    let text = '';
    for (let r = from; r < to; r++) text += (r === 0 ? '' : ',') + JSON.stringify(predictionAt(columns, r));
    await write(out, text);
  }
  if (format === 'json') await write(out, ']\n');
}

/** Writes `text`; when the stream's buffer is full, resolves once it drains, errors or closes. */
function write(out: NodeJS.WritableStream, text: string): Promise<void> {
  if (out.write(text)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      out.off('drain', done);
      out.off('error', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('error', done);
    out.on('close', done);
  });
}
