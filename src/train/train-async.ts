/**
 * The training loop for backends whose results stay on a device (webgpu), and for any other:
 * the same steps as `train`, but nothing is read back per batch. Each step adds its batch's loss,
 * correct count and |error| into a 1 x 3 totals matrix on the backend
 * (Backend.accumulateBatchTotals); the loop reads the totals once per epoch (or every
 * `lossEvery` steps) and the weights once per epoch (for the divergence snapshot, early stopping
 * and so that the model can be saved or cloned on the host afterwards).
 *
 * Differences from `train`: batch events come only every `lossEvery` steps, with the mean loss
 * since the previous one; a diverging loss is noticed at those reads, not at its batch; no
 * lookahead (one-pass first-layer update), which is a CPU cache optimisation.
 */
import { UsageError } from '../errors/usage-error.js';
import type { Backend } from '../backend/backend.js';
import type { LossName } from '../math/losses.js';
import type { DType, Matrix } from '../matrix.js';
import type { Mlp } from '../nn/mlp.js';
import { Random } from '../random.js';
import { TrainingDivergedError } from './errors.js';
import { defaultLossFor, inferTask, type Evaluation, type Task } from './evaluate.js';
import { checkMlpArgument } from '../nn/model-argument.js';
import { checkTrainCall } from './train-option-checks.js';
import { toSampleSource, type LabelledMatrices, type SampleSource } from './sample-source.js';
import { scheduledLearningRate } from './schedules.js';
import type { TrainOptions } from './train-options.js';
import { StepPlan } from './step-plan.js';
import { modelParameters } from './train-step.js';
import type { BatchEvent, EpochEvent, History, TrainEvent } from './train.js';
import { EarlyStopping } from './early-stopping.js';
import { checkModelTrainingMemory, checkShapes, positiveInteger, resolveBatchSize, resolveOptimizer, splitValidation, validationFields } from './train-setup.js';
import { WeightSnapshot } from './weight-snapshot.js';

/** Options of `trainAsync`: those of `train`, and how often the loss is read back within an epoch. */
export interface AsyncTrainOptions extends TrainOptions {
  /** Read the loss back every this many steps and yield a batch event (default: at epoch ends only). */
  readonly lossEvery?: number;
}

/** Copies every weight and bias of `model` to the host (nothing to do on host-memory backends). */
export async function readWeights(model: Mlp): Promise<void> {
  for (const layer of model.layers) {
    await model.backend.read?.(layer.W);
    if (layer.b !== null) await model.backend.read?.(layer.b);
  }
}

/**
 * Trains `model` as `train` does, yielding events; returns the History. On a device backend every
 * batch stays on the device and losses are read back at most every `lossEvery` steps.
 */
export async function* trainAsync(model: Mlp, data: SampleSource | LabelledMatrices, options: AsyncTrainOptions = {}): AsyncGenerator<TrainEvent, History> {
  checkMlpArgument(model, 'trainAsync');
  checkTrainCall(data, options, 'trainAsync');
  const source = toSampleSource(data);
  checkShapes(model, source, 'training data');
  if (options.sampling === 'random') throw new UsageError('trainAsync draws batches epoch by epoch: sampling "random" is not available here (use train)');
  const loss = options.loss ?? defaultLossFor(model);
  const task = options.task ?? inferTask(model, loss);
  const { trainIndices, validation } = splitValidation(model, source, options);
  const trainCount = trainIndices.length;
  if (trainCount === 0) throw new UsageError('no training rows left after the validation split');
  const batchSize = resolveBatchSize(options.batchSize ?? 32, trainCount);
  const epochs = positiveInteger(options.epochs ?? 10, 'epochs');
  const lossEvery = options.lossEvery === undefined ? Infinity : positiveInteger(options.lossEvery, 'lossEvery');
  const random = options.random ?? new Random(options.seed ?? 0);
  const optimizer = resolveOptimizer(options);
  checkModelTrainingMemory(model, optimizer, batchSize, options);
  const initialRate = optimizer.learningRate;
  const parameters = modelParameters(model, options.updateBiases ?? true);
  const { backend } = model;
  const totals = backend.allocate(1, 3, totalsType(backend));
  const batches = Math.ceil(trainCount / batchSize);
  const order = Uint32Array.from(trainIndices);
  const plan = new StepPlan(model, optimizer, parameters, { loss, outputGradient: options.outputGradient ?? 'exact', totals, source, order, batchSize });
  await readWeights(model);
  const lastGood = new WeightSnapshot(model);
  const stopping = new EarlyStopping(model, options.earlyStopping, validation !== undefined);
  const history: EpochEvent[] = [];
  const start = performance.now();
  const seconds = () => (performance.now() - start) / 1000;
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const epochStart = performance.now();
      optimizer.learningRate = options.schedule === undefined ? initialRate : scheduledLearningRate(options.schedule, initialRate, epoch - 1, epochs);
      if (options.shuffle ?? true) random.shuffle(order);
      let read = { loss: 0, correct: 0, abs: 0 };
      let rowsSinceRead = 0;
      plan.startEpoch();
      for (let batch = 1; batch <= batches; batch++) {
        const first = (batch - 1) * batchSize;
        const rows = Math.min(batchSize, order.length - first);
        plan.step(first, rows, batch < batches);
        rowsSinceRead += rows;
        if (batch % lossEvery === 0 && batch < batches) {
          const now = await readTotals(backend, totals);
          const value = (now.loss - read.loss) / rowsSinceRead;
          await checkFinite(value, epoch, batch);
          read = now;
          rowsSinceRead = 0;
          const event: BatchEvent = { type: 'batch', epoch, batch, batches, rows, loss: value, elapsed: seconds() };
          yield event;
        }
      }
      const sums = await readTotals(backend, totals);
      totals.data.fill(0); // read back, so the host copy is current: the next step uploads the zeros
      const seen = trainCount;
      await checkFinite(sums.loss / seen, epoch, batches);
      await readWeights(model);
      const metrics = task === 'classification' ? { accuracy: sums.correct / seen } : { mae: sums.abs / (seen * model.outputSize) };
      const val = validation === undefined ? undefined : await evaluateAsync(model, validation, { loss, task });
      const epochSeconds = (performance.now() - epochStart) / 1000;
      const event: EpochEvent = {
        type: 'epoch',
        epoch,
        epochs,
        loss: sums.loss / seen,
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
  } finally {
    backend.release?.(totals);
  }

  async function checkFinite(value: number, epoch: number, batch: number): Promise<void> {
    if (Number.isFinite(value)) return;
    await readWeights(model); // host copies current, so that the restored ones are uploaded by the next step
    lastGood.restore(model);
    throw new TrainingDivergedError(epoch, batch, value, optimizer.learningRate, history.length);
  }

  function finish(stopReason: History['stopReason']): History {
    return { task, epochs: history, stopReason, bestEpoch: stopping.finish(model), seconds: seconds() };
  }
}

/**
 * Trains to the end with `trainAsync` and resolves with the History; `onEvent` sees every event.
 * A Promise it returns (an async callback) is awaited before training goes on, and its rejection
 * rejects fitAsync with that error.
 */
export async function fitAsync(
  model: Mlp,
  data: SampleSource | LabelledMatrices,
  options: AsyncTrainOptions & { onEvent?: (event: TrainEvent) => unknown } = {},
): Promise<History> {
  checkMlpArgument(model, 'fitAsync');
  checkTrainCall(data, options, 'fitAsync');
  const run = trainAsync(model, data, options);
  for (;;) {
    const next = await run.next();
    if (next.done === true) return next.value;
    await options.onEvent?.(next.value); // an async callback's rejection rejects fitAsync, never an unhandled rejection
  }
}

/**
 * Loss and metric of `model` on `source` (all rows, or `indices`), as evaluateSamples gives them,
 * with the sums kept on the backend and read back once.
 */
export async function evaluateAsync(
  model: Mlp,
  source: SampleSource | LabelledMatrices,
  options: { loss: LossName; task: Task; indices?: ArrayLike<number>; batchSize?: number },
): Promise<Evaluation> {
  checkMlpArgument(model, 'evaluateAsync');
  const samples = toSampleSource(source);
  const indices = options.indices ?? Uint32Array.from({ length: samples.count }, (_, i) => i);
  const total = indices.length;
  if (total === 0) return { loss: NaN };
  const capacity = Math.min(options.batchSize ?? 1024, total);
  const totals = model.backend.allocate(1, 3, totalsType(model.backend));
  try {
    for (let start = 0; start < total; start += capacity) {
      const buffers = model.buffers(Math.min(capacity, total - start), capacity);
      samples.fill(model.backend, indices, start, buffers.X, buffers.Y);
      model.backend.accumulateBatchTotals(options.loss, model.forward(buffers), buffers.Y, totals);
    }
    const sums = await readTotals(model.backend, totals);
    const loss = sums.loss / total;
    return options.task === 'classification' ? { loss, accuracy: sums.correct / total } : { loss, mae: sums.abs / (total * model.outputSize) };
  } finally {
    model.backend.release?.(totals);
  }
}

async function readTotals(backend: Backend, totals: Matrix): Promise<{ loss: number; correct: number; abs: number }> {
  const data = (await backend.read?.(totals)) ?? totals.data;
  return { loss: data[0]!, correct: data[1]!, abs: data[2]! };
}

/** Sums in float64 where the backend has it (then the host path adds exactly as `train` does). */
function totalsType(backend: Backend): DType {
  return backend.dtypes.includes('float64') ? 'float64' : 'float32';
}
