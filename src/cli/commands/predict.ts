/**
 * `backprop predict <model.json> <input.csv|->`: one prediction per raw input row, with the
 * model's stored preprocessing applied: the class and its probabilities, or the value in the
 * target's original units. Output as CSV (default) or JSON.
 */
import type { Command } from 'commander';
import { cellSyntaxOf, type DecimalMark } from '../../data/cells.js';
import { restoreTargets } from '../../data/preprocessing.js';
import { encodeRawCells } from '../../data/raw-rows.js';
import { applyPipeline } from '../../data/transforms.js';
import { parseCsvFlags } from './csv-flags.js';
import { PredictRowReader, readPredictRows, type PredictRowsOptions } from '../predict-rows.js';
import { heapTextLimit, streamBoundedText } from '../../data/bounded-read.js';
import type { EncodingFallback, TextEncodingName } from '../../data/text-encoding.js';
import { trainingEncodingFallback } from '../encoding-fallback.js';
import type { ModelSource } from '../model-checks.js';
import { memoryBudget } from '../../errors/limits.js';
import { Matrix } from '../../matrix.js';
import { classLabels } from '../../metrics.js';
import { UsageError } from '../errors.js';
import { BackpropError } from '../../errors/backprop-error.js';
import type { CliIo } from '../io.js';
import { checkModelFirst, readModelFile, type ModelFile } from '../model-file.js';
import { pickName } from '../options.js';
import { predictionsOf, writePredictions, type Prediction, type PredictionTable } from '../prediction-output.js';

/** Options of `predict`. */
export interface PredictCommandOptions {
  readonly model: string;
  /**
   * CSV text of raw input rows, whole or in chunks (a header naming the features is optional; a
   * target column is dropped by name); or a feeder that pushes the chunks as it reads them (the
   * CLI's file or stdin), so the text is never held: its error comes first (before the model
   * file's and the rows'), as when the text was read before the model. The feeder is given the
   * model file's `source` (how train read its file: its encoding, for one).
   */
  readonly csv: string | readonly string[] | ((push: (chunk: string) => void, source: ModelSource) => Promise<void>);
  /** Name of the input in messages (file name or '<stdin>'). */
  readonly file?: string;
  /** Field separator (default: detected) and decimal mark (default '.'; with ';' the one the cells use). */
  readonly delimiter?: string;
  readonly decimal?: DecimalMark;
  /** Lines skipped at the start of the input, before the header (--skip-rows; default 0). */
  readonly skipRows?: number;
  /** Receives warnings (unseen categories, once per column; an ambiguous delimiter). Default: stderr. */
  readonly onWarning?: (line: string) => void;
  /** Input columns copied into each prediction as text (`kept`), e.g. an id: by header name, or by the model's column names in a file without a header. */
  readonly keep?: readonly string[];
}

export type { Prediction } from '../prediction-output.js';
export { predictionsCsv } from '../prediction-output.js';

/** Predicts every row of the CSV text: one Prediction object per row. */
export async function predictCommand(options: PredictCommandOptions): Promise<Prediction[]> {
  return predictionsOf(await predictTable(options));
}

/** Rows transformed and predicted at a time, after all are encoded (a multiple of the model's own batch of 1024 rows, so its batches are those of one call). */
const PREDICT_ROWS = 65536;

/**
 * Predicts every row of the CSV text, held compactly: every row read and checked first (so a bad
 * cell anywhere fails before anything is printed), then transformed and predicted in batches.
 */
export async function predictTable(options: PredictCommandOptions): Promise<PredictionTable> {
  const csv = options.csv;
  const file = options.file ?? '<input>';
  const warn = options.onWarning ?? ((line: string) => process.stderr.write(`${line}\n`));
  const keep = options.keep ?? [];
  // Cells as train read them (its --na-values, --no-default-na, --thousands): also for telling a header from data.
  const readOptions = ({ source, model }: ModelFile): PredictRowsOptions => ({
    keep,
    syntax: cellSyntaxOf(source),
    dtype: model.dtype,
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
    ...(options.decimal === undefined ? {} : { decimal: options.decimal }),
    ...(options.skipRows === undefined ? {} : { skipRows: options.skipRows }),
    onNote: warn,
  });
  // A feeder's text is read once the model is (its columns say how to hold the rows), but a
  // failed read is said before a bad model file, as when predict read the whole text first.
  const modelFile = readModelFile(options.model).then((ok) => ({ ok }), (error: unknown) => ({ error }));
  let fed: PredictRowReader | undefined;
  if (typeof csv === 'function') {
    const early = await modelFile;
    if ('ok' in early) fed = new PredictRowReader(early.ok.preprocessing, file, readOptions(early.ok));
    await csv((chunk) => fed?.push(chunk), 'ok' in early ? early.ok.source : {});
  }
  const settled = await modelFile;
  if ('error' in settled) throw settled.error;
  const { model, preprocessing: prep } = settled.ok;
  const syntax = cellSyntaxOf(settled.ok.source);
  const { cells, decimal } = fed !== undefined ? fed.end() : readPredictRows(csv as string | readonly string[], prep, file, readOptions(settled.ok));
  const rowName = (r: number) => `${file}:${cells.line(r)}`;
  const encoded = encodeRawCells(prep, cells.rows, (r, c) => cells.cell(r, c, rowName), { warn: (m) => warn(`${file}: ${m}`), decimal, syntax, rowName, dtype: model.dtype });
  const output = Matrix.zeros(encoded.rows, model.outputSize, model.dtype);
  const width = encoded.cols;
  for (let start = 0; start < encoded.rows; start += PREDICT_ROWS) {
    const rows = Math.min(PREDICT_ROWS, encoded.rows - start);
    const x = applyPipeline(prep.inputs, new Matrix(rows, width, encoded.data.subarray(start * width, (start + rows) * width)));
    if (x.cols !== model.inputSize) throw new UsageError(`${file} gives ${x.cols} inputs per row but the model expects ${model.inputSize}`);
    output.data.set(model.predict(x).data, start * output.cols);
  }
  refuseNonFinite(output, file, 'output');
  const kept = (r: number, k: number) => cells.kept(r, k);
  if (prep.task === 'classification') {
    const names = prep.classNames.length > 0 ? prep.classNames : ['0', '1'];
    return { task: 'classification', output, labels: classLabels(output), names, keep, kept };
  }
  const values = restoreTargets(prep, output);
  refuseNonFinite(values, file, 'prediction in the target\'s units');
  const targetNames = prep.targetNames.length === values.cols ? prep.targetNames : Array.from({ length: values.cols }, (_, i) => `y${i + 1}`);
  return { task: 'regression', output: values, names: targetNames, keep, kept };
}

/** Throws when a prediction is NaN or infinite: it would print as null (JSON) or NaN and look like an answer. */
function refuseNonFinite(m: Matrix, file: string, what: string): void {
  for (let i = 0; i < m.data.length; i++) {
    if (Number.isFinite(m.data[i]!)) continue;
    const row = Math.floor(i / m.cols) + 1;
    throw new BackpropError(`${file}: the model's ${what} for data row ${row} is ${m.data[i]} (not a finite number): the row is far outside what the model was trained on, or the model's weights overflow (a model saved after divergence?)`);
  }
}

/** Feeds the input's text in chunks to `push` (a file, or stdin for '-'), bounded in size and in idle time. */
async function readInput(path: string, encoding: TextEncodingName | undefined, push: (text: string) => void, fallbackEncoding: EncodingFallback | undefined): Promise<void> {
  // Categorical and kept cells are held as strings: the text must fit the JS heap as well as the budget.
  const heap = heapTextLimit();
  const maxBytes = Math.min(memoryBudget(), heap);
  const limitHint = maxBytes === heap ? 'predict holds its input in memory; split it into smaller files' : 'raise it with --max-memory';
  await streamBoundedText(path, push, { label: path === '-' ? '<stdin>' : path, maxBytes, limitHint, ...(encoding === undefined ? {} : { encoding }), ...(fallbackEncoding === undefined ? {} : { fallbackEncoding }) });
}

/** The names of `--keep`, trimmed; each once. */
function keepList(text: string): string[] {
  const names = text.split(',').map((n) => n.trim());
  if (names.some((n) => n === '')) throw new UsageError(`--keep takes comma-separated column names, got "${text}"`);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) throw new UsageError(`--keep names "${twice}" twice`);
  return names;
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
    .option('--delimiter <char>', 'field separator: auto (default: detected), ",", ";", tab, "|"')
    .option('--decimal <mark>', 'decimal mark: "." or "," (default "."; with ";" the one the cells use)')
    .option('--encoding <name>', 'text encoding: utf-8 (default), latin1 or windows-1252')
    .option('--skip-rows <n>', 'lines skipped at the start of the input, before the header (default 0)')
    .option('--keep <columns>', 'comma-separated input columns to copy into the output, e.g. an id column')
    .action(async (modelPath: string, input: string, flags: Record<string, unknown>, command: Command) => {
      checkModelFirst('predict', modelPath, input);
      const format = flags['json'] === true ? 'json' : pickName('format', String(flags['format']), ['csv', 'json'] as const);
      if (flags['json'] === true && command.getOptionValueSource('format') === 'cli' && flags['format'] !== 'json') {
        throw new UsageError(`--json and --format ${String(flags['format'])} ask for two output formats: give one`);
      }
      if (input === '-' && process.stdin.isTTY === true) io.stderr.write('reading CSV rows from the terminal: type or paste them (a header first, or rows in the model\'s column order), then Ctrl-D\n');
      const { delimiter, decimal, encoding, skipRows } = parseCsvFlags(flags);
      const file = input === '-' ? '<stdin>' : input;
      const note = (line: string) => io.stderr.write(`${line}\n`);
      const predictions = await predictTable({
        model: modelPath,
        csv: (push, source) => readInput(input, encoding, push, trainingEncodingFallback(source, encoding, file, note)),
        file,
        ...(delimiter === undefined ? {} : { delimiter }),
        ...(decimal === undefined ? {} : { decimal }),
        ...(skipRows === undefined ? {} : { skipRows }),
        onWarning: note,
        ...(typeof flags['keep'] === 'string' ? { keep: keepList(flags['keep']) } : {}),
      });
      await writePredictions(predictions, format, io.stdout);
    });
}
