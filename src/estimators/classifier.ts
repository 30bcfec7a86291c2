/**
 * Classifier: an MLP classifier with the scikit-learn / Keras shape of API. Inputs are raw rows
 * (standardised inside, as `backprop train` does), labels keep their original type (strings,
 * numbers or booleans), and the saved file is the CLI's model file.
 */
import type { Backend } from '../backend/backend.js';
import type { TransformSpec } from '../data/transforms.js';
import { modelFromJson } from '../io/model-json.js';
import { classLabels } from '../metrics.js';
import type { History } from '../train/train.js';
import { Estimator, type FitOptions } from './estimator.js';
import { oneValuePerRow, type CellRecord, type FeatureInput, type Label, type NumberArray } from './inputs.js';
import type { ModelMetadata } from './metadata.js';
import { checkLoadOptions } from './load-options.js';
import { readMetadata } from './metadata.js';
import type { Mlp } from '../nn/mlp.js';
import { UsageError } from '../errors/usage-error.js';
import { isMissingText } from '../data/cells.js';
import { inLibraryTerms } from './messages.js';

/** Options of `Classifier.partialFit`. */
export interface PartialFitOptions<L extends Label = Label> extends FitOptions {
  /** Every class the stream will hold, in output order (first call only; default: the classes of the first batch, sorted). */
  readonly classes?: readonly L[] | undefined;
}

/** A multilayer-perceptron classifier: softmax outputs, cross-entropy loss, Adam (the CLI's defaults). */
export class Classifier<L extends Label = Label> extends Estimator {
  readonly task = 'classification' as const;
  protected readonly kind = 'classifier';

  /** Class labels in output order (the columns of `predictProba`), in their original type. */
  get classes(): L[] {
    return [...(this.metadata.labels as readonly L[])];
  }

  /** Fits the preprocessing and a new network on X and labels y, and trains it. Fitting again starts afresh (the previous `network` is disposed). */
  async fit<R extends object & CellRecord<R>>(x: FeatureInput<R>, y: readonly L[], options: FitOptions = {}): Promise<History> {
    this.checkFitInput(x);
    const labels = checkLabelArray(y);
    // With missing: 'drop' a missing label (null, undefined, NaN, '', 'NA', ...) drops its row, as a missing target does in `backprop train`.
    const present = this.options.missing === 'drop' ? labels.filter((label) => !isMissingLabel(label)) : labels;
    return this.fitRows(x, labels, notContinuous(atLeastTwo(sortedLabels(present), 'y'), present.length, 'y'), options);
  }

  /** One pass over a batch (online learning); the first call builds the network. After loading a file, the optimiser's state (Adam's moments) starts afresh. */
  async partialFit<R extends object & CellRecord<R>>(x: FeatureInput<R>, labels: readonly L[], options: PartialFitOptions<L> = {}): Promise<History> {
    this.checkFitInput(x, true);
    const y = checkLabelArray(labels);
    const given = options.classes;
    if (this.fitted) {
      // As scikit-learn's partial_fit: later calls may repeat the classes, not change them.
      if (given !== undefined && !sameClasses(given, this.classes)) throw new UsageError(`classes ${JSON.stringify(given)} differ from this classifier's classes ${JSON.stringify(this.classes)}: partialFit keeps the classes of its first call (leave classes out of later calls)`);
      return this.partialRows(x, y, knownLabels(y, this.classes), options);
    }
    if (given !== undefined && sortedLabels(given).length !== given.length) throw new UsageError('classes holds the same label twice (labels are compared without surrounding spaces)');
    const classes = given === undefined ? notContinuous(atLeastTwo(sortedLabels(y), 'the first batch (pass { classes } to name them all)'), y.length, 'the first batch') : atLeastTwo(given.map(trimmedLabel), 'classes');
    return this.partialRows(x, y, knownLabels(y, classes, 'the classes given in { classes }'), options);
  }

  /** Class probabilities per row (rows x classes, columns in `classes` order). */
  predictProba<R extends object & CellRecord<R>>(x: FeatureInput<R>): number[][] {
    const out = this.outputs(x);
    return Array.from({ length: out.rows }, (_, r) => (out.cols === 1 ? [1 - out.get(r, 0), out.get(r, 0)] : Array.from(out.data.subarray(r * out.cols, (r + 1) * out.cols))));
  }

  /** The most probable class of every row, in the labels' original type. */
  predict<R extends object & CellRecord<R>>(x: FeatureInput<R>): L[] {
    const classes = this.classes;
    return Array.from(classLabels(this.outputs(x)), (i) => classes[i]!);
  }

  /** Accuracy on X, y: the fraction of rows whose predicted label equals y (text labels compared without surrounding spaces, as in fit). */
  score<R extends object & CellRecord<R>>(x: FeatureInput<R>, given: readonly L[]): number {
    const y = checkLabelArray(given);
    const gap = y.findIndex(isMissingLabel);
    if (gap >= 0) throw new UsageError(`y at row ${gap + 1} is ${typeof y[gap] === 'string' ? JSON.stringify(y[gap]) : String(y[gap])} (a missing label): score needs a label for every row; leave rows without a label out`);
    const predicted = this.predict(x);
    if (predicted.length !== y.length) throw new UsageError(`X has ${predicted.length} rows but y has ${y.length} labels`);
    // A boolean class is also its name in another case ('True' from a pandas file), as in predict's inputs.
    const same = (p: L, given: L) => String(p) === String(given) || (typeof p === 'boolean' && String(p) === String(given).toLowerCase());
    return predicted.reduce((n, p, i) => n + (same(p, trimmedLabel(y[i]!)) ? 1 : 0), 0) / y.length;
  }

  /** Rebuilds a classifier from `toJSON()` data or a model file's text or bytes (also files of `backprop train` and the playground). */
  static fromJSON<L extends Label = Label>(json: unknown, options: { backend?: Backend; warn?: (message: string) => void } = {}): Classifier<L> {
    checkLoadOptions(options, 'Classifier.fromJSON');
    const { warn, ...load } = options;
    return Classifier.fromNetwork<L>(inLibraryTerms(() => modelFromJson(json, load)), undefined, warn === undefined ? {} : { warn });
  }

  /** A classifier around a loaded network and its metadata; `settings.warn` receives predict's warnings. */
  static fromNetwork<L extends Label = Label>(network: Mlp, meta: ModelMetadata = readMetadata(network), settings: { warn?: (message: string) => void } = {}): Classifier<L> {
    return new Classifier<L>({ ...meta.options, ...settings }).restore(network, meta);
  }

  protected targetTransforms(): readonly TransformSpec[] {
    return [];
  }
}

/** `classes`, if every label of a later partialFit batch is one of them; else a UsageError naming the first that is not. */
function knownLabels<L extends Label>(y: readonly L[], classes: L[], first?: string): L[] {
  const names = new Set(classes.map(String));
  const row = y.findIndex((label) => !isMissingLabel(label) && !names.has(String(trimmedLabel(label))));
  if (row < 0) return classes;
  const shown = classes.map((c) => JSON.stringify(c)).join(', ');
  if (first !== undefined) throw new UsageError(`label ${JSON.stringify(y[row])} (row ${row + 1}) is not one of ${first} (${shown}): name every class the stream holds there, in the labels' own type`);
  throw new UsageError(`label ${JSON.stringify(y[row])} (row ${row + 1}) is not one of this classifier's classes (${shown}): partialFit keeps the classes it started with (name every class in { classes } on the first call)`);
}

/** True when `given` names the same classes as `classes` (any order; text compared without surrounding spaces). */
function sameClasses(given: readonly unknown[], classes: readonly Label[]): boolean {
  if (!Array.isArray(given) || given.length !== classes.length) return false;
  const names = new Set(classes.map(String));
  return given.every((c) => names.has(String(trimmedLabel(c))));
}

/** The labels, if there are at least two classes (a classifier of one class learns nothing). */
function atLeastTwo<L extends Label>(labels: L[], where: string): L[] {
  if (labels.length < 2) throw new UsageError(`${where} holds ${labels.length === 0 ? 'no classes' : `one class only (${JSON.stringify(labels[0])})`}; a classifier needs at least two`);
  return labels;
}

/**
 * The classes, unless they are numbers that look like a regression target: not all whole, and
 * more distinct values than half the rows (a class for nearly every row, which the network cannot
 * learn and `score` would count as wrong for every unseen value). scikit-learn refuses such y
 * too ("Unknown label type: continuous"); text labels (`y.map(String)`) keep each value a class.
 */
function notContinuous<L extends Label>(classes: L[], rows: number, where: string): L[] {
  const numbers = classes.filter((c): c is L & number => typeof c === 'number');
  if (numbers.length * 2 <= rows || numbers.every(Number.isInteger)) return classes;
  const shown = numbers.slice(0, 5).join(', ') + (numbers.length > 5 ? ', ...' : '');
  throw new UsageError(`${where} holds ${numbers.length} distinct numbers in ${rows} rows, not all whole (${shown}): a class for nearly every row looks like a regression target; use a Regressor (or fitModel, which chooses from y), or pass the labels as text (y.map(String)) to keep each value a class`);
}

/** A text label without surrounding spaces (as the table reader trims cells); other labels as they are. */
function trimmedLabel<T>(label: T): T {
  return (typeof label === 'string' ? label.trim() : label) as T;
}

/**
 * The labels as one per row (a column vector [[a], [b]] flattened), or a UsageError: `y` not an
 * array, one-hot rows, or labels of more than one type (numbers and strings), which scikit-learn
 * refuses too, since 1 and "1" or a sorted mix of both are easy to get wrong.
 */
function checkLabelArray<L>(y: readonly L[] | NumberArray): readonly L[] {
  const flat = oneValuePerRow<L>(y, 'labels');
  const firstOfType = new Map<string, unknown>();
  for (const label of flat) {
    if (typeof label === 'number' && Number.isNaN(label)) continue; // a missing label (pandas' NaN among strings), not a number label
    const type = typeof label;
    if ((type === 'string' || type === 'number' || type === 'boolean') && !firstOfType.has(type)) firstOfType.set(type, label);
  }
  if (firstOfType.size > 1) {
    const examples = [...firstOfType].map(([type, label]) => `${type === 'string' ? 'strings' : type === 'number' ? 'numbers' : 'booleans'} (${JSON.stringify(label)})`);
    throw new UsageError(`y mixes label types, ${examples.join(' and ')}: use one type for every label`);
  }
  return flat;
}

/**
 * Distinct labels sorted as scikit-learn does: numbers in numeric order, text in text order;
 * each kind kept apart. Text labels are trimmed first, as the table reader trims cells, so
 * 'Yes ' and 'Yes' are one class, 'Yes' (case is kept: 'yes' is another class).
 */
export function sortedLabels<L extends Label>(y: readonly L[]): L[] {
  const names = new Map<string, L>();
  for (const given of new Set(y)) {
    if (typeof given !== 'string' && typeof given !== 'number' && typeof given !== 'boolean') throw new UsageError(`labels must be strings, numbers or booleans, got ${describeLabel(given)}`);
    const label = trimmedLabel(given);
    const name = String(label);
    const known = names.get(name);
    if (known === label) continue;
    if (known !== undefined) throw new UsageError(`labels ${JSON.stringify(known)} and ${JSON.stringify(label)} have the same text: use one type`);
    names.set(name, label);
  }
  const distinct = [...names.values()];
  const rank = (v: Label) => (typeof v === 'number' ? 0 : typeof v === 'boolean' ? 1 : 2);
  return distinct.sort((a, b) => rank(a) - rank(b) || (typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
}

/** A label the table reader reads as a missing target: null, undefined, NaN, or a missing marker ('', 'NA', ...). */
function isMissingLabel(label: unknown): boolean {
  return label === null || label === undefined || (typeof label === 'number' && Number.isNaN(label)) || (typeof label === 'string' && isMissingText(label.trim()));
}

/** A bad label for a message: null, undefined, a Date, or its JSON. */
function describeLabel(label: unknown): string {
  const drop = ": leave its row out, or fit with the option missing: 'drop'";
  if (label === undefined) return `undefined (a missing label)${drop}`;
  if (label === null) return `null (a missing label)${drop}`;
  if (label instanceof Date) return 'a Date';
  if (typeof label === 'bigint') return `the bigint ${label} (convert the labels first: Array.from(y, Number))`;
  return JSON.stringify(label) ?? typeof label;
}
