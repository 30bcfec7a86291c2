/**
 * The training loop as a generator of plain-data events: callers choose the pacing (the CLI
 * drains it, a Web Worker posts each event, a test just collects them). `fit` drains it.
 */
import { UsageError } from '../errors/usage-error.js';
import { countCorrect } from '../metrics.js';
import type { Mlp } from '../nn/mlp.js';
import { Random } from '../random.js';
import { TrainingDivergedError } from './errors.js';
import { absoluteErrorSum, defaultLossFor, evaluateSamples, inferTask, type Task } from './evaluate.js';
import { checkMlpArgument } from '../nn/model-argument.js';
import { checkTrainCall } from './train-option-checks.js';
import { toSampleSource, type LabelledMatrices, type SampleSource } from './sample-source.js';
import { checkSchedule, scheduledLearningRate } from './schedules.js';
import type { TrainOptions } from './train-options.js';
import { StepPlan } from './step-plan.js';
import { modelParameters } from './train-step.js';
import { EarlyStopping } from './early-stopping.js';
import { checkModelTrainingMemory, checkShapes, positiveInteger, resolveBatchSize, resolveOptimizer, splitValidation, validationFields } from './train-setup.js';
import { WeightSnapshot } from './weight-snapshot.js';

/** Emitted after every batch. */
export interface BatchEvent {
  readonly type: 'batch';
  /** 1-based epoch and batch. */
  readonly epoch: number;
  readonly batch: number;
  readonly batches: number;
  readonly rows: number;
  /** Mean loss of this batch (before its update). */
  readonly loss: number;
  /** Seconds since training started. */
  readonly elapsed: number;
}

/** Emitted after every epoch; its fields are the columns of history.csv. */
export interface EpochEvent {
  readonly type: 'epoch';
  readonly epoch: number;
  readonly epochs: number;
  /** Mean training loss over the epoch's batches, and the task's metric on them. */
  readonly loss: number;
  readonly accuracy?: number;
  readonly mae?: number;
  readonly validationLoss?: number;
  readonly validationAccuracy?: number;
  readonly validationMae?: number;
  readonly learningRate: number;
  readonly epochSeconds: number;
  readonly elapsed: number;
  readonly samplesPerSecond: number;
}

export type TrainEvent = BatchEvent | EpochEvent;

/** What a finished training did. */
export interface History {
  readonly task: Task;
  readonly epochs: EpochEvent[];
  /** 'aborted': an estimator's fit stopped by its AbortSignal (train itself never returns it; the history then holds the epochs run). */
  readonly stopReason: 'completed' | 'earlyStopping' | 'aborted';
  /** 1-based epoch whose weights the model holds when early stopping restored the best. */
  readonly bestEpoch: number | undefined;
  readonly seconds: number;
}

/**
 * Trains `model` on `data` (matrices x, y or a SampleSource), yielding events; returns the History.
 * Throws TrainingDivergedError (with weights restored) if the loss becomes NaN or infinite.
 */
export function* train(model: Mlp, data: SampleSource | LabelledMatrices, options: TrainOptions = {}): Generator<TrainEvent, History> {
  checkMlpArgument(model, 'train');
  checkTrainCall(data, options, 'train');
  const source = toSampleSource(data);
  checkShapes(model, source, 'training data');
  const loss = options.loss ?? defaultLossFor(model);
  const task = options.task ?? inferTask(model, loss);
  const { trainIndices, validation } = splitValidation(model, source, options);
  const trainCount = trainIndices.length;
  if (trainCount === 0) throw new UsageError('no training rows left after the validation split');
  const batchSize = resolveBatchSize(options.batchSize ?? 32, trainCount);
  const epochs = positiveInteger(options.epochs ?? 10, 'epochs');
  const random = options.random ?? new Random(options.seed ?? 0);
  const optimizer = resolveOptimizer(options);
  checkModelTrainingMemory(model, optimizer, batchSize, options);
  const initialRate = optimizer.learningRate;
  if (options.schedule !== undefined) checkSchedule(options.schedule);
  const parameters = modelParameters(model, options.updateBiases ?? true);
  const sampling = options.sampling ?? 'epoch';
  const batches = sampling === 'random' ? (options.stepsPerEpoch ?? Math.ceil(trainCount / batchSize)) : Math.ceil(trainCount / batchSize);
  const order = Uint32Array.from(trainIndices);
  // Plain SGD: each step's first-layer update also runs the next batch's first layer (one pass
  // over W per sample; for batches, the next batch is gathered while threads finish the update);
  // bit-identical to stepping apart. Only where batches are consecutive runs of `order`.
  const plan = new StepPlan(model, optimizer, parameters, {
    loss,
    outputGradient: options.outputGradient ?? 'exact',
    source,
    order,
    batchSize,
    lookahead: (options.lookahead ?? true) && sampling === 'epoch' && batches > 1,
  });
  const lastGood = new WeightSnapshot(model);
  const stopping = new EarlyStopping(model, options.earlyStopping, validation !== undefined);
  const history: EpochEvent[] = [];
  const start = performance.now();
  const seconds = () => (performance.now() - start) / 1000;

  for (let epoch = 1; epoch <= epochs; epoch++) {
    const epochStart = performance.now();
    optimizer.learningRate = options.schedule === undefined ? initialRate : scheduledLearningRate(options.schedule, initialRate, epoch - 1, epochs);
    if (sampling === 'epoch' && (options.shuffle ?? true)) random.shuffle(order);
    let lossSum = 0;
    let correct = 0;
    let absSum = 0;
    let seen = 0;
    plan.startEpoch();
    for (let batch = 1; batch <= batches; batch++) {
      let first = (batch - 1) * batchSize;
      if (sampling === 'random') {
        first = 0;
        for (let i = 0; i < batchSize; i++) order[i] = trainIndices[random.int(trainCount)]!;
      }
      const rows = Math.min(batchSize, order.length - first);
      const value = plan.step(first, rows, batch < batches);
      const buffers = plan.batch;
      if (!Number.isFinite(value)) {
        lastGood.restore(model);
        throw new TrainingDivergedError(epoch, batch, value, optimizer.learningRate, epoch - 1);
      }
      lossSum += value * rows;
      seen += rows;
      const yHat = buffers.A[buffers.A.length - 1]!;
      if (task === 'classification') correct += countCorrect(yHat, buffers.Y);
      else absSum += absoluteErrorSum(yHat.data, buffers.Y.data, yHat.size);
      if (options.batchEvents ?? true) {
        yield { type: 'batch', epoch, batch, batches, rows, loss: value, elapsed: seconds() };
      }
    }
    const metrics = task === 'classification' ? { accuracy: correct / seen } : { mae: absSum / (seen * model.outputSize) };
    const val = validation === undefined ? undefined : evaluateSamples(model, validation, { loss, task });
    const epochSeconds = (performance.now() - epochStart) / 1000;
    const event: EpochEvent = {
      type: 'epoch',
      epoch,
      epochs,
      loss: lossSum / seen,
      ...metrics,
      ...(val === undefined ? {} : validationFields(val)),
      learningRate: optimizer.learningRate,
      epochSeconds,
      elapsed: seconds(),
      samplesPerSecond: seen / Math.max(epochSeconds, 1e-9),
    };
    history.push(event);
    lastGood.capture(model);
    yield event;
    if (stopping.observe(epoch, event, model)) return finish('earlyStopping');
  }
  return finish('completed');

  function finish(stopReason: History['stopReason']): History {
    return { task, epochs: history, stopReason, bestEpoch: stopping.finish(model), seconds: seconds() };
  }
}

/** Trains to the end and returns the History; `onEvent` sees every event. */
export function fit(
  model: Mlp,
  data: SampleSource | LabelledMatrices,
  options: TrainOptions & { onEvent?: (event: TrainEvent) => void } = {},
): History {
  checkMlpArgument(model, 'fit');
  checkTrainCall(data, options, 'fit');
  // Without a listener, batch events would be made only to be dropped (per-sample steps take microseconds).
  const run = train(model, data, options.onEvent === undefined ? { ...options, batchEvents: false } : options);
  for (;;) {
    const next = run.next();
    if (next.done === true) return next.value;
    options.onEvent?.(next.value);
  }
}
