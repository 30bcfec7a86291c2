/** Fitting a model whose task is decided from the targets, as `backprop train` decides it for a CSV. */
import type { Task } from '../data/dataset.js';
import { datasetFromRows, type RawCell } from '../data/raw-rows.js';
import type { History } from '../train/train.js';
import { UsageError } from '../errors/usage-error.js';
import { Classifier } from './classifier.js';
import { inLibraryTerms, libraryTerms } from './messages.js';
import type { FitOptions } from './estimator.js';
import { rawRows, type CellRecord, type FeatureInput, type Label, type NumberArray } from './inputs.js';
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
  const { task: asked = 'auto', onEpoch, signal, ...settings } = options;
  const y = ArrayBuffer.isView(given) ? Array.from(given) : given; // typed-array targets are their numbers
  y.forEach((v, i) => (v === null || v === undefined || Number.isNaN(v) ? missingTarget(i) : undefined));
  if (!Array.isArray(y)) throw new UsageError('y must be an array of targets');
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

function missingTarget(row: number): never {
  throw new UsageError(`target at row ${row + 1} is missing`);
}

function notANumber(row: number, value: RawCell): never {
  throw new UsageError(`target at row ${row + 1} is ${JSON.stringify(value)}, not a number`);
}
