/**
 * `backprop predict <model.json> <input.csv|->`: one prediction per raw input row, with the
 * model's stored preprocessing applied: the class and its probabilities, or the value in the
 * target's original units. Output as CSV (default) or JSON.
 */
import type { Command } from 'commander';
import { createCsvParser } from '../../data/csv.js';
import { heapTextLimit, streamBoundedText } from '../../data/bounded-read.js';
import { memoryBudget } from '../../errors/limits.js';
import { prepareInputs, restoreTargets } from '../../data/preprocessing.js';
import { Matrix } from '../../matrix.js';
import { classLabels } from '../../metrics.js';
import { UsageError } from '../errors.js';
import { BackpropError } from '../../errors/backprop-error.js';
import type { CliIo } from '../io.js';
import { readModelFile } from '../model-file.js';
import { pickName } from '../options.js';

/** Options of `predict`. */
export interface PredictCommandOptions {
  readonly model: string;
  /** CSV text of raw input rows, whole or in chunks (a header naming the features is optional; a target column is dropped by name). */
  readonly csv: string | readonly string[];
  /** Name of the input in messages (file name or '<stdin>'). */
  readonly file?: string;
}

/** One prediction: a class with probabilities, or values by target name. */
export type Prediction = { readonly class: string; readonly probabilities: Record<string, number> } | { readonly values: Record<string, number> };

/** Predicts every row of the CSV text. */
export async function predictCommand(options: PredictCommandOptions): Promise<Prediction[]> {
  const { model, preprocessing: prep } = await readModelFile(options.model);
  const file = options.file ?? '<input>';
  const chunks = typeof options.csv === 'string' ? [options.csv] : options.csv;
  const firstLine = firstRecordLine(chunks);
  const headerCells = firstLine.split(',').map((cell) => cell.trim().replace(/^"|"$/g, ''));
  const targetColumn = prep.targetNames.find((name) => headerCells.includes(name) && !prep.featureNames.includes(name));
  const parser = createCsvParser({ file, target: targetColumn ?? null, dtype: 'float64', ...(targetColumn === undefined ? {} : { task: 'classification' as const }) });
  for (const chunk of chunks) parser.push(chunk);
  const table = parser.end();
  const raw = table.inputs as Matrix;
  const x = prepareInputs(prep, selectFeatures(raw, table.featureNames, prep.featureNames, prep.targetNames, file, model.inputSize));
  const output = model.predict(x.clone(model.dtype));
  refuseNonFinite(output, file, 'output');
  if (prep.task === 'classification') {
    const labels = classLabels(output);
    const names = prep.classNames.length > 0 ? prep.classNames : ['0', '1'];
    return Array.from(labels, (label, r) => {
      const probabilities: Record<string, number> = {};
      if (output.cols === 1) {
        probabilities[names[1] ?? '1'] = output.get(r, 0);
        probabilities[names[0] ?? '0'] = 1 - output.get(r, 0);
      } else {
        names.forEach((name, c) => (probabilities[name] = output.get(r, c)));
      }
      return { class: names[label] ?? String(label), probabilities };
    });
  }
  const values = restoreTargets(prep, output);
  refuseNonFinite(values, file, 'prediction in the target\'s units');
  const targetNames = prep.targetNames.length === values.cols ? prep.targetNames : Array.from({ length: values.cols }, (_, i) => `y${i + 1}`);
  return Array.from({ length: values.rows }, (_, r) => ({ values: Object.fromEntries(targetNames.map((name, c) => [name, values.get(r, c)])) }));
}

/**
 * The model's input columns out of the CSV: by header name when the header names every feature,
 * else all columns when their number is right, else all but a column named like the target.
 */
function selectFeatures(raw: Matrix, header: readonly string[], features: readonly string[], targets: readonly string[], file: string, expected: number): Matrix {
  const hasHeader = !header.every((name, i) => name === `column${i + 1}`);
  const seen = new Set<string>();
  const repeated = hasHeader ? header.find((name) => seen.size === seen.add(name).size) : undefined;
  if (repeated !== undefined) throw new UsageError(`${file}: the header names column "${repeated}" twice; columns are matched to the model's features by name, so each name must be unique`);
  let columns: number[] | undefined;
  if (hasHeader && features.length === expected && features.every((f) => header.includes(f))) columns = features.map((f) => header.indexOf(f));
  else if (raw.cols === expected) columns = header.map((_, i) => i);
  else if (hasHeader && raw.cols === expected + 1 && targets.some((t) => header.includes(t))) columns = header.map((_, i) => i).filter((i) => !targets.includes(header[i]!));
  if (columns === undefined) {
    const named = features.length <= 12 ? ` (${features.join(', ')})` : '';
    throw new UsageError(`${file} has ${raw.cols} columns but the model expects ${expected} inputs${named}`);
  }
  const out = Matrix.zeros(raw.rows, columns.length, 'float64');
  for (let r = 0; r < raw.rows; r++) columns.forEach((c, j) => out.set(r, j, raw.get(r, c)));
  return out;
}

/** The predictions as CSV: `class` and one probability column per class, or one column per target. */
export function predictionsCsv(predictions: readonly Prediction[]): string {
  const first = predictions[0];
  if (first === undefined) return '';
  const number = (v: number) => String(Number(v.toPrecision(6)));
  if ('class' in first) {
    const names = Object.keys(first.probabilities);
    const rows = predictions.map((p) => ('class' in p ? [csvCell(p.class), ...names.map((n) => number(p.probabilities[n]!))].join(',') : ''));
    return [['class', ...names.map((n) => csvCell(`p_${n}`))].join(','), ...rows].join('\n') + '\n';
  }
  const names = Object.keys(first.values);
  const rows = predictions.map((p) => ('values' in p ? names.map((n) => number(p.values[n]!)).join(',') : ''));
  return [names.map(csvCell).join(','), ...rows].join('\n') + '\n';
}

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Throws when a prediction is NaN or infinite: it would print as null (JSON) or NaN and look like an answer. */
function refuseNonFinite(m: Matrix, file: string, what: string): void {
  for (let i = 0; i < m.data.length; i++) {
    if (Number.isFinite(m.data[i]!)) continue;
    const row = Math.floor(i / m.cols) + 1;
    throw new BackpropError(`${file}: the model's ${what} for data row ${row} is ${m.data[i]} (not a finite number): the row is far outside what the model was trained on, or the model's weights overflow (a model saved after divergence?)`);
  }
}

/** The first line that is not blank or a comment, out of the first chunks (at most 1 MB looked at). */
function firstRecordLine(chunks: readonly string[]): string {
  let head = '';
  for (const chunk of chunks) {
    head += chunk;
    const line = head.split(/\r?\n/).find((l, i, all) => (i < all.length - 1 || head.length > 1e6) && l.trim() !== '' && !l.startsWith('#'));
    if (line !== undefined || head.length > 1e6) return line ?? '';
  }
  return head.split(/\r?\n/).find((l) => l.trim() !== '' && !l.startsWith('#')) ?? '';
}

/** The input's text in chunks (a file, or stdin for '-'), bounded in size and in idle time. */
async function readInput(path: string): Promise<string[]> {
  const chunks: string[] = [];
  // The text is held (in chunks) until the header is known: it must fit the JS heap as well as the budget.
  const heap = heapTextLimit();
  const maxBytes = Math.min(memoryBudget(), heap);
  const limitHint = maxBytes === heap ? 'predict holds its input in memory; split it into smaller files' : 'raise it with --max-memory';
  await streamBoundedText(path, (text) => chunks.push(text), { label: path === '-' ? '<stdin>' : path, maxBytes, limitHint });
  return chunks;
}

/** Adds `predict` to the program. */
export function registerPredict(program: Command, io: CliIo): void {
  program
    .command('predict')
    .description('predict every row of a CSV of raw inputs (class and probabilities, or value)')
    .argument('<model>', 'model file written by train (model.json)')
    .argument('<input>', 'CSV file of raw input rows, or - for stdin')
    .option('--format <format>', 'csv or json', 'csv')
    .option('--json', 'same as --format json')
    .action(async (modelPath: string, input: string, flags: Record<string, unknown>) => {
      const format = flags['json'] === true ? 'json' : pickName('format', String(flags['format']), ['csv', 'json'] as const);
      const predictions = await predictCommand({ model: modelPath, csv: await readInput(input), file: input === '-' ? '<stdin>' : input });
      io.stdout.write(format === 'json' ? JSON.stringify(predictions) + '\n' : predictionsCsv(predictions));
    });
}
