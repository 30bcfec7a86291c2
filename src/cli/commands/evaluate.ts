/**
 * `backprop evaluate <model.json> <data>`: accuracy, per-class precision/recall and the
 * confusion matrix, or MSE/MAE/R² in original units, on the test part of the data (the
 * model's own seeded split is recreated when the data is what it was trained on).
 */
import type { Command } from 'commander';
import { alignColumns } from '../../data/align-columns.js';
import { ColumnChoiceError } from '../../data/columns.js';
import { splitDataset } from '../../data/dataset.js';
import type { Dataset } from '../../data/dataset.js';
import { trainingEncodingFallback } from '../encoding-fallback.js';
import { checkDataPathFlag, csvReading, datasetLabel, loadWhole, type CsvReading } from '../data.js';
import { parseCsvFlags } from './csv-flags.js';
import { BackpropError } from '../../errors/backprop-error.js';
import { UsageError } from '../errors.js';
import { checkFits, evaluatePart, isClassification, type PartMetrics } from '../evaluation.js';
import { humanStream, metricRows, type CliIo } from '../io.js';
import { checkModelFirst, readModelFile } from '../model-file.js';
import { pickName } from '../options.js';
import { formatNumber, formatTable } from '../report.js';
import { isSameFile } from '../data-identity.js';
import type { ModelSource } from '../model-checks.js';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { cutList } from '../../errors/limits.js';
import { readProgress } from '../progress-line.js';

/** Options of `evaluate`. */
export interface EvaluateCommandOptions {
  /** The model file. */
  readonly model: string;
  /** A built-in name, CSV file or IDX directory. */
  readonly data: string;
  /** Which rows: 'test' (default: the data's test part, else the model's seeded split when the data is the one it was trained on, else all), 'train' or 'all'. */
  readonly part?: 'test' | 'train' | 'all';
  /** CSV target column (default: the one the model was trained with). */
  readonly target?: string | number;
  readonly dataPath?: string;
  /** How to read a CSV (--delimiter, --decimal, --comment, --skip-rows, --header, --encoding): over what the model stored for its training file. */
  readonly reading?: CsvReading;
  /** Called as a data file is read (bytes read, total): evaluate draws it on a terminal, as train does. */
  readonly onReadProgress?: (bytesRead: number, totalBytes: number) => void;
}

/** What `evaluate --json` prints. */
export interface EvaluateResult {
  readonly dataset: string;
  readonly task: 'classification' | 'regression';
  /** The rows evaluated: 'test', 'train' or 'all'. */
  readonly part: 'test' | 'train' | 'all';
  readonly classNames: string[];
  readonly metrics: PartMetrics;
  /** How the rows were chosen when the data only looks like the training data: another file of the same name, a changed file, an older model file without the file's identity. */
  readonly note?: string;
  /** What reading the file noted: rows left out for a missing target or (a model trained with --missing drop) a missing input cell, ... */
  readonly notes?: string[];
}

/** Evaluates a saved model on data, as `backprop evaluate` does. */
export async function evaluateCommand(options: EvaluateCommandOptions): Promise<EvaluateResult> {
  checkDataPathFlag(options.data, options.dataPath);
  const file = await readModelFile(options.model);
  const { model, preprocessing: prep, source } = file;
  const { same: sameData, note } = trainingData(source, options.data, options.model);
  const target = options.target ?? (sameData ? source.target : undefined) ?? (prep.targetNames.length === 1 ? prep.targetNames[0] : undefined);
  const dataPath = options.dataPath ?? (sameData ? source.dataPath : undefined);
  const split = source.split;
  const encoding = prep.encoding;
  const table = encoding === undefined ? {} : {
    // Read the training columns by name, categories as categories, missing cells as the model handles them.
    features: [...prep.featureNames],
    categorical: encoding.columns.filter((c) => c.kind === 'categorical').map((c) => c.name),
    missing: encoding.missing === 'drop' || encoding.missing === 'error' ? encoding.missing : ('mean' as const),
  };
  // The training file is read as train read it (all its reading options); any file gets its cell
  // rules (--na-values, --no-default-na, --thousands); the flags given here come on top.
  const { naValues, keepDefaultNa, thousands } = source;
  const reading = sameData ? csvReading(source) : csvReading({ naValues, keepDefaultNa, thousands });
  const notes: string[] = [];
  // Another file, read as UTF-8 unless its bytes say it is in the training file's encoding.
  const fallbackEncoding = sameData ? undefined : trainingEncodingFallback(source, options.reading?.encoding, options.data, (line) => notes.push(line));
  const read = await loadWhole({
    dataset: options.data,
    ...(target === undefined ? {} : { target }),
    ...(dataPath === undefined ? {} : { dataPath }),
    ...(split?.kind === 'seeded' ? { seed: split.seed } : {}),
    classNames: prep.classNames,
    task: prep.task,
    ...table,
    ...reading,
    ...(options.reading ?? {}),
    ...(fallbackEncoding === undefined ? {} : { fallbackEncoding }),
    // A row without a target cannot be scored: left out, with a note, whatever the model does with missing inputs.
    dropMissingTargets: true,
    onNote: (line) => notes.push(line),
    ...(options.onReadProgress === undefined ? {} : { onReadProgress: options.onReadProgress }),
  }).catch((error: unknown) => {
    // Evaluate has no --missing: the model's own rule for missing inputs applies.
    if (error instanceof Error && error.message.endsWith('; choose --missing drop, mean, median or most-frequent')) {
      error.message = error.message.replace(/; choose --missing .*$/, `; ${options.model} was trained without imputation (train with --missing mean, median or most-frequent, or fill or remove those rows)`);
    }
    // The column list is the model's, not a flag the person typed: say so.
    const absent = error instanceof ColumnChoiceError ? /features: no column named "([^"]*)"/.exec(error.message)?.[1] : undefined;
    if (absent !== undefined) {
      const guess = /Did you mean "([^"]*)"\?/.exec((error as Error).message)?.[1];
      const hint = guess === undefined ? '' : `; did you mean "${guess}" for "${absent}"? (column names are matched exactly: rename the header)`;
      throw new UsageError(`${options.data} has no column "${absent}", which the model needs (${cutList(prep.featureNames)})${hint}`);
    }
    // The target came from the model (a library model's is "y" unless fit was given targetName): say how to name another.
    if (error instanceof ColumnChoiceError && options.target === undefined && target !== undefined && error.message.includes(`no column named "${target}"`)) {
      const absentTarget = error.message.replace(/^.*?no column named/, 'no column named').replace(/\. Did you mean ("[^"]*")\?$/, '; did you mean $1? (column names are matched exactly)');
      throw new ColumnChoiceError({ file: options.data }, `${absentTarget}; "${target}" is the model's target: pass --target NAME to evaluate against another column`);
    }
    throw error;
  });
  const align = (d: Dataset): Dataset => (encoding === undefined || d.columns === undefined ? d : alignColumns(d, prep.featureNames));
  const loaded = { train: align(read.train), test: read.test === undefined ? undefined : align(read.test) };
  checkFits(model, loaded.train, options.data, prep);
  let rows: Dataset = loaded.train;
  let part: EvaluateResult['part'] = 'all';
  const wanted = options.part ?? 'test';
  if (loaded.test !== undefined) {
    part = wanted;
    rows = wanted === 'test' ? loaded.test : wanted === 'train' ? loaded.train : concatParts(loaded.train, loaded.test);
  } else if (sameData && split?.kind === 'seeded' && wanted !== 'all') {
    const parts = splitDataset(loaded.train, { seed: split.seed, testFraction: split.testFraction });
    part = wanted;
    rows = wanted === 'test' ? parts.test : parts.train;
  } else if (options.part !== undefined && options.part !== 'all') {
    throw new UsageError(`${options.data} has no ${options.part} part of its own and is not the data ${options.model} was trained on; use --part all`);
  }
  const { metrics } = evaluatePart(model, rows, prep, file.loss);
  // R² of a single row is undefined (NaN, shown as n/a), not a sign of broken outputs.
  const broken = Object.entries(metrics).find(([key, value]) => typeof value === 'number' && !Number.isFinite(value) && !(key === 'r2' && metrics.samples < 2 && Number.isNaN(value)));
  if (broken !== undefined) {
    throw new BackpropError(`${options.model}: the model's ${broken[0]} on ${options.data} is ${broken[1]} (not a finite number): its outputs overflow on these rows, or its stored weights or preprocessing are broken (a model saved after divergence?)`);
  }
  return { dataset: datasetLabel(options.data), task: prep.task, part, classNames: [...prep.classNames], metrics, ...(note === undefined ? {} : { note }), ...(notes.length === 0 ? {} : { notes }) };
}

/**
 * Whether `data` is what the model was trained on, so its seeded split can be recreated: a
 * built-in data set by name; a file only when it is the very file (path, size and modification
 * time, or the same bytes: data-identity.ts). A note says why a look-alike is evaluated whole.
 */
function trainingData(source: ModelSource, data: string, modelPath: string): { same: boolean; note?: string } {
  const trained = source.dataset;
  if (trained === undefined) return { same: false };
  const given = statSync(data, { throwIfNoEntry: false })?.isFile() === true ? resolve(data) : undefined;
  if (given === undefined) return { same: !existsSync(data) && datasetLabel(trained) === datasetLabel(data) };
  const looksAlike = datasetLabel(trained) === datasetLabel(data);
  if (source.file !== undefined) {
    if (isSameFile(source.file, data)) return { same: true };
    if (given === source.file.path) return { same: false, note: `${data} has changed since ${modelPath} was trained on it (size, modification time or bytes differ): every row is evaluated, not the training split's test rows` };
    return looksAlike ? { same: false, note: `${data} is not the file ${modelPath} was trained on (${source.file.path}): every row is evaluated` } : { same: false };
  }
  // A model file from before the training file was recorded: only the same path (as typed at train time) counts.
  if (given === resolve(trained)) return { same: true, note: `${modelPath} does not record which file it was trained on (an older model file); ${data} has the same path, so its seeded split is recreated` };
  return looksAlike ? { same: false, note: `${modelPath} does not record which file it was trained on (an older model file) and ${data} is at another path than ${trained}: every row is evaluated` } : { same: false };
}

/** Both parts of a data set with its own test part, as one. */
function concatParts(train: Dataset, test: Dataset): Dataset {
  return { ...train, name: `${train.name} (train + test)`, ...mergeRows(train, test) };
}

function mergeRows(a: Dataset, b: Dataset): Pick<Dataset, 'inputs' | 'labels' | 'targets'> {
  if ('pixels' in a.inputs && 'pixels' in b.inputs) {
    const pixels = new Uint8Array(a.inputs.pixels.length + b.inputs.pixels.length);
    pixels.set(a.inputs.pixels);
    pixels.set(b.inputs.pixels, a.inputs.pixels.length);
    let labels: Int32Array | undefined;
    if (a.labels !== undefined && b.labels !== undefined) {
      labels = new Int32Array(a.labels.length + b.labels.length);
      labels.set(a.labels);
      labels.set(b.labels, a.labels.length);
    }
    return { inputs: { ...a.inputs, pixels, count: a.inputs.count + b.inputs.count }, labels, targets: undefined };
  }
  throw new UsageError('--part all is supported for image data sets with their own test part; use --part test or --part train');
}

/** Human-readable evaluation: metrics table, then per-class precision/recall and the confusion matrix. */
export function formatEvaluation(result: EvaluateResult): string {
  const { metrics } = result;
  const lines = [`${result.dataset} (${result.part} rows): ${result.task}`, ...(result.note === undefined ? [] : [`note: ${result.note}`]), ...(result.notes ?? []).map((n) => `note: ${n}`), '', formatTable(['', result.part], metricRows([metrics]))];
  if (isClassification(metrics)) {
    const names = result.classNames.length === metrics.precision.length ? result.classNames : metrics.precision.map((_, i) => String(i));
    // A class with no rows here has no recall, one never predicted no precision (scikit-learn: 0 and a warning).
    const counts = metrics.confusionMatrix;
    const samples = counts.map((row) => row.reduce((s, v) => s + v, 0));
    const predicted = names.map((_, c) => counts.reduce((s, row) => s + row[c]!, 0));
    const perClass = names.map((name, c) => [name, predicted[c] === 0 ? 'n/a' : formatNumber(metrics.precision[c]), samples[c] === 0 ? 'n/a' : formatNumber(metrics.recall[c]), String(samples[c])]);
    lines.push('', formatTable(['class', 'precision', 'recall', 'samples'], perClass));
    if (samples.includes(0) || predicted.includes(0)) lines.push('n/a: recall of a class with no rows here, precision of a class never predicted (undefined; scikit-learn reports 0 with a warning)');
    const short = names.map((n) => (n.length > 10 ? n.slice(0, 9) + '…' : n));
    lines.push('', 'confusion matrix (rows: true class, columns: predicted)', formatTable(['', ...short], metrics.confusionMatrix.map((row, r) => [short[r]!, ...row.map(String)])));
  } else {
    lines.push('(MSE, MAE and R² in the target\'s original units; loss in the model\'s units)');
  }
  return lines.join('\n') + '\n';
}

/** Adds `evaluate` to the program. */
export function registerEvaluate(program: Command, io: CliIo): void {
  program
    .command('evaluate')
    .description('evaluate a saved model on data: accuracy, precision/recall, confusion matrix, or MSE/MAE/R²')
    .argument('<model>', 'model file written by train (model.json)')
    .argument('<data>', 'built-in name, CSV file or directory of IDX files')
    .option('--part <part>', 'test (default), train or all')
    .option('--target <column>', 'CSV target column (default: the one the model was trained with)')
    .option('--data-path <path>', 'census file or image directory for the built-ins that need one')
    .option('--json', 'print one JSON object')
    .option('--delimiter <char>', 'CSV field separator (default: as train read the training file, else detected)')
    .option('--decimal <mark>', 'CSV decimal mark: "." or ","')
    .option('--comment <char>', 'CSV lines starting with this character are skipped')
    .option('--skip-rows <n>', 'CSV lines skipped at the start, before the header (default: as train read the training file, else 0)')
    .option('--header', 'the first CSV row names the columns')
    .option('--no-header', 'the first CSV row is data')
    .option('--encoding <name>', 'CSV text encoding: utf-8 (default), latin1 or windows-1252')
    .action(async (model: string, data: string, flags: Record<string, unknown>) => {
      checkModelFirst('evaluate', model, data);
      const text = (key: string) => (typeof flags[key] === 'string' ? (flags[key] as string) : undefined);
      const part = text('part');
      const target = text('target');
      const dataPath = text('dataPath');
      const result = await evaluateCommand({
        model,
        data,
        ...(part === undefined ? {} : { part: pickName('part', part, ['test', 'train', 'all'] as const) }),
        ...(target === undefined ? {} : { target: /^-?\d+$/.test(target) ? Number(target) : target }),
        ...(dataPath === undefined ? {} : { dataPath }),
        reading: csvReading(parseCsvFlags(flags)),
        ...(io.interactive && flags['json'] !== true ? { onReadProgress: readProgress(io.stderr, data) } : {}),
      });
      if (flags['json'] === true) io.stdout.write(JSON.stringify(result) + '\n');
      else humanStream(io, flags).write(formatEvaluation(result));
    });
}
