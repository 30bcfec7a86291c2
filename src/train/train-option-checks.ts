/**
 * Checks of what a caller hands `train`, `fit`, `trainAsync` and `fitAsync` before anything runs:
 * the data (matrices or a SampleSource, not plain arrays), the option names (a misspelt one is
 * refused with a did-you-mean rather than ignored), the loss name and the optimiser's form; then
 * each value's type and form (train-option-values.ts). Ranges are checked where they are used
 * (batch size, epochs, the validation split, schedules, the optimiser's rates).
 */
import { unknownNameMessage } from '../errors/closest-name.js';
import { UsageError } from '../errors/usage-error.js';
import { isLossName, LOSS_NAMES } from '../math/losses.js';
import { foreignMatrixMessage, isForeignMatrix, Matrix } from '../matrix.js';
import { OPTIMIZER_KINDS } from '../nn/optimizers.js';
import { checkTrainOptionValues } from './train-option-values.js';

/** Every option of train/fit (TrainOptions), trainAsync's lossEvery, and fit's onEvent. */
const OPTION_NAMES = [
  'loss', 'optimizer', 'learningRate', 'epochs', 'batchSize', 'shuffle', 'sampling', 'stepsPerEpoch', 'seed', 'random',
  'validationSplit', 'validationData', 'earlyStopping', 'schedule', 'updateBiases', 'outputGradient', 'task', 'batchEvents',
  'lookahead', 'lossEvery', 'onEvent',
] as const;

/** Names people bring from other libraries, and what to write instead. */
const ELSEWHERE: Readonly<Record<string, string>> = {
  batch_size: 'batchSize', lr: 'learningRate', learning_rate: 'learningRate', validation_split: 'validationSplit',
  max_iter: 'epochs', callbacks: 'onEvent', verbose: 'onEvent', onEpoch: 'onEvent', random_state: 'seed',
};

/**
 * Refuses data that is neither a SampleSource nor { x: Matrix, y: Matrix } (plain arrays, say),
 * and options of `train`/`fit` that are not an object or name an option that does not exist.
 */
export function checkTrainCall(data: unknown, options: unknown, call: string): void {
  checkData(data, call);
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new UsageError(`${call}'s options must be an object such as { epochs: 10, batchSize: 32 }, got ${options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options}`);
  }
  for (const key of Object.keys(options)) {
    if ((OPTION_NAMES as readonly string[]).includes(key)) continue;
    if (key === 'signal') throw new UsageError(`${call} takes no signal: stop it by leaving the train() generator's loop (return or break), or use an estimator's fit(X, y, { signal })`);
    const instead = ELSEWHERE[key];
    if (instead !== undefined) throw new UsageError(`${call} has no option "${key}": use ${instead}`);
    throw new UsageError(`${call}: ${unknownNameMessage('option', key, OPTION_NAMES)}`);
  }
  const { loss, optimizer } = options as { loss?: unknown; optimizer?: unknown };
  if (loss !== undefined && (typeof loss !== 'string' || !isLossName(loss))) throw new UsageError(`${call}: ${unknownNameMessage('loss', loss, LOSS_NAMES)}`);
  if (optimizer !== undefined) checkOptimizerOption(optimizer, call);
  checkTrainOptionValues(options as Record<string, unknown>, call);
}

function checkData(data: unknown, call: string): void {
  // (An array has a fill method too: it is no SampleSource.)
  if (typeof data === 'object' && data !== null && !Array.isArray(data) && typeof (data as { fill?: unknown }).fill === 'function') return;
  const { x, y } = (typeof data === 'object' && data !== null ? data : {}) as { x?: unknown; y?: unknown };
  if (x instanceof Matrix && y instanceof Matrix) return;
  for (const [name, value] of [['x', x], ['y', y]] as const) {
    if (isForeignMatrix(value)) throw new UsageError(`${call}: ${foreignMatrixMessage(name, `this copy's new Matrix(${name}.rows, ${name}.cols, ${name}.data)`)}`);
  }
  const plain = Array.isArray(data) || Array.isArray(x) || Array.isArray(y);
  throw new UsageError(
    `${call} takes { x: Matrix, y: Matrix } or a SampleSource${plain ? ': for plain arrays use Matrix.from(rows) for x and y, or new Classifier() / new Regressor(), whose fit takes arrays and labels' : `, got ${describeData(data)}`}`,
  );
}

function describeData(data: unknown): string {
  if (data === null || typeof data !== 'object') return String(data);
  const keys = Object.keys(data);
  return keys.length === 0 ? 'an empty object' : `an object with ${keys.slice(0, 5).join(', ')}`;
}

/** The optimiser as a config ({ kind, learningRate, ... }) or an Optimizer (with step); a name alone is told its form. */
function checkOptimizerOption(optimizer: unknown, call: string): void {
  if (typeof optimizer === 'string') {
    const kind = (OPTIMIZER_KINDS as readonly string[]).includes(optimizer) ? optimizer : 'adam';
    throw new UsageError(`${call}: optimizer is an object, not a name: write optimizer: { kind: '${kind}', learningRate: 0.01 }`);
  }
  if (typeof optimizer !== 'object' || optimizer === null) throw new UsageError(`${call}: optimizer must be { kind: 'sgd' | 'momentum' | 'adam', learningRate } or an Optimizer, got ${String(optimizer)}`);
  if (typeof (optimizer as { step?: unknown }).step === 'function') return;
  const { kind, learningRate } = optimizer as { kind?: unknown; learningRate?: unknown };
  if (kind === undefined) throw new UsageError(`${call}: optimizer needs a kind: { kind: 'sgd' | 'momentum' | 'adam', learningRate: ${typeof learningRate === 'number' ? learningRate : 0.01} }, or an Optimizer from createOptimizer`);
  if (typeof kind !== 'string' || !(OPTIMIZER_KINDS as readonly string[]).includes(kind)) throw new UsageError(`${call}: optimizer.kind: ${unknownNameMessage('optimizer', kind, OPTIMIZER_KINDS)}`);
}
