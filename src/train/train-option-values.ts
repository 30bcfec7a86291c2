/**
 * The types and forms of the values handed to `train`/`fit`/`trainAsync`/`fitAsync`, checked
 * before anything runs, so that a JavaScript caller's `shuffle: 'no'` (a true value), `sampling:
 * 'bogus'`, `schedule: 'cosine'` (a string where an object goes), `earlyStopping: true` or
 * `optimizer: { kind: 'adam', lr: 0.01 }` is refused with one line naming the option, instead of
 * training with something else than was asked. Ranges that depend on the data (validationSplit
 * against the row count) or belong to one setting (a schedule's gamma, an optimiser's rates) are
 * checked where they are used: validation-rows.ts, schedules.ts, optimizers.ts.
 */
import { unknownNameMessage } from '../errors/closest-name.js';
import { shown } from '../errors/shown.js';
import { UsageError } from '../errors/usage-error.js';
import { Random } from '../random.js';

/** What each option takes (TypeScript callers are checked already; these are for JavaScript ones). */
const VALUE_KINDS = {
  learningRate: 'number', epochs: 'number', stepsPerEpoch: 'integer', validationSplit: 'number', lossEvery: 'integer',
  seed: 'integer', shuffle: 'boolean', updateBiases: 'boolean', batchEvents: 'boolean', lookahead: 'boolean', onEvent: 'function',
} as const;

/** The options that take one of a few names. */
const NAMED: Readonly<Record<string, readonly string[]>> = {
  sampling: ['epoch', 'random'],
  task: ['classification', 'regression'],
  outputGradient: ['exact', 'rawErrorBackward'],
};

/** Each schedule kind's settings. */
const SCHEDULE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  constant: [],
  step: ['stepSize', 'gamma'],
  exponential: ['gamma'],
  cosine: ['minLearningRate', 'epochs'],
};

/** Each optimiser kind's settings (OptimizerConfig). */
const OPTIMIZER_FIELDS: Readonly<Record<string, readonly string[]>> = {
  sgd: ['learningRate', 'weightDecay', 'l1'],
  momentum: ['learningRate', 'momentum', 'nesterov', 'weightDecay', 'l1'],
  adam: ['learningRate', 'beta1', 'beta2', 'epsilon', 'weightDecay', 'l1'],
};

/** Other libraries' names of the optimiser's settings. */
const OPTIMIZER_ELSEWHERE: Readonly<Record<string, string>> = {
  lr: 'learningRate', learning_rate: 'learningRate', weight_decay: 'weightDecay', betas: 'beta1 and beta2', eps: 'epsilon', beta_1: 'beta1', beta_2: 'beta2',
};

const EARLY_STOPPING_FIELDS = ['patience', 'minDelta', 'restoreBestWeights', 'monitor'] as const;

/** Keras' names of early stopping's settings. */
const EARLY_STOPPING_ELSEWHERE: Readonly<Record<string, string>> = {
  min_delta: 'minDelta', restore_best_weights: 'restoreBestWeights', restoreBest: 'restoreBestWeights',
};

/** Refuses a value of the wrong type or form in `options` (an object whose option names are known), naming the option. */
export function checkTrainOptionValues(options: Readonly<Record<string, unknown>>, call: string): void {
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined) continue;
    const kind = VALUE_KINDS[name as keyof typeof VALUE_KINDS];
    if (kind !== undefined) checkKind(name, value, kind, call);
    const names = NAMED[name];
    if (names !== undefined && (typeof value !== 'string' || !names.includes(value))) throw new UsageError(`${call}: ${name}: ${unknownNameMessage(name, value, names)}`);
  }
  const { batchSize, random, earlyStopping, schedule, optimizer } = options;
  if (batchSize !== undefined && typeof batchSize !== 'number' && batchSize !== 'full') throw new UsageError(`${call}: batchSize must be a number of rows or 'full', got ${shown(batchSize)}`);
  if (random !== undefined && !(random instanceof Random)) throw new UsageError(`${call}: random must be a Random (new Random(seed)), got ${shown(random)}; or give seed instead`);
  if (earlyStopping !== undefined) checkEarlyStopping(earlyStopping, call);
  if (schedule !== undefined) checkScheduleForm(schedule, call);
  if (optimizer !== undefined && typeof optimizer === 'object' && optimizer !== null && typeof (optimizer as { step?: unknown }).step !== 'function') checkOptimizerFields(optimizer as Record<string, unknown>, call);
}

function checkKind(name: string, value: unknown, kind: (typeof VALUE_KINDS)[keyof typeof VALUE_KINDS], call: string): void {
  const ok = kind === 'integer' ? typeof value === 'number' && Number.isSafeInteger(value) : typeof value === kind;
  if (ok) return;
  const wanted = kind === 'integer' ? 'a whole number' : kind === 'function' ? 'a function' : `a ${kind}`;
  const hint = name === 'shuffle' && typeof value === 'string' ? ' (true or false: any string would count as true)' : '';
  throw new UsageError(`${call}: ${name} must be ${wanted}, got ${shown(value)}${hint}`);
}

/** `{ patience, minDelta?, restoreBestWeights?, monitor? }` with a whole patience of at least 1. */
function checkEarlyStopping(value: unknown, call: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const patience = typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : 5;
    throw new UsageError(`${call}: earlyStopping is an object: write earlyStopping: { patience: ${patience} } (epochs without improvement), got ${shown(value)}`);
  }
  const fields = value as Record<string, unknown>;
  for (const [key, setting] of Object.entries(fields)) {
    if (setting === undefined || (EARLY_STOPPING_FIELDS as readonly string[]).includes(key)) continue;
    const instead = EARLY_STOPPING_ELSEWHERE[key];
    throw new UsageError(`${call}: earlyStopping: ${instead === undefined ? unknownNameMessage('setting', key, EARLY_STOPPING_FIELDS) : `no setting "${key}": use ${instead}`}`);
  }
  const { patience, minDelta, restoreBestWeights, monitor } = fields;
  if (typeof patience !== 'number' || !Number.isInteger(patience) || patience < 1) throw new UsageError(`${call}: earlyStopping.patience must be a whole number of epochs of at least 1, got ${shown(patience)}`);
  if (minDelta !== undefined && (typeof minDelta !== 'number' || !Number.isFinite(minDelta) || minDelta < 0)) throw new UsageError(`${call}: earlyStopping.minDelta must be a number of 0 or more, got ${shown(minDelta)}`);
  if (restoreBestWeights !== undefined && typeof restoreBestWeights !== 'boolean') throw new UsageError(`${call}: earlyStopping.restoreBestWeights must be true or false, got ${shown(restoreBestWeights)}`);
  if (monitor !== undefined && monitor !== 'loss' && monitor !== 'validationLoss') {
    const keras = monitor === 'val_loss' ? ' (Keras\' val_loss is validationLoss here)' : '';
    throw new UsageError(`${call}: earlyStopping.monitor: ${unknownNameMessage('monitor', monitor, ['loss', 'validationLoss'])}${keras}`);
  }
}

/** A ScheduleConfig object of a known kind with only its own settings, each a number. */
function checkScheduleForm(value: unknown, call: string): void {
  if (typeof value === 'string') throw new UsageError(`${call}: schedule is an object, not text: write schedule: parseSchedule(${JSON.stringify(value)}) or, e.g., { kind: 'cosine' }`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${call}: schedule must be an object such as { kind: 'step', stepSize: 10, gamma: 0.5 }, got ${shown(value)}`);
  const fields = value as Record<string, unknown>;
  const kind = fields['kind'];
  const kinds = Object.keys(SCHEDULE_FIELDS);
  if (typeof kind !== 'string' || !kinds.includes(kind)) throw new UsageError(`${call}: schedule.kind: ${unknownNameMessage('schedule', kind, kinds)}`);
  const allowed = SCHEDULE_FIELDS[kind]!;
  for (const [key, setting] of Object.entries(fields)) {
    if (key === 'kind' || setting === undefined) continue;
    if (!allowed.includes(key)) throw new UsageError(`${call}: schedule ${kind}: ${allowed.length === 0 ? `takes no settings, got "${key}"` : unknownNameMessage('setting', key, allowed)}`);
    if (typeof setting !== 'number') throw new UsageError(`${call}: schedule.${key} must be a number, got ${shown(setting)}`);
  }
  if (fields['epochs'] !== undefined && !(Number.isInteger(fields['epochs']) && (fields['epochs'] as number) >= 1)) throw new UsageError(`${call}: schedule.epochs must be a whole number of at least 1, got ${shown(fields['epochs'])}`);
}

/** An OptimizerConfig (its kind already known good) with only its kind's settings: numbers, and nesterov true or false. */
function checkOptimizerFields(config: Readonly<Record<string, unknown>>, call: string): void {
  const allowed = OPTIMIZER_FIELDS[String(config['kind'])];
  if (allowed === undefined) return;
  for (const [key, value] of Object.entries(config)) {
    // A setting forwarded unset (undefined) is no setting.
    if (key === 'kind' || value === undefined) continue;
    if (!allowed.includes(key)) {
      const instead = OPTIMIZER_ELSEWHERE[key];
      const elsewhere = Object.entries(OPTIMIZER_FIELDS).find(([, fields]) => fields.includes(key))?.[0];
      const why = instead !== undefined ? `no setting "${key}": use ${instead}` : elsewhere !== undefined ? `"${key}" is a setting of kind '${elsewhere}', not of '${String(config['kind'])}'` : unknownNameMessage('setting', key, allowed);
      throw new UsageError(`${call}: optimizer ${String(config['kind'])}: ${why}`);
    }
    const ok = key === 'nesterov' ? typeof value === 'boolean' : typeof value === 'number';
    if (!ok) throw new UsageError(`${call}: optimizer.${key} must be ${key === 'nesterov' ? 'true or false' : 'a number'}, got ${shown(value)}`);
  }
}
