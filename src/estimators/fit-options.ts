/**
 * The options of `fit` and `partialFit` (a callback and an AbortSignal), checked for plain
 * JavaScript callers: Keras' `fit(x, y, { epochs: 5 })` puts training settings there, which here
 * belong to the estimator, and would otherwise be ignored without a word.
 */
import { unknownNameMessage } from '../errors/closest-name.js';
import { UsageError } from '../errors/usage-error.js';
import type { EpochEvent } from '../train/train.js';
import { shown } from '../errors/shown.js';
import { isEstimatorOption } from './options.js';

/** Options of `fit` and `partialFit`. */
export interface FitOptions {
  /**
   * Called after every epoch with its loss and metrics. A returned Promise (an async callback, as
   * tfjs' onEpochEnd) is awaited before the next epoch; a throw or a rejection stops training and
   * rejects `fit` with that error (the model keeps the weights of the epochs run).
   */
  readonly onEpoch?: ((event: EpochEvent) => unknown) | undefined;
  /** Aborts training between epochs: `fit` rejects with the signal's reason, the model keeps the last epoch's weights and `history` the epochs run (stopReason 'aborted'); a signal aborted before the call rejects with the model unchanged. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Refuses what `method`'s options cannot hold, naming it: not an object, an estimator setting
 * (`epochs`: pass it to the constructor), an unknown name, an onEpoch that is not a function, a
 * signal that is not an AbortSignal. `extra`: further names the method takes (partialFit's classes).
 */
export function checkFitOptions(options: unknown, method: 'fit' | 'partialFit', kind: 'classifier' | 'regressor', extra: readonly string[] = []): void {
  if (options === undefined) return;
  const names = ['onEpoch', 'signal', ...extra];
  const example = `{ ${names.join(', ')} }`;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new UsageError(`the options of ${method} must be an object such as ${example}, got ${shown(options)}`);
  const Kind = kind === 'classifier' ? 'Classifier' : 'Regressor';
  for (const [name, value] of Object.entries(options)) {
    if (names.includes(name)) continue;
    const camel = name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    const missing = NO_EQUIVALENT[camel];
    if (missing !== undefined) throw new UsageError(`${method} has no option ${name} (${missing.source}): ${missing.instead.replace('Kind', Kind)}`);
    if (name === 'verbose' || name === 'callbacks') throw new UsageError(`${method} has no option ${name} (Keras' name): pass onEpoch: (event) => console.log(event.epoch, event.loss) to see every epoch`);
    if (isEstimatorOption(camel)) throw new UsageError(`${name} is a setting of the ${kind}, not an option of ${method} (which takes ${example}): new ${Kind}({ ${camel}: ${JSON.stringify(value) ?? '...'} })`);
    throw new UsageError(unknownNameMessage(`option of ${method}`, name, names));
  }
  const { onEpoch, signal } = options as { onEpoch?: unknown; signal?: unknown };
  if (onEpoch !== undefined && typeof onEpoch !== 'function') throw new UsageError(`onEpoch must be a function called after every epoch, (event) => ..., got ${shown(onEpoch)}`);
  if (signal !== undefined && !isAbortSignal(signal)) throw new UsageError(`signal must be an AbortSignal (new AbortController().signal, AbortSignal.timeout(ms)), got ${shown(signal)}`);
}

/** Keras' and scikit-learn's fit arguments that have no equivalent here, and what to do instead ("Kind": Classifier or Regressor). */
const NO_EQUIVALENT: Readonly<Record<string, { readonly source: string; readonly instead: string }>> = {
  validationData: { source: "Keras' validation_data", instead: 'score the held-out rows in onEpoch, onEpoch: () => console.log(model.score(xVal, yVal)), or let fit hold out a part of X with new Kind({ validationSplit: 0.1 })' },
  sampleWeight: { source: "scikit-learn's sample_weight", instead: 'rows are weighted equally; repeat a row to give it more weight' },
  classWeight: { source: "Keras' class_weight", instead: 'rows are weighted equally; repeat the rows of a rare class to give it more weight' },
};

/** An AbortSignal, also one of another realm (a worker, a test environment): it has `aborted` and `throwIfAborted`. */
function isAbortSignal(value: unknown): boolean {
  if (typeof AbortSignal !== 'undefined' && value instanceof AbortSignal) return true;
  return typeof value === 'object' && value !== null && typeof (value as { aborted?: unknown }).aborted === 'boolean' && typeof (value as { throwIfAborted?: unknown }).throwIfAborted === 'function';
}
