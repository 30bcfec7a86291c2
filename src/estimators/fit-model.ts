/** Fitting a model whose task is decided from the targets, as `backprop train` decides it for a CSV. */
import type { Task } from '../data/dataset.js';
import { datasetFromRows, type RawCell } from '../data/raw-rows.js';
import type { History } from '../train/train.js';
import { UsageError } from '../errors/usage-error.js';
import { Classifier } from './classifier.js';
import { inLibraryTerms, libraryTerms } from './messages.js';
import type { FitOptions } from './estimator.js';
import { checkFitRows, oneValuePerRow, rawRows, rowCount, type CellRecord, type FeatureInput, type Label, type NumberArray } from './inputs.js';
import { checkFitOptions } from './fit-options.js';
import { shown } from '../errors/shown.js';
import { ESTIMATOR_OPTION_NAMES, isEstimatorOption } from './options.js';
import { unknownNameMessage } from '../errors/closest-name.js';
import type { Model } from './load.js';
import type { EstimatorOptions } from './options.js';
import { Regressor } from './regressor.js';

/** Options of `fitModel`: an estimator's settings, `fit`'s options and the task. */
export interface FitModelOptions extends EstimatorOptions, FitOptions {
  /** 'auto' (default): classification for text, booleans or a few distinct whole numbers, else regression. */
  readonly task?: 'auto' | Task | undefined;
}

/** What `fitModel` made, and why it chose the task (one line). */
export interface FittedModel {
  readonly model: Model;
  readonly task: Task;
  readonly taskReason: string;
  readonly history: History;
}

/** Builds a Classifier or a Regressor for X, y (the task from `options.task` or the targets) and fits it. */
export async function fitModel<R extends object & CellRecord<R>>(x: FeatureInput<R>, given: readonly RawCell[] | NumberArray, options: FitModelOptions = {}): Promise<FittedModel> {
  checkFitModelOptions(options);
  const { task: asked = 'auto', onEpoch, signal, ...settings } = options;
  checkFitRows(x, settings.featureNames);
  // Typed-array targets are their numbers; a column vector ([[1], [2]]) is one target per row; one-hot rows are named.
  const y = oneValuePerRow(given, 'labels');
  if (rowCount(x) !== y.length) throw new UsageError(`X has ${rowCount(x)} rows but y has ${y.length} targets`);
  y.forEach((v, i) => (v === null || v === undefined || Number.isNaN(v) ? missingTarget(i) : undefined));
  const { task, taskReason } = inLibraryTerms(() => datasetFromRows(rawRows(x), y, { task: asked, ...(settings.featureNames === undefined ? {} : { featureNames: settings.featureNames }) }));
  const fit = { ...(onEpoch === undefined ? {} : { onEpoch }), ...(signal === undefined ? {} : { signal }) };
  if (task === 'classification') {
    const model = new Classifier(settings);
    const labels = y.filter((v): v is Label => v !== null && v !== undefined);
    return { model, task, taskReason: libraryTerms(taskReason), history: await model.fit(x, labels, fit) };
  }
  const model = new Regressor(settings);
  const values = y.map((v, i) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : notANumber(i, v)));
  return { model, task, taskReason: libraryTerms(taskReason), history: await model.fit(x, values, fit) };
}

const TASKS = ['auto', 'classification', 'regression'] as const;

/** The options as an object whose names are settings, fit's options or task, and a task that is one of TASKS. */
function checkFitModelOptions(options: unknown): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new UsageError(`the options of fitModel must be an object such as { task: 'auto', epochs: 20, onEpoch }, got ${shown(options)}`);
  const own = ['task', 'onEpoch', 'signal'];
  for (const name of Object.keys(options)) {
    if (!own.includes(name) && !isEstimatorOption(name)) throw new UsageError(unknownNameMessage('option of fitModel', name, [...own, ...ESTIMATOR_OPTION_NAMES]));
  }
  const { task } = options as { task?: unknown };
  if (task !== undefined && !(TASKS as readonly unknown[]).includes(task)) throw new UsageError(unknownNameMessage('task', task, TASKS));
  checkFitOptions(Object.fromEntries(Object.entries(options).filter(([name]) => name === 'onEpoch' || name === 'signal')), 'fit', 'classifier');
}

function missingTarget(row: number): never {
  throw new UsageError(`target at row ${row + 1} is missing: fitModel needs a target for every row, so leave that row out of X and y`);
}

function notANumber(row: number, value: RawCell): never {
  throw new UsageError(`target at row ${row + 1} is ${JSON.stringify(value)}, not a number`);
}
