/**
 * The training loop, off the UI thread: pulls events from the library's `train()` generator in
 * slices of about 15 ms, and posts a snapshot (weights as a model file, losses, speed) after
 * each slice. The page draws only the latest snapshot, at most once per animation frame.
 */
import { evaluateDigits } from './digits-eval.js';
import { prepareJob, type PreparedJob } from './jobs.js';
import type { FromWorker, Job, ToWorker } from './protocol.js';
import { evaluateSamples, matrixSource, train, type History, type TrainEvent } from '../src/index.js';

/** The slice of the worker scope this file uses (the DOM lib types `self` as a window). */
const scope = globalThis as unknown as {
  postMessage(message: FromWorker): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
};

const SLICE_MS = 15;
/** Digits: evaluate on the test set after this many training samples. */
const DIGITS_EVAL_EVERY = 1000;

interface Session {
  readonly id: number;
  readonly kind: Job['kind'];
  readonly job: PreparedJob;
  readonly run: Generator<TrainEvent, History>;
  epoch: number;
  samples: number;
  /** Losses not yet posted. */
  trainLoss: number[];
  testLoss: number[];
  /** Whether the weights changed in a way the page must see (digits: after an evaluation). */
  modelDirty: boolean;
  lossSum: number;
  lossCount: number;
  sinceEval: number;
  testAccuracy?: number;
  mistakes?: ReturnType<typeof evaluateDigits>['mistakes'];
  speed: number;
  /** Seconds spent in training slices (evaluations included), for the speed. */
  busySeconds: number;
}

let session: Session | undefined;
let running = false;
let generation = 0;

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'configure') {
    running = false;
    const mine = ++generation;
    if (message.job.kind === 'digits') post({ type: 'status', text: 'loading 10,000 digits…' });
    prepareJob(message.job, message.model).then(
      (job) => {
        // The worker's wasm memory never shrinks: models it is done with give theirs back.
        if (mine !== generation) return job.model.dispose();
        const previous = session;
        session = start(message.id, message.job.kind, job);
        previous?.job.model.dispose();
        if (session.kind === 'digits') evaluate(session);
        snapshot(session);
      },
      (error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
  } else if (message.type === 'play') {
    if (!running) setTimeout(pump, 0);
    running = true;
  } else if (message.type === 'pause') {
    running = false;
    if (session !== undefined) snapshot(session);
  } else if (session !== undefined) {
    running = false;
    advance(session, session.kind === '2d' ? 1 : DIGITS_EVAL_EVERY);
    snapshot(session);
  }
};

function start(id: number, kind: Job['kind'], job: PreparedJob): Session {
  const run = train(job.model, job.train, { ...job.options, ...(kind === '2d' ? { validationData: job.test } : {}) });
  const session: Session = { id, kind, job, run, epoch: 0, samples: 0, trainLoss: [], testLoss: [], lossSum: 0, lossCount: 0, sinceEval: 0, speed: 0, busySeconds: 0, modelDirty: true };
  if (kind === '2d') {
    // Epoch 0: the losses of the starting weights, so curves start where training starts.
    const how = { loss: job.options.loss!, task: job.options.task! } as const;
    session.trainLoss.push(evaluateSamples(job.model, matrixSource(job.train), how).loss);
    session.testLoss.push(evaluateSamples(job.model, matrixSource(job.test), how).loss);
  }
  return session;
}

/** Trains for one slice, posts a snapshot, and schedules the next slice while playing. */
function pump(): void {
  if (!running || session === undefined) return;
  const current = session;
  const begin = performance.now();
  while (running && performance.now() - begin < SLICE_MS) advance(current, 1);
  // Speed over all slices so far: a single slice that ran a test evaluation would read far too low.
  current.busySeconds += (performance.now() - begin) / 1000;
  current.speed = current.samples / Math.max(current.busySeconds, 1e-6);
  snapshot(current);
  setTimeout(pump, 0);
}

/** Pulls `count` events: epochs (2-D) or single-sample steps (digits). */
function advance(current: Session, count: number): void {
  for (let i = 0; i < count; i++) {
    const next = current.run.next();
    if (next.done === true) {
      running = false;
      return;
    }
    const event = next.value;
    if (event.type === 'epoch') {
      current.epoch = event.epoch;
      if (current.kind === '2d') {
        current.samples += current.job.train.x.rows;
        current.trainLoss.push(event.loss);
        current.testLoss.push(event.validationLoss ?? Number.NaN);
      }
      continue;
    }
    current.samples += event.rows;
    current.lossSum += event.loss;
    current.lossCount++;
    if (++current.sinceEval >= DIGITS_EVAL_EVERY) evaluate(current);
  }
}

function evaluate(current: Session): void {
  const result = evaluateDigits(current.job.model, current.job.test, current.job.testDigits!);
  current.testAccuracy = result.accuracy;
  current.mistakes = result.mistakes;
  current.testLoss.push(result.loss);
  current.trainLoss.push(current.lossCount === 0 ? result.loss : current.lossSum / current.lossCount);
  current.lossSum = 0;
  current.lossCount = 0;
  current.sinceEval = 0;
  current.modelDirty = true;
}

function snapshot(current: Session): void {
  const withModel = current.kind === '2d' || current.modelDirty || !running;
  current.modelDirty = false;
  post({
    type: 'snapshot',
    id: current.id,
    kind: current.kind,
    backend: current.job.model.backend.name,
    ...(withModel ? { model: current.job.model.toJSON() } : {}),
    epoch: current.epoch,
    samples: current.samples,
    samplesPerSecond: current.speed,
    trainLoss: current.trainLoss.splice(0),
    testLoss: current.testLoss.splice(0),
    ...(current.testAccuracy === undefined ? {} : { testAccuracy: current.testAccuracy }),
    ...(current.mistakes === undefined ? {} : { mistakes: current.mistakes }),
    running,
  });
}

function post(message: FromWorker): void {
  scope.postMessage(message);
}

