/**
 * The typed view of a model file's metadata, as estimators write and read it: the task, the
 * loss, the fitted preprocessing and the class labels in their original type. Files saved by
 * `backprop train`, by the playground and by older versions all read; files without
 * preprocessing get the identity (as `backprop predict` does).
 */
import { isThousandsSeparator, type CellSyntaxOptions } from '../data/cells.js';
import type { Task } from '../data/dataset.js';
import { ModelFormatError } from '../errors/model-format-error.js';
import { checkPreprocessingFits } from '../io/preprocessing-checks.js';
import { identityPreprocessing, preprocessingFromJSON, type Preprocessing } from '../data/preprocessing.js';
import type { LossName } from '../math/losses.js';
import type { Mlp } from '../nn/mlp.js';
import { inferTask, storedLossOf } from '../train/evaluate.js';
import type { Label } from './inputs.js';
import { resolveOptions, type EstimatorOptions, type ResolvedOptions } from './options.js';

/** What a high-level model knows about itself, read from or written to `Mlp.metadata`. */
export interface ModelMetadata {
  readonly task: Task;
  readonly loss: LossName;
  /** Fitted input (and target) preprocessing, feature and class names. */
  readonly preprocessing: Preprocessing;
  /** Class labels in output order, in their original type (empty for regression). */
  readonly labels: readonly Label[];
  /** Name of the training data. */
  readonly dataset?: string;
  /** Epochs trained so far. */
  readonly trainedEpochs?: number;
  /** The estimator settings it was trained with (absent for CLI and playground files). */
  readonly options?: ResolvedOptions;
  /**
   * How `backprop train` read the text cells of its file (`--na-values`, `--no-default-na`,
   * `--thousands`, from metadata.source): predict reads text cells of records and rows the same
   * way, as `backprop predict` does (absent: pandas' missing markers, no thousands separator).
   */
  readonly cells?: CellSyntaxOptions;
}

/** Records `meta` in the network's metadata, where `backprop predict` and `evaluate` find it too. */
export function writeMetadata(network: Mlp, kind: 'classifier' | 'regressor', meta: ModelMetadata): void {
  network.metadata = {
    ...network.metadata,
    dataset: meta.dataset ?? 'data',
    task: meta.task,
    loss: meta.loss,
    classNames: meta.preprocessing.classNames,
    preprocessing: meta.preprocessing,
    ...(meta.trainedEpochs === undefined ? {} : { trainedEpochs: meta.trainedEpochs }),
    estimator: { kind, labels: meta.labels, ...(meta.options === undefined ? {} : { options: meta.options }) },
  };
}

/** Reads the typed metadata of a loaded network; throws a ModelFormatError naming a bad field or one that does not fit the layers. */
export function readMetadata(network: Mlp): ModelMetadata {
  const raw = network.metadata;
  const loss = storedLossOf(network);
  const stored = raw['preprocessing'];
  const preprocessing = stored === undefined ? identityPreprocessing(network, inferTask(network, loss)) : parsePreprocessing(stored);
  // The widths, class and target names against the layers, and no stage this version would skip: else predictions are off.
  if (stored !== undefined) checkPreprocessingFits(preprocessing, stored, network);
  const estimator = raw['estimator'] as { labels?: unknown; options?: unknown } | undefined;
  const labels = preprocessing.task === 'regression' ? [] : labelsOf(estimator?.labels, preprocessing.classNames);
  const epochs = raw['trainedEpochs'];
  return {
    task: preprocessing.task,
    loss,
    preprocessing,
    labels,
    ...(typeof raw['dataset'] === 'string' ? { dataset: raw['dataset'] } : {}),
    ...(typeof epochs === 'number' ? { trainedEpochs: epochs } : {}),
    ...(estimator?.options === undefined ? {} : { options: optionsOf(estimator.options) }),
    ...cellsOf(raw['source']),
  };
}

/** The cell-reading options `backprop train` stored in metadata.source, each checked; {} when it stored none. */
function cellsOf(source: unknown): { cells?: CellSyntaxOptions } {
  if (typeof source !== 'object' || source === null || Array.isArray(source)) return {};
  const { naValues, keepDefaultNa, thousands } = source as Record<string, unknown>;
  if (naValues !== undefined && !(Array.isArray(naValues) && naValues.every((t) => typeof t === 'string'))) throw new ModelFormatError('metadata.source.naValues', 'must be a list of strings');
  if (keepDefaultNa !== undefined && typeof keepDefaultNa !== 'boolean') throw new ModelFormatError('metadata.source.keepDefaultNa', `must be true or false, got ${JSON.stringify(keepDefaultNa)?.slice(0, 40)}`);
  if (thousands !== undefined && !(typeof thousands === 'string' && isThousandsSeparator(thousands))) throw new ModelFormatError('metadata.source.thousands', `must be one character such as "," "." or "'", got ${JSON.stringify(thousands)?.slice(0, 40)}`);
  if (naValues === undefined && keepDefaultNa === undefined && thousands === undefined) return {};
  return {
    cells: {
      ...(naValues === undefined ? {} : { naValues: naValues as string[] }),
      ...(keepDefaultNa === undefined ? {} : { keepDefaultNa }),
      ...(thousands === undefined ? {} : { thousands: thousands as string }),
    },
  };
}

/** The stored estimator settings, checked as the constructor checks them. */
function optionsOf(json: unknown): ResolvedOptions {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ModelFormatError('metadata.estimator.options', 'must be an object');
  try {
    return resolveOptions(json as EstimatorOptions);
  } catch (error) {
    // The stored settings fail the constructor's own checks, whose messages start with the option's name ("seed must be a whole number, got 1.5").
    const message = (error as Error).message;
    const named = /^([A-Za-z]+) (.*)$/.exec(message);
    if (named !== null && Object.hasOwn(json, named[1]!)) throw new ModelFormatError(`metadata.estimator.options.${named[1]!}`, named[2]!);
    throw new ModelFormatError('metadata.estimator.options', `are not valid: ${message}`);
  }
}

/** The stored preprocessing; a ModelFormatError names the bad field (metadata.preprocessing...). */
function parsePreprocessing(json: unknown): Preprocessing {
  return preprocessingFromJSON(json, 'metadata.preprocessing');
}

/**
 * Labels stored by an estimator when they match the class names (a boolean matches its name in
 * any case). A file without them (from `backprop train` or the playground) gets the class names
 * themselves, as numbers when every one is an integer as a CSV cell reads it (`0`, `-3`, `12`: a
 * target column of whole numbers, as pandas reads it), so a CLI model of 0/1 labels predicts `0`
 * and `1`, not `'0'` and `'1'`, and as booleans when they are `False` and `True` in one case
 * (pandas' bool column); other names (`'setosa'`, `'1.0'`, `'007'`) stay text.
 */
function labelsOf(stored: unknown, classNames: readonly string[]): Label[] {
  if (stored === undefined) return classNames.every(isIntegerName) ? classNames.map(Number) : booleanLabels(classNames) ?? [...classNames];
  const named = (v: unknown, name: string) => String(v) === name || (typeof v === 'boolean' && String(v) === name.toLowerCase());
  const ok = Array.isArray(stored) && stored.length === classNames.length && stored.every((v, i) => ['string', 'number', 'boolean'].includes(typeof v) && named(v, classNames[i]!));
  if (!ok) throw new ModelFormatError('metadata.estimator.labels', `do not match metadata.preprocessing.classNames (${classNames.join(', ')})`);
  return [...(stored as Label[])];
}

/** True for a class name that is an integer written as String(n) writes it (so it reads back unchanged). */
function isIntegerName(name: string): boolean {
  const value = Number(name);
  return /^-?[0-9]+$/.test(name) && Number.isSafeInteger(value) && String(value) === name;
}

/** The class names as booleans when they are false and true (pandas writes False, True; a spreadsheet FALSE, TRUE), each once; else undefined. */
function booleanLabels(classNames: readonly string[]): boolean[] | undefined {
  const lower = classNames.map((n) => n.toLowerCase());
  if (lower.length !== 2 || !lower.includes('true') || !lower.includes('false')) return undefined;
  return lower.map((n) => n === 'true');
}
